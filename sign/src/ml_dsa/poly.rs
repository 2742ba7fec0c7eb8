//! Polynomial operations written once over [`Lanes`]: the NTT layers that cross units,
//! lane-wise maps over whole polynomials, norm checks and the bit packings.
//!
//! Everything is `#[inline(always)]`: each backend's entry point (compiled with its target
//! features) inlines the generic code, so the backend's operations inline into it.

use super::arith::{INV_NTT_SCALE, INV_NTT_SCALE_ZETA, ZETAS};
use super::lanes::Lanes;

/// Forward NTT (FIPS 204 Algorithm 41). Input coefficients below q in absolute value;
/// output below 9q (no reduction, as in the reference implementation). The backend's
/// [`Lanes::ntt_poly`]: [`ntt_generic`] unless it has a whole-polynomial form.
#[inline(always)]
pub(crate) fn ntt<V: Lanes>(p: &mut V::Poly) {
    V::ntt_poly(p);
}

/// [`ntt`] written over [`Lanes`]: the layers across units, then [`Lanes::ntt_within`].
#[inline(always)]
pub(crate) fn ntt_generic<V: Lanes>(p: &mut V::Poly) {
    let u = p.as_mut();
    let units_log = u.len().trailing_zeros();
    let n_log = V::N.trailing_zeros();
    // Layers of length 128 down to N: butterflies between whole units. Counts are powers
    // of two handled as shifts (no division, even where a loop is not unrolled).
    let mut log = 7; // log2 of the layer length in coefficients
    while log >= n_log {
        let span = 1 << (log - n_log); // half-block length, in units
        let first = 128 >> log;
        for b in 0..1usize << (units_log - (log - n_log) - 1) {
            let zeta = ZETAS[first + b];
            let base = b << (log - n_log + 1);
            for i in base..base + span {
                let t = u[i + span].mont_mul_const(zeta);
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

/// Inverse NTT (FIPS 204 Algorithm 42) times `2^32` (`invntt_tomont` of the reference
/// implementation): cancels the `2^-32` of a preceding Montgomery product. Input
/// coefficients below q in absolute value; output below q. The backend's
/// [`Lanes::inv_ntt_poly`]: [`inv_ntt_generic`] unless it has a whole-polynomial form.
#[inline(always)]
pub(crate) fn inv_ntt<V: Lanes>(p: &mut V::Poly) {
    V::inv_ntt_poly(p);
}

/// [`inv_ntt`] written over [`Lanes`]: [`Lanes::inv_ntt_within`], then the layers across
/// units.
#[inline(always)]
pub(crate) fn inv_ntt_generic<V: Lanes>(p: &mut V::Poly) {
    let u = p.as_mut();
    for (i, x) in u.iter_mut().enumerate() {
        *x = x.inv_ntt_within(i);
    }
    let units_log = u.len().trailing_zeros();
    let n_log = V::N.trailing_zeros();
    let mut log = n_log; // log2 of the layer length in coefficients
    // Every layer but the last (length 128), which also scales.
    while log <= 6 {
        let span = 1 << (log - n_log);
        let first = (256 >> log) - 1;
        for b in 0..1usize << (units_log - (log - n_log) - 1) {
            let zeta = ZETAS[first - b];
            let base = b << (log - n_log + 1);
            for i in base..base + span {
                let t = u[i];
                u[i] = t.add(u[i + span]);
                u[i + span] = u[i + span].sub(t).mont_mul_const(zeta);
            }
        }
        log += 1;
    }
    // Length 128 with the scaling by `INV_NTT_SCALE` folded in: the lower half's sums times
    // it, the upper half's differences times `ζ` and it at once (the reference
    // implementation's last layer). The sums stay below `256 q < 2^31` in absolute value.
    let (lo, hi) = u.split_at_mut(u.len() >> 1);
    for (x, y) in lo.iter_mut().zip(hi) {
        let t = *x;
        *x = t.add(*y).mont_mul_const(INV_NTT_SCALE);
        *y = y.sub(t).mont_mul_const(INV_NTT_SCALE_ZETA);
    }
}

/// `a ∘ b` (NTT domain) with a factor `2^-32`.
#[inline(always)]
pub(crate) fn pointwise<V: Lanes>(a: &V::Poly, b: &V::Poly) -> V::Poly {
    let mut r = V::zero_poly();
    pointwise_into::<V>(&mut r, a, b);
    r
}

/// `acc += a ∘ b` (NTT domain) with a factor `2^-32`.
#[inline(always)]
pub(crate) fn pointwise_acc<V: Lanes>(acc: &mut V::Poly, a: &V::Poly, b: &V::Poly) {
    for ((x, y), z) in acc.as_mut().iter_mut().zip(a.as_ref()).zip(b.as_ref()) {
        *x = x.add(y.mont_mul(*z));
    }
}

/// `Σ_j a_j ∘ b_j` (NTT domain, factor `2^-32`), `a` a row of a held matrix read from
/// memory as coefficients, `b` a vector of forward NTT outputs: unit by unit, the products
/// summed exactly in 64-bit lanes in registers ([`Lanes::mul_acc`]) and Montgomery-reduced
/// once per coefficient ([`Lanes::wide_reduce`]), not once per product as
/// [`pointwise_acc`] does. The result is in `(-q, q)` and congruent mod q to
/// [`pointwise_acc`] over the row from zero (a sum of `L` values in `(-q, q)`), not the
/// same representative: callers reduce it (`reduce32`, the inverse NTT, `caddq` into
/// `[0, q)`), which maps both to the same coefficients.
///
/// Inputs in range, as [`Lanes::wide_reduce`] requires: the entries of `a` in `[0, q)`
/// (`RejNTTPoly`'s), those of `b` below `9q` in absolute value ([`ntt`]'s output on
/// inputs below q), `L <= 7` (checked at compile time): each product is below `2^50` and
/// the sum below `2^53 < 2^31 q`.
#[inline(always)]
pub(crate) fn row_dot_coeffs<V: Lanes, const L: usize>(
    a: &[[i32; 256]; L],
    b: &[V::Poly; L],
    out: &mut V::Poly,
) {
    const { assert!(L <= 7, "the lazy sum's bound holds for at most 7 products") };
    for (u, x) in out.as_mut().iter_mut().enumerate() {
        let at = u * V::N;
        let mut s = V::wide_zero();
        for (a, b) in a.iter().zip(b) {
            s = V::mul_acc(s, V::load(&a[at..at + V::N]), b.as_ref()[u]);
        }
        *x = V::wide_reduce(s);
    }
}

/// `acc += Σ_k a_k ∘ b_k` (NTT domain, factor `2^-32`) over at most 7 pairs, the products
/// summed lazily as in [`row_dot_coeffs`] (the same input ranges: entries of `a` in
/// `[0, q)`, of `b` below `9q` in absolute value): `acc` gains one value in `(-q, q)` per
/// coefficient, congruent mod q to what [`pointwise_acc`] of each pair would add.
#[inline(always)]
pub(crate) fn dot_acc<V: Lanes>(acc: &mut V::Poly, a: &[V::Poly], b: &[V::Poly]) {
    debug_assert!(a.len() <= 7 && a.len() == b.len());
    for (u, x) in acc.as_mut().iter_mut().enumerate() {
        let mut s = V::wide_zero();
        for (a, b) in a.iter().zip(b) {
            s = V::mul_acc(s, a.as_ref()[u], b.as_ref()[u]);
        }
        *x = x.add(V::wide_reduce(s));
    }
}

/// Applies `f` to every unit.
#[inline(always)]
pub(crate) fn map<V: Lanes>(a: &mut V::Poly, f: impl Fn(V) -> V) {
    for x in a.as_mut() {
        *x = f(*x);
    }
}

/// `a = f(a, b)` unit by unit.
#[inline(always)]
pub(crate) fn zip<V: Lanes>(a: &mut V::Poly, b: &V::Poly, f: impl Fn(V, V) -> V) {
    for (x, y) in a.as_mut().iter_mut().zip(b.as_ref()) {
        *x = f(*x, *y);
    }
}

/// 1 if some coefficient has `|x| >= bound`, else 0; no early exit.
#[inline(always)]
pub(crate) fn exceeds<V: Lanes>(a: &V::Poly, bound: i32) -> u32 {
    a.as_ref().iter().fold(0, |acc, x| acc | x.exceeds(bound))
}

/// Packs `offset - x` for every coefficient (`offset = 0`: `x` itself) in `d` bits:
/// `32 d` bytes. The values must lie in `[0, 2^d)`.
#[inline(always)]
pub(crate) fn pack<V: Lanes>(a: &V::Poly, offset: i32, d: u32, out: &mut [u8]) {
    // Offsets by multiplication: `chunks_exact(step)` divides by a step that is not a power
    // of two, which stays a `div` at opt-level s/z.
    let step = (V::N * d as usize) >> 3;
    let off = V::splat(offset);
    for (i, x) in a.as_ref().iter().enumerate() {
        let v = if offset == 0 { *x } else { off.sub(*x) };
        v.encode(d, &mut out[i * step..(i + 1) * step]);
    }
}

/// Unpacks `32 d` bytes of `d`-bit values `v` into `offset - v` (`offset = 0`: `v`).
#[inline(always)]
pub(crate) fn unpack<V: Lanes>(bytes: &[u8], offset: i32, d: u32) -> V::Poly {
    let mut p = V::zero_poly();
    unpack_into::<V>(bytes, offset, d, &mut p);
    p
}

/// [`unpack`] into `out` (no zeroed temporary to copy out of: the signing loop's form).
#[inline(always)]
pub(crate) fn unpack_into<V: Lanes>(bytes: &[u8], offset: i32, d: u32, out: &mut V::Poly) {
    let step = (V::N * d as usize) >> 3;
    let off = V::splat(offset);
    for (i, x) in out.as_mut().iter_mut().enumerate() {
        let v = V::decode(d, &bytes[i * step..(i + 1) * step]);
        *x = if offset == 0 { v } else { off.sub(v) };
    }
}

/// `out = a ∘ b` (NTT domain) with a factor `2^-32`: [`pointwise`] into `out`.
#[inline(always)]
pub(crate) fn pointwise_into<V: Lanes>(out: &mut V::Poly, a: &V::Poly, b: &V::Poly) {
    for ((x, y), z) in out.as_mut().iter_mut().zip(a.as_ref()).zip(b.as_ref()) {
        *x = y.mont_mul(*z);
    }
}

/// Loads 256 coefficients.
#[inline(always)]
pub(crate) fn from_coeffs<V: Lanes>(c: &[i32; 256]) -> V::Poly {
    let mut p = V::zero_poly();
    // By splitting, as in `pointwise_acc_coeffs`.
    let mut rest = &c[..];
    for x in p.as_mut() {
        let (unit, r) = rest.split_at(V::N);
        *x = V::load(unit);
        rest = r;
    }
    p
}

/// Stores 256 coefficients.
#[inline(always)]
pub(crate) fn to_coeffs<V: Lanes>(p: &V::Poly, out: &mut [i32; 256]) {
    // By splitting, as in `pointwise_acc_coeffs`.
    let mut rest = &mut out[..];
    for x in p.as_ref() {
        let (unit, r) = rest.split_at_mut(V::N);
        x.store(unit);
        rest = r;
    }
}

/// Puts unit `u`'s lanes of a hint polynomial (`bits`: lane `l` in bit `l`, each 0 or 1)
/// into the 256-bit mask `words`, 32 coefficients a word.
#[inline(always)]
pub(crate) fn put_unit_bits<V: Lanes>(words: &mut [u32; 8], u: usize, bits: u32) {
    // N divides 32, so each unit lands in one word.
    let per_word_log = 5 - V::N.trailing_zeros();
    words[u >> per_word_log] |= bits << ((u & ((1 << per_word_log) - 1)) * V::N);
}

/// Overwrites polynomials with zeros, past the optimizer.
#[inline(always)]
pub(crate) fn wipe<V: Lanes>(polys: &mut [V::Poly]) {
    for p in polys.iter_mut() {
        *p = V::zero_poly();
    }
    core::hint::black_box(&mut *polys);
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::super::arith::{Q, mont_mul};
    use super::super::lanes::portable::Portable;
    use super::*;

    /// NTT, pointwise product and inverse NTT against schoolbook multiplication in
    /// `Z_q[X]/(X^256 + 1)`.
    #[test]
    fn ntt_multiplies() {
        let mut a = [0i32; 256];
        let mut b = [0i32; 256];
        let mut s = 12345u32;
        for (x, y) in a.iter_mut().zip(b.iter_mut()) {
            s = s.wrapping_mul(1_103_515_245).wrapping_add(12345);
            *x = (s >> 8) as i32 % Q - Q / 2;
            s = s.wrapping_mul(1_103_515_245).wrapping_add(12345);
            *y = (s >> 8) as i32 % 9 - 4;
        }
        let mut want = [0i64; 256];
        for i in 0..256 {
            for j in 0..256 {
                let p = i64::from(a[i]) * i64::from(b[j]);
                if i + j < 256 {
                    want[i + j] += p;
                } else {
                    want[i + j - 256] -= p;
                }
            }
        }
        let mut pa = from_coeffs::<Portable>(&a);
        let mut pb = from_coeffs::<Portable>(&b);
        ntt::<Portable>(&mut pa);
        ntt::<Portable>(&mut pb);
        let mut r = pointwise::<Portable>(&pa, &pb);
        map::<Portable>(&mut r, Portable::reduce32);
        inv_ntt::<Portable>(&mut r);
        let mut got = [0i32; 256];
        to_coeffs::<Portable>(&r, &mut got);
        for (g, w) in got.iter().zip(want) {
            assert_eq!(
                i64::from(*g).rem_euclid(i64::from(Q)),
                w.rem_euclid(i64::from(Q))
            );
        }
        let _ = mont_mul(1, 1);
    }

    /// The lazy row product (and the streamed matrix's lazy runs) against `pointwise_acc`
    /// over the row from zero: congruent mod q, in `(-q, q)` (each run's sum), on matrix
    /// entries in `[0, q)` (random and all `q - 1`) times NTT outputs of inputs below q
    /// (random and all `±(q - 1)`).
    #[test]
    fn row_dot_coeffs_matches_pointwise_acc() {
        const L: usize = 7;
        let mut s = 777u32;
        let mut next = move || {
            s = s.wrapping_mul(1_103_515_245).wrapping_add(12345);
            s >> 1
        };
        for round in 0..6 {
            let mut a = [[0i32; 256]; L];
            let mut v = [Portable::zero_poly(); L];
            for (a, v) in a.iter_mut().zip(v.iter_mut()) {
                let mut c = [0i32; 256];
                for (x, y) in a.iter_mut().zip(c.iter_mut()) {
                    (*x, *y) = match round {
                        0 => (Q - 1, Q - 1),
                        1 => (Q - 1, -(Q - 1)),
                        _ => (
                            (next() % Q as u32) as i32,
                            (next() % (2 * Q as u32 - 1)) as i32 - (Q - 1),
                        ),
                    };
                }
                *v = from_coeffs::<Portable>(&c);
                ntt::<Portable>(v);
            }
            let mut got = Portable::zero_poly();
            row_dot_coeffs::<Portable, L>(&a, &v, &mut got);
            let mut want = Portable::zero_poly();
            for (a, v) in a.iter().zip(&v) {
                pointwise_acc::<Portable>(&mut want, &from_coeffs::<Portable>(a), v);
            }
            // The streamed matrix's form: runs of 4 and 3 entries.
            let a_polys = a.map(|a| from_coeffs::<Portable>(&a));
            let mut runs = Portable::zero_poly();
            dot_acc::<Portable>(&mut runs, &a_polys[..4], &v[..4]);
            dot_acc::<Portable>(&mut runs, &a_polys[4..], &v[4..]);
            let (mut g, mut w, mut r) = ([0i32; 256], [0i32; 256], [0i32; 256]);
            to_coeffs::<Portable>(&got, &mut g);
            to_coeffs::<Portable>(&want, &mut w);
            to_coeffs::<Portable>(&runs, &mut r);
            for ((g, w), r) in g.iter().zip(w).zip(r) {
                assert!(-Q < *g && *g < Q, "round {round}: {g}");
                assert_eq!((g - w).rem_euclid(Q), 0, "round {round}");
                assert!(-2 * Q < r && r < 2 * Q, "round {round}: {r}");
                assert_eq!((r - w).rem_euclid(Q), 0, "round {round}");
            }
        }
    }
}
