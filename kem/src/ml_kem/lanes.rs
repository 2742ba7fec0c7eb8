//! The lane-vector abstraction ML-KEM is written over.
//!
//! A [`Lanes`] value holds [`Lanes::N`] consecutive coefficients of a polynomial (16 for the
//! portable and AVX2 backends, 32 for AVX-512), and a [`Lanes::Poly`] holds the 256
//! coefficients as `256 / N` such units. The generic code in [`super::poly`] and
//! [`super::kpke`] does everything that crosses units (the NTT layers whose butterflies
//! span more than one unit, sums, the loops over units); a backend supplies what happens
//! inside one unit: modular arithmetic, the NTT layers within a unit, base-case
//! multiplication, compression and the byte encodings. Default methods give the scalar
//! form of the byte-level operations, so a backend overrides only what it accelerates.
//!
//! Every operation is constant-time in the coefficient values: no branch, index or
//! division depends on them (rejection sampling, which reads only public bytes, is the
//! one exception, and it is only used on public data).

use super::arith::{self, Q};

#[cfg(target_arch = "x86_64")]
pub(crate) mod avx2;
#[cfg(target_arch = "x86_64")]
pub(crate) mod avx512;
pub(crate) mod portable;
#[cfg(all(test, target_arch = "x86_64"))]
mod test_support;
#[cfg(target_arch = "x86_64")]
mod twiddles;

/// The four-way Keccak a backend may sample with: on x86-64 the fastest one the CPU runs
/// (AVX-512VL where available, else AVX2, which both lattice backends imply); elsewhere
/// the portable one, which no backend uses today (the scalar sponge needs less stack).
#[cfg(target_arch = "x86_64")]
pub(crate) type KeccakX4Backend = mamori_primitives::keccak::FastestX4;
#[cfg(not(target_arch = "x86_64"))]
pub(crate) type KeccakX4Backend = mamori_primitives::keccak::PortableX4;

/// `N` coefficients of a polynomial, in the backend's register form.
///
/// Value ranges follow the reference implementation: "reduced" means the centred
/// representative from Barrett reduction, "canonical" means `[0, q)`.
pub(crate) trait Lanes: Copy {
    /// Coefficients per unit (a power of two, at least 16).
    const N: usize;
    /// A whole polynomial: `256 / N` units.
    type Poly: Copy + AsRef<[Self]> + AsMut<[Self]>;

    /// The zero polynomial.
    fn zero_poly() -> Self::Poly;
    /// Loads `N` coefficients (`c.len() == N`).
    fn load(c: &[i16]) -> Self;
    /// Stores `N` coefficients (`out.len() == N`).
    fn store(self, out: &mut [i16]);

    /// Lane-wise sum (no reduction).
    fn add(self, o: Self) -> Self;
    /// Lane-wise difference (no reduction).
    fn sub(self, o: Self) -> Self;
    /// Lane-wise Montgomery product with one constant: `x * c * 2^-16 mod q`.
    fn mul_const(self, c: i16) -> Self;
    /// Barrett reduction of every lane.
    fn reduce(self) -> Self;
    /// Lanes in `(-q, q)` to `[0, q)`.
    fn to_unsigned(self) -> Self;
    /// 12-bit lanes in `[0, 4096)` to `[0, q)` (FIPS 203 `ByteDecode_12` takes them mod q).
    fn cond_sub_q(self) -> Self;

    /// The forward NTT layers whose butterflies lie within this unit (lengths `N/2` down
    /// to 2), for unit number `unit` of the polynomial; ends with Barrett reduction.
    fn ntt_within(self, unit: usize) -> Self;
    /// The inverse NTT layers within this unit (lengths 2 up to `N/2`).
    fn inv_ntt_within(self, unit: usize) -> Self;
    /// Base-case multiplication of the NTT representations (FIPS 203 Algorithm 12) of
    /// unit `unit`, with a Montgomery factor `2^-16`.
    fn base_mul(self, o: Self, unit: usize) -> Self;

    /// `Compress_d` of canonical lanes.
    fn compress(self, d: u32) -> Self;
    /// `Decompress_d`.
    fn decompress(self, d: u32) -> Self;

