//! The AVX2 backend: 8 `i32` lanes in one YMM register, a polynomial in 32 registers.
//!
//! Montgomery products follow the Dilithium AVX2 reference: `vpmuldq` (`_mm256_mul_epi32`)
//! forms the exact 64-bit products of the even lanes, and of the odd lanes moved to the
//! even positions (`vmovshdup`, a shuffle, leaving the multiply ports free); the low
//! halves times `q^-1`, sign-extended, times `q` are subtracted, and the high halves of
//! the two sets are merged with one blend. Bit for bit the scalar
//! `arith::montgomery_reduce`. Sums of products (the matrix-vector product) are instead
//! accumulated lazily ([`Lanes::mul_acc`]): the even and odd lanes' 64-bit products added
//! into two registers of 64-bit sums, reduced once at the end by the same tail, as in
//! PQClean's AVX2 Dilithium. Twiddles come with their `ζ q^-1` precomputed. Reductions,
//! `Power2Round`, `Decompose`, `MakeHint`, `UseHint` and the norm check are the scalar
//! formulas of `arith` lane-wise (shifts, `vpmulld` and sign masks: no division, no branch
//! on the lanes).
//!
//! The NTT layers within a unit (lengths 4, 2, 1) give every lane its pair's `x` and `y`
//! by one fixed shuffle each (`vperm2i128` for 4, `vpshufd` for 2 and 1). A forward layer
//! multiplies `y` by the lane's zeta and adds the product with the lane's sign
//! (`vpsignd`: `+` in the lower half of a block, `-` in the upper); an inverse layer
//! forms `x + y` and `(y - x) ζ` and blends. Twiddle vectors per unit and layer come from
//! const tables built from [`ZETAS`]. Those per-unit forms serve [`Lanes::ntt_within`];
//! the whole-polynomial NTTs ([`Lanes::ntt_poly`], [`Lanes::inv_ntt_poly`]) instead keep
//! eight registers through three layers at a time and run the layers within a register on
//! two units at once, regrouped (the reference's `shuffle8/4/2`) so that every lane of a
//! product is useful, then put the coefficients back in order: about half the cycles.
//!
//! Sampling: the four-way AVX2 Keccak of `mamori-primitives` ([`Lanes::keccak_x4`]), and
//! the rejection loops eight candidates at a time (the reference's `rej_uniform_avx` and
//! `rej_eta_avx` shape: an acceptance mask picks a packing permutation from a table).
//! `RejNTTPoly` reads public bytes; `RejBoundedPoly`'s acceptance mask is declassified as
//! the scalar loop's decisions are. Bit packing is the scalar code, inlined.
//!
//! Soundness: [`Avx2`] is used outside this module only for its sampling methods. Its
//! values, its [`Lanes::Wide`] accumulators and its [`Lanes`] methods are used only by the
//! generic code instantiated inside the `#[target_feature]` entry points below, which are reached only with a [`Token`],
//! and by the tests after [`Token::get`] succeeded; its [`Lanes::sample_uniform`] and
//! [`Lanes::sample_eta`] (which take no `Avx2` value) also by the AVX-512 backend
//! (`super::avx512`), whose token exists only where AVX2 does too. A [`Token`] exists only
//! when `cpuid` and `xgetbv` report AVX2 and the YMM state saved by the OS (the detection
//! of `mamori-primitives`' `Avx2X4`, cached).
#![allow(unsafe_code)]

use core::arch::x86_64::*;

use mamori_primitives::keccak::Avx2X4;

use super::super::arith::{GAMMA2_32, INV_NTT_SCALE, INV_NTT_SCALE_ZETA, Q, ZETAS};
use super::{KeccakX4Backend, Lanes, sample_eta_scalar, sample_uniform_scalar};

/// `q^-1 mod 2^32`.
const QINV: i32 = 58_728_449;

// ---------------------------------------------------------------------------------------
// Detection and entry points.

/// Proof that this CPU and OS run AVX2: only [`Token::get`] makes one, and it makes the
/// entry points below safe to call.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token(());

impl Token {
    /// A token if this CPU and OS support AVX2 (detected once per process).
    #[inline]
    pub(crate) fn get() -> Option<Self> {
        Avx2X4::detect().map(|_| Token(()))
    }
}

// The safe entry points `keygen`, `check_sk`, `sign_mu`, `verify_mu`, `expand_sk`,
// `sign_expanded`, `expand_vk` and `verify_expanded` (taking a `Token`), the
// `#[target_feature]` functions they call, and the tests' `EntryPoints` impl: see
// `super::entry_points`.
super::entry_points!(Avx2, "avx2", "AVX2");

// ---------------------------------------------------------------------------------------
// Twiddle tables: per unit and layer, the zeta of every lane's butterfly block, with the
// odd lanes' copies in the even positions, and both times q^-1 (mod 2^32), for
// [`mont_mul_pre`].

/// `[z, z_odd, z q^-1, (z q^-1)_odd]`, 8 lanes each.
type Twiddle = [[i32; 8]; 4];

const fn twiddle(z: [i32; 8]) -> Twiddle {
    let mut t = [[0; 8]; 4];
    let mut j = 0;
    while j < 8 {
        let zq = z[j].wrapping_mul(QINV);
        t[0][j] = z[j];
        t[2][j] = zq;
        // `vmovshdup`'s result: lane 2k + 1 copied to 2k and 2k + 1.
        t[1][j] = z[j | 1];
        t[3][j] = z[j | 1].wrapping_mul(QINV);
        j += 1;
    }
    t
}

/// Forward layers of lengths 4, 2, 1 (index `2 - log2 len`) of unit `u`: lane `j` uses
/// `ZETAS[128 / len + (8 u + j) / (2 len)]`, as [`super::scalar::ntt_within`].
static NTT_TW: [[Twiddle; 3]; 32] = {
    let mut t = [[[[0; 8]; 4]; 3]; 32];
    let mut u = 0;
    while u < 32 {
        let mut l = 0;
        while l < 3 {
            let log = 2 - l;
            let mut z = [0; 8];
            let mut j = 0;
            while j < 8 {
                z[j] = ZETAS[(128 >> log) + ((8 * u + j) >> (log + 1))];
                j += 1;
            }
            t[u][l] = twiddle(z);
            l += 1;
        }
        u += 1;
    }
    t
};

