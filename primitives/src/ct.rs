//! Constant-time helpers, built on [`subtle`].
//!
//! Rules every Mamori algorithm follows (and the valgrind gate in `kat/ct` checks):
//! no branch, memory index, loop bound or division that depends on secret data. Secret
//! comparisons go through [`subtle`]; the only way to turn a secret-derived [`Choice`] into
//! a `bool` that code may branch on is [`declassify`], which marks the point where a value
//! becomes public by design (for example "the tag verified").

pub use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};

#[cfg(mamori_ctgrind)]
pub mod valgrind;

/// Compares two byte strings in constant time (time depends only on the lengths, which are
/// public). Unequal lengths compare unequal.
#[inline]
#[must_use]
pub fn eq(a: &[u8], b: &[u8]) -> Choice {
    a.ct_eq(b)
}

/// Declassifies a secret-derived [`Choice`]: the result is public from here on.
///
/// This is the single place where secret-dependent control flow is allowed to begin, so that
/// every such place is named and greppable. In normal builds it is `bool::from`; in the
/// constant-time gate build (`--cfg mamori_ctgrind`) it also tells valgrind that the value is
/// now defined, so the gate flags every *other* secret-dependent branch.
#[inline(always)]
#[must_use]
pub fn declassify(c: Choice) -> bool {
    #[cfg(mamori_ctgrind)]
    {
        let mut v = c.unwrap_u8();
        valgrind::declassify(core::slice::from_mut(&mut v));
        v != 0
    }
    #[cfg(not(mamori_ctgrind))]
    {
        bool::from(c)
    }
}

/// Declares `bytes` public from here on: a value computed from secrets that the algorithm
/// publishes by design (ML-KEM's seed ρ, which key generation hashes out of the secret seed
/// and puts in the encapsulation key). A no-op in normal builds; in the constant-time gate
/// build it tells valgrind the bytes are defined, so branching on them is not reported.
#[inline(always)]
pub fn declassify_bytes(bytes: &[u8]) {
    #[cfg(mamori_ctgrind)]
    valgrind::declassify(bytes);
    let _ = bytes;
}

/// Declassifies a secret-derived byte that code then indexes or counts with (a rejection
/// sampler's acceptance mask: which candidates were rejected is public by design). In
/// normal builds the identity. Prefer this to [`declassify_bytes`] on an immutable local:
/// the compiler may keep using the value it already holds in a register, which the gate
/// still sees as secret; here the byte is a mutable copy, read back after the request.
#[inline(always)]
#[must_use]
pub fn declassify_u8(v: u8) -> u8 {
    #[cfg(mamori_ctgrind)]
    {
        let mut v = v;
        valgrind::declassify(core::slice::from_mut(&mut v));
        v
    }
    #[cfg(not(mamori_ctgrind))]
    {
        v
    }
}

/// Sets every byte of `buf` to zero if `wipe` is set, in constant time.
#[inline]
pub fn conditional_wipe(buf: &mut [u8], wipe: Choice) {
    let keep = u8::conditional_select(&0xff, &0, wipe);
    for b in buf {
        *b &= keep;
    }
}

/// Zeroes `bytes` for good: one ordinary (vectorized) fill, then the buffer goes through
/// an optimization barrier the compiler must assume reads it, so the stores cannot be
/// dropped as dead (the `explicit_bzero` pattern: memset plus a barrier).
///
/// For the short-lived scratch of a hot path (padded blocks, computed tags): `zeroize` on
/// a byte array writes one volatile byte at a time, which for a 128-byte batch tag buffer
/// cost about 170 cycles, more than sealing a 64-byte packet. Long-lived secrets (keys)
/// still use `zeroize`.
#[inline]
pub fn wipe(bytes: &mut [u8]) {
    bytes.fill(0);
    core::hint::black_box(&mut *bytes);
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eq_and_declassify() {
        assert!(declassify(eq(b"abc", b"abc")));
        assert!(!declassify(eq(b"abc", b"abd")));
        assert!(!declassify(eq(b"abc", b"ab")));
    }

    #[test]
    fn wipe_only_when_asked() {
        let mut a = [1u8, 2, 3];
        conditional_wipe(&mut a, Choice::from(0));
        assert_eq!(a, [1, 2, 3]);
        conditional_wipe(&mut a, Choice::from(1));
        assert_eq!(a, [0, 0, 0]);
    }

    #[test]
    fn wipe_zeroes() {
        let mut a = [7u8; 45];
        wipe(&mut a[3..]);
        assert_eq!(a[..3], [7, 7, 7]);
        assert!(a[3..].iter().all(|&x| x == 0));
    }
}
