//! The portable backend: 8 `i32` lanes in plain Rust, no `unsafe`. Always available; what
//! `no_std` and Cortex-M builds run. Loops over fixed-size arrays, which the compiler
//! unrolls or auto-vectorises.

use super::super::arith;
use super::{Lanes, scalar};

/// Eight coefficients.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Portable(pub(crate) [i32; 8]);

impl Portable {
    #[inline(always)]
    fn map(self, f: impl Fn(i32) -> i32) -> Self {
        Self(self.0.map(f))
    }

    #[inline(always)]
    fn zip(self, o: Self, f: impl Fn(i32, i32) -> i32) -> Self {
        let mut r = self.0;
        for (x, y) in r.iter_mut().zip(o.0) {
            *x = f(*x, y);
        }
        Self(r)
    }

    #[inline(always)]
    fn unzip(self, f: impl Fn(i32) -> (i32, i32)) -> (Self, Self) {
        let (mut a, mut b) = ([0; 8], [0; 8]);
        for ((x, a), b) in self.0.iter().zip(&mut a).zip(&mut b) {
            (*a, *b) = f(*x);
        }
        (Self(a), Self(b))
    }
}

impl Lanes for Portable {
    const N: usize = 8;
    type Poly = [Portable; 32];
    type MatrixGroup = [[Portable; 32]; 0];
    type Wide = [i64; 8];

    #[inline(always)]
    fn zero_poly() -> Self::Poly {
        [Portable([0; 8]); 32]
    }
    #[inline(always)]
    fn zero_matrix_group() -> Self::MatrixGroup {
        []
    }
    #[inline(always)]
    fn splat(x: i32) -> Self {
        Self([x; 8])
    }
    #[inline(always)]
    fn load(c: &[i32]) -> Self {
        let mut r = [0; 8];
        r.copy_from_slice(c);
        Self(r)
    }
    #[inline(always)]
    fn store(self, out: &mut [i32]) {
        out.copy_from_slice(&self.0);
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        self.zip(o, i32::wrapping_add)
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        self.zip(o, i32::wrapping_sub)
    }
    #[inline(always)]
    fn shl(self, s: u32) -> Self {
        self.map(|x| x << s)
    }
    #[inline(always)]
    fn sra(self, s: u32) -> Self {
        self.map(|x| x >> s)
    }
    #[inline(always)]
    fn mont_mul(self, o: Self) -> Self {
        self.zip(o, arith::mont_mul)
    }
    #[inline(always)]
    fn mont_mul_const(self, c: i32) -> Self {
        self.map(|x| arith::mont_mul(x, c))
    }
    #[inline(always)]
    fn wide_zero() -> Self::Wide {
        [0; 8]
    }
    #[inline(always)]
    fn mul_acc(mut acc: Self::Wide, a: Self, b: Self) -> Self::Wide {
        for ((t, x), y) in acc.iter_mut().zip(a.0).zip(b.0) {
            *t = t.wrapping_add(i64::from(x) * i64::from(y));
        }
        acc
    }
    #[inline(always)]
    fn wide_reduce(acc: Self::Wide) -> Self {
        Self(acc.map(arith::montgomery_reduce))
    }
    #[inline(always)]
    fn reduce32(self) -> Self {
        self.map(arith::reduce32)
    }
    #[inline(always)]
    fn caddq(self) -> Self {
        self.map(arith::caddq)
    }
    #[inline(always)]
    fn ntt_within(mut self, unit: usize) -> Self {
        scalar::ntt_within(&mut self.0, unit);
        self
    }
    #[inline(always)]
    fn inv_ntt_within(mut self, unit: usize) -> Self {
        scalar::inv_ntt_within(&mut self.0, unit);
        self
    }
    #[inline(always)]
    fn power2round(self) -> (Self, Self) {
        self.unzip(arith::power2round)
    }
    #[inline(always)]
    fn decompose(self, gamma2: i32) -> (Self, Self) {
        self.unzip(|x| arith::decompose(x, gamma2))
    }
    #[inline(always)]
    fn make_hint(a0: Self, a1: Self, gamma2: i32) -> Self {
        a0.zip(a1, |x, y| arith::make_hint(x, y, gamma2))
    }
    #[inline(always)]
    fn use_hint(self, h: Self, gamma2: i32) -> Self {
        self.zip(h, |x, h| arith::use_hint(x, h, gamma2))
    }
    #[inline(always)]
    fn exceeds(self, bound: i32) -> u32 {
        self.0
            .iter()
            .fold(0, |acc, &x| acc | arith::exceeds(x, bound) as u32)
    }
    #[inline(always)]
    fn sum(self) -> i32 {
        self.0.iter().sum()
    }
    #[inline(always)]
    fn bits(self) -> u32 {
        self.0
            .iter()
            .enumerate()
            .fold(0, |acc, (i, &x)| acc | ((x as u32 & 1) << i))
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::arith::{Q, mont_mul};
    use super::*;

    /// `wide_reduce` of `mul_acc` sums of up to 7 products (matrix entries in `[0, q)`
    /// times NTT outputs below `9q` in absolute value, random and extreme) against the
    /// exact sum in `i128`: congruent to `Σ a b 2^-32` mod q, in `(-q, q)`, and congruent
    /// to the sum of per-product Montgomery products.
    #[test]
    fn mul_acc_wide_reduce_match_exact_sum() {
        let mut s = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 32) as u32
        };
        let (q, b_max) = (Q as u32, 9 * Q - 1);
        for round in 0..20_000 {
            let terms = round % 8;
            let mut a = [[0i32; 8]; 7];
            let mut b = [[0i32; 8]; 7];
            for (x, y) in a.iter_mut().zip(b.iter_mut()) {
                for (x, y) in x.iter_mut().zip(y.iter_mut()) {
                    (*x, *y) = match round % 5 {
                        // The extremes: q - 1 times ±(9q - 1).
                        0 => (Q - 1, if next() & 1 == 0 { b_max } else { -b_max }),
                        1 => (Q - 1, b_max),
                        2 => (Q - 1, -b_max),
                        _ => ((next() % q) as i32, (next() % (18 * q - 1)) as i32 - b_max),
                    };
                }
            }
            let mut w = Portable::wide_zero();
            for (x, y) in a.iter().zip(&b).take(terms) {
                w = Portable::mul_acc(w, Portable(*x), Portable(*y));
            }
            let got = Portable::wide_reduce(w).0;
            for (lane, g) in got.iter().enumerate() {
                let (mut exact, mut per_product) = (0i128, 0i64);
                for (x, y) in a.iter().zip(&b).take(terms) {
                    exact += i128::from(x[lane]) * i128::from(y[lane]);
                    per_product += i64::from(mont_mul(x[lane], y[lane]));
                }
                assert!(exact.abs() < (1i128 << 53), "round {round}");
                assert!(-Q < *g && *g < Q, "round {round} lane {lane}: {g}");
                // g 2^32 = Σ a b (mod q).
                assert_eq!(
                    ((i128::from(*g) << 32) - exact).rem_euclid(i128::from(Q)),
                    0,
                    "round {round} lane {lane}"
                );
                assert_eq!(
                    (i64::from(*g) - per_product).rem_euclid(i64::from(Q)),
                    0,
                    "round {round} lane {lane}"
                );
            }
        }
    }
}
