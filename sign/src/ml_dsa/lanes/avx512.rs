//! The AVX-512 backend: 16 `i32` lanes in one ZMM register (AVX-512F), a polynomial in 16
//! registers.
//!
//! Montgomery products are those of the AVX2 backend on twice the lanes: `vpmuldq`
//! (`_mm512_mul_epi32`) forms the exact 64-bit products of the even lanes and of the odd
//! lanes moved to the even positions (`vmovshdup`), the low halves times `q^-1`,
//! sign-extended, times `q` are subtracted, and the high halves are merged with one
//! mask blend; bit for bit the scalar `arith::montgomery_reduce`. Sums of products (the
//! matrix-vector product) accumulate lazily, as on AVX2: 64-bit sums of the even and odd
//! lanes' products, reduced once at the end. Twiddles come with their `ζ q^-1`
//! precomputed. Reductions, `Power2Round`, `Decompose`, `MakeHint`, `UseHint` and
//! the norm check are the scalar formulas of `arith` lane-wise (shifts, `vpmulld` and sign
//! masks: no division, no branch on the lanes); the norm check and the hint bits read a
//! lane mask (`vptestmd`).
//!
//! The NTT layers within a unit (lengths 8, 4, 2, 1) pair each lane with its partner by a
//! fixed swap of 256-, 128-, 64- or 32-bit blocks (`vshufi64x2`, `vpshufd`) and finish with
//! a mask blend, as `mamori-kem`'s AVX-512 backend does; twiddle vectors per unit and
//! layer come from const tables built from [`ZETAS`]. The layers across units are the
//! generic ones of [`super::super::poly`] (the trait's default `ntt_poly` and
//! `inv_ntt_poly`). Bit packing is the scalar code, inlined.
//!
//! Sampling: a [`Token`] implies AVX2 (see below), so this backend samples as the AVX2
//! backend does: the four-way AVX2 Keccak of `mamori-primitives` ([`Lanes::keccak_x4`])
//! and the AVX2 backend's rejection loops ([`super::avx2::Avx2`]'s
//! [`Lanes::sample_uniform`] and [`Lanes::sample_eta`]), which work on bytes and
//! coefficient arrays, not on this backend's registers.
//!
//! Instructions: AVX-512F only (plus AVX2 for the sampling); no AVX-512BW or DQ, which the
//! detection does not check. Every intrinsic used here is one Miri interprets, so the
//! whole backend runs under Miri on machines without AVX-512 (`.ci/miri.sh`, tests
//! `avx512_*`). Its speed has not been measured: the development machines have no AVX-512.
//!
//! Soundness: [`Avx512`] is private to this module. Its values, its [`Lanes::Wide`]
//! accumulators and its [`Lanes`] methods are used only by the generic code instantiated
//! inside the `#[target_feature]` entry points below, which are reached only with a
//! [`Token`], and by the tests after [`Token::get`] succeeded. A [`Token`] exists only when
//! `mamori-primitives`' detection of its AVX-512VL Keccak ([`Avx512X4::detect`]) succeeds:
//! `cpuid` and `xgetbv` (or, under Miri, the compile-time target features) report AVX2,
//! AVX-512F, AVX-512VL and the ZMM state saved by the OS.
#![allow(unsafe_code)]

use core::arch::x86_64::*;

use mamori_primitives::keccak::Avx512X4;

use super::super::arith::{GAMMA2_32, Q, ZETAS};
use super::avx2::Avx2;
use super::{KeccakX4Backend, Lanes};

/// `q^-1 mod 2^32`.
const QINV: i32 = 58_728_449;

// ---------------------------------------------------------------------------------------
// Detection and entry points.

/// Proof that this CPU and OS run AVX2, AVX-512F and AVX-512VL: only [`Token::get`] makes
/// one, and it makes the entry points below safe to call.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token(());

