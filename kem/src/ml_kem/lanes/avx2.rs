//! The AVX2 backend: 16 `i16` lanes in one YMM register, a polynomial in sixteen registers.
//!
//! Modular arithmetic is the Montgomery/Barrett arithmetic of [`arith`] on 16 lanes, bit
//! for bit: Montgomery products with `mullo`/`mulhi` (twiddles pre-multiplied by `q^-1`, so
//! a product by a known factor takes three multiplications), Barrett reduction with a
//! `mulhi`, a rounding shift and a `mullo`.
//!
//! The NTT layers within a unit (lengths 8, 4, 2) pair each lane with its partner by one
//! fixed swap: of the 128-bit halves (`vperm2i128`) for length 8, of 64- or 32-bit blocks
//! within each half (`vpshufd`) for 4 and 2. A forward layer then blends (`vpblendd`) the
//! pair's `x` and `y` into every lane of the pair, multiplies `y` by the block's zeta and
//! adds the product with the sign of the lane (`vpsignw`: `+` in the lower half of a block,
//! `-` in the upper): one shuffle per layer. An inverse layer forms `x + y` and `y - x` in
//! every lane, reduces the first and multiplies the second, and blends. Base-case
//! multiplication forms `a0 b0, a1 b1` and, against `b` with its pairs swapped (`vpshufb`),
//! `a0 b1, a1 b0`; 32-bit shifts line up the partners of the two sums, one 16-bit blend
//! merges them. Twiddle vectors per unit and layer come from const tables built from
//! `arith::ZETAS` (`twiddles.rs`).
//!
//! Compression divides by q with a multiply-high, a remainder and two sign-bit corrections,
//! decompression with a 32-bit product split over `mullo`/`mulhi` (both as in the AVX-512
//! backend). `ByteEncode_d` for the widths ML-KEM uses (1, 4, 5, 10, 11, 12): `d = 1` is a
//! sign-bit mask (`vpmovmskb`); the others pack pairs of lanes with `vpmaddwd` and pairs of
//! pairs with 32- and 64-bit shifts into four 64-bit words, which a few scalar shifts join.
//! `ByteDecode_d` loads the bytes into both 128-bit halves, gathers the two (three for
//! `d = 11`) bytes holding each lane's bits with `vpshufb`, and shifts each lane's bits into
//! place with a multiplication by a power of two and one shift (for `d = 11`, a `mulhi` and
//! a `mullo` whose results are disjoint). Rejection sampling (public bytes only) follows
//! PQClean's and libcrux's `rej_uniform_avx2`: 24 bytes to 16 candidates, a comparison
//! with q, a byte mask indexing a table of shuffles that packs the accepted lanes of each
//! half, and a count from a second table; the accepted lanes go to a staging array, so
//! `out` beyond the new fill level is left as it was, exactly as the scalar loop leaves it.
//!
//! Soundness: [`Avx2`] is private to this module. Its values and its [`Lanes`] methods are
//! used only by the generic code instantiated inside the `#[target_feature]` entry points
//! below, which are reached only with a [`Token`], and by the tests after [`Token::get`]
//! succeeded. A [`Token`] exists only when `cpuid` and `xgetbv` (or, under Miri, the
//! compile-time target features) report AVX2 and the YMM state saved by the OS.
#![allow(unsafe_code)]

use core::arch::x86_64::*;

use super::super::Params;
use super::super::arith::{Q, QINV};
use super::super::kpke::{self, PublicKey, SecretKey};
use super::{Lanes, decode_scalar, encode_scalar, sample_uniform_scalar, twiddles};

// ---------------------------------------------------------------------------------------
// Detection and entry points.

/// Proof that this CPU and OS run AVX2: only [`Token::get`] makes one, and it makes the
/// entry points below safe to call.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token(());

impl Token {
    /// A token if this CPU and OS support the backend (detected once per process, by the
    /// AVX-512 module's `x86_features`, which checks AVX2 and the saved YMM state).
    #[inline]
    pub(crate) fn get() -> Option<Self> {
        super::avx512::x86_features().avx2.then_some(Token(()))
    }
}

/// `ML-KEM.KeyGen_internal` on AVX2.
#[inline]
pub(crate) fn keygen<const K: usize>(
    _: Token,
    p: &Params,
    d: &[u8; 32],
    z: &[u8; 32],
) -> SecretKey<K> {
    // SAFETY: a `Token` exists only where the CPU and OS support AVX2.
    unsafe { keygen_avx2::<K>(p, d, z) }
}

/// `ML-KEM.Encaps_internal` on AVX2.
#[inline]
pub(crate) fn encaps<const K: usize>(
    _: Token,
    p: &Params,
    pk: &PublicKey<K>,
    m: &[u8; 32],
    ct: &mut [u8],
) -> [u8; 32] {
    // SAFETY: a `Token` exists only where the CPU and OS support AVX2.
    unsafe { encaps_avx2::<K>(p, pk, m, ct) }
}

/// `ML-KEM.Decaps_internal` on AVX2.
#[inline]
pub(crate) fn decaps<const K: usize>(
    _: Token,
    p: &Params,
    sk: &SecretKey<K>,
    ct: &[u8],
) -> [u8; 32] {
    // SAFETY: a `Token` exists only where the CPU and OS support AVX2.
    unsafe { decaps_avx2::<K>(p, sk, ct) }
}

/// Decapsulation from the expanded key encoding on AVX2 (see [`kpke::decaps_expanded`]).
#[inline]
pub(crate) fn decaps_expanded<const K: usize>(
    _: Token,
    p: &Params,
    dk: &[u8],
    ct: &[u8],
) -> Option<[u8; 32]> {
    // SAFETY: a `Token` exists only where the CPU and OS support AVX2.
    unsafe { decaps_expanded_avx2::<K>(p, dk, ct) }
}

#[target_feature(enable = "avx2")]
fn keygen_avx2<const K: usize>(p: &Params, d: &[u8; 32], z: &[u8; 32]) -> SecretKey<K> {
    kpke::keygen::<Avx2, K>(p, d, z)
}

#[target_feature(enable = "avx2")]
fn encaps_avx2<const K: usize>(
    p: &Params,
    pk: &PublicKey<K>,
    m: &[u8; 32],
    ct: &mut [u8],
) -> [u8; 32] {
    kpke::encaps::<Avx2, K>(p, pk, m, ct)
}

#[target_feature(enable = "avx2")]
fn decaps_avx2<const K: usize>(p: &Params, sk: &SecretKey<K>, ct: &[u8]) -> [u8; 32] {
    kpke::decaps::<Avx2, K>(p, sk, ct)
}

#[target_feature(enable = "avx2")]
fn decaps_expanded_avx2<const K: usize>(p: &Params, dk: &[u8], ct: &[u8]) -> Option<[u8; 32]> {
    kpke::decaps_expanded::<Avx2, K>(p, dk, ct)
}

