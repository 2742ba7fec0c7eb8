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