impl Token {
    /// A token if this CPU and OS support AVX2, AVX-512F and AVX-512VL (detected once per
    /// process).
    #[inline]
    pub(crate) fn get() -> Option<Self> {
        Avx512X4::detect().map(|_| Token(()))
    }
}

// The safe entry points `keygen`, `check_sk`, `sign_mu`, `verify_mu`, `expand_sk`,
// `sign_expanded`, `expand_vk` and `verify_expanded` (taking a `Token`), the
// `#[target_feature]` functions they call, and the tests' `EntryPoints` impl: see
// `super::entry_points`.
super::entry_points!(Avx512, "avx2,avx512f,avx512vl", "AVX-512");

// ---------------------------------------------------------------------------------------
// Twiddle tables: per unit and layer, the zeta of every lane's butterfly block, with the
// odd lanes' copies in the even positions, and both times q^-1 (mod 2^32), for
// [`mont_mul_pre`].

/// `[z, z_odd, z q^-1, (z q^-1)_odd]`, 16 lanes each.
type Twiddle = [[i32; 16]; 4];

const fn twiddle(z: [i32; 16]) -> Twiddle {
    let mut t = [[0; 16]; 4];
    let mut j = 0;
    while j < 16 {
        t[0][j] = z[j];
        t[2][j] = z[j].wrapping_mul(QINV);
        // `vmovshdup`'s result: lane 2k + 1 copied to 2k and 2k + 1.
        t[1][j] = z[j | 1];
        t[3][j] = z[j | 1].wrapping_mul(QINV);
        j += 1;
    }
    t
}

/// Forward layers of lengths 8, 4, 2, 1 (index `3 - log2 len`) of unit `u`: lane `j` uses
/// `ZETAS[128 / len + (16 u + j) / (2 len)]`, as [`super::scalar::ntt_within`] (the lanes
/// of a block's lower half carry the same zeta; only the upper half's products are used).
static NTT_TW: [[Twiddle; 4]; 16] = {
    let mut t = [[[[0; 16]; 4]; 4]; 16];
    let mut u = 0;
    while u < 16 {
        let mut l = 0;
        while l < 4 {
            let log = 3 - l;
            let mut z = [0; 16];
            let mut j = 0;
            while j < 16 {
                z[j] = ZETAS[(128 >> log) + ((16 * u + j) >> (log + 1))];
                j += 1;
            }
            t[u][l] = twiddle(z);
            l += 1;
        }
        u += 1;
    }
    t
};

/// Inverse layers of lengths 1, 2, 4, 8 (index `log2 len`) of unit `u`: lane `j` uses
/// `ZETAS[256 / len - 1 - (16 u + j) / (2 len)]`, as [`super::scalar::inv_ntt_within`].
static INV_NTT_TW: [[Twiddle; 4]; 16] = {
    let mut t = [[[[0; 16]; 4]; 4]; 16];
    let mut u = 0;
    while u < 16 {
        let mut l = 0;
        while l < 4 {
            let log = l;
            let mut z = [0; 16];
            let mut j = 0;
            while j < 16 {
                z[j] = ZETAS[(256 >> log) - 1 - ((16 * u + j) >> (log + 1))];
                j += 1;
            }
            t[u][l] = twiddle(z);
            l += 1;
        }
        u += 1;
    }
    t
};

// ---------------------------------------------------------------------------------------
// The lanes.

/// Sixteen coefficients in one ZMM register.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct Avx512(__m512i);

/// Lane operations. Each is `#[inline(always)]` and runs only inside the AVX-512 entry
/// points or AVX-512-gated tests (see the module documentation), so the intrinsics'
/// requirement is met wherever they run.
macro_rules! avx512 {
    ($e:expr) => {{
        #[allow(unused_unsafe)]
        // SAFETY: `Avx512` values and methods are used only where AVX2, AVX-512F and
        // AVX-512VL are available (module documentation: inside the entry points, reached
        // with a `Token`, and in tests after `Token::get` succeeded).
        let r = unsafe { $e };
        r
    }};
}

