//! The trait layer every Mamori algorithm implements, one trait per family.
//!
//! The traits are slice-based with lengths as associated constants: a wrong length is an
//! [`InputError`](crate::InputError), never a panic, and nothing is written when an input is
//! rejected. Typed, fixed-size APIs come from the RustCrypto traits (`aead`, `digest`, ...)
//! that every algorithm implements as well.

mod aead;
mod cipher;
mod hash;
mod kem;
mod signature;

pub use aead::Aead;
pub use cipher::{BlockCipher, StreamCipher};
pub use hash::{Hash, Xof, XofReader};
pub use kem::{Decode, Encode, Kem};
pub use signature::SignatureScheme;