/// Inverse layers of lengths 1, 2, 4 (index `log2 len`) of unit `u`: lane `j` uses
/// `ZETAS[256 / len - 1 - (8 u + j) / (2 len)]`, as [`super::scalar::inv_ntt_within`].
static INV_NTT_TW: [[Twiddle; 3]; 32] = {
    let mut t = [[[[0; 8]; 4]; 3]; 32];
    let mut u = 0;
    while u < 32 {
        let mut l = 0;
        while l < 3 {
            let log = l;
            let mut z = [0; 8];
            let mut j = 0;
            while j < 8 {
                z[j] = ZETAS[(256 >> log) - 1 - ((8 * u + j) >> (log + 1))];
                j += 1;
            }
            t[u][l] = twiddle(z);
            l += 1;
        }
        u += 1;
    }
    t
};

/// Where the coefficients of a pair of units (16 of them, numbered from the pair's start)
/// sit in the first register of [`ntt_pair`] and [`inv_ntt_pair`] at each within-register
/// layer: for length 4 the two units' lower halves, for length 2 the first two of every
/// four, for length 1 the even ones. The second register holds each lane's partner, `len`
/// further on.
const PAIR_LAYOUT: [[usize; 8]; 3] = [
    [0, 1, 2, 3, 8, 9, 10, 11],
    [0, 1, 4, 5, 8, 9, 12, 13],
    [0, 2, 4, 6, 8, 10, 12, 14],
];

/// Forward layers of lengths 4, 2, 1 (index `2 - log2 len`) of the pair of units `2 p`,
/// `2 p + 1` in the layouts of [`PAIR_LAYOUT`]: the zeta of each lane's butterfly block,
/// as [`NTT_TW`].
static PAIR_NTT_TW: [[Twiddle; 3]; 16] = {
    let mut t = [[[[0; 8]; 4]; 3]; 16];
    let mut p = 0;
    while p < 16 {
        let mut l = 0;
        while l < 3 {
            let log = 2 - l;
            let mut z = [0; 8];
            let mut j = 0;
            while j < 8 {
                let c = 16 * p + PAIR_LAYOUT[l][j];
                z[j] = ZETAS[(128 >> log) + (c >> (log + 1))];
                j += 1;
            }
            t[p][l] = twiddle(z);
            l += 1;
        }
        p += 1;
    }
    t
};

/// Inverse layers of lengths 1, 2, 4 (index `log2 len`) of the pair of units `2 p`,
/// `2 p + 1` in the layouts of [`PAIR_LAYOUT`], as [`INV_NTT_TW`].
static PAIR_INV_NTT_TW: [[Twiddle; 3]; 16] = {
    let mut t = [[[[0; 8]; 4]; 3]; 16];
    let mut p = 0;
    while p < 16 {
        let mut l = 0;
        while l < 3 {
            let log = l;
            let mut z = [0; 8];
            let mut j = 0;
            while j < 8 {
                let c = 16 * p + PAIR_LAYOUT[2 - l][j];
                z[j] = ZETAS[(256 >> log) - 1 - (c >> (log + 1))];
                j += 1;
            }
            t[p][l] = twiddle(z);
            l += 1;
        }
        p += 1;
    }
    t
};

/// For each 8-bit acceptance mask, the lanes to keep in order (then zeros): the
/// permutation packing the accepted candidates of [`Lanes::sample_uniform`].
static REJ_PERM: [[u8; 8]; 256] = {
    let mut t = [[0u8; 8]; 256];
    let mut m = 0;
    while m < 256 {
        let mut k = 0;
        let mut j = 0;
        while j < 8 {
            if (m >> j) & 1 == 1 {
                t[m][k] = j as u8;
                k += 1;
            }
            j += 1;
        }
        m += 1;
    }
    t
};

// ---------------------------------------------------------------------------------------
// The lanes.

/// Eight coefficients in one YMM register.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct Avx2(__m256i);

/// Lane operations. Each is `#[inline(always)]` and runs only inside the AVX2 entry points
/// or AVX2-gated tests (see the module documentation), so the intrinsics' requirement is
/// met wherever they run.
macro_rules! avx2 {
    ($e:expr) => {{
        #[allow(unused_unsafe)]
        // SAFETY: `Avx2` values and methods are used only where AVX2 is available (module
        // documentation: inside the `#[target_feature(enable = "avx2")]` entry points,
        // reached with a `Token`, and in tests after `Token::get` succeeded).
        let r = unsafe { $e };
        r
    }};
}

#[inline(always)]
fn splat(x: i32) -> __m256i {
    avx2!(_mm256_set1_epi32(x))
}

/// `d`-bit packing (`1 <= d <= 24`) of the low `d` bits of 8 values into `out` (`d`
/// bytes), as [`super::encode_scalar`]: value `l` ORed into three 64-bit registers at bit
/// `l d` (for a constant `d` the offsets are constants: no loop over bits, no branch, and
/// no read-modify-write of overlapping memory words, which would stall on store
/// forwarding).
#[inline(always)]
fn encode8(c: &[i32; 8], d: u32, out: &mut [u8]) {
    let mask = (1u64 << d) - 1;
    let mut acc = [0u64; 3];
    for (l, &x) in c.iter().enumerate() {
        let v = u64::from(x as u32) & mask;
        let off = l * d as usize;
        let (w, shift) = (off >> 6, off & 63);
        acc[w] |= v << shift;
        if shift + d as usize > 64 {
            acc[w + 1] |= v >> (64 - shift);
        }
    }
    // Straight from the registers into `out` (a staging buffer read back with wider
    // loads than its stores would stall on store forwarding).
    for (k, a) in acc.into_iter().enumerate() {
        let at = 8 * k;
        if at >= d as usize {
            break;
        }
        let n = (d as usize - at).min(8);
        out[at..at + n].copy_from_slice(&a.to_le_bytes()[..n]);
    }
}

/// The little-endian value of `bytes[at..at + n]`, `n <= 8`, assembled in a register.
#[inline(always)]
fn le_bytes(bytes: &[u8], at: usize, n: usize) -> u64 {
    if n == 8 {
        return u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    }
    let mut v = 0u64;
    for (j, b) in bytes[at..at + n].iter().enumerate() {
        v |= u64::from(*b) << (8 * j);
    }
    v
}