#[inline(always)]
fn splat(x: i32) -> __m512i {
    avx512!(_mm512_set1_epi32(x))
}

/// The sign bit of every lane as 0 or 1.
#[inline(always)]
fn sign_bit(x: __m512i) -> __m512i {
    avx512!(_mm512_srli_epi32::<31>(x))
}

/// 1 in lanes that are not zero, else 0.
#[inline(always)]
fn nonzero(x: __m512i) -> __m512i {
    avx512!(sign_bit(_mm512_or_si512(
        x,
        _mm512_sub_epi32(_mm512_setzero_si512(), x)
    )))
}

/// The odd lanes moved to the even positions (`vmovshdup`: a shuffle, not a shift).
#[inline(always)]
fn odd(x: __m512i) -> __m512i {
    avx512!(_mm512_castps_si512(_mm512_movehdup_ps(
        _mm512_castsi512_ps(x)
    )))
}

/// Lane-wise `a * b * 2^-32 mod q` in `(-q, q)`: `arith::mont_mul` bit for bit. `bq` is
/// `b * q^-1 mod 2^32` lane-wise, and `b_odd` is `b` or its odd lanes in the even
/// positions (for a constant, `b` itself).
#[inline(always)]
fn mont_mul_pre(a: __m512i, b: __m512i, b_odd: __m512i, bq: __m512i, bq_odd: __m512i) -> __m512i {
    avx512!({
        let q = _mm512_set1_epi32(Q);
        let a_odd = odd(a);
        // Exact 64-bit products of the even and odd lanes, and t = a b q^-1 mod 2^32.
        let pe = _mm512_mul_epi32(a, b);
        let po = _mm512_mul_epi32(a_odd, b_odd);
        let te = _mm512_mul_epi32(_mm512_mul_epi32(a, bq), q);
        let to = _mm512_mul_epi32(_mm512_mul_epi32(a_odd, bq_odd), q);
        // (p - t q) / 2^32: the high halves.
        let re = odd(_mm512_sub_epi64(pe, te));
        let ro = _mm512_sub_epi64(po, to);
        _mm512_mask_blend_epi32(0xaaaa, re, ro)
    })
}

/// Lane-wise `a * b * 2^-32 mod q` in `(-q, q)`: `arith::mont_mul` bit for bit.
#[inline(always)]
fn mont_mul(a: __m512i, b: __m512i) -> __m512i {
    // The exact products of the even and the odd lanes, then their reduction.
    avx512!(wide_reduce([
        _mm512_mul_epi32(a, b),
        _mm512_mul_epi32(odd(a), odd(b)),
    ]))
}

/// `acc + a * b` lane-wise in 64 bits ([`Lanes::mul_acc`]): `acc[0]` holds the even
/// lanes' sums, `acc[1]` the odd lanes' (moved to the even positions), as 64-bit lanes;
/// `vpmuldq` forms the exact products, as in [`mont_mul`] but without its reduction.
#[inline(always)]
fn mul_acc(acc: [__m512i; 2], a: __m512i, b: __m512i) -> [__m512i; 2] {
    avx512!([
        _mm512_add_epi64(acc[0], _mm512_mul_epi32(a, b)),
        _mm512_add_epi64(acc[1], _mm512_mul_epi32(odd(a), odd(b))),
    ])
}

/// Montgomery reduction of the 64-bit sums of [`mul_acc`] ([`Lanes::wide_reduce`]; also
/// [`mont_mul`]'s tail): `arith::montgomery_reduce` bit for bit, in `(-q, q)` for sums
/// below `2^31 q` in absolute value.
#[inline(always)]
fn wide_reduce(acc: [__m512i; 2]) -> __m512i {
    avx512!({
        let qinv = _mm512_set1_epi32(QINV);
        let q = _mm512_set1_epi32(Q);
        let [pe, po] = acc;
        let te = _mm512_mul_epi32(_mm512_mul_epi32(pe, qinv), q);
        let to = _mm512_mul_epi32(_mm512_mul_epi32(po, qinv), q);
        let re = odd(_mm512_sub_epi64(pe, te));
        let ro = _mm512_sub_epi64(po, to);
        _mm512_mask_blend_epi32(0xaaaa, re, ro)
    })
}

