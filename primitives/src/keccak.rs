//! Keccak (FIPS 202): the Keccak-f\[1600\] permutation and the SHA-3 functions built on it,
//! SHA3-256, SHA3-384, SHA3-512, SHAKE128 and SHAKE256.
//!
//! * [`permutation`]: Keccak-f\[1600\] on 25 64-bit lanes, portable constant-time Rust (no
//!   table indexed by data, no branch on data), and [`permutation::Sponge`], the sponge
//!   ML-KEM and ML-DSA drive block by block.
//! * [`x4`]: four permutations side by side ([`KeccakX4`]: portable, AVX2, AVX-512VL) and
//!   [`SpongeX4`], four sponges in lockstep, for sampling four polynomials at a time, and
//!   [`hash_x4`], up to four one-shot hashes of messages of different lengths.
//! * [`sha3`]: the hash and XOF types, with Mamori's [`Hash`](crate::Hash) /
//!   [`Xof`](crate::Xof) traits and RustCrypto's `digest` 0.11 traits.

pub mod permutation;
pub mod sha3;
pub mod x4;

pub use permutation::{Sponge, keccak_f1600};
pub use sha3::{Sha3_256, Sha3_384, Sha3_512, Shake128, Shake256, ShakeReader};
#[cfg(target_arch = "x86_64")]
pub use x4::{Avx2X4, Avx512X4, FastestX4};
pub use x4::{KeccakX4, PortableX4, SpongeX4, StateX4, hash_x4};