// ---------------------------------------------------------------------------------------
// Twiddle tables: per unit and layer, the zeta of every lane's butterfly block, and the
// same times q^-1 (mod 2^16) for the Montgomery product with a known factor.

/// `[z, z * q^-1]`, 16 lanes each.
type Twiddle = twiddles::Twiddle<16>;

/// Forward layers within a unit (see [`twiddles::ntt`]).
static NTT_TW: [[Twiddle; 3]; 16] = twiddles::ntt::<16, 3, 16>();
/// Inverse layers within a unit (see [`twiddles::inv_ntt`]).
static INV_NTT_TW: [[Twiddle; 3]; 16] = twiddles::inv_ntt::<16, 3, 16>();
/// Base-case multiplication (see [`twiddles::base_mul`]).
static BASE_MUL_TW: [Twiddle; 16] = twiddles::base_mul::<16, 16>();

/// `vpshufb` indices swapping the two `i16` of every 32-bit pair.
static SWAP_PAIRS: [u8; 32] = {
    let mut s = [0; 32];
    let mut i = 0;
    while i < 32 {
        s[i] = ((i & 15) ^ 2) as u8;
        i += 1;
    }
    s
};

/// floor(2^26 / q + 1/2): Barrett's constant, as in [`super::super::arith`].
const BARRETT_V: i16 = (((1 << 26) + Q as i32 / 2) / Q as i32) as i16;

// ---------------------------------------------------------------------------------------
// Vector helpers. All are safe `#[target_feature]` functions: callable without `unsafe`
// from each other and from the entry points, and with `unsafe` (plus the module's
// invariant) from the `Lanes` methods, into which they inline once those are inlined into
// an entry point.

#[inline]
#[target_feature(enable = "avx2")]
fn splat(x: i16) -> __m256i {
    _mm256_set1_epi16(x)
}

#[inline]
#[target_feature(enable = "avx2")]
fn load16(c: &[i16; 16]) -> __m256i {
    // SAFETY: `c` is 16 readable `i16`, 32 bytes; `loadu` has no alignment requirement.
    unsafe { _mm256_loadu_si256(c.as_ptr().cast()) }
}

#[inline]
#[target_feature(enable = "avx2")]
fn store16(v: __m256i, out: &mut [i16; 16]) {
    // SAFETY: `out` is 16 writable `i16`, 32 bytes; `storeu` has no alignment requirement.
    unsafe { _mm256_storeu_si256(out.as_mut_ptr().cast(), v) }
}

#[inline]
#[target_feature(enable = "avx2")]
fn load_bytes32(b: &[u8; 32]) -> __m256i {
    // SAFETY: `b` is 32 readable bytes; `loadu` has no alignment requirement.
    unsafe { _mm256_loadu_si256(b.as_ptr().cast()) }
}

#[inline]
#[target_feature(enable = "avx2")]
fn load_bytes16(b: &[u8; 16]) -> __m128i {
    // SAFETY: `b` is 16 readable bytes; `loadu` has no alignment requirement.
    unsafe { _mm_loadu_si128(b.as_ptr().cast()) }
}

#[inline]
#[target_feature(enable = "avx2")]
fn store8(v: __m128i, out: &mut [i16; 8]) {
    // SAFETY: `out` is 8 writable `i16`, 16 bytes; `storeu` has no alignment requirement.
    unsafe { _mm_storeu_si128(out.as_mut_ptr().cast(), v) }
}

/// The four 64-bit words of `v`, lowest first.
#[inline]
#[target_feature(enable = "avx2")]
fn qwords(v: __m256i) -> [u64; 4] {
    let mut q = [0u64; 4];
    // SAFETY: `q` is 32 writable bytes; `storeu` has no alignment requirement.
    unsafe { _mm256_storeu_si256(q.as_mut_ptr().cast(), v) };
    q
}

/// Lane-wise Montgomery product `a * b * 2^-16 mod q` ([`super::super::arith::fqmul`]).
#[inline]
#[target_feature(enable = "avx2")]
fn fqmul(a: __m256i, b: __m256i) -> __m256i {
    let t = _mm256_mullo_epi16(_mm256_mullo_epi16(a, b), splat(QINV));
    _mm256_sub_epi16(_mm256_mulhi_epi16(a, b), _mm256_mulhi_epi16(t, splat(Q)))
}

/// [`fqmul`] by `z` given `zq = z * q^-1 mod 2^16`: one `mullo` fewer. The low halves of
/// `a z` and `t q` are equal by construction, so the difference of the high halves is the
/// exact `(a z - t q) >> 16` of the scalar Montgomery reduction.
#[inline]
#[target_feature(enable = "avx2")]
fn fqmul_pre(a: __m256i, z: __m256i, zq: __m256i) -> __m256i {
    let t = _mm256_mullo_epi16(a, zq);
    _mm256_sub_epi16(_mm256_mulhi_epi16(a, z), _mm256_mulhi_epi16(t, splat(Q)))
}

/// Barrett reduction ([`super::super::arith::barrett_reduce`]):
/// `(v a + 2^25) >> 26 == ((v a >> 16) + 2^9) >> 10` exactly.
#[inline]
#[target_feature(enable = "avx2")]
fn barrett(a: __m256i) -> __m256i {
    let t = _mm256_mulhi_epi16(a, splat(BARRETT_V));
    let t = _mm256_srai_epi16::<10>(_mm256_add_epi16(t, splat(1 << 9)));
    _mm256_sub_epi16(a, _mm256_mullo_epi16(t, splat(Q)))
}

/// Swaps the halves of every block of `2 len` lanes: lane `j` gets lane `j ^ len`.
#[inline]
#[target_feature(enable = "avx2")]
fn swap<const LEN: usize>(v: __m256i) -> __m256i {
    match LEN {
        8 => _mm256_permute2x128_si256::<0x01>(v, v),
        4 => _mm256_shuffle_epi32::<0b01_00_11_10>(v),
        _ => _mm256_shuffle_epi32::<0b10_11_00_01>(v),
    }
}

/// `a` in the lower half of every block of `2 len` lanes, `b` in the upper half.
#[inline]
#[target_feature(enable = "avx2")]
fn blend_upper<const LEN: usize>(a: __m256i, b: __m256i) -> __m256i {
    match LEN {
        8 => _mm256_blend_epi32::<0b1111_0000>(a, b),
        4 => _mm256_blend_epi32::<0b1100_1100>(a, b),
        _ => _mm256_blend_epi32::<0b1010_1010>(a, b),
    }
}

