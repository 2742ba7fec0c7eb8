//! Mamori's foundation: the trait layer every algorithm implements, the metadata it
//! carries, one error model, constant-time helpers, and shared building blocks.
//!
//! * The traits (module [`traits`]): [`Aead`], [`Kem`], [`SignatureScheme`], [`BlockCipher`],
//!   [`StreamCipher`], [`Hash`], [`Xof`]: slice-based, lengths as associated constants,
//!   misuse reported as [`InputError`], never a panic.
//! * Metadata (module [`info`]): [`AlgorithmInfo`] (name, family, standard, security, sizes, CRYPTREC status)
//!   and [`Backend`], through the [`Algorithm`] trait.
//! * Errors (module [`error`]): the opaque [`CryptoError`], the misuse enum [`InputError`], and their sum
//!   [`Error`].
//! * Constant time (module [`ct`]): constant-time comparison and selection on [`subtle`], and [`ct::declassify`],
//!   the one named place where secret-derived values become public.
//! * Ascon (module [`ascon`]): the Ascon permutation and Ascon-Hash256 / XOF128 / CXOF128 (NIST SP 800-232).
//! * Keccak (module [`keccak`]): Keccak-f\[1600\], its sponge, and SHA3-256/384/512,
//!   SHAKE128/256 (FIPS 202).
//!
//! `no_std`, no `alloc`: the `alloc` and `std` features add nothing to the core API.
//! Every algorithm also implements the RustCrypto trait of its kind (here `digest` 0.11).
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "alloc")]
extern crate alloc;

pub mod aes_round;
pub mod ascon;
pub mod ct;
pub mod error;
pub mod info;
pub mod keccak;
pub mod traits;

pub use error::{CryptoError, Error, InputError, Param};
pub use info::{Algorithm, AlgorithmInfo, Backend, Cryptrec, Family, Security, Size, Standard};
pub use traits::{
    Aead, BlockCipher, Decode, Encode, Hash, Kem, SignatureScheme, StreamCipher, Xof, XofReader,
};

/// Re-exports for implementers of the RustCrypto traits in other Mamori crates.
pub mod reexport {
    pub use aead;
    pub use digest;
    pub use hybrid_array;
    pub use rand_core;
    pub use subtle;
    pub use zeroize;
}
