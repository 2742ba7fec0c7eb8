//! Scalar arithmetic modulo q = 3329 and the NTT twiddle factors (FIPS 203 §4.3).
//!
//! Coefficients are `i16`. Products are reduced with Montgomery reduction (R = 2^16) and
//! sums with Barrett reduction; compression divides by q with a multiply and a shift. No
//! operation here branches on, indexes by, or divides by its input (KyberSlash).

/// The modulus q.
pub(crate) const Q: i16 = 3329;
/// q^-1 mod 2^16, as a signed 16-bit value.
pub(crate) const QINV: i16 = -3327;
/// 2^32 mod q: Montgomery-multiplying by it converts to Montgomery form.
pub(crate) const MONT_SQ: i16 = 1353;
/// 2^32 / 128 mod q (centred): the last step of the inverse NTT, `mont^2 / 128`.
pub(crate) const INV_NTT_SCALE: i16 = 1441;
/// floor(2^26 / q + 1/2): Barrett's constant.
const BARRETT_V: i32 = ((1 << 26) + Q as i32 / 2) / Q as i32;

/// Montgomery reduction: `a * 2^-16 mod q`, in `(-q, q)` for `|a| < q * 2^15`.
#[inline(always)]
pub(crate) const fn montgomery_reduce(a: i32) -> i16 {
    let t = (a as i16).wrapping_mul(QINV);
    ((a - t as i32 * Q as i32) >> 16) as i16
}

/// `a * b * 2^-16 mod q`.
#[inline(always)]
pub(crate) const fn fqmul(a: i16, b: i16) -> i16 {
    montgomery_reduce(a as i32 * b as i32)
}

/// The centred representative of `a mod q`, in `[-(q-1)/2, (q-1)/2]`.
#[inline(always)]
pub(crate) const fn barrett_reduce(a: i16) -> i16 {
    let t = ((BARRETT_V * a as i32 + (1 << 25)) >> 26) as i16;
    a.wrapping_sub(t.wrapping_mul(Q))
}

/// Maps `a` in `(-q, q)` to `[0, q)` with a mask, not a branch.
#[inline(always)]
pub(crate) const fn to_unsigned(a: i16) -> i16 {
    a + ((a >> 15) & Q)
}

/// Subtracts q from `a` in `[0, 2^12)` if `a >= q`, with a mask: `a mod q` for the 12-bit
/// values of FIPS 203 `ByteDecode_12`.
#[inline(always)]
pub(crate) const fn cond_sub_q(a: i16) -> i16 {
    let t = a - Q;
    t + ((t >> 15) & Q)
}

/// Multiplier for dividing by q: `floor(n * DIV_Q_M >> DIV_Q_S) == floor(n / q)` for every
/// `n < 2^23` (checked exhaustively over the range compression uses by a unit test).
const DIV_Q_S: u32 = 35;
const DIV_Q_M: u64 = (1u64 << DIV_Q_S).div_ceil(Q as u64);

/// FIPS 203 `Compress_d(x) = round(2^d / q * x) mod 2^d` for `x` in `[0, q)`, `d <= 11`.
#[inline(always)]
pub(crate) const fn compress(x: i16, d: u32) -> i16 {
    let n = ((x as u32) << d) + (Q as u32 / 2);
    (((n as u64 * DIV_Q_M) >> DIV_Q_S) as u32 & ((1 << d) - 1)) as i16
}

/// FIPS 203 `Decompress_d(y) = round(q / 2^d * y)` for `y` in `[0, 2^d)`.
#[inline(always)]
pub(crate) const fn decompress(y: i16, d: u32) -> i16 {
    ((y as u32 * Q as u32 + (1 << (d - 1))) >> d) as i16
}

const fn bit_reverse7(i: usize) -> usize {
    let mut r = 0;
    let mut b = 0;
    while b < 7 {
        r |= ((i >> b) & 1) << (6 - b);
        b += 1;
    }
    r
}

/// `ZETAS[i] = 17^BitRev7(i) * 2^16 mod q`, centred: the twiddle factors of the NTT in
/// Montgomery form, in the order the layers consume them (FIPS 203 Appendix A, times R).
pub(crate) const ZETAS: [i16; 128] = {
    let mut out = [0i16; 128];
    let mut i = 0;
    while i < 128 {
        let mut z: i64 = 1;
        let mut e = 0;
        while e < bit_reverse7(i) {
            z = z * 17 % Q as i64;
            e += 1;
        }
        let mut m = (z << 16) % Q as i64;
        if m > Q as i64 / 2 {
            m -= Q as i64;
        }
        out[i] = m as i16;
        i += 1;
    }
    out
};

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(a: i64) -> i64 {
        a.rem_euclid(i64::from(Q))
    }

    #[test]
    fn zetas_match_reference_table() {
        // The Montgomery-form table of the Kyber reference implementation (round 3),
        // first entries and last; FIPS 203 Appendix A lists the same values divided by R.
        assert_eq!(ZETAS[..8], [-1044, -758, -359, -1517, 1493, 1422, 287, 202]);
        assert_eq!(ZETAS[124..], [958, -1460, 1522, 1628]);
        // FIPS 203 Appendix A: 17^BitRev7(i) mod q, plain.
        let plain = |i: usize| canonical(i64::from(fqmul(ZETAS[i], 1)));
        assert_eq!(
            [plain(0), plain(1), plain(2), plain(3)],
            [1, 1729, 2580, 3289]
        );
    }

    #[test]
    fn reductions() {
        for a in i16::MIN..=i16::MAX {
            let b = barrett_reduce(a);
            assert_eq!(canonical(b.into()), canonical(a.into()));
            assert!(i32::from(b).abs() <= i32::from(Q) / 2);
        }
        let bound = i32::from(Q) << 15;
        for a in [-bound + 1, -12345678, -1, 0, 1, 98765432, bound - 1] {
            let r = montgomery_reduce(a);
            assert!(i32::from(r).abs() < i32::from(Q));
            assert_eq!(canonical(i64::from(r) << 16), canonical(a.into()));
        }
        for a in -Q + 1..Q {
            assert_eq!(i64::from(to_unsigned(a)), canonical(a.into()));
        }
        for a in 0..4096 {
            assert_eq!(i64::from(cond_sub_q(a)), canonical(a.into()));
        }
    }

    #[test]
    fn compression_is_exact() {
        for d in 1..=11u32 {
            for x in 0..Q {
                let exact = ((u64::from(x as u16) << d) * 2 + Q as u64) / (2 * Q as u64);
                assert_eq!(compress(x, d) as u64, exact % (1 << d), "x {x} d {d}");
            }
            for y in 0..(1i16 << d) {
                let exact = (2 * y as u64 * Q as u64 + (1 << d)) / (2 << d);
                assert_eq!(decompress(y, d) as u64, exact, "y {y} d {d}");
            }
        }
    }
}