/// One forward layer of length `LEN` within a unit: `(x, y) -> (x + z y, x - z y)`. Both
/// lanes of a pair compute `t = z y` (bit for bit the scalar product), then add `t` or,
/// in the upper half, `-t`; negating the product rather than `z` keeps it exact.
#[inline]
#[target_feature(enable = "avx2")]
fn ntt_layer<const LEN: usize>(v: __m256i, tw: &Twiddle) -> __m256i {
    let p = swap::<LEN>(v);
    let x = blend_upper::<LEN>(v, p);
    let y = blend_upper::<LEN>(p, v);
    let t = fqmul_pre(y, load16(&tw[0]), load16(&tw[1]));
    let sign = blend_upper::<LEN>(splat(1), splat(-1));
    _mm256_add_epi16(x, _mm256_sign_epi16(t, sign))
}

/// One inverse layer of length `LEN` within a unit: `(x, y) -> (barrett(x + y), z (y - x))`.
#[inline]
#[target_feature(enable = "avx2")]
fn inv_ntt_layer<const LEN: usize>(v: __m256i, tw: &Twiddle) -> __m256i {
    let p = swap::<LEN>(v);
    let sum = barrett(_mm256_add_epi16(v, p));
    let diff = fqmul_pre(_mm256_sub_epi16(v, p), load16(&tw[0]), load16(&tw[1]));
    blend_upper::<LEN>(sum, diff)
}

#[inline]
#[target_feature(enable = "avx2")]
fn ntt_within(v: __m256i, unit: usize) -> __m256i {
    let tw = &NTT_TW[unit & 15];
    let v = ntt_layer::<8>(v, &tw[0]);
    let v = ntt_layer::<4>(v, &tw[1]);
    let v = ntt_layer::<2>(v, &tw[2]);
    barrett(v)
}

#[inline]
#[target_feature(enable = "avx2")]
fn inv_ntt_within(v: __m256i, unit: usize) -> __m256i {
    let tw = &INV_NTT_TW[unit & 15];
    let v = inv_ntt_layer::<2>(v, &tw[0]);
    let v = inv_ntt_layer::<4>(v, &tw[1]);
    inv_ntt_layer::<8>(v, &tw[2])
}

/// Base-case multiplication: in each pair `(a0, a1) (b0, b1)` with zeta `z`,
/// `(a1 b1 z + a0 b0, a0 b1 + a1 b0)`, every product a Montgomery product as in
/// [`super::scalar::base_mul`].
#[inline]
#[target_feature(enable = "avx2")]
fn base_mul(a: __m256i, b: __m256i, unit: usize) -> __m256i {
    let tw = &BASE_MUL_TW[unit & 15];
    let p = fqmul(a, b); // a0 b0, a1 b1
    let pz = fqmul_pre(p, load16(&tw[0]), load16(&tw[1])); // odd lanes: (a1 b1) z
    let c = fqmul(a, _mm256_shuffle_epi8(b, load_bytes32(&SWAP_PAIRS))); // a0 b1, a1 b0
    // Even lanes: a0 b0 + (a1 b1) z; odd lanes: a1 b0 + a0 b1.
    let even = _mm256_add_epi16(p, _mm256_srli_epi32::<16>(pz));
    let odd = _mm256_add_epi16(c, _mm256_slli_epi32::<16>(c));
    _mm256_blend_epi16::<0b1010_1010>(even, odd)
}

/// `1` in the lanes where `q_minus - r` is negative (`r > q_minus`, lanes below 2^15).
#[inline]
#[target_feature(enable = "avx2")]
fn above(r: __m256i, q_minus: i16) -> __m256i {
    _mm256_srli_epi16::<15>(_mm256_sub_epi16(splat(q_minus), r))
}

/// `Compress_d` of canonical lanes, `1 <= d <= 11`: `floor((x 2^d + (q-1)/2) / q) mod 2^d`.
/// `t = floor(x floor(2^(16+d) / q) / 2^16)` is the quotient or up to 2 below it, so the
/// remainder `n - t q` is below `3 q` and two sign-bit corrections finish (all lanes below
/// 2^16 though `n` is not: the remainder is exact mod 2^16). Checked exhaustively by a test.
#[inline]
#[target_feature(enable = "avx2")]
fn compress(x: __m256i, d: u32) -> __m256i {
    let c = COMPRESS_M[d as usize & 15] as i16;
    let n = _mm256_add_epi16(_mm256_mullo_epi16(x, splat(1 << d)), splat(Q / 2));
    let t = _mm256_mulhi_epu16(x, splat(c));
    let r = _mm256_sub_epi16(n, _mm256_mullo_epi16(t, splat(Q)));
    let t = _mm256_add_epi16(t, above(r, Q - 1));
    let t = _mm256_add_epi16(t, above(r, 2 * Q - 1));
    _mm256_and_si256(t, splat(((1u32 << d) - 1) as i16))
}

/// `floor(2^(16+d) / q)` for `d < 12` (`d = 11` still fits 16 bits unsigned); indexed
/// by the public `d`, so no division is left to the compiler.
const COMPRESS_M: [u16; 16] = {
    let mut m = [0; 16];
    let mut d = 0;
    while d < 12 {
        m[d] = ((1u32 << (16 + d)) / Q as u32) as u16;
        d += 1;
    }
    m
};

/// `Decompress_d`, `1 <= d <= 11`: `floor((y q + 2^(d-1)) / 2^d)`, computed as the rounded
/// high half of the 32-bit product `(y 2^(16-d)) q`.
#[inline]
#[target_feature(enable = "avx2")]
fn decompress(y: __m256i, d: u32) -> __m256i {
    let y = _mm256_mullo_epi16(y, splat((1u32 << (16 - d)) as u16 as i16));
    let lo = _mm256_mullo_epi16(y, splat(Q));
    let hi = _mm256_mulhi_epu16(y, splat(Q));
    _mm256_add_epi16(hi, _mm256_srli_epi16::<15>(lo))
}

// ---------------------------------------------------------------------------------------
// Byte encodings.

/// `ByteEncode_1`: bit 0 of each lane, lane 0 first (2 bytes). The bit moves to the sign
/// of the lane, a signed saturating pack keeps the sign in a byte, `vpmovmskb` collects it:
/// lanes 0-7 in bits 0-7 and lanes 8-15 in bits 16-23 (the pack repeats each half).
#[inline]
#[target_feature(enable = "avx2")]
fn encode1(v: __m256i, out: &mut [u8]) {
    let s = _mm256_slli_epi16::<15>(v);
    let m = _mm256_movemask_epi8(_mm256_packs_epi16(s, s)) as u32;
    out[..2].copy_from_slice(&[m as u8, (m >> 16) as u8]);
}

/// `ByteDecode_1`: bit `j` of the two bytes to lane `j`.
#[inline]
#[target_feature(enable = "avx2")]
fn decode1(bytes: &[u8]) -> __m256i {
    let bits = u16::from_le_bytes([bytes[0], bytes[1]]);
    let sel = _mm256_setr_epi16(
        1,
        2,
        4,
        8,
        16,
        32,
        64,
        128,
        256,
        512,
        1024,
        2048,
        4096,
        8192,
        16384,
        i16::MIN,
    );
    let t = _mm256_and_si256(_mm256_set1_epi16(bits as i16), sel);
    _mm256_min_epu16(t, splat(1))
}

