//! The portable backend: 16 `i16` lanes in plain Rust, no `unsafe`. Always available;
//! what `no_std` and Cortex-M builds run. Loops over fixed-size arrays, which the compiler
//! unrolls or auto-vectorises.

use super::super::arith;
use super::{Lanes, scalar};

/// Sixteen coefficients.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Portable(pub(crate) [i16; 16]);

impl Portable {
    #[inline(always)]
    fn map(self, f: impl Fn(i16) -> i16) -> Self {
        Self(self.0.map(f))
    }

    #[inline(always)]
    fn zip(self, o: Self, f: impl Fn(i16, i16) -> i16) -> Self {
        let mut r = self.0;
        for (x, y) in r.iter_mut().zip(o.0) {
            *x = f(*x, y);
        }
        Self(r)
    }
}

impl AsRef<[i16]> for Portable {
    fn as_ref(&self) -> &[i16] {
        &self.0
    }
}

impl Lanes for Portable {
    const N: usize = 16;
    type Poly = [Portable; 16];

    #[inline(always)]
    fn zero_poly() -> Self::Poly {
        [Portable([0; 16]); 16]
    }
    #[inline(always)]
    fn load(c: &[i16]) -> Self {
        let mut r = [0; 16];
        r.copy_from_slice(c);
        Self(r)
    }
    #[inline(always)]
    fn store(self, out: &mut [i16]) {
        out.copy_from_slice(&self.0);
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        self.zip(o, i16::wrapping_add)
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        self.zip(o, i16::wrapping_sub)
    }
    #[inline(always)]
    fn mul_const(self, c: i16) -> Self {
        self.map(|x| arith::fqmul(x, c))
    }
    #[inline(always)]
    fn reduce(self) -> Self {
        self.map(arith::barrett_reduce)
    }
    #[inline(always)]
    fn to_unsigned(self) -> Self {
        self.map(arith::to_unsigned)
    }
    #[inline(always)]
    fn cond_sub_q(self) -> Self {
        self.map(arith::cond_sub_q)
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
    fn base_mul(self, o: Self, unit: usize) -> Self {
        let mut r = [0; 16];
        scalar::base_mul(&mut r, &self.0, &o.0, unit);
        Self(r)
    }
    #[inline(always)]
    fn compress(self, d: u32) -> Self {
        self.map(|x| arith::compress(x, d))
    }
    #[inline(always)]
    fn decompress(self, d: u32) -> Self {
        self.map(|x| arith::decompress(x, d))
    }
}
