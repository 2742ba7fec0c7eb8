//! Ascon, as standardised in NIST SP 800-232 (August 2025).
//!
//! * [`permutation`]: the Ascon-p\[12\] / p\[8\] permutation over a 320-bit state, reused by
//!   every Ascon mode (Ascon-AEAD128 lives in `mamori-aead`).
//! * [`hash`]: Ascon-Hash256 (§5.1), Ascon-XOF128 (§5.2) and Ascon-CXOF128 (§5.3).
//! * [`lanes`]: the state representation the modes are written against: 64-bit words, or
//!   bit-interleaved 32-bit halves on 32-bit CPUs.
//!
//! SP 800-232 fixes the byte order as little-endian: 8 bytes load into a 64-bit word with
//! [`u64::from_le_bytes`], and padding appends the byte `0x01`.
//!
//! Everything here is constant time by construction: the permutation is bitsliced
//! (AND/OR/XOR/NOT and fixed rotations only), and lengths, which are public, are the only
//! values any branch or index depends on.

pub mod hash;
pub mod lanes;
pub mod permutation;

pub use hash::{AsconCxof128, AsconHash256, AsconXof128, AsconXofReader};
pub use lanes::Lanes;
pub use permutation::State;