/// The 16 lanes (in `[0, 2^d)`, `4 <= d <= 12`) packed into four 64-bit words of `4 d`
/// bits each: word `k` is `x_4k + x_4k+1 2^d + x_4k+2 2^2d + x_4k+3 2^3d`. `vpmaddwd` joins
/// pairs into 32-bit words (`2 d` bits); shifting the even word left by `32 - 2 d` and the
/// 64-bit word right by as much joins pairs of pairs.
#[inline]
#[target_feature(enable = "avx2")]
fn quads(v: __m256i, d: u32) -> [u64; 4] {
    let m = _mm256_madd_epi16(v, _mm256_set1_epi32(1 | (1 << d) << 16));
    let s = (32 - 2 * d) as i32;
    let m = _mm256_sllv_epi32(m, _mm256_setr_epi32(s, 0, s, 0, s, 0, s, 0));
    qwords(_mm256_srlv_epi64(m, _mm256_set1_epi64x(i64::from(s))))
}

/// `ByteEncode_d` for `d` in {4, 5, 10, 11, 12}: `2 d` bytes, from [`quads`] (words of
/// `4 d` bits) joined with scalar shifts.
#[inline]
#[target_feature(enable = "avx2")]
fn encode_quads(v: __m256i, d: u32, out: &mut [u8]) {
    let [q0, q1, q2, q3] = quads(v, d);
    match d {
        4 => {
            let w = q0 | q1 << 16 | q2 << 32 | q3 << 48;
            out[..8].copy_from_slice(&w.to_le_bytes());
        }
        5 => {
            let w = q0 | q1 << 20 | q2 << 40 | q3 << 60;
            out[..8].copy_from_slice(&w.to_le_bytes());
            out[8..10].copy_from_slice(&((q3 >> 4) as u16).to_le_bytes());
        }
        10 => {
            out[..8].copy_from_slice(&(q0 | q1 << 40).to_le_bytes());
            out[8..16].copy_from_slice(&(q1 >> 24 | q2 << 16 | q3 << 56).to_le_bytes());
            out[16..20].copy_from_slice(&((q3 >> 8) as u32).to_le_bytes());
        }
        11 => {
            out[..8].copy_from_slice(&(q0 | q1 << 44).to_le_bytes());
            out[8..16].copy_from_slice(&(q1 >> 20 | q2 << 24).to_le_bytes());
            out[16..22].copy_from_slice(&(q2 >> 40 | q3 << 4).to_le_bytes()[..6]);
        }
        _ => {
            out[..8].copy_from_slice(&(q0 | q1 << 48).to_le_bytes());
            out[8..16].copy_from_slice(&(q1 >> 16 | q2 << 32).to_le_bytes());
            out[16..24].copy_from_slice(&(q2 >> 32 | q3 << 16).to_le_bytes());
        }
    }
}

/// The encoded unit (`2 d` bytes, `4 <= d <= 12`) in both 128-bit halves: the low half
/// from byte 0, the high half from byte [`hi_start`]`(d)` (for fewer than 16 bytes, both
/// halves hold all of them, zero-padded).
#[inline]
#[target_feature(enable = "avx2")]
fn load_encoded(d: u32, bytes: &[u8]) -> __m256i {
    match d {
        4 => {
            let w = u64::from_le_bytes(*bytes.first_chunk().expect("8 bytes"));
            _mm256_set1_epi64x(w as i64)
        }
        5 => {
            let lo = u64::from_le_bytes(*bytes.first_chunk().expect("10 bytes"));
            let hi = u16::from_le_bytes([bytes[8], bytes[9]]);
            _mm256_broadcastsi128_si256(_mm_set_epi64x(i64::from(hi), lo as i64))
        }
        _ => {
            let start = hi_start(d as usize);
            let lo = load_bytes16(bytes.first_chunk().expect("at least 16 bytes"));
            let hi = load_bytes16(
                bytes[start..]
                    .first_chunk()
                    .expect("2 d bytes, 16 from hi_start"),
            );
            _mm256_inserti128_si256::<1>(_mm256_castsi128_si256(lo), hi)
        }
    }
}

/// Where the high half of [`load_encoded`] starts: the last 16 of the `2 d` bytes when
/// there are at least 16, else byte 0.
const fn hi_start(d: usize) -> usize {
    (2 * d).saturating_sub(16)
}

/// The `vpshufb` index of byte `k` of those holding lane `j`'s bits (`d` bits from bit
/// `d j`), relative to the lane's 128-bit half of [`load_encoded`]; `0x80` (a zero byte)
/// where lane `j` has no bits in that byte.
const fn byte_index(d: usize, j: usize, k: usize) -> u8 {
    let bit = d * j;
    let b = (bit >> 3) + k;
    if b > (bit + d - 1) >> 3 {
        return 0x80;
    }
    let base = if j < 8 { 0 } else { hi_start(d) };
    (b - base) as u8
}

/// `ByteDecode_d` tables for `d` in {4, 5, 10, 12}, where each lane's bits lie in two
/// bytes: the indices putting them in the lane, and the power of two moving the lane's
/// bits to the top (`2^(16 - d - (d j mod 8))`); a logical shift by `16 - d` finishes.
struct DecodeTable {
    shuffle: [u8; 32],
    mul: [i16; 16],
}

const fn decode_table(d: usize) -> DecodeTable {
    let mut t = DecodeTable {
        shuffle: [0; 32],
        mul: [0; 16],
    };
    let mut j = 0;
    while j < 16 {
        t.shuffle[2 * j] = byte_index(d, j, 0);
        t.shuffle[2 * j + 1] = byte_index(d, j, 1);
        t.mul[j] = (1u32 << (16 - d - ((d * j) & 7))) as i16;
        j += 1;
    }
    t
}

static DECODE_4: DecodeTable = decode_table(4);
static DECODE_5: DecodeTable = decode_table(5);
static DECODE_10: DecodeTable = decode_table(10);
static DECODE_12: DecodeTable = decode_table(12);

/// `ByteDecode_d` with a [`DecodeTable`]; `SHIFT = 16 - d`.
#[inline]
#[target_feature(enable = "avx2")]
fn decode_two_bytes<const SHIFT: i32>(src: __m256i, t: &DecodeTable) -> __m256i {
    let w = _mm256_shuffle_epi8(src, load_bytes32(&t.shuffle));
    _mm256_srli_epi16::<SHIFT>(_mm256_mullo_epi16(w, load16(&t.mul)))
}