/// Lane-wise Montgomery product by a twiddle vector of [`NTT_TW`] or [`INV_NTT_TW`].
#[inline(always)]
fn mont_mul_tw(a: __m512i, tw: &Twiddle) -> __m512i {
    // The loads read 16 `i32`s of a `[i32; 16]`; `loadu` has no alignment requirement.
    avx512!({
        let v = |i: usize| _mm512_loadu_si512(tw[i].as_ptr().cast());
        mont_mul_pre(a, v(0), v(1), v(2), v(3))
    })
}

/// `a * c * 2^-32 mod q` lane-wise for one constant `c`.
#[inline(always)]
fn mont_mul_const(a: __m512i, c: i32) -> __m512i {
    let (b, bq) = (splat(c), splat(c.wrapping_mul(QINV)));
    mont_mul_pre(a, b, b, bq, bq)
}

/// Swaps the halves of every block of `2 len` lanes: lane `j` gets lane `j ^ len`.
#[inline(always)]
fn swap<const LEN: usize>(v: __m512i) -> __m512i {
    avx512!(match LEN {
        8 => _mm512_shuffle_i64x2::<0b01_00_11_10>(v, v),
        4 => _mm512_shuffle_i64x2::<0b10_11_00_01>(v, v),
        2 => _mm512_shuffle_epi32::<0b01_00_11_10>(v),
        _ => _mm512_shuffle_epi32::<0b10_11_00_01>(v),
    })
}

/// The lanes in the upper half of every block of `2 len` lanes.
const fn upper<const LEN: usize>() -> __mmask16 {
    match LEN {
        8 => 0xff00,
        4 => 0xf0f0,
        2 => 0xcccc,
        _ => 0xaaaa,
    }
}

/// One forward layer of length `LEN` within a unit: `(x, y) -> (x + ζ y, x - ζ y)`.
#[inline(always)]
fn ntt_layer<const LEN: usize>(v: __m512i, tw: &Twiddle) -> __m512i {
    let t = mont_mul_tw(v, tw); // ζ y in the upper lanes
    avx512!({
        let lo = _mm512_add_epi32(v, swap::<LEN>(t));
        let hi = _mm512_sub_epi32(swap::<LEN>(v), t);
        _mm512_mask_blend_epi32(upper::<LEN>(), lo, hi)
    })
}

/// One inverse layer of length `LEN` within a unit: `(x, y) -> (x + y, (y - x) ζ)`.
#[inline(always)]
fn inv_ntt_layer<const LEN: usize>(v: __m512i, tw: &Twiddle) -> __m512i {
    let p = swap::<LEN>(v);
    avx512!({
        let sum = _mm512_add_epi32(v, p);
        let diff = mont_mul_tw(_mm512_sub_epi32(v, p), tw); // (y - x) ζ in the upper lanes
        _mm512_mask_blend_epi32(upper::<LEN>(), sum, diff)
    })
}

/// `Decompose` lane-wise (`arith::decompose`).
#[inline(always)]
fn decompose(a: __m512i, gamma2: i32) -> (__m512i, __m512i) {
    avx512!({
        let mut a1 = _mm512_srai_epi32::<7>(_mm512_add_epi32(a, splat(127)));
        if gamma2 == GAMMA2_32 {
            a1 = _mm512_mullo_epi32(a1, splat(1025));
            a1 = _mm512_srai_epi32::<22>(_mm512_add_epi32(a1, splat(1 << 21)));
            a1 = _mm512_and_si512(a1, splat(15));
        } else {
            a1 = _mm512_mullo_epi32(a1, splat(11275));
            a1 = _mm512_srai_epi32::<24>(_mm512_add_epi32(a1, splat(1 << 23)));
            let m = _mm512_srai_epi32::<31>(_mm512_sub_epi32(splat(43), a1));
            a1 = _mm512_xor_si512(a1, _mm512_and_si512(m, a1));
        }
        let mut a0 = _mm512_sub_epi32(a, _mm512_mullo_epi32(a1, splat(2 * gamma2)));
        let m = _mm512_srai_epi32::<31>(_mm512_sub_epi32(splat((Q - 1) / 2), a0));
        a0 = _mm512_sub_epi32(a0, _mm512_and_si512(m, splat(Q)));
        (a1, a0)
    })
}