    /// `ByteEncode_d` of lanes in `[0, 2^d)`: `N * d / 8` bytes.
    fn encode(self, d: u32, out: &mut [u8]) {
        let mut c = [0i16; 32];
        self.store(&mut c[..Self::N]);
        encode_scalar(&c[..Self::N], d, out);
    }
    /// `ByteDecode_d` (without the mod-q step of `d = 12`): `N * d / 8` bytes to lanes in
    /// `[0, 2^d)`.
    fn decode(d: u32, bytes: &[u8]) -> Self {
        let mut c = [0i16; 32];
        decode_scalar(bytes, d, &mut c[..Self::N]);
        Self::load(&c[..Self::N])
    }

    /// The four-way Keccak this backend samples with (matrix entries and noise
    /// polynomials four at a time), or `None` to sample one polynomial at a time with the
    /// scalar sponge (the portable backend: less stack on microcontrollers).
    fn keccak_x4() -> Option<KeccakX4Backend> {
        None
    }

    /// Rejection sampling (FIPS 203 Algorithm 7, inner loop) on public bytes: appends
    /// coefficients below q taken from 12-bit pairs of `bytes` (a multiple of 3 long) to
    /// `out[*filled..]`, stopping when `out` is full.
    fn sample_uniform(bytes: &[u8], out: &mut [i16; 256], filled: &mut usize) {
        sample_uniform_scalar(bytes, out, filled);
    }
}

/// Scalar `ByteEncode_d` of values in `[0, 2^d)`; `out.len() == c.len() * d / 8`.
#[inline(always)]
pub(crate) fn encode_scalar(c: &[i16], d: u32, out: &mut [u8]) {
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut o = out.iter_mut();
    for &x in c {
        acc |= (x as u16 as u32) << bits;
        bits += d;
        while bits >= 8 {
            if let Some(b) = o.next() {
                *b = acc as u8;
            }
            acc >>= 8;
            bits -= 8;
        }
    }
}

/// Scalar `ByteDecode_d`; `bytes.len() == out.len() * d / 8`.
#[inline(always)]
pub(crate) fn decode_scalar(bytes: &[u8], d: u32, out: &mut [i16]) {
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut b = bytes.iter();
    let mask = (1u32 << d) - 1;
    for x in out {
        while bits < d {
            acc |= u32::from(b.next().copied().unwrap_or(0)) << bits;
            bits += 8;
        }
        *x = (acc & mask) as i16;
        acc >>= d;
        bits -= d;
    }
}

/// `ByteEncode_12` of values in `[0, 2^12)`: two values to three bytes, a straight-line
/// loop the compiler vectorises (keys are encoded with it on every backend). Offsets by
/// multiplication: `as_chunks::<3>` divides by 3 where it is not inlined.
#[inline(always)]
pub(crate) fn encode12_scalar(c: &[i16; 256], out: &mut [u8; 384]) {
    for i in 0..128 {
        let (a, b) = (c[2 * i] as u16, c[2 * i + 1] as u16);
        out[3 * i] = a as u8;
        out[3 * i + 1] = (a >> 8 | b << 4) as u8;
        out[3 * i + 2] = (b >> 4) as u8;
    }
}

/// `ByteDecode_12` without the mod-q step: 384 bytes to values in `[0, 2^12)`.
#[inline(always)]
pub(crate) fn decode12_scalar(bytes: &[u8; 384], out: &mut [i16; 256]) {
    for i in 0..128 {
        let b0 = u16::from(bytes[3 * i]);
        let b1 = u16::from(bytes[3 * i + 1]);
        let b2 = u16::from(bytes[3 * i + 2]);
        out[2 * i] = (b0 | (b1 & 0x0f) << 8) as i16;
        out[2 * i + 1] = (b1 >> 4 | b2 << 4) as i16;
    }
}