/// `ByteDecode_11` tables: lane `j`'s bits start at bit `o = 11 j mod 8` of byte `b` and
/// reach into bytes `b + 1` and (for `o > 5`) `b + 2`. `first` puts byte `b` in the high
/// byte of the lane, `rest` bytes `b + 1, b + 2` in the lane; `mul` is `2^(8 - o)`.
struct Decode11Table {
    first: [u8; 32],
    rest: [u8; 32],
    mul: [i16; 16],
}

static DECODE_11: Decode11Table = {
    let mut t = Decode11Table {
        first: [0; 32],
        rest: [0; 32],
        mul: [0; 16],
    };
    let mut j = 0;
    while j < 16 {
        t.first[2 * j] = 0x80;
        t.first[2 * j + 1] = byte_index(11, j, 0);
        t.rest[2 * j] = byte_index(11, j, 1);
        t.rest[2 * j + 1] = byte_index(11, j, 2);
        t.mul[j] = 1 << (8 - ((11 * j) & 7));
        j += 1;
    }
    t
};

/// `ByteDecode_11`: `mulhi(b 2^8, 2^(8-o)) = b >> o` and
/// `mullo(b1 + b2 2^8, 2^(8-o)) = (b1 2^(8-o) + b2 2^(16-o)) mod 2^16` have disjoint bits;
/// their sum is `(b + b1 2^8 + b2 2^16) >> o` mod 2^16, and the mask keeps 11 bits.
#[inline]
#[target_feature(enable = "avx2")]
fn decode11(src: __m256i) -> __m256i {
    let t = &DECODE_11;
    let m = load16(&t.mul);
    let lo = _mm256_mulhi_epu16(_mm256_shuffle_epi8(src, load_bytes32(&t.first)), m);
    let hi = _mm256_mullo_epi16(_mm256_shuffle_epi8(src, load_bytes32(&t.rest)), m);
    _mm256_and_si256(_mm256_or_si256(lo, hi), splat(0x7ff))
}

// ---------------------------------------------------------------------------------------
// Rejection sampling (public bytes only).

/// For each 8-bit mask of accepted lanes of a 128-bit half, the `vpshufb` indices moving
/// those lanes, in order, to the front (`0x80`, a zero lane, after them).
static REJ_SHUFFLE: [[u8; 16]; 256] = {
    let mut t = [[0x80; 16]; 256];
    let mut m = 0;
    while m < 256 {
        let mut n = 0;
        let mut i = 0;
        while i < 8 {
            if (m >> i) & 1 == 1 {
                t[m][2 * n] = 2 * i as u8;
                t[m][2 * n + 1] = 2 * i as u8 + 1;
                n += 1;
            }
            i += 1;
        }
        m += 1;
    }
    t
};

/// The number of set bits of each 8-bit mask (no `popcnt`: the token proves only AVX2).
static REJ_COUNT: [u8; 256] = {
    let mut t = [0; 256];
    let mut m = 0;
    while m < 256 {
        t[m] = (m as u32).count_ones() as u8;
        m += 1;
    }
    t
};

/// Room after the 256 coefficients for the full-width stores of [`rej_chunk`] started
/// below 256.
const STAGE_LEN: usize = 256 + 16;

/// 24 bytes to 16 candidates (as `ByteDecode_12`), the ones below q appended in order at
/// `stage[f..]`; returns the new fill level. Writes `stage[f..f + 16]` in full (lanes past
/// the accepted ones are zero or stale), so `f < 256` suffices.
#[inline]
#[target_feature(enable = "avx2")]
fn rej_chunk(chunk: &[u8; 24], stage: &mut [i16; STAGE_LEN], f: usize) -> usize {
    let v = decode_two_bytes::<4>(load_encoded(12, chunk), &DECODE_12);
    let good = _mm256_cmpgt_epi16(splat(Q), v);
    // Byte masks of the accepted lanes: lanes 0-7 in bits 0-7, lanes 8-15 in bits 16-23.
    let m = _mm256_movemask_epi8(_mm256_packs_epi16(good, good)) as u32;
    let (lo, hi) = ((m & 0xff) as usize, (m >> 16 & 0xff) as usize);
    let idx = _mm256_inserti128_si256::<1>(
        _mm256_castsi128_si256(load_bytes16(&REJ_SHUFFLE[lo])),
        load_bytes16(&REJ_SHUFFLE[hi]),
    );
    let packed = _mm256_shuffle_epi8(v, idx);
    let n_lo = usize::from(REJ_COUNT[lo]);
    let n_hi = usize::from(REJ_COUNT[hi]);
    let first: &mut [i16; 8] = stage[f..].first_chunk_mut().expect("f < 256");
    store8(_mm256_castsi256_si128(packed), first);
    let second: &mut [i16; 8] = stage[f + n_lo..].first_chunk_mut().expect("f < 256");
    store8(_mm256_extracti128_si256::<1>(packed), second);
    f + n_lo + n_hi
}

/// [`Lanes::sample_uniform`]: 24 bytes at a time through [`rej_chunk`] into a staging
/// array (copied to `out` up to the new fill level), the last `< 24` bytes by the scalar
/// loop. The output equals [`sample_uniform_scalar`]'s, `out` past the fill level included.
#[inline]
#[target_feature(enable = "avx2")]
fn sample_uniform(mut bytes: &[u8], out: &mut [i16; 256], filled: &mut usize) {
    let start = *filled;
    if start < 256 && bytes.len() >= 24 {
        let mut stage = [0i16; STAGE_LEN];
        let mut f = start;
        while f < 256 {
            let Some((chunk, rest)) = bytes.split_first_chunk::<24>() else {
                break;
            };
            f = rej_chunk(chunk, &mut stage, f);
            bytes = rest;
        }
        let f = f.min(256);
        out[start..f].copy_from_slice(&stage[start..f]);
        *filled = f;
    }
    if *filled < 256 {
        sample_uniform_scalar(bytes, out, filled);
    }
}

// ---------------------------------------------------------------------------------------
// The `Lanes` implementation.

/// Sixteen coefficients in a YMM register. Private to this module: see the module
/// documentation for where values exist.
#[derive(Clone, Copy, Debug)]
struct Avx2(__m256i);

// Every `unsafe` block below calls the safe `#[target_feature]` helpers above from a
// method without target features. SAFETY (for all of them): by the module's invariant,
// these methods run only inside the entry points (compiled with AVX2, reached only with a
// `Token`) or in tests after `Token::get` succeeded, so the CPU supports AVX2.
impl Lanes for Avx2 {
    #[inline(always)]
    fn keccak_x4() -> Option<super::KeccakX4Backend> {
        // Values of this type exist only where AVX2 runs, so detection (cached) succeeds.
        super::KeccakX4Backend::detect()
    }
    const N: usize = 16;
    type Poly = [Avx2; 16];