impl Lanes for Avx512 {
    const N: usize = 16;
    type Poly = [Avx512; 16];
    type MatrixGroup = [[Avx512; 16]; 4];
    /// Even and odd lanes' 64-bit sums: see [`mul_acc`].
    type Wide = [__m512i; 2];

    #[inline(always)]
    fn zero_poly() -> Self::Poly {
        [Avx512(avx512!(_mm512_setzero_si512())); 16]
    }
    #[inline(always)]
    fn zero_matrix_group() -> Self::MatrixGroup {
        [Self::zero_poly(); 4]
    }
    #[inline(always)]
    fn splat(x: i32) -> Self {
        Avx512(splat(x))
    }
    #[inline(always)]
    fn load(c: &[i32]) -> Self {
        let c: &[i32; 16] = c.first_chunk().expect("a unit is 16 coefficients");
        // `c` is 16 readable `i32`s; `loadu` has no alignment requirement.
        Avx512(avx512!(_mm512_loadu_si512(c.as_ptr().cast())))
    }
    #[inline(always)]
    fn store(self, out: &mut [i32]) {
        let out: &mut [i32; 16] = out.first_chunk_mut().expect("a unit is 16 coefficients");
        // `out` is 16 writable `i32`s; `storeu` has no alignment requirement.
        avx512!(_mm512_storeu_si512(out.as_mut_ptr().cast(), self.0));
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Avx512(avx512!(_mm512_add_epi32(self.0, o.0)))
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        Avx512(avx512!(_mm512_sub_epi32(self.0, o.0)))
    }
    #[inline(always)]
    fn shl(self, s: u32) -> Self {
        // The per-lane count form (`vpsllvd`): Miri lacks the count-in-`xmm` form.
        Avx512(avx512!(_mm512_sllv_epi32(self.0, splat(s as i32))))
    }
    #[inline(always)]
    fn sra(self, s: u32) -> Self {
        // The per-lane count form (`vpsravd`), as for `shl`.
        Avx512(avx512!(_mm512_srav_epi32(self.0, splat(s as i32))))
    }
    #[inline(always)]
    fn mont_mul(self, o: Self) -> Self {
        Avx512(mont_mul(self.0, o.0))
    }
    #[inline(always)]
    fn mont_mul_const(self, c: i32) -> Self {
        Avx512(mont_mul_const(self.0, c))
    }
    #[inline(always)]
    fn wide_zero() -> Self::Wide {
        avx512!([_mm512_setzero_si512(); 2])
    }
    #[inline(always)]
    fn mul_acc(acc: Self::Wide, a: Self, b: Self) -> Self::Wide {
        mul_acc(acc, a.0, b.0)
    }
    #[inline(always)]
    fn wide_reduce(acc: Self::Wide) -> Self {
        Avx512(wide_reduce(acc))
    }
    #[inline(always)]
    fn reduce32(self) -> Self {
        avx512!({
            let t = _mm512_srai_epi32::<23>(_mm512_add_epi32(self.0, splat(1 << 22)));
            Avx512(_mm512_sub_epi32(self.0, _mm512_mullo_epi32(t, splat(Q))))
        })
    }
    #[inline(always)]
    fn caddq(self) -> Self {
        avx512!({
            let m = _mm512_srai_epi32::<31>(self.0);
            Avx512(_mm512_add_epi32(self.0, _mm512_and_si512(m, splat(Q))))
        })
    }
    #[inline(always)]
    fn ntt_within(self, unit: usize) -> Self {
        let tw = &NTT_TW[unit & 15];
        let v = ntt_layer::<8>(self.0, &tw[0]);
        let v = ntt_layer::<4>(v, &tw[1]);
        let v = ntt_layer::<2>(v, &tw[2]);
        Avx512(ntt_layer::<1>(v, &tw[3]))
    }
    #[inline(always)]
    fn inv_ntt_within(self, unit: usize) -> Self {
        let tw = &INV_NTT_TW[unit & 15];
        let v = inv_ntt_layer::<1>(self.0, &tw[0]);
        let v = inv_ntt_layer::<2>(v, &tw[1]);
        let v = inv_ntt_layer::<4>(v, &tw[2]);
        Avx512(inv_ntt_layer::<8>(v, &tw[3]))
    }
    #[inline(always)]
    fn power2round(self) -> (Self, Self) {
        avx512!({
            let a1 = _mm512_srai_epi32::<13>(_mm512_add_epi32(self.0, splat((1 << 12) - 1)));
            let a0 = _mm512_sub_epi32(self.0, _mm512_slli_epi32::<13>(a1));
            (Avx512(a1), Avx512(a0))
        })
    }
    #[inline(always)]
    fn decompose(self, gamma2: i32) -> (Self, Self) {
        let (a1, a0) = decompose(self.0, gamma2);
        (Avx512(a1), Avx512(a0))
    }
    #[inline(always)]
    fn make_hint(a0: Self, a1: Self, gamma2: i32) -> Self {
        avx512!({
            let g = splat(gamma2);
            let above = sign_bit(_mm512_sub_epi32(g, a0.0));
            let sum = _mm512_add_epi32(a0.0, g);
            let below = sign_bit(sum);
            let at_minus = _mm512_xor_si512(splat(1), nonzero(sum));
            let r = _mm512_or_si512(above, below);
            Avx512(_mm512_or_si512(
                r,
                _mm512_and_si512(at_minus, nonzero(a1.0)),
            ))
        })
    }
    #[inline(always)]
    fn use_hint(self, h: Self, gamma2: i32) -> Self {
        let (a1, a0) = decompose(self.0, gamma2);
        avx512!({
            let positive = sign_bit(_mm512_sub_epi32(_mm512_setzero_si512(), a0));
            let dir = _mm512_sub_epi32(_mm512_add_epi32(positive, positive), splat(1));
            let r = _mm512_add_epi32(a1, _mm512_mullo_epi32(h.0, dir));
            if gamma2 == GAMMA2_32 {
                Avx512(_mm512_and_si512(r, splat(15)))
            } else {
                let m44 = splat(44);
                let r = _mm512_add_epi32(r, _mm512_and_si512(_mm512_srai_epi32::<31>(r), m44));
                let over = _mm512_srai_epi32::<31>(_mm512_sub_epi32(splat(43), r));
                Avx512(_mm512_sub_epi32(r, _mm512_and_si512(over, m44)))
            }
        })
    }
    #[inline(always)]
    fn exceeds(self, bound: i32) -> u32 {
        avx512!({
            // `arith::exceeds` bit for bit: the sign of `(bound - 1) - |x|` (wrapping; `vpabsd`
            // leaves `i32::MIN` as it is, as the scalar formula does).
            let abs = _mm512_abs_epi32(self.0);
            let d = _mm512_sub_epi32(splat(bound - 1), abs);
            // The lanes with the sign bit set, as a mask; 1 if it is not empty, without a
            // branch (the mask is below 2^16, so its negation has bit 31 set iff it is not 0).
            let m = u32::from(_mm512_test_epi32_mask(d, splat(i32::MIN)));
            m.wrapping_neg() >> 31
        })
    }
    #[inline(always)]
    fn sum(self) -> i32 {
        avx512!(_mm512_reduce_add_epi32(self.0))
    }
    #[inline(always)]
    fn bits(self) -> u32 {
        avx512!(u32::from(_mm512_test_epi32_mask(self.0, splat(1))))
    }

