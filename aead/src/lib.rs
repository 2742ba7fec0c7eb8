//! Mamori's authenticated ciphers.
//!
//! | type | standard | key / nonce / tag (bytes) |
//! |---|---|---|
//! | [`AsconAead128`] | NIST SP 800-232 §4 | 16 / 16 / 16 |
//!
//! Each implements Mamori's [`Aead`](mamori_primitives::Aead) trait (slice API, misuse as
//! `Err`) and RustCrypto's `aead` 0.6 `KeyInit` + `AeadInOut`, plus a typed inherent API.
//! Decryption failure zeroes the buffer and returns an opaque error.
//!
//! ```
//! use mamori_aead::AsconAead128;
//! let cipher = AsconAead128::new(&[7u8; 16]);
//! let nonce = [1u8; 16];
//! let mut buf = *b"attack at dawn";
//! let tag = cipher.seal_in_place_detached(&nonce, b"header", &mut buf);
//! cipher.open_in_place_detached(&nonce, b"header", &mut buf, &tag).unwrap();
//! assert_eq!(&buf, b"attack at dawn");
//! ```
#![no_std]

#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "alloc")]
extern crate alloc;

pub mod aegis256;
pub mod aes_family;
pub mod ascon_aead128;
pub mod rocca_s;

pub use aegis256::{Aegis256, Aegis256T256};
pub use aes_family::AesAead;
pub use ascon_aead128::AsconAead128;
pub use rocca_s::RoccaS;
