//! Scalar arithmetic mod q = 8380417 (FIPS 204 §7.4-7.5): Montgomery and Barrett-like
//! reduction, the NTT twiddle factors, and the rounding functions `Power2Round`,
//! `Decompose`, `MakeHint` and `UseHint`.
//!
//! Everything here is branch-free and division-free in its data: `Decompose` divides by
//! `2 γ2` with the multiply-shift formulas of the reference implementation (a division
//! there is a timing leak on most CPUs; see RustCrypto's 2026 advisory), `Power2Round`
//! uses shifts, selections use sign masks.

/// The modulus q = 2^23 - 2^13 + 1.
pub(crate) const Q: i32 = 8_380_417;
/// `q^-1 mod 2^32`.
const QINV: i32 = 58_728_449;
/// Dropped bits of t (FIPS 204 Table 1).
pub(crate) const D: u32 = 13;
/// `2^64 / 256 mod q`: the last step of the inverse NTT (`mont^2 / 256`), which also
/// removes the `2^-32` of a preceding Montgomery product.
pub(crate) const INV_NTT_SCALE: i32 = 41_978;

/// γ2 = (q - 1) / 88 (ML-DSA-44).
pub(crate) const GAMMA2_88: i32 = (Q - 1) / 88;
/// γ2 = (q - 1) / 32 (ML-DSA-65 and ML-DSA-87).
pub(crate) const GAMMA2_32: i32 = (Q - 1) / 32;

/// `a * b mod q` for the table below (compile time only).
const fn mul_mod(a: u64, b: u64) -> u64 {
    a * b % Q as u64
}

/// `ζ^brv8(i) * 2^32 mod q` for the primitive 512th root of unity ζ = 1753, centred in
/// `(-q/2, q/2]`: the reference implementation's table, recomputed from FIPS 204 §7.5
/// rather than copied (entry 0 is unused).
const fn zetas() -> [i32; 256] {
    let mont = (1u64 << 32) % Q as u64;
    let mut t = [0i32; 256];
    let mut i = 0;
    while i < 256 {
        let mut e = (i as u8).reverse_bits();
        let mut base = 1753u64;
        let mut acc = 1u64;
        while e > 0 {
            if e & 1 == 1 {
                acc = mul_mod(acc, base);
            }
            base = mul_mod(base, base);
            e >>= 1;
        }
        let z = mul_mod(acc, mont) as i32;
        t[i] = if z > Q / 2 { z - Q } else { z };
        i += 1;
    }
    t
}

/// The NTT twiddle factors in Montgomery form, in bit-reversed order.
pub(crate) const ZETAS: [i32; 256] = zetas();

/// `ZETAS[1] * INV_NTT_SCALE * 2^-32 mod q`: the last inverse layer's twiddle with the
/// final scaling folded in (the upper half's two Montgomery products in one).
pub(crate) const INV_NTT_SCALE_ZETA: i32 = {
    let a = ZETAS[1] as i64 * INV_NTT_SCALE as i64;
    let t = (a as i32).wrapping_mul(QINV);
    ((a - t as i64 * Q as i64) >> 32) as i32
};

/// Montgomery reduction: for `|a| < 2^31 q`, returns `a * 2^-32 mod q` in `(-q, q)`.
#[inline(always)]
pub(crate) fn montgomery_reduce(a: i64) -> i32 {
    let t = (a as i32).wrapping_mul(QINV);
    ((a - i64::from(t) * i64::from(Q)) >> 32) as i32
}

/// `a * b * 2^-32 mod q`.
#[inline(always)]
pub(crate) fn mont_mul(a: i32, b: i32) -> i32 {
    montgomery_reduce(i64::from(a) * i64::from(b))
}

/// For `a <= 2^31 - 2^22 - 1`, a representative of `a mod q` in `[-6283008, 6283008]`.
#[inline(always)]
pub(crate) fn reduce32(a: i32) -> i32 {
    let t = a.wrapping_add(1 << 22) >> 23;
    a.wrapping_sub(t.wrapping_mul(Q))
}

/// Adds q to a negative value: `(-q, q)` to `[0, q)`.
#[inline(always)]
pub(crate) fn caddq(a: i32) -> i32 {
    a.wrapping_add((a >> 31) & Q)
}

/// `Power2Round` (FIPS 204 Algorithm 35) of `a` in `[0, q)`: `(a1, a0)` with
/// `a = a1 2^d + a0`, `a0` in `(-2^12, 2^12]`.
#[inline(always)]
pub(crate) fn power2round(a: i32) -> (i32, i32) {
    let a1 = (a + (1 << (D - 1)) - 1) >> D;
    (a1, a - (a1 << D))
}

/// `Decompose` (FIPS 204 Algorithm 36) of `a` in `[0, q)`: `(a1, a0)` with
/// `a = a1 2 γ2 + a0 mod q`, `a0` in `(-γ2, γ2]` (and the `a1 = (q - 1) / (2 γ2)` case
/// folded to `a1 = 0`, `a0 - 1`). No division: `a1` is `ceil(a / 128)` times a
/// fixed-point reciprocal of `2 γ2 / 128`, as in the reference implementation.
#[inline(always)]
pub(crate) fn decompose(a: i32, gamma2: i32) -> (i32, i32) {
    let mut a1 = (a + 127) >> 7;
    if gamma2 == GAMMA2_32 {
        // 2 γ2 / 128 = 4092 = 2^22 / 1025 (approximately); a1 in [0, 16], 16 folds to 0.
        a1 = (a1 * 1025 + (1 << 21)) >> 22;
        a1 &= 15;
    } else {
        // 2 γ2 / 128 = 1488 = 2^24 / 11275 (approximately); a1 in [0, 44], 44 folds to 0.
        a1 = (a1 * 11275 + (1 << 23)) >> 24;
        a1 ^= ((43 - a1) >> 31) & a1;
    }
    let mut a0 = a - a1 * 2 * gamma2;
    a0 -= (((Q - 1) / 2 - a0) >> 31) & Q;
    (a1, a0)
}