    #[inline(always)]
    fn encode(self, d: u32, out: &mut [u8]) {
        // Two halves of 8 lanes, `d` bytes each, by the AVX2 backend's packing.
        let mut c = [0i32; 16];
        self.store(&mut c);
        let (lo, hi) = out.split_at_mut(d as usize);
        Avx2::load(&c[..8]).encode(d, lo);
        Avx2::load(&c[8..]).encode(d, hi);
    }
    #[inline(always)]
    fn decode(d: u32, bytes: &[u8]) -> Self {
        let (lo, hi) = bytes.split_at(d as usize);
        let mut c = [0i32; 16];
        Avx2::decode(d, lo).store(&mut c[..8]);
        Avx2::decode(d, hi).store(&mut c[8..]);
        Self::load(&c)
    }

    /// The AVX2 backend's loop (see the module documentation: a [`Token`] implies AVX2).
    #[inline(always)]
    fn sample_uniform(bytes: &[u8], out: &mut [i32; 256], filled: &mut usize) {
        Avx2::sample_uniform(bytes, out, filled);
    }

    /// The AVX2 backend's loop, likewise.
    #[inline(always)]
    fn sample_eta(bytes: &[u8], eta: i32, out: &mut [i32; 256], filled: &mut usize) {
        Avx2::sample_eta(bytes, eta, out, filled);
    }

