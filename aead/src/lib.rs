//! Mamori's authenticated ciphers.
//!
//! | type | standard | key / nonce / tag (bytes) |
//! |---|---|---|
//! | [`AsconAead128`] | NIST SP 800-232 §4 | 16 / 16 / 16 |
//! | [`RoccaS`] | IETF draft-nakano-rocca-s-05 | 32 / 16 / 32 |
//! | [`Aegis256`] | IRTF draft-irtf-cfrg-aegis-aead-18 | 32 / 32 / 16 |
//! | [`Aegis256T256`] | IRTF draft-irtf-cfrg-aegis-aead-18 | 32 / 32 / 32 |
//!
//! Rocca-S and AEGIS-256 are written once over the AES round of
//! `mamori_primitives::aes_round` ([`aes_family`]) and pick their backend when the key is
//! set up: AES-NI, else the portable bitsliced round. Their batch API
//! ([`AesAead::seal_batch`], [`AesAead::open_batch`]) runs independent messages side by
//! side in the lanes of VAES-256 (2) or VAES-512 (4) registers; each output is the
//! ordinary single-message result.
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
//!
//! use mamori_aead::{RoccaS, rocca_s::Message};
//! let key = RoccaS::new(&[9u8; 32]);
//! let (mut a, mut b) = (*b"packet one", *b"second, longer packet");
//! let (mut ta, mut tb) = ([0u8; 32], [0u8; 32]);
//! let mut batch = [
//!     Message { key: &key, nonce: &[1; 16], ad: b"hdr", buffer: &mut a, tag: &mut ta },
//!     Message { key: &key, nonce: &[2; 16], ad: b"", buffer: &mut b, tag: &mut tb },
//! ];
//! key.seal_batch(&mut batch).unwrap();
//! let mut one = *b"packet one";
//! let mut tag = [0u8; 32];
//! key.seal(&[1; 16], b"hdr", &mut one, &mut tag).unwrap();
//! assert_eq!((one, tag), (a, ta));
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