/// `d`-bit unpacking (`1 <= d <= 24`) of `bytes` (`d` bytes) into 8 lanes, as
/// [`super::decode_scalar`]: lane `l` is the 32-bit window at bit `l d` of the bytes (zero padded
/// to 32), taken from the two words that hold it by two lane permutations and two shifts.
#[inline(always)]
fn decode8(d: u32, bytes: &[u8]) -> __m256i {
    // The bytes as four 64-bit words, zero padded, built in registers (a staging buffer
    // loaded whole after narrower stores would stall on store forwarding).
    let d_bytes = d as usize;
    let word = |k: usize| {
        let at = 8 * k;
        if at >= d_bytes {
            0
        } else {
            le_bytes(bytes, at, (d_bytes - at).min(8)) as i64
        }
    };
    avx2!({
        let v = _mm256_setr_epi64x(word(0), word(1), word(2), word(3));
        let off = _mm256_mullo_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), splat(d as i32));
        // Word w = off / 32 and shift t = off mod 32; the window is
        // (word[w] >> t) | (word[w + 1] << (32 - t)) (a shift by 32 gives 0).
        let w = _mm256_srli_epi32::<5>(off);
        let t = _mm256_and_si256(off, splat(31));
        let lo = _mm256_permutevar8x32_epi32(v, w);
        let hi = _mm256_permutevar8x32_epi32(v, _mm256_add_epi32(w, splat(1)));
        let x = _mm256_or_si256(
            _mm256_srlv_epi32(lo, t),
            _mm256_sllv_epi32(hi, _mm256_sub_epi32(splat(32), t)),
        );
        _mm256_and_si256(x, splat(((1u32 << d) - 1) as i32))
    })
}

/// The sign bit of every lane as 0 or 1.
#[inline(always)]
fn sign_bit(x: __m256i) -> __m256i {
    avx2!(_mm256_srli_epi32::<31>(x))
}

/// The odd lanes moved to the even positions (`vmovshdup`: a shuffle, not a shift, so
/// it leaves the multiply ports to the multiplications).
#[inline(always)]
fn odd(x: __m256i) -> __m256i {
    avx2!(_mm256_castps_si256(_mm256_movehdup_ps(
        _mm256_castsi256_ps(x)
    )))
}

/// Lane-wise `a * b * 2^-32 mod q` in `(-q, q)`: `arith::mont_mul` bit for bit. `bq` is
/// `b * q^-1 mod 2^32` lane-wise, and `b_odd` is `b` or its odd lanes in the even
/// positions (for a constant, `b` itself).
#[inline(always)]
fn mont_mul_pre(a: __m256i, b: __m256i, b_odd: __m256i, bq: __m256i, bq_odd: __m256i) -> __m256i {
    avx2!({
        let q = _mm256_set1_epi32(Q);
        let a_odd = odd(a);
        // Exact 64-bit products of the even and odd lanes, and t = a b q^-1 mod 2^32.
        let pe = _mm256_mul_epi32(a, b);
        let po = _mm256_mul_epi32(a_odd, b_odd);
        let te = _mm256_mul_epi32(_mm256_mul_epi32(a, bq), q);
        let to = _mm256_mul_epi32(_mm256_mul_epi32(a_odd, bq_odd), q);
        // (p - t q) / 2^32: the high halves.
        let re = odd(_mm256_sub_epi64(pe, te));
        let ro = _mm256_sub_epi64(po, to);
        _mm256_blend_epi32::<0b1010_1010>(re, ro)
    })
}

/// Lane-wise `a * b * 2^-32 mod q` in `(-q, q)`: `arith::mont_mul` bit for bit.
#[inline(always)]
fn mont_mul(a: __m256i, b: __m256i) -> __m256i {
    // The exact products of the even and the odd lanes, then their reduction.
    avx2!(wide_reduce([
        _mm256_mul_epi32(a, b),
        _mm256_mul_epi32(odd(a), odd(b)),
    ]))
}

/// `acc + a * b` lane-wise in 64 bits ([`Lanes::mul_acc`]): `acc[0]` holds the even
/// lanes' sums, `acc[1]` the odd lanes' (moved to the even positions), as 64-bit lanes;
/// `vpmuldq` forms the exact products, as in [`mont_mul`] but without its reduction.
#[inline(always)]
fn mul_acc(acc: [__m256i; 2], a: __m256i, b: __m256i) -> [__m256i; 2] {
    avx2!([
        _mm256_add_epi64(acc[0], _mm256_mul_epi32(a, b)),
        _mm256_add_epi64(acc[1], _mm256_mul_epi32(odd(a), odd(b))),
    ])
}

/// Montgomery reduction of the 64-bit sums of [`mul_acc`] ([`Lanes::wide_reduce`]; also
/// [`mont_mul`]'s tail): `arith::montgomery_reduce` bit for bit, in `(-q, q)` for sums
/// below `2^31 q` in absolute value.
#[inline(always)]
fn wide_reduce(acc: [__m256i; 2]) -> __m256i {
    avx2!({
        let qinv = _mm256_set1_epi32(QINV);
        let q = _mm256_set1_epi32(Q);
        let [pe, po] = acc;
        let te = _mm256_mul_epi32(_mm256_mul_epi32(pe, qinv), q);
        let to = _mm256_mul_epi32(_mm256_mul_epi32(po, qinv), q);
        let re = odd(_mm256_sub_epi64(pe, te));
        let ro = _mm256_sub_epi64(po, to);
        _mm256_blend_epi32::<0b1010_1010>(re, ro)
    })
}

/// Lane-wise Montgomery product by a twiddle vector of [`NTT_TW`] or [`INV_NTT_TW`].
#[inline(always)]
fn mont_mul_tw(a: __m256i, tw: &Twiddle) -> __m256i {
    avx2!({
        let v = |i: usize| _mm256_loadu_si256(tw[i].as_ptr().cast());
        mont_mul_pre(a, v(0), v(1), v(2), v(3))
    })
}

/// `a * c * 2^-32 mod q` lane-wise for one constant `c`.
#[inline(always)]
fn mont_mul_const(a: __m256i, c: i32) -> __m256i {
    let (b, bq) = (splat(c), splat(c.wrapping_mul(QINV)));
    mont_mul_pre(a, b, b, bq, bq)
}

/// `Decompose` lane-wise (`arith::decompose`).
#[inline(always)]
fn decompose(a: __m256i, gamma2: i32) -> (__m256i, __m256i) {
    avx2!({
        let mut a1 = _mm256_srai_epi32::<7>(_mm256_add_epi32(a, splat(127)));
        if gamma2 == GAMMA2_32 {
            a1 = _mm256_mullo_epi32(a1, splat(1025));
            a1 = _mm256_srai_epi32::<22>(_mm256_add_epi32(a1, splat(1 << 21)));
            a1 = _mm256_and_si256(a1, splat(15));
        } else {
            a1 = _mm256_mullo_epi32(a1, splat(11275));
            a1 = _mm256_srai_epi32::<24>(_mm256_add_epi32(a1, splat(1 << 23)));
            let m = _mm256_srai_epi32::<31>(_mm256_sub_epi32(splat(43), a1));
            a1 = _mm256_xor_si256(a1, _mm256_and_si256(m, a1));
        }
        let mut a0 = _mm256_sub_epi32(a, _mm256_mullo_epi32(a1, splat(2 * gamma2)));
        let m = _mm256_srai_epi32::<31>(_mm256_sub_epi32(splat((Q - 1) / 2), a0));
        a0 = _mm256_sub_epi32(a0, _mm256_and_si256(m, splat(Q)));
        (a1, a0)
    })
}