    #[inline(always)]
    fn keccak_x4() -> Option<KeccakX4Backend> {
        // This backend runs only where AVX-512F/VL is available (module documentation), so
        // the detection (cached) succeeds and picks the AVX-512VL permutation.
        KeccakX4Backend::detect()
    }
}

// ---------------------------------------------------------------------------------------

/// The `avx512_` tests run the backend against the portable backend and the scalar
/// reference (the helpers of `super::test_support`, shared with the AVX2 tests). On CPUs
/// without AVX-512 they print a message and pass; under Miri with the AVX-512 target
/// features (`.ci/miri.sh`) they run everything, on fewer inputs.
#[cfg(test)]
mod tests {
    extern crate std;

    use super::super::super::dispatch::{Choice, choice};
    use super::super::test_support::{
        self, Coverage, Rng, encode_decode_match_scalar, lanes_match_portable,
        ntt_matches_portable, sample_eta_matches_scalar, sample_uniform_matches_scalar,
    };
    use super::*;

    /// Rounds of random inputs: natively as many as the AVX2 tests run, under Miri (a
    /// few ms per vector instruction) a handful that still reach every unit and lane.
    const fn rounds(native: usize, miri: usize) -> usize {
        if cfg!(miri) { miri } else { native }
    }

    fn token() -> Option<Token> {
        let t = Token::get();
        if t.is_none() {
            std::eprintln!("skipped: this CPU has no AVX-512F/VL (run .ci/miri.sh)");
        }
        t
    }

    /// Runs `f` with AVX2, AVX-512F and AVX-512VL enabled.
    #[target_feature(enable = "avx2,avx512f,avx512vl")]
    fn with_avx512(f: impl FnOnce()) {
        f();
    }

    fn run(f: impl FnOnce()) {
        if token().is_none() {
            return;
        }
        // SAFETY: `Token::get` succeeded just above: the CPU and OS support AVX2, AVX-512F
        // and AVX-512VL.
        unsafe { with_avx512(f) }
    }

    /// Every lane method against the portable backend on random inputs and edge values,
    /// and the bit packings against the scalar ones.
    #[test]
    fn avx512_lanes_match_portable() {
        run(|| {
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
            lanes_match_portable::<Avx512>(&mut rng, rounds(20_000, 16));
            encode_decode_match_scalar::<Avx512>(&mut rng);
        });
    }