    #[inline(always)]
    fn zero_poly() -> Self::Poly {
        // SAFETY: see the comment on the impl (AVX2 is available).
        [Avx2(unsafe { splat(0) }); 16]
    }
    #[inline(always)]
    fn load(c: &[i16]) -> Self {
        let c: &[i16; 16] = c.first_chunk().expect("a unit is 16 coefficients");
        // SAFETY: see the comment on the impl (AVX2 is available).
        Avx2(unsafe { load16(c) })
    }
    #[inline(always)]
    fn store(self, out: &mut [i16]) {
        let out: &mut [i16; 16] = out.first_chunk_mut().expect("a unit is 16 coefficients");
        // SAFETY: see the comment on the impl (AVX2 is available).
        unsafe { store16(self.0, out) }
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        // SAFETY: see the comment on the impl (AVX2 is available).
        Avx2(unsafe { _mm256_add_epi16(self.0, o.0) })
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        // SAFETY: see the comment on the impl (AVX2 is available).
        Avx2(unsafe { _mm256_sub_epi16(self.0, o.0) })
    }
    #[inline(always)]
    fn mul_const(self, c: i16) -> Self {
        // SAFETY: see the comment on the impl (AVX2 is available).
        Avx2(unsafe { fqmul_pre(self.0, splat(c), splat(c.wrapping_mul(QINV))) })
    }
    #[inline(always)]
    fn reduce(self) -> Self {
        // SAFETY: see the comment on the impl (AVX2 is available).
        Avx2(unsafe { barrett(self.0) })
    }
    #[inline(always)]
    fn to_unsigned(self) -> Self {
        // SAFETY: see the comment on the impl (AVX2 is available).
        Avx2(unsafe {
            let neg = _mm256_srai_epi16::<15>(self.0);
            _mm256_add_epi16(self.0, _mm256_and_si256(neg, splat(Q)))
        })
    }
    #[inline(always)]
    fn cond_sub_q(self) -> Self {
        // SAFETY: see the comment on the impl (AVX2 is available).
        Avx2(unsafe {
            let t = _mm256_sub_epi16(self.0, splat(Q));
            _mm256_add_epi16(t, _mm256_and_si256(_mm256_srai_epi16::<15>(t), splat(Q)))
        })
    }
    #[inline(always)]
    fn ntt_within(self, unit: usize) -> Self {
        // SAFETY: see the comment on the impl (AVX2 is available).
        Avx2(unsafe { ntt_within(self.0, unit) })
    }
    #[inline(always)]
    fn inv_ntt_within(self, unit: usize) -> Self {
        // SAFETY: see the comment on the impl (AVX2 is available).
        Avx2(unsafe { inv_ntt_within(self.0, unit) })
    }
    #[inline(always)]
    fn base_mul(self, o: Self, unit: usize) -> Self {
        // SAFETY: see the comment on the impl (AVX2 is available).
        Avx2(unsafe { base_mul(self.0, o.0, unit) })
    }
    #[inline(always)]
    fn compress(self, d: u32) -> Self {
        // SAFETY: see the comment on the impl (AVX2 is available).
        Avx2(unsafe { compress(self.0, d) })
    }
    #[inline(always)]
    fn decompress(self, d: u32) -> Self {
        // SAFETY: see the comment on the impl (AVX2 is available).
        Avx2(unsafe { decompress(self.0, d) })
    }
    #[inline(always)]
    fn encode(self, d: u32, out: &mut [u8]) {
        match d {
            // SAFETY: see the comment on the impl (AVX2 is available).
            1 => unsafe { encode1(self.0, out) },
            // SAFETY: see the comment on the impl (AVX2 is available).
            4 | 5 | 10 | 11 | 12 => unsafe { encode_quads(self.0, d, out) },
            _ => {
                let mut c = [0i16; 16];
                self.store(&mut c);
                encode_scalar(&c, d, out);
            }
        }
    }
    #[inline(always)]
    fn decode(d: u32, bytes: &[u8]) -> Self {
        // SAFETY: see the comment on the impl (AVX2 is available), for every arm.
        Avx2(unsafe {
            match d {
                1 => decode1(bytes),
                4 => decode_two_bytes::<12>(load_encoded(4, bytes), &DECODE_4),
                5 => decode_two_bytes::<11>(load_encoded(5, bytes), &DECODE_5),
                10 => decode_two_bytes::<6>(load_encoded(10, bytes), &DECODE_10),
                11 => decode11(load_encoded(11, bytes)),
                12 => decode_two_bytes::<4>(load_encoded(12, bytes), &DECODE_12),
                _ => {
                    let mut c = [0i16; 16];
                    decode_scalar(bytes, d, &mut c);
                    load16(&c)
                }
            }
        })
    }
    #[inline(always)]
    fn sample_uniform(bytes: &[u8], out: &mut [i16; 256], filled: &mut usize) {
        // SAFETY: see the comment on the impl (AVX2 is available).
        unsafe { sample_uniform(bytes, out, filled) }
    }
}

// ---------------------------------------------------------------------------------------

/// The `avx2_` tests run the backend against the scalar reference and the portable
/// backend, natively. On CPUs without AVX2 they print a message and pass.
#[cfg(test)]
mod tests {
    extern crate std;

    use std::println;

    use super::super::super::arith;
    use super::super::super::dispatch::{self, Choice};
    use super::super::portable::Portable;
    use super::super::scalar;
    use super::*;
    use crate::ml_kem::poly;

    use super::super::test_support::{ML_KEM_512, ML_KEM_768, ML_KEM_1024, same_bytes_as_portable};

    fn token() -> Option<Token> {
        let t = Token::get();
        if t.is_none() {
            println!("skipped: this CPU has no AVX2");
        }
        t
    }

    /// xorshift32: deterministic test data.
    struct Rng(u32);