/// Stores the first `n` lanes of `v` (`n <= 8`, `at + n <= 256`) at `out[at..]`: all
/// eight lanes where they fit (the `8 - n` past the new fill level are overwritten by the
/// next appends, or left over once `out` is full; a masked store, `vpmaskmovd`, is slow
/// on some CPUs), through a staging array at the end.
#[inline(always)]
fn store_first(v: __m256i, n: usize, out: &mut [i32; 256], at: usize) {
    avx2!({
        if at + 8 <= 256 {
            let dst = &mut out[at..at + 8];
            _mm256_storeu_si256(dst.as_mut_ptr().cast(), v);
        } else {
            let mut staged = [0i32; 8];
            _mm256_storeu_si256(staged.as_mut_ptr().cast(), v);
            for (o, x) in out[at..at + n].iter_mut().zip(staged) {
                *o = x;
            }
        }
    })
}

/// 1 in lanes that are not zero, else 0.
#[inline(always)]
fn nonzero(x: __m256i) -> __m256i {
    avx2!(sign_bit(_mm256_or_si256(
        x,
        _mm256_sub_epi32(_mm256_setzero_si256(), x)
    )))
}

// ---------------------------------------------------------------------------------------
// Whole-polynomial NTTs: eight registers of coefficients through several layers at a time,
// and the layers within a register on two units at once.

/// Forward butterfly `(x + y ζ, x - y ζ)` (Montgomery product), as the generic layers.
#[inline(always)]
fn fwd_bf(r: &mut [__m256i; 8], i: usize, j: usize, zeta: i32) {
    let t = mont_mul_const(r[j], zeta);
    avx2!({
        r[j] = _mm256_sub_epi32(r[i], t);
        r[i] = _mm256_add_epi32(r[i], t);
    });
}

/// Inverse butterfly `(x + y, (y - x) ζ)`, as the generic layers.
#[inline(always)]
fn inv_bf(r: &mut [__m256i; 8], i: usize, j: usize, zeta: i32) {
    avx2!({
        let t = r[i];
        r[i] = _mm256_add_epi32(t, r[j]);
        r[j] = mont_mul_const(_mm256_sub_epi32(r[j], t), zeta);
    });
}

/// Even lanes of `x` and `y` interleaved, and odd lanes interleaved: from the length-2
/// layout of [`PAIR_LAYOUT`] to the length-1 one and back (the reference's `shuffle2`).
#[inline(always)]
fn shuffle2(x: __m256i, y: __m256i) -> (__m256i, __m256i) {
    avx2!((
        _mm256_blend_epi32::<0b1010_1010>(x, _mm256_slli_epi64::<32>(y)),
        _mm256_blend_epi32::<0b1010_1010>(_mm256_srli_epi64::<32>(x), y),
    ))
}

/// The forward layers of lengths 4, 2, 1 on units `a` and `b` (pair `tw`): the two units'
/// halves, quarters and lanes regrouped so that every butterfly has its operands in the
/// same lane of two registers (one full-width product per layer for both units), then put
/// back in order.
#[inline(always)]
fn ntt_pair(a: __m256i, b: __m256i, tw: &[Twiddle; 3]) -> (__m256i, __m256i) {
    avx2!({
        // Length 4: lower halves against upper halves.
        let x = _mm256_permute2x128_si256::<0x20>(a, b);
        let y = _mm256_permute2x128_si256::<0x31>(a, b);
        let t = mont_mul_tw(y, &tw[0]);
        let (x, y) = (_mm256_add_epi32(x, t), _mm256_sub_epi32(x, t));
        // Length 2: 64-bit pieces.
        let (x, y) = (_mm256_unpacklo_epi64(x, y), _mm256_unpackhi_epi64(x, y));
        let t = mont_mul_tw(y, &tw[1]);
        let (x, y) = (_mm256_add_epi32(x, t), _mm256_sub_epi32(x, t));
        // Length 1: even against odd coefficients.
        let (x, y) = shuffle2(x, y);
        let t = mont_mul_tw(y, &tw[2]);
        let (x, y) = (_mm256_add_epi32(x, t), _mm256_sub_epi32(x, t));
        // Back in order: interleaved to quarters of both units, then units.
        let lo = _mm256_unpacklo_epi32(x, y);
        let hi = _mm256_unpackhi_epi32(x, y);
        (
            _mm256_permute2x128_si256::<0x20>(lo, hi),
            _mm256_permute2x128_si256::<0x31>(lo, hi),
        )
    })
}

/// The inverse layers of lengths 1, 2, 4 on units `a` and `b` (pair `tw`), the mirror of
/// [`ntt_pair`].
#[inline(always)]
fn inv_ntt_pair(a: __m256i, b: __m256i, tw: &[Twiddle; 3]) -> (__m256i, __m256i) {
    avx2!({
        // Even and odd coefficients of both units.
        let lo = _mm256_castsi256_ps(_mm256_permute2x128_si256::<0x20>(a, b));
        let hi = _mm256_castsi256_ps(_mm256_permute2x128_si256::<0x31>(a, b));
        let x = _mm256_castps_si256(_mm256_shuffle_ps::<0b10_00_10_00>(lo, hi));
        let y = _mm256_castps_si256(_mm256_shuffle_ps::<0b11_01_11_01>(lo, hi));
        // Length 1.
        let (x, y) = (
            _mm256_add_epi32(x, y),
            mont_mul_tw(_mm256_sub_epi32(y, x), &tw[0]),
        );
        // Length 2.
        let (x, y) = shuffle2(x, y);
        let (x, y) = (
            _mm256_add_epi32(x, y),
            mont_mul_tw(_mm256_sub_epi32(y, x), &tw[1]),
        );
        // Length 4.
        let (x, y) = (_mm256_unpacklo_epi64(x, y), _mm256_unpackhi_epi64(x, y));
        let (x, y) = (
            _mm256_add_epi32(x, y),
            mont_mul_tw(_mm256_sub_epi32(y, x), &tw[2]),
        );
        (
            _mm256_permute2x128_si256::<0x20>(x, y),
            _mm256_permute2x128_si256::<0x31>(x, y),
        )
    })
}