/// Scalar rejection sampling; see [`Lanes::sample_uniform`].
#[inline(always)]
pub(crate) fn sample_uniform_scalar(mut bytes: &[u8], out: &mut [i16; 256], filled: &mut usize) {
    // Split off three bytes at a time: `as_chunks::<3>` divides the length by 3, which
    // stays a `div` at opt-level s/z (the CT gate's division scan).
    while let [b0, b1, b2, rest @ ..] = bytes {
        let d1 = u16::from(*b0) | (u16::from(b1 & 0x0f) << 8);
        let d2 = u16::from(b1 >> 4) | (u16::from(*b2) << 4);
        for d in [d1, d2] {
            if *filled < 256 && d < Q as u16 {
                out[*filled] = d as i16;
                *filled += 1;
            }
        }
        bytes = rest;
    }
}

/// Scalar reference forms of the per-unit operations, shared by the portable backend and
/// by the tests of the SIMD backends. `c` is one unit of `c.len()` coefficients (a power
/// of two), unit number `unit`. Layer lengths are powers of two, handled as shifts, so no
/// division appears even where the compiler does not unroll.
pub(crate) mod scalar {
    use super::arith::{ZETAS, barrett_reduce, fqmul};

    /// Forward NTT layers of lengths `c.len()/2` down to 2 on unit `unit`, then Barrett.
    #[inline(always)]
    pub(crate) fn ntt_within(c: &mut [i16], unit: usize) {
        let n = c.len();
        let base = unit * n;
        let mut log = n.trailing_zeros() - 1;
        while log >= 1 {
            let len = 1 << log;
            // Layer `len` uses ZETAS[128/len + block], block = absolute start / (2 len).
            let first = (128 >> log) + (base >> (log + 1));
            for b in 0..n >> (log + 1) {
                let zeta = ZETAS[first + b];
                let block = &mut c[b << (log + 1)..(b + 1) << (log + 1)];
                let (lo, hi) = block.split_at_mut(len);
                for (x, y) in lo.iter_mut().zip(hi) {
                    let t = fqmul(zeta, *y);
                    *y = x.wrapping_sub(t);
                    *x = x.wrapping_add(t);
                }
            }
            log -= 1;
        }
        for x in c {
            *x = barrett_reduce(*x);
        }
    }

    /// Inverse NTT layers of lengths 2 up to `c.len()/2` on unit `unit`.
    #[inline(always)]
    pub(crate) fn inv_ntt_within(c: &mut [i16], unit: usize) {
        let n = c.len();
        let base = unit * n;
        let top = n.trailing_zeros();
        let mut log = 1;
        while log < top {
            let len = 1 << log;
            // Layer `len` uses ZETAS[256/len - 1 - block], block = absolute start / (2 len).
            let first = (256 >> log) - 1 - (base >> (log + 1));
            for b in 0..n >> (log + 1) {
                let zeta = ZETAS[first - b];
                let block = &mut c[b << (log + 1)..(b + 1) << (log + 1)];
                let (lo, hi) = block.split_at_mut(len);
                for (x, y) in lo.iter_mut().zip(hi) {
                    let t = *x;
                    *x = barrett_reduce(t.wrapping_add(*y));
                    *y = fqmul(zeta, y.wrapping_sub(t));
                }
            }
            log += 1;
        }
    }

    /// Base-case multiplication on unit `unit` (`r`, `a`, `b` of equal length).
    #[inline(always)]
    pub(crate) fn base_mul(r: &mut [i16], a: &[i16], b: &[i16], unit: usize) {
        let first = 64 + ((unit * r.len()) >> 2);
        // `as_chunks`, not `chunks_exact(4)`: a zip of `chunks_exact` computes its length
        // with a `div` wherever the zip is not inlined (the CT gate's division scan).
        let quads = (r.as_chunks_mut::<4>().0.iter_mut())
            .zip(a.as_chunks::<4>().0.iter().zip(b.as_chunks::<4>().0));
        for (i, (r, (a, b))) in quads.enumerate() {
            let zeta = ZETAS[first + i];
            for (j, z) in [(0, zeta), (2, zeta.wrapping_neg())] {
                let (a0, a1, b0, b1) = (a[j], a[j + 1], b[j], b[j + 1]);
                r[j] = fqmul(fqmul(a1, b1), z).wrapping_add(fqmul(a0, b0));
                r[j + 1] = fqmul(a0, b1).wrapping_add(fqmul(a1, b0));
            }
        }
    }
}