    impl Rng {
        fn next(&mut self) -> u32 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 17;
            self.0 ^= self.0 << 5;
            self.0
        }
        /// Uniform-ish in `[lo, hi)`.
        fn range(&mut self, lo: i32, hi: i32) -> i16 {
            (lo + (self.next() % (hi - lo) as u32) as i32) as i16
        }
        fn unit(&mut self, lo: i32, hi: i32) -> [i16; 16] {
            core::array::from_fn(|_| self.range(lo, hi))
        }
        fn bytes<const L: usize>(&mut self) -> [u8; L] {
            core::array::from_fn(|_| self.next() as u8)
        }
    }

    fn lanes(v: Avx2) -> [i16; 16] {
        let mut c = [0; 16];
        v.store(&mut c);
        c
    }

    fn vec(c: &[i16; 16]) -> Avx2 {
        Avx2::load(c)
    }

    const Q32: i32 = Q as i32;

    #[test]
    fn avx2_dispatch_order() {
        let Some(_) = token() else { return };
        let features = super::super::avx512::x86_features();
        assert!(features.avx2);
        if features.avx512 && dispatch::PREFER_AVX512 {
            assert!(matches!(dispatch::choice(), Choice::Avx512(_)));
        } else {
            assert!(matches!(dispatch::choice(), Choice::Avx2(_)));
            assert_eq!(
                dispatch::choice().backend(),
                mamori_primitives::Backend::Avx2
            );
            assert_eq!(crate::ml_kem::backend(), mamori_primitives::Backend::Avx2);
        }
    }

    #[test]
    fn avx2_lane_arithmetic() {
        let Some(_) = token() else { return };
        let mut rng = Rng(0x1234_5678);
        for _ in 0..2000 {
            let a = rng.unit(-32768, 32768);
            let b = rng.unit(-32768, 32768);
            let (va, vb) = (vec(&a), vec(&b));
            let add = lanes(va.add(vb));
            let sub = lanes(va.sub(vb));
            let red = lanes(va.reduce());
            for j in 0..16 {
                assert_eq!(add[j], a[j].wrapping_add(b[j]));
                assert_eq!(sub[j], a[j].wrapping_sub(b[j]));
                assert_eq!(red[j], arith::barrett_reduce(a[j]), "barrett {}", a[j]);
            }
            // Montgomery products: |x c| < q 2^15.
            let x = rng.unit(-8 * Q32, 8 * Q32);
            for c in [
                rng.range(-Q32 / 2, Q32 / 2 + 1),
                1,
                -1,
                arith::MONT_SQ,
                arith::INV_NTT_SCALE,
            ] {
                let m = lanes(vec(&x).mul_const(c));
                for j in 0..16 {
                    assert_eq!(m[j], arith::fqmul(x[j], c), "fqmul {} {c}", x[j]);
                }
            }
            let s = rng.unit(-Q32 + 1, Q32);
            let u = lanes(vec(&s).to_unsigned());
            let w = rng.unit(0, 4096);
            let cs = lanes(vec(&w).cond_sub_q());
            for j in 0..16 {
                assert_eq!(u[j], arith::to_unsigned(s[j]));
                assert_eq!(cs[j], arith::cond_sub_q(w[j]));
            }
        }
        // Barrett on every i16.
        for x in (i16::MIN as i32..=i16::MAX as i32).step_by(16) {
            let c: [i16; 16] = core::array::from_fn(|j| (x + j as i32) as i16);
            let red = lanes(vec(&c).reduce());
            for j in 0..16 {
                assert_eq!(red[j], arith::barrett_reduce(c[j]));
            }
        }
    }

    #[test]
    fn avx2_ntt_within_and_base_mul_every_unit() {
        let Some(_) = token() else { return };
        let mut rng = Rng(0x9e37_79b9);
        for _ in 0..200 {
            for unit in 0..16 {
                // After the cross-unit layers the forward input is within (-8q, 8q).
                let a = rng.unit(-8 * Q32 + 1, 8 * Q32);
                let mut want = a;
                scalar::ntt_within(&mut want, unit);
                assert_eq!(lanes(vec(&a).ntt_within(unit)), want, "ntt unit {unit}");

                let b = rng.unit(-Q32 + 1, Q32);
                let mut want = b;
                scalar::inv_ntt_within(&mut want, unit);
                assert_eq!(lanes(vec(&b).inv_ntt_within(unit)), want, "inv unit {unit}");

                let (x, y) = (rng.unit(-Q32 + 1, Q32), rng.unit(-Q32 + 1, Q32));
                let mut want = [0; 16];
                scalar::base_mul(&mut want, &x, &y, unit);
                assert_eq!(
                    lanes(vec(&x).base_mul(vec(&y), unit)),
                    want,
                    "base_mul unit {unit}"
                );
            }
        }
    }

    #[test]
    fn avx2_compress_decompress_exhaustive() {
        let Some(_) = token() else { return };
        // Every d (the KEM uses 1, 4, 5, 10, 11) and every canonical input.
        for d in 1..=11u32 {
            let mut x = 0i32;
            while x < Q32 {
                let c: [i16; 16] = core::array::from_fn(|j| (x + j as i32).min(Q32 - 1) as i16);
                let got = lanes(vec(&c).compress(d));
                for j in 0..16 {
                    assert_eq!(got[j], arith::compress(c[j], d), "compress {} d {d}", c[j]);
                }
                x += 16;
            }
            let mut y = 0i32;
            while y < 1 << d {
                let c: [i16; 16] =
                    core::array::from_fn(|j| ((y + j as i32) & ((1 << d) - 1)) as i16);
                let got = lanes(vec(&c).decompress(d));
                for j in 0..16 {
                    assert_eq!(
                        got[j],
                        arith::decompress(c[j], d),
                        "decompress {} d {d}",
                        c[j]
                    );
                }
                y += 16;
            }
        }
    }

    #[test]
    fn avx2_encode_decode() {
        let Some(_) = token() else { return };
        let mut rng = Rng(0x0bad_cafe);
        for d in 1..=12u32 {
            let len = 2 * d as usize;
            let mask = (1i32 << d) - 1;
            for round in 0..500 {
                let c = match round {
                    0 => [0; 16],
                    1 => [mask as i16; 16],
                    _ => rng.unit(0, 1 << d),
                };
                let mut want = [0u8; 24];
                encode_scalar(&c, d, &mut want[..len]);
                // Untouched bytes past the encoding stay as they were.
                let mut got = [0x5au8; 24];
                vec(&c).encode(d, &mut got[..len]);
                assert_eq!(got[..len], want[..len], "encode d {d} {c:?}");
                assert!(
                    got[len..].iter().all(|&b| b == 0x5a),
                    "encode d {d} wrote past"
                );
                assert_eq!(lanes(Avx2::decode(d, &want[..len])), c, "round trip d {d}");

                let bytes = match round {
                    0 => [0; 24],
                    1 => [0xff; 24],
                    _ => rng.bytes::<24>(),
                };
                let mut want = [0i16; 16];
                decode_scalar(&bytes[..len], d, &mut want);
                assert_eq!(
                    lanes(Avx2::decode(d, &bytes[..len])),
                    want,
                    "decode d {d} {bytes:?}"
                );
            }
        }
    }

    #[test]
    fn avx2_sample_uniform_matches_scalar() {
        let Some(_) = token() else { return };
        let mut rng = Rng(0x5a5a_1234);
        for round in 0..3000usize {
            let len = 3 * (round % 200);
            let mut bytes = [0u8; 600];
            for b in &mut bytes[..len] {
                *b = rng.next() as u8;
            }
            // Some rounds mostly rejected candidates (12-bit values >= q), some none.
            match round % 7 {
                0 => bytes[..len].iter_mut().for_each(|b| *b |= 0xd0),
                1 => bytes[..len].iter_mut().for_each(|b| *b &= 0x7f),
                _ => {}
            }
            let start = match round % 5 {
                0 => 0,
                1 => 256,
                2 => 250,
                3 => rng.range(230, 257) as usize,
                _ => rng.range(0, 257) as usize,
            };
            // Prior contents that must survive past the fill level.
            let init: [i16; 256] = core::array::from_fn(|i| -(i as i16) - 1);
            let (mut want, mut want_filled) = (init, start);
            sample_uniform_scalar(&bytes[..len], &mut want, &mut want_filled);
            let (mut got, mut got_filled) = (init, start);
            Avx2::sample_uniform(&bytes[..len], &mut got, &mut got_filled);
            assert_eq!(got_filled, want_filled, "len {len} start {start}");
            assert_eq!(got, want, "len {len} start {start}");
        }
        // The way `matrix_entries_x4` calls it: 504 bytes, then blocks of 168, until full.
        for _ in 0..200 {
            let mut want = [0i16; 256];
            let mut got = [0i16; 256];
            let (mut wf, mut gf) = (0, 0);
            let first = rng.bytes::<504>();
            sample_uniform_scalar(&first, &mut want, &mut wf);
            Avx2::sample_uniform(&first, &mut got, &mut gf);
            while wf < 256 {
                let block = rng.bytes::<168>();
                sample_uniform_scalar(&block, &mut want, &mut wf);
                Avx2::sample_uniform(&block, &mut got, &mut gf);
                assert_eq!((gf, got), (wf, want));
            }
            assert_eq!((gf, got), (wf, want));
        }
    }

    fn to_coeffs(p: &[Avx2; 16]) -> [i16; 256] {
        let mut c = [0; 256];
        poly::to_coeffs::<Avx2>(p, &mut c);
        c
    }

    fn portable_coeffs(p: &[Portable; 16]) -> [i16; 256] {
        let mut c = [0; 256];
        poly::to_coeffs::<Portable>(p, &mut c);
        c
    }

    #[test]
    fn avx2_poly_ntt_inverse_dot() {
        let Some(_) = token() else { return };
        let mut rng = Rng(0x5eed_0001);
        for _ in 0..50 {
            let polys: [[i16; 256]; 6] =
                core::array::from_fn(|_| core::array::from_fn(|_| rng.range(-Q32 + 1, Q32)));
            let mut a = polys.map(|c| poly::from_coeffs::<Avx2>(&c));
            let mut p = polys.map(|c| poly::from_coeffs::<Portable>(&c));
            for (x, y) in a.iter_mut().zip(&mut p) {
                poly::ntt::<Avx2>(x);
                poly::ntt::<Portable>(y);
                assert_eq!(to_coeffs(x), portable_coeffs(y), "ntt");
            }
            let mut da = poly::dot::<Avx2>(&a[..3], &a[3..]);
            let mut dp = poly::dot::<Portable>(&p[..3], &p[3..]);
            assert_eq!(to_coeffs(&da), portable_coeffs(&dp), "dot");
            poly::inv_ntt::<Avx2>(&mut da);
            poly::inv_ntt::<Portable>(&mut dp);
            assert_eq!(to_coeffs(&da), portable_coeffs(&dp), "inverse ntt");
            for d in [1, 4, 5, 10, 11, 12] {
                let mut ea = [0u8; 384];
                let mut ep = [0u8; 384];
                let n = 32 * d as usize;
                poly::reduce::<Avx2>(&mut da);
                poly::reduce::<Portable>(&mut dp);
                poly::compress_encode::<Avx2>(&da, d, &mut ea[..n]);
                poly::compress_encode::<Portable>(&dp, d, &mut ep[..n]);
                assert_eq!(ea, ep, "compress_encode d {d}");
                assert_eq!(
                    to_coeffs(&poly::decode_decompress::<Avx2>(&ea[..n], d)),
                    portable_coeffs(&poly::decode_decompress::<Portable>(&ep[..n], d)),
                    "decode_decompress d {d}"
                );
            }
        }
    }

    #[test]
    fn avx2_ml_kem_512_same_bytes_as_portable() {
        let Some(t) = token() else { return };
        same_bytes_as_portable(
            &ML_KEM_512,
            0x4d4c_4b45,
            8,
            |p, d, z| keygen::<2>(t, p, d, z),
            |p, pk, m, ct| encaps::<2>(t, p, pk, m, ct),
            |p, sk, ct| decaps::<2>(t, p, sk, ct),
            |p, dk, ct| decaps_expanded::<2>(t, p, dk, ct),
        );
    }

    #[test]
    fn avx2_ml_kem_768_same_bytes_as_portable() {
        let Some(t) = token() else { return };
        same_bytes_as_portable(
            &ML_KEM_768,
            0x4d4c_4b46,
            8,
            |p, d, z| keygen::<3>(t, p, d, z),
            |p, pk, m, ct| encaps::<3>(t, p, pk, m, ct),
            |p, sk, ct| decaps::<3>(t, p, sk, ct),
            |p, dk, ct| decaps_expanded::<3>(t, p, dk, ct),
        );
    }

    #[test]
    fn avx2_ml_kem_1024_same_bytes_as_portable() {
        let Some(t) = token() else { return };
        same_bytes_as_portable(
            &ML_KEM_1024,
            0x4d4c_4b47,
            8,
            |p, d, z| keygen::<4>(t, p, d, z),
            |p, pk, m, ct| encaps::<4>(t, p, pk, m, ct),
            |p, sk, ct| decaps::<4>(t, p, sk, ct),
            |p, dk, ct| decaps_expanded::<4>(t, p, dk, ct),
        );
    }

    /// Through the public API, which dispatches to AVX2 on CPUs without AVX-512: the
    /// same bytes as the portable instantiation.
    #[test]
    fn avx2_ml_kem_768_public_api() {
        use crate::ml_kem::ml_kem_768::DecapsulationKey;

        let Some(_) = token() else { return };
        const K: usize = 3;
        let p = &ML_KEM_768;
        let mut rng = Rng(0x4150_4921);
        let (seed, m) = (rng.bytes::<64>(), rng.bytes::<32>());
        let d: [u8; 32] = *seed.first_chunk().expect("64 bytes");
        let z: [u8; 32] = *seed.last_chunk().expect("64 bytes");
        let dk = DecapsulationKey::from_seed(&seed);
        let want = kpke::keygen::<Portable, K>(p, &d, &z);
        let mut want_dk = [0u8; 2400];
        kpke::encode_dk(&want, &mut want_dk);
        assert_eq!(dk.to_expanded(), want_dk, "expanded decapsulation key");
        let (ct, key) = dk.encapsulation_key().encapsulate_deterministic(&m);
        let mut want_ct = [0u8; 1088];
        let want_key = kpke::encaps::<Portable, K>(p, &want.pk, &m, &mut want_ct);
        assert_eq!(ct.as_bytes(), &want_ct, "ciphertext");
        assert_eq!(key.as_bytes(), &want_key, "encapsulated key");
        assert_eq!(
            dk.decapsulate(&ct).as_bytes(),
            &want_key,
            "decapsulated key"
        );
    }
}