/// Butterflies `f(r, i, j, ζ)` on the registers of `r` in turn, written out: constant
/// indices keep `r` in registers (a loop over an index array would leave it on the stack).
macro_rules! butterflies {
    ($f:ident, $r:ident: $(($i:literal, $j:literal, $z:expr)),* $(,)?) => {
        $($f(&mut $r, $i, $j, $z);)*
    };
}

/// The forward NTT of [`super::super::poly::ntt_generic`], bit for bit: layers 128, 64 and
/// 32 on the eight units `i, i + 4, ..., i + 28` held in registers, then layers 16 and 8
/// and the three within a register on each block of eight units (64 coefficients), the
/// last three on two units at a time.
#[inline(always)]
fn ntt_poly(p: &mut [Avx2; 32]) {
    for i in 0..4 {
        let mut r: [__m256i; 8] = core::array::from_fn(|k| p[i + 4 * k].0);
        let z = |k: usize| ZETAS[k];
        butterflies!(fwd_bf, r: (0, 4, z(1)), (1, 5, z(1)), (2, 6, z(1)), (3, 7, z(1)));
        butterflies!(fwd_bf, r: (0, 2, z(2)), (1, 3, z(2)), (4, 6, z(3)), (5, 7, z(3)));
        butterflies!(fwd_bf, r: (0, 1, z(4)), (2, 3, z(5)), (4, 5, z(6)), (6, 7, z(7)));
        for (k, x) in r.into_iter().enumerate() {
            p[i + 4 * k] = Avx2(x);
        }
    }
    for m in 0..4 {
        let mut r: [__m256i; 8] = core::array::from_fn(|k| p[8 * m + k].0);
        // Unit 8 m + k: layer 16 uses ZETAS[8 + (8 m + k) / 4], layer 8 ZETAS[16 + (8 m + k) / 2].
        let z16 = |k: usize| ZETAS[8 + 2 * m + k];
        let z8 = |k: usize| ZETAS[16 + 4 * m + k];
        butterflies!(fwd_bf, r: (0, 2, z16(0)), (1, 3, z16(0)), (4, 6, z16(1)), (5, 7, z16(1)));
        butterflies!(fwd_bf, r: (0, 1, z8(0)), (2, 3, z8(1)), (4, 5, z8(2)), (6, 7, z8(3)));
        let tw = &PAIR_NTT_TW[4 * m..4 * m + 4];
        let (r0, r1) = ntt_pair(r[0], r[1], &tw[0]);
        let (r2, r3) = ntt_pair(r[2], r[3], &tw[1]);
        let (r4, r5) = ntt_pair(r[4], r[5], &tw[2]);
        let (r6, r7) = ntt_pair(r[6], r[7], &tw[3]);
        for (k, x) in [r0, r1, r2, r3, r4, r5, r6, r7].into_iter().enumerate() {
            p[8 * m + k] = Avx2(x);
        }
    }
}

/// The inverse NTT of [`super::super::poly::inv_ntt_generic`], bit for bit: the mirror of
/// [`ntt_poly`], the scaling folded into the last layer as there.
#[inline(always)]
fn inv_ntt_poly(p: &mut [Avx2; 32]) {
    for m in 0..4 {
        let u = |k: usize| p[8 * m + k].0;
        let tw = &PAIR_INV_NTT_TW[4 * m..4 * m + 4];
        let (r0, r1) = inv_ntt_pair(u(0), u(1), &tw[0]);
        let (r2, r3) = inv_ntt_pair(u(2), u(3), &tw[1]);
        let (r4, r5) = inv_ntt_pair(u(4), u(5), &tw[2]);
        let (r6, r7) = inv_ntt_pair(u(6), u(7), &tw[3]);
        let mut r = [r0, r1, r2, r3, r4, r5, r6, r7];
        // Unit 8 m + k: layer 8 uses ZETAS[31 - (8 m + k) / 2], layer 16 ZETAS[15 - (8 m + k) / 4].
        let z8 = |k: usize| ZETAS[31 - 4 * m - k];
        let z16 = |k: usize| ZETAS[15 - 2 * m - k];
        butterflies!(inv_bf, r: (0, 1, z8(0)), (2, 3, z8(1)), (4, 5, z8(2)), (6, 7, z8(3)));
        butterflies!(inv_bf, r: (0, 2, z16(0)), (1, 3, z16(0)), (4, 6, z16(1)), (5, 7, z16(1)));
        for (k, x) in r.into_iter().enumerate() {
            p[8 * m + k] = Avx2(x);
        }
    }
    for i in 0..4 {
        let mut r: [__m256i; 8] = core::array::from_fn(|k| p[i + 4 * k].0);
        let z = |k: usize| ZETAS[k];
        butterflies!(inv_bf, r: (0, 1, z(7)), (2, 3, z(6)), (4, 5, z(5)), (6, 7, z(4)));
        butterflies!(inv_bf, r: (0, 2, z(3)), (1, 3, z(3)), (4, 6, z(2)), (5, 7, z(2)));
        butterflies!(last_bf, r: (0, 4, 0), (1, 5, 0), (2, 6, 0), (3, 7, 0));
        for (k, x) in r.into_iter().enumerate() {
            p[i + 4 * k] = Avx2(x);
        }
    }
}

/// The inverse layer of length 128 with the scaling by `INV_NTT_SCALE` folded in, as
/// [`super::super::poly::inv_ntt_generic`] (the unused twiddle keeps [`butterflies`]' form).
#[inline(always)]
fn last_bf(r: &mut [__m256i; 8], i: usize, j: usize, _: i32) {
    avx2!({
        let t = r[i];
        r[i] = mont_mul_const(_mm256_add_epi32(t, r[j]), INV_NTT_SCALE);
        r[j] = mont_mul_const(_mm256_sub_epi32(r[j], t), INV_NTT_SCALE_ZETA);
    });
}

/// [`ntt_poly`] as a function of its own with AVX2 enabled: full speed even where a caller
/// was not inlined into an AVX2 entry point (an outlined closure of the generic code is
/// compiled without the target feature, and the intrinsics inlined into it would become
/// calls), and one copy of the unrolled code instead of one per call site.
#[target_feature(enable = "avx2")]
fn ntt_poly_avx2(p: &mut [Avx2; 32]) {
    ntt_poly(p);
}

/// [`inv_ntt_poly`] likewise.
#[target_feature(enable = "avx2")]
fn inv_ntt_poly_avx2(p: &mut [Avx2; 32]) {
    inv_ntt_poly(p);
}