/// `1` if `x != 0`, else `0`.
#[inline(always)]
fn nonzero(x: i32) -> i32 {
    ((x | x.wrapping_neg()) as u32 >> 31) as i32
}

/// `MakeHint` in the reference form: `a0` is the low part `w0 - cs2 + ct0` and `a1` the
/// high part `w1`; the hint is 1 iff adding `-ct0` changes the high bits, that is iff
/// `a0 > γ2`, `a0 < -γ2`, or `a0 = -γ2` with `a1 != 0`.
#[inline(always)]
pub(crate) fn make_hint(a0: i32, a1: i32, gamma2: i32) -> i32 {
    let above = ((gamma2 - a0) as u32 >> 31) as i32;
    let below = ((a0 + gamma2) as u32 >> 31) as i32;
    let at_minus = 1 ^ nonzero(a0 + gamma2);
    above | below | (at_minus & nonzero(a1))
}

/// `UseHint` (FIPS 204 Algorithm 40) of `a` in `[0, q)` with hint bit `h` (0 or 1).
#[inline(always)]
pub(crate) fn use_hint(a: i32, h: i32, gamma2: i32) -> i32 {
    let (a1, a0) = decompose(a, gamma2);
    // +1 if a0 > 0, else -1; times the hint.
    let positive = (a0.wrapping_neg() as u32 >> 31) as i32;
    let delta = h * (2 * positive - 1);
    let r = a1 + delta;
    if gamma2 == GAMMA2_32 {
        r & 15
    } else {
        // m = 44: -1 wraps to 43, 44 to 0.
        let r = r + ((r >> 31) & 44);
        r - (((43 - r) >> 31) & 44)
    }
}

/// `|a| >= bound` as 1 or 0, for `a` in `(-2^31, 2^31)` (reference `chknorm`, without its
/// early exit and without revealing the sign).
#[inline(always)]
pub(crate) fn exceeds(a: i32, bound: i32) -> i32 {
    let abs = a - ((a >> 31) & a.wrapping_mul(2));
    (((bound - 1).wrapping_sub(abs)) as u32 >> 31) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decompose against its definition (FIPS 204 Algorithm 36, with division), all of
    /// `[0, q)` for both γ2.
    #[test]
    fn decompose_matches_definition() {
        for gamma2 in [GAMMA2_32, GAMMA2_88] {
            for a in 0..Q {
                let mut r0 = a % (2 * gamma2);
                if r0 > gamma2 {
                    r0 -= 2 * gamma2;
                }
                let (r1, r0) = if a - r0 == Q - 1 {
                    (0, r0 - 1)
                } else {
                    ((a - r0) / (2 * gamma2), r0)
                };
                assert_eq!(decompose(a, gamma2), (r1, r0), "a = {a}, gamma2 = {gamma2}");
            }
        }
    }

    #[test]
    fn use_hint_matches_definition() {
        for gamma2 in [GAMMA2_32, GAMMA2_88] {
            let m = (Q - 1) / (2 * gamma2);
            for a in (0..Q).step_by(97).chain(Q - 300..Q) {
                let (r1, r0) = decompose(a, gamma2);
                assert_eq!(use_hint(a, 0, gamma2), r1);
                let want = if r0 > 0 {
                    (r1 + 1) % m
                } else {
                    (r1 - 1 + m) % m
                };
                assert_eq!(use_hint(a, 1, gamma2), want, "a = {a}");
            }
        }
    }

    #[test]
    fn power2round_splits() {
        for a in (0..Q).step_by(31).chain(Q - 100..Q) {
            let (a1, a0) = power2round(a);
            assert_eq!(a1 * (1 << D) + a0, a);
            assert!(-(1 << 12) < a0 && a0 <= 1 << 12);
        }
    }

    #[test]
    fn reductions() {
        for a in [
            -(1i64 << 31) * i64::from(Q) + 1,
            -5,
            0,
            7,
            (1i64 << 31) * i64::from(Q) - 1,
        ] {
            let r = montgomery_reduce(a);
            assert!(r.abs() < Q);
            assert_eq!(
                (i64::from(r) << 32).rem_euclid(i64::from(Q)),
                a.rem_euclid(i64::from(Q))
            );
        }
        for a in [i32::MIN, -Q, -1, 0, 1, Q, i32::MAX - (1 << 22)] {
            let r = reduce32(a);
            assert!(r.abs() <= 6_283_008);
            assert_eq!(
                i64::from(r).rem_euclid(i64::from(Q)),
                i64::from(a).rem_euclid(i64::from(Q))
            );
        }
        assert_eq!(ZETAS[1], 25847);
        assert_eq!(ZETAS[255], 1_976_782);
        for (a, b, want) in [(0, 5, 0), (4, 5, 0), (5, 5, 1), (-5, 5, 1), (-4, 5, 0)] {
            assert_eq!(exceeds(a, b), want);
        }
    }
}
