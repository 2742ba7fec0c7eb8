//! Mamori's key-encapsulation mechanisms.
//!
//! | type | standard | ek / dk / ciphertext (bytes) | CRYPTREC |
//! |---|---|---|---|
//! | [`MlKem512`] | NIST FIPS 203 | 800 / 1632 / 768 | not listed |
//! | [`MlKem768`] | NIST FIPS 203 | 1184 / 2400 / 1088 | e-Government Recommended |
//! | [`MlKem1024`] | NIST FIPS 203 | 1568 / 3168 / 1568 | e-Government Recommended |
//!
//! Each implements Mamori's [`Kem`](mamori_primitives::Kem) trait (slice API, misuse as
//! `Err`) and has a typed API in its module ([`ml_kem_768`] and so on). [`Portable`]`<A>` is
//! parameter set `A` pinned to the portable backend. See [`ml_kem`].
#![no_std]

#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "alloc")]
extern crate alloc;

pub mod ml_kem;

pub use ml_kem::{
    MlKem512, MlKem768, MlKem1024, Portable, SharedSecret, ml_kem_512, ml_kem_768, ml_kem_1024,
};