impl Lanes for Avx2 {
    const N: usize = 8;
    type Poly = [Avx2; 32];
    type MatrixGroup = [[Avx2; 32]; 4];
    /// Even and odd lanes' 64-bit sums: see [`mul_acc`].
    type Wide = [__m256i; 2];

    #[inline(always)]
    fn zero_poly() -> Self::Poly {
        [Avx2(avx2!(_mm256_setzero_si256())); 32]
    }
    #[inline(always)]
    fn zero_matrix_group() -> Self::MatrixGroup {
        [Self::zero_poly(); 4]
    }
    #[inline(always)]
    fn splat(x: i32) -> Self {
        Avx2(splat(x))
    }
    #[inline(always)]
    fn load(c: &[i32]) -> Self {
        assert!(c.len() >= 8);
        // The assertion above: eight readable `i32`s.
        Avx2(avx2!(_mm256_loadu_si256(c.as_ptr().cast())))
    }
    #[inline(always)]
    fn store(self, out: &mut [i32]) {
        assert!(out.len() >= 8);
        // The assertion above: eight writable `i32`s.
        avx2!(_mm256_storeu_si256(out.as_mut_ptr().cast(), self.0));
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Avx2(avx2!(_mm256_add_epi32(self.0, o.0)))
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        Avx2(avx2!(_mm256_sub_epi32(self.0, o.0)))
    }
    #[inline(always)]
    fn shl(self, s: u32) -> Self {
        Avx2(avx2!(_mm256_sll_epi32(self.0, _mm_cvtsi32_si128(s as i32))))
    }
    #[inline(always)]
    fn sra(self, s: u32) -> Self {
        Avx2(avx2!(_mm256_sra_epi32(self.0, _mm_cvtsi32_si128(s as i32))))
    }
    #[inline(always)]
    fn mont_mul(self, o: Self) -> Self {
        Avx2(mont_mul(self.0, o.0))
    }
    #[inline(always)]
    fn mont_mul_const(self, c: i32) -> Self {
        Avx2(mont_mul_const(self.0, c))
    }
    #[inline(always)]
    fn wide_zero() -> Self::Wide {
        avx2!([_mm256_setzero_si256(); 2])
    }
    #[inline(always)]
    fn mul_acc(acc: Self::Wide, a: Self, b: Self) -> Self::Wide {
        mul_acc(acc, a.0, b.0)
    }
    #[inline(always)]
    fn wide_reduce(acc: Self::Wide) -> Self {
        Avx2(wide_reduce(acc))
    }
    #[inline(always)]
    fn reduce32(self) -> Self {
        avx2!({
            let t = _mm256_srai_epi32::<23>(_mm256_add_epi32(self.0, splat(1 << 22)));
            Avx2(_mm256_sub_epi32(self.0, _mm256_mullo_epi32(t, splat(Q))))
        })
    }
    #[inline(always)]
    fn caddq(self) -> Self {
        avx2!({
            let m = _mm256_srai_epi32::<31>(self.0);
            Avx2(_mm256_add_epi32(self.0, _mm256_and_si256(m, splat(Q))))
        })
    }
    #[inline(always)]
    fn ntt_within(self, unit: usize) -> Self {
        let tw = &NTT_TW[unit];
        avx2!({
            let sgn4 = _mm256_setr_epi32(1, 1, 1, 1, -1, -1, -1, -1);
            let sgn2 = _mm256_setr_epi32(1, 1, -1, -1, 1, 1, -1, -1);
            let sgn1 = _mm256_setr_epi32(1, -1, 1, -1, 1, -1, 1, -1);
            let v = self.0;
            // Length 4: halves.
            let lo = _mm256_permute2x128_si256::<0x00>(v, v);
            let hi = _mm256_permute2x128_si256::<0x11>(v, v);
            let t = mont_mul_tw(hi, &tw[0]);
            let v = _mm256_add_epi32(lo, _mm256_sign_epi32(t, sgn4));
            // Length 2: 64-bit blocks within each half.
            let lo = _mm256_shuffle_epi32::<0b01_00_01_00>(v);
            let hi = _mm256_shuffle_epi32::<0b11_10_11_10>(v);
            let t = mont_mul_tw(hi, &tw[1]);
            let v = _mm256_add_epi32(lo, _mm256_sign_epi32(t, sgn2));
            // Length 1: neighbouring lanes.
            let lo = _mm256_shuffle_epi32::<0b10_10_00_00>(v);
            let hi = _mm256_shuffle_epi32::<0b11_11_01_01>(v);
            let t = mont_mul_tw(hi, &tw[2]);
            Avx2(_mm256_add_epi32(lo, _mm256_sign_epi32(t, sgn1)))
        })
    }
    #[inline(always)]
    fn inv_ntt_within(self, unit: usize) -> Self {
        let tw = &INV_NTT_TW[unit];
        avx2!({
            let v = self.0;
            // Length 1.
            let lo = _mm256_shuffle_epi32::<0b10_10_00_00>(v);
            let hi = _mm256_shuffle_epi32::<0b11_11_01_01>(v);
            let s = _mm256_add_epi32(lo, hi);
            let d = mont_mul_tw(_mm256_sub_epi32(hi, lo), &tw[0]);
            let v = _mm256_blend_epi32::<0b1010_1010>(s, d);
            // Length 2.
            let lo = _mm256_shuffle_epi32::<0b01_00_01_00>(v);
            let hi = _mm256_shuffle_epi32::<0b11_10_11_10>(v);
            let s = _mm256_add_epi32(lo, hi);
            let d = mont_mul_tw(_mm256_sub_epi32(hi, lo), &tw[1]);
            let v = _mm256_blend_epi32::<0b1100_1100>(s, d);
            // Length 4.
            let lo = _mm256_permute2x128_si256::<0x00>(v, v);
            let hi = _mm256_permute2x128_si256::<0x11>(v, v);
            let s = _mm256_add_epi32(lo, hi);
            let d = mont_mul_tw(_mm256_sub_epi32(hi, lo), &tw[2]);
            Avx2(_mm256_blend_epi32::<0b1111_0000>(s, d))
        })
    }
    #[inline(always)]
    fn ntt_poly(p: &mut Self::Poly) {
        // SAFETY: `Avx2` values exist only where AVX2 is available (module documentation).
        unsafe { ntt_poly_avx2(p) }
    }
    #[inline(always)]
    fn inv_ntt_poly(p: &mut Self::Poly) {
        // SAFETY: as above.
        unsafe { inv_ntt_poly_avx2(p) }
    }
    #[inline(always)]
    fn power2round(self) -> (Self, Self) {
        avx2!({
            let a1 = _mm256_srai_epi32::<13>(_mm256_add_epi32(self.0, splat((1 << 12) - 1)));
            let a0 = _mm256_sub_epi32(self.0, _mm256_slli_epi32::<13>(a1));
            (Avx2(a1), Avx2(a0))
        })
    }
    #[inline(always)]
    fn decompose(self, gamma2: i32) -> (Self, Self) {
        let (a1, a0) = decompose(self.0, gamma2);
        (Avx2(a1), Avx2(a0))
    }
    #[inline(always)]
    fn make_hint(a0: Self, a1: Self, gamma2: i32) -> Self {
        avx2!({
            let g = splat(gamma2);
            let above = sign_bit(_mm256_sub_epi32(g, a0.0));
            let sum = _mm256_add_epi32(a0.0, g);
            let below = sign_bit(sum);
            let at_minus = _mm256_xor_si256(splat(1), nonzero(sum));
            let r = _mm256_or_si256(above, below);
            Avx2(_mm256_or_si256(
                r,
                _mm256_and_si256(at_minus, nonzero(a1.0)),
            ))
        })
    }
    #[inline(always)]
    fn use_hint(self, h: Self, gamma2: i32) -> Self {
        let (a1, a0) = decompose(self.0, gamma2);
        avx2!({
            let positive = sign_bit(_mm256_sub_epi32(_mm256_setzero_si256(), a0));
            let dir = _mm256_sub_epi32(_mm256_add_epi32(positive, positive), splat(1));
            let r = _mm256_add_epi32(a1, _mm256_mullo_epi32(h.0, dir));
            if gamma2 == GAMMA2_32 {
                Avx2(_mm256_and_si256(r, splat(15)))
            } else {
                let m44 = splat(44);
                let r = _mm256_add_epi32(r, _mm256_and_si256(_mm256_srai_epi32::<31>(r), m44));
                let over = _mm256_srai_epi32::<31>(_mm256_sub_epi32(splat(43), r));
                Avx2(_mm256_sub_epi32(r, _mm256_and_si256(over, m44)))
            }
        })
    }
    #[inline(always)]
    fn exceeds(self, bound: i32) -> u32 {
        avx2!({
            // `arith::exceeds` bit for bit: the sign of `(bound - 1) - |x|` (wrapping; `vpabsd`
            // leaves `i32::MIN` as it is, as the scalar formula does).
            let abs = _mm256_abs_epi32(self.0);
            let d = _mm256_sub_epi32(splat(bound - 1), abs);
            // testz is 1 when no lane has its sign bit set: no branch.
            (1 ^ _mm256_testz_si256(d, splat(i32::MIN))) as u32
        })
    }
    #[inline(always)]
    fn sum(self) -> i32 {
        avx2!({
            let s = _mm_add_epi32(
                _mm256_castsi256_si128(self.0),
                _mm256_extracti128_si256::<1>(self.0),
            );
            let s = _mm_add_epi32(s, _mm_shuffle_epi32::<0b01_00_11_10>(s));
            let s = _mm_add_epi32(s, _mm_shuffle_epi32::<0b10_11_00_01>(s));
            _mm_cvtsi128_si32(s)
        })
    }
    #[inline(always)]
    fn bits(self) -> u32 {
        avx2!(_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_slli_epi32::<31>(self.0))) as u32)
    }

    #[inline(always)]
    fn encode(self, d: u32, out: &mut [u8]) {
        let mut c = [0i32; 8];
        self.store(&mut c);
        encode8(&c, d, out);
    }
    #[inline(always)]
    fn decode(d: u32, bytes: &[u8]) -> Self {
        Avx2(decode8(d, bytes))
    }

    /// 24 bytes to 8 candidates at a time (as the Dilithium AVX2 reference's
    /// `rej_uniform_avx`): the accepted lanes are packed by a permutation chosen by the
    /// acceptance mask and stored eight at a time (see [`store_first`]: `out` past the new
    /// fill level may change). Public bytes only.
    #[inline(always)]
    fn sample_uniform(mut bytes: &[u8], out: &mut [i32; 256], filled: &mut usize) {
        avx2!({
            let idx8 = _mm256_setr_epi8(
                0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1, 4, 5, 6, -1, 7, 8, 9, -1, 10,
                11, 12, -1, 13, 14, 15, -1,
            );
            let mask = splat(0x7f_ffff);
            let q = splat(Q);
            let mut window = [0u8; 32];
            while bytes.len() >= 24 && *filled < 256 {
                let (head, rest) = bytes.split_at(24);
                window[..24].copy_from_slice(head);
                let d = _mm256_loadu_si256(window.as_ptr().cast());
                let d = _mm256_permute4x64_epi64::<0b10_01_01_00>(d);
                let d = _mm256_and_si256(_mm256_shuffle_epi8(d, idx8), mask);
                let good = _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_sub_epi32(d, q))) as u32;
                let perm =
                    _mm256_cvtepu8_epi32(_mm_loadl_epi64(REJ_PERM[good as usize].as_ptr().cast()));
                let packed = _mm256_permutevar8x32_epi32(d, perm);
                let n = (good.count_ones() as usize).min(256 - *filled);
                store_first(packed, n, out, *filled);
                *filled += n;
                bytes = rest;
            }
        });
        sample_uniform_scalar(bytes, out, filled);
    }

    /// Eight half-bytes (four bytes, low half first) at a time: `CoeffFromHalfByte` lane-wise,
    /// then the accepted lanes packed and stored as in [`Lanes::sample_uniform`]. The
    /// acceptance mask is declassified (as [`super::sample_eta_scalar`] declassifies each
    /// decision): the rejected positions reveal nothing about the accepted values.
    #[inline(always)]
    fn sample_eta(mut bytes: &[u8], eta: i32, out: &mut [i32; 256], filled: &mut usize) {
        avx2!({
            let shifts = _mm256_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28);
            let nib = splat(0xf);
            while bytes.len() >= 4 && *filled < 256 {
                let (head, rest) = bytes.split_at(4);
                let w = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
                let t = _mm256_and_si256(_mm256_srlv_epi32(splat(w as i32), shifts), nib);
                let (accept, v) = if eta == 2 {
                    // 2 - (t mod 5), t mod 5 = t - 5 floor(205 t / 1024), for t < 15.
                    let q5 = _mm256_srli_epi32::<10>(_mm256_mullo_epi32(t, splat(205)));
                    let m5 = _mm256_sub_epi32(t, _mm256_mullo_epi32(q5, splat(5)));
                    (
                        _mm256_cmpgt_epi32(splat(15), t),
                        _mm256_sub_epi32(splat(2), m5),
                    )
                } else {
                    (
                        _mm256_cmpgt_epi32(splat(9), t),
                        _mm256_sub_epi32(splat(4), t),
                    )
                };
                let good = mamori_primitives::ct::declassify_u8(_mm256_movemask_ps(
                    _mm256_castsi256_ps(accept),
                ) as u8);
                let perm = _mm256_cvtepu8_epi32(_mm_loadl_epi64(
                    REJ_PERM[usize::from(good)].as_ptr().cast(),
                ));
                let packed = _mm256_permutevar8x32_epi32(v, perm);
                let n = (good.count_ones() as usize).min(256 - *filled);
                store_first(packed, n, out, *filled);
                *filled += n;
                bytes = rest;
            }
        });
        sample_eta_scalar(bytes, eta, out, filled);
    }

    #[inline(always)]
    fn keccak_x4() -> Option<KeccakX4Backend> {
        // This backend runs only where AVX2 is available (module documentation), so the
        // detection (cached) succeeds; it takes the AVX-512VL permutation where the CPU
        // has it.
        KeccakX4Backend::detect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{
        self, Coverage, Rng, encode_decode_match_scalar, lanes_match_portable,
        ntt_matches_portable, random_coeffs, sample_eta_matches_scalar,
        sample_uniform_matches_scalar,
    };
    use super::*;

    fn token() -> Option<Token> {
        Token::get()
    }

    /// Runs `f` with AVX2 enabled.
    #[target_feature(enable = "avx2")]
    fn with_avx2(f: impl FnOnce()) {
        f();
    }

    fn run(f: impl FnOnce()) {
        if token().is_none() {
            return;
        }
        // SAFETY: `Token::get` succeeded just above: the CPU and OS support AVX2.
        unsafe { with_avx2(f) }
    }

    /// Every lane method against the portable backend on random inputs.
    #[test]
    fn avx2_lanes_match_portable() {
        run(|| {
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
            lanes_match_portable::<Avx2>(&mut rng, 20_000);
            encode_decode_match_scalar::<Avx2>(&mut rng);
        });
    }

    /// The whole-polynomial NTTs against the portable backend and against the generic
    /// layers on AVX2 lanes, on random polynomials and on extreme ones.
    #[test]
    fn avx2_ntt_poly_matches_portable() {
        run(|| ntt_matches_portable::<Avx2>(&mut Rng(0x0123_4567_89ab_cdef), 2_000));
    }

    /// `rdtsc` medians of the whole-polynomial NTTs against the generic layers on AVX2
    /// lanes (print only: run with `--ignored --nocapture`).
    #[test]
    #[ignore = "timing report, run by hand"]
    fn avx2_ntt_cycles() {
        extern crate std;
        use super::super::super::poly;
        #[inline(always)]
        fn median(mut f: impl FnMut()) -> u64 {
            let mut t = [0u64; 2_001];
            for x in &mut t {
                // SAFETY: `rdtsc` exists on every x86-64 CPU and has no preconditions.
                let s = unsafe { _rdtsc() };
                f();
                // SAFETY: as above.
                *x = unsafe { _rdtsc() } - s;
            }
            t.sort_unstable();
            t[t.len() / 2]
        }
        #[target_feature(enable = "avx2")]
        fn fwd(p: &mut [Avx2; 32]) {
            poly::ntt::<Avx2>(p);
        }
        #[target_feature(enable = "avx2")]
        fn fwd_g(p: &mut [Avx2; 32]) {
            poly::ntt_generic::<Avx2>(p);
        }
        #[target_feature(enable = "avx2")]
        fn inv(p: &mut [Avx2; 32]) {
            poly::inv_ntt::<Avx2>(p);
        }
        #[target_feature(enable = "avx2")]
        fn inv_g(p: &mut [Avx2; 32]) {
            poly::inv_ntt_generic::<Avx2>(p);
        }
        if token().is_none() {
            return;
        }
        let mut a = poly::from_coeffs::<Avx2>(&random_coeffs(&mut Rng(99), 3));
        let mut time = |f: unsafe fn(&mut [Avx2; 32])| {
            // SAFETY: `Token::get` succeeded above: the CPU and OS support AVX2.
            median(|| unsafe { f(core::hint::black_box(&mut a)) })
        };
        let (fwd, fwd_g, inv, inv_g) = (time(fwd), time(fwd_g), time(inv), time(inv_g));
        std::println!(
            "AVX2 NTT cycles (rdtsc median of 2001): forward {fwd} (generic layers {fwd_g}), \
             inverse {inv} (generic layers {inv_g})"
        );
    }

    /// Rejection sampling against the scalar loop, with every fill level reached
    /// mid-block and byte counts not a multiple of 24.
    #[test]
    fn avx2_sample_uniform_matches_scalar() {
        run(|| sample_uniform_matches_scalar::<Avx2>(&mut Rng(12345), 400));
    }

    /// Bounded rejection sampling against the scalar loop, both η, any start and length.
    #[test]
    fn avx2_sample_eta_matches_scalar() {
        run(|| sample_eta_matches_scalar::<Avx2>(&mut Rng(777), 600));
    }

    /// Key generation, key checking, signing and verification on AVX2 give the portable
    /// backend's bytes.
    fn same_as_portable<const K: usize, const L: usize>(set: usize) {
        let Some(t) = token() else { return };
        let cover = Coverage {
            keys: 4,
            messages: 3,
            all_paths: true,
        };
        test_support::same_as_portable::<Token, K, L>(t, set, cover);
    }

    #[test]
    fn avx2_ml_dsa_44_same_as_portable() {
        same_as_portable::<4, 4>(44);
    }

    #[test]
    fn avx2_ml_dsa_65_same_as_portable() {
        same_as_portable::<6, 5>(65);
    }

    #[test]
    fn avx2_ml_dsa_87_same_as_portable() {
        same_as_portable::<8, 7>(87);
    }

    /// The dispatcher runs AVX2 where it is detected, unless AVX-512 is too.
    #[test]
    fn avx2_dispatch_prefers_avx2() {
        use super::super::super::dispatch::{Choice, choice};
        if token().is_some() {
            match super::super::avx512::Token::get() {
                Some(_) if super::super::super::dispatch::PREFER_AVX512 => {
                    assert!(matches!(choice(), Choice::Avx512(_)))
                }
                _ => assert!(matches!(choice(), Choice::Avx2(_))),
            }
        }
    }
}
