//! Mamori's signature schemes.
//!
//! | type | standard | pk / sk / signature (bytes) | CRYPTREC |
//! |---|---|---|---|
//! | [`MlDsa44`] | NIST FIPS 204 | 1312 / 2560 / 2420 | not listed |
//! | [`MlDsa65`] | NIST FIPS 204 | 1952 / 4032 / 3309 | not listed |
//! | [`MlDsa87`] | NIST FIPS 204 | 2592 / 4896 / 4627 | not listed |
//!
//! Each implements Mamori's [`SignatureScheme`](mamori_primitives::SignatureScheme) trait
//! (slice API, external interface, misuse as `Err`) and has a typed API in its module
//! ([`ml_dsa_65`] and so on) with the internal, external-μ and pre-hash interfaces. See
//! [`ml_dsa`].
#![no_std]

#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "alloc")]
extern crate alloc;

pub mod ml_dsa;

pub use ml_dsa::{MlDsa44, MlDsa65, MlDsa87, PreHash, PreHashed, ml_dsa_44, ml_dsa_65, ml_dsa_87};
