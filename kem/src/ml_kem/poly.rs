//! Polynomial operations written once over [`Lanes`]: the NTT layers that cross units,
//! sums of products, and the byte encodings of whole polynomials.
//!
//! Everything is `#[inline(always)]`: each backend's entry point (compiled with its target
//! features) inlines the generic code, so the backend's operations inline into it.

use super::arith::{INV_NTT_SCALE, MONT_SQ, ZETAS};
use super::lanes::Lanes;

/// Forward NTT (FIPS 203 Algorithm 9), output Barrett-reduced. Input coefficients in
/// `(-q, q)`.
#[inline(always)]
pub(crate) fn ntt<V: Lanes>(p: &mut V::Poly) {
    let u = p.as_mut();
    let units_log = u.len().trailing_zeros();
    // Layers of length 128 down to N: butterflies between whole units. Counts are powers
    // of two handled as shifts (no division, even where a loop is not unrolled).
    let n_log = V::N.trailing_zeros();
    let mut log = 7; // log2 of the layer length in coefficients
    while log >= n_log {
        let span = 1 << (log - n_log); // half-block length, in units
        let first = 128 >> log;
        for b in 0..1usize << (units_log - (log - n_log) - 1) {
            let zeta = ZETAS[first + b];
            let base = b << (log - n_log + 1);
            for i in base..base + span {
                let t = u[i + span].mul_const(zeta);
                u[i + span] = u[i].sub(t);
                u[i] = u[i].add(t);
            }
        }
        log -= 1;
    }
    for (i, x) in u.iter_mut().enumerate() {
        *x = x.ntt_within(i);
    }
}

/// Inverse NTT (FIPS 203 Algorithm 10) with the Montgomery factor of a preceding base-case
/// multiplication removed (`invntt_tomont` of the reference implementation).
#[inline(always)]
pub(crate) fn inv_ntt<V: Lanes>(p: &mut V::Poly) {
    let u = p.as_mut();
    for (i, x) in u.iter_mut().enumerate() {
        *x = x.inv_ntt_within(i);
    }
    let units_log = u.len().trailing_zeros();
    let n_log = V::N.trailing_zeros();
    let mut log = n_log; // log2 of the layer length in coefficients
    while log <= 7 {
        let span = 1 << (log - n_log);
        let first = (256 >> log) - 1;
        for b in 0..1usize << (units_log - (log - n_log) - 1) {
            let zeta = ZETAS[first - b];
            let base = b << (log - n_log + 1);
            for i in base..base + span {
                let t = u[i];
                u[i] = t.add(u[i + span]).reduce();
                u[i + span] = u[i + span].sub(t).mul_const(zeta);
            }
        }
        log += 1;
    }
    for x in u.iter_mut() {
        *x = x.mul_const(INV_NTT_SCALE);
    }
}

/// `sum_i a[i] * b[i]` in the NTT domain, Barrett-reduced, with a factor `2^-16`.
#[inline(always)]
pub(crate) fn dot<V: Lanes>(a: &[V::Poly], b: &[V::Poly]) -> V::Poly {
    let mut r = V::zero_poly();
    for (pa, pb) in a.iter().zip(b) {
        let acc = r.as_mut().iter_mut();
        for (i, ((x, ya), yb)) in acc.zip(pa.as_ref()).zip(pb.as_ref()).enumerate() {
            *x = x.add(ya.base_mul(*yb, i));
        }
    }
    for x in r.as_mut() {
        *x = x.reduce();
    }
    r
}

/// `a += b` lane-wise.
#[inline(always)]
pub(crate) fn add_assign<V: Lanes>(a: &mut V::Poly, b: &V::Poly) {
    for (x, y) in a.as_mut().iter_mut().zip(b.as_ref()) {
        *x = x.add(*y);
    }
}

/// `a - b` lane-wise.
#[inline(always)]
pub(crate) fn sub<V: Lanes>(a: &V::Poly, b: &V::Poly) -> V::Poly {
    let mut r = *a;
    for (x, y) in r.as_mut().iter_mut().zip(b.as_ref()) {
        *x = x.sub(*y);
    }
    r
}

/// Barrett-reduces every coefficient.
#[inline(always)]
pub(crate) fn reduce<V: Lanes>(a: &mut V::Poly) {
    for x in a.as_mut() {
        *x = x.reduce();
    }
}

/// Multiplies by `2^32 mod q` in Montgomery arithmetic: cancels the `2^-16` of [`dot`] and
/// puts the result in the plain domain, reduced.
#[inline(always)]
pub(crate) fn to_mont<V: Lanes>(a: &mut V::Poly) {
    for x in a.as_mut() {
        *x = x.mul_const(MONT_SQ);
    }
}

/// Loads 256 coefficients. (Offsets by multiplication: a `zip` with `chunks_exact(N)`
/// computes its length with a `div` wherever the zip is not inlined.)
#[inline(always)]
pub(crate) fn from_coeffs<V: Lanes>(c: &[i16; 256]) -> V::Poly {
    let mut p = V::zero_poly();
    for (i, x) in p.as_mut().iter_mut().enumerate() {
        *x = V::load(&c[i * V::N..(i + 1) * V::N]);
    }
    p
}

/// Stores 256 coefficients.
#[inline(always)]
pub(crate) fn to_coeffs<V: Lanes>(p: &V::Poly, out: &mut [i16; 256]) {
    for (i, x) in p.as_ref().iter().enumerate() {
        x.store(&mut out[i * V::N..(i + 1) * V::N]);
    }
}

/// `ByteEncode_d(Compress_d(p))` of a reduced polynomial (`Compress_12` is the identity on
/// canonical coefficients): `32 * d` bytes.
#[inline(always)]
pub(crate) fn compress_encode<V: Lanes>(p: &V::Poly, d: u32, out: &mut [u8]) {
    // Offsets by multiplication: `chunks_exact(step)` divides by a step that is not a power
    // of two, which stays a `div` at opt-level s/z.
    let step = (V::N * d as usize) >> 3;
    for (i, x) in p.as_ref().iter().enumerate() {
        let o = &mut out[i * step..(i + 1) * step];
        let x = x.to_unsigned();
        let x = if d == 12 { x } else { x.compress(d) };
        x.encode(d, o);
    }
}

/// `Decompress_d(ByteDecode_d(bytes))`, or for `d = 12` `ByteDecode_12` (mod q).
#[inline(always)]
pub(crate) fn decode_decompress<V: Lanes>(bytes: &[u8], d: u32) -> V::Poly {
    let step = (V::N * d as usize) >> 3;
    let mut p = V::zero_poly();
    for (i, x) in p.as_mut().iter_mut().enumerate() {
        let y = V::decode(d, &bytes[i * step..(i + 1) * step]);
        *x = if d == 12 {
            y.cond_sub_q()
        } else {
            y.decompress(d)
        };
    }
    p
}