    /// The NTT layers within a unit, on every unit, against the scalar reference.
    #[test]
    fn avx512_ntt_within_every_unit() {
        run(|| {
            let mut rng = Rng(0x5eed_0001);
            for unit in 0..16 {
                let c = rng.lanes(|x| (x % (18 * Q as u32)) as i32 - 9 * Q);
                let v = Avx512::load(&c);
                let mut want = c;
                super::super::scalar::ntt_within(&mut want, unit);
                let mut got = [0; 16];
                v.ntt_within(unit).store(&mut got);
                assert_eq!(got, want, "ntt_within unit {unit}");
                let mut want = c;
                super::super::scalar::inv_ntt_within(&mut want, unit);
                v.inv_ntt_within(unit).store(&mut got);
                assert_eq!(got, want, "inv_ntt_within unit {unit}");
            }
        });
    }

    /// The forward and inverse NTT of whole polynomials (the generic layers across units
    /// and this backend's within units) against the portable backend.
    #[test]
    fn avx512_ntt_matches_portable() {
        run(|| ntt_matches_portable::<Avx512>(&mut Rng(0x0123_4567_89ab_cdef), rounds(2_000, 4)));
    }

    /// Rejection sampling (the AVX2 loops, run from this backend) against the scalar loop.
    #[test]
    fn avx512_sample_uniform_matches_scalar() {
        run(|| sample_uniform_matches_scalar::<Avx512>(&mut Rng(12345), rounds(400, 6)));
    }

    /// Bounded rejection sampling against the scalar loop, both η.
    #[test]
    fn avx512_sample_eta_matches_scalar() {
        run(|| sample_eta_matches_scalar::<Avx512>(&mut Rng(777), rounds(600, 6)));
    }

    /// Key generation, signing and verification through the AVX-512 entry points give the
    /// portable backend's bytes: natively as the AVX2 tests check (four keys, three
    /// messages each, every signing and verification path); under Miri one key and one
    /// message, key generation, signing and verification only, for ML-DSA-44 only (the
    /// three sets took about 30 CPU minutes there).
    fn same_as_portable<const K: usize, const L: usize>(set: usize) {
        let Some(t) = token() else { return };
        let cover = if cfg!(miri) {
            Coverage {
                keys: 1,
                messages: 1,
                all_paths: false,
            }
        } else {
            Coverage {
                keys: 4,
                messages: 3,
                all_paths: true,
            }
        };
        test_support::same_as_portable::<Token, K, L>(t, set, cover);
    }

    #[test]
    fn avx512_ml_dsa_44_same_as_portable() {
        same_as_portable::<4, 4>(44);
    }

    #[test]
    #[cfg_attr(
        miri,
        ignore = "Miri: ML-DSA-44's whole scheme runs every entry point; the lane tests cover both γ2 and both η; ML-DSA-65 would add minutes"
    )]
    fn avx512_ml_dsa_65_same_as_portable() {
        same_as_portable::<6, 5>(65);
    }

    #[test]
    #[cfg_attr(
        miri,
        ignore = "Miri: ML-DSA-44's whole scheme runs every entry point; the lane tests cover both γ2 and both η; ML-DSA-87 would add minutes"
    )]
    fn avx512_ml_dsa_87_same_as_portable() {
        same_as_portable::<8, 7>(87);
    }

    /// The dispatcher prefers AVX-512 where it is detected, and reports it.
    #[test]
    fn avx512_dispatch_prefers_avx512() {
        if token().is_none() {
            return;
        }
        assert!(super::super::avx2::Token::get().is_some());
        if !super::super::super::dispatch::PREFER_AVX512 {
            assert!(matches!(choice(), Choice::Avx2(_)));
            return;
        }
        assert!(matches!(choice(), Choice::Avx512(_)));
        assert_eq!(choice().backend(), mamori_primitives::Backend::Avx512);
    }
}
