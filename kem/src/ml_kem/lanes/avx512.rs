//! The AVX-512 backend: 32 `i16` lanes in one ZMM register (AVX-512 F/BW/VL), a polynomial
//! in eight registers.
//!
//! Modular arithmetic is the Montgomery/Barrett arithmetic of [`arith`] on 32 lanes, bit
//! for bit (Montgomery products with `mullo`/`mulhi`, twiddles pre-multiplied by `q^-1`).
//! The NTT layers within a unit (lengths 16, 8, 4, 2) pair each lane with its partner by a
//! fixed swap of 256-, 128-, 64- or 32-bit blocks and finish with a lane blend, so they need
//! no 16-bit permute; per-unit twiddle vectors come from const tables. Compression divides
//! by q with a multiply-high, a remainder and two sign-bit corrections, decompression with a
//! 32-bit product split over `mullo`/`mulhi`. `ByteEncode`/`ByteDecode` are vectorised for
//! `d = 1` (a lane mask is the bit string) and `d = 12`; the other widths use the scalar
//! defaults.
//!
//! Every intrinsic used here is one Miri interprets (`../shared/AVX512.md`), so the whole
//! backend runs under Miri on machines without AVX-512 (`.ci/miri.sh`, tests `avx512_*`);
//! none needs a `#[cfg(miri)]` stand-in.
//!
//! Soundness: [`Avx512`] is private to this module. Its values and its [`Lanes`] methods
//! are used only by the generic code instantiated inside the `#[target_feature]` entry
//! points below, which are reached only with a [`Token`], and by the tests after
//! [`Token::get`] succeeded. A [`Token`] exists only when `cpuid` and `xgetbv` (or, under
//! Miri, the compile-time target features) report AVX-512 F/BW/VL, AVX2 and the ZMM state.
#![allow(unsafe_code)]

use core::arch::x86_64::*;
use core::sync::atomic::{AtomicU8, Ordering};

use super::super::Params;
use super::super::arith::{Q, QINV};
use super::super::kpke::{self, PublicKey, SecretKey};
use super::{Lanes, decode_scalar, encode_scalar, twiddles};

// ---------------------------------------------------------------------------------------
// Detection and entry points.

/// What this CPU and OS support, as far as ML-KEM's x86-64 backends care.
#[derive(Clone, Copy, Debug)]
pub(crate) struct X86Features {
    /// AVX2 with the YMM state saved by the OS (for an AVX2 backend's detection).
    pub(crate) avx2: bool,
    /// AVX-512 F/BW/VL and AVX2 with the ZMM (and YMM) state saved by the OS.
    pub(crate) avx512: bool,
}

const KNOWN: u8 = 1 << 7;
static FEATURES: AtomicU8 = AtomicU8::new(0);

/// Reads `cpuid` and `xgetbv` once per process (cached), then answers from the cache.
#[inline]
pub(crate) fn x86_features() -> X86Features {
    let mut bits = FEATURES.load(Ordering::Relaxed);
    if bits & KNOWN == 0 {
        bits = detect() | KNOWN;
        FEATURES.store(bits, Ordering::Relaxed);
    }
    X86Features {
        avx2: bits & 1 != 0,
        avx512: bits & 2 != 0,
    }
}

fn pack(avx2: bool, avx512: bool) -> u8 {
    u8::from(avx2) | u8::from(avx2 && avx512) << 1
}

/// Miri has no `cpuid`: the compile-time target features answer (set them with
/// `RUSTFLAGS="-Ctarget-feature=+avx2,+avx512f,+avx512bw,+avx512vl"`, `.ci/miri.sh`).
#[cfg(miri)]
fn detect() -> u8 {
    pack(
        cfg!(target_feature = "avx2"),
        cfg!(all(
            target_feature = "avx512f",
            target_feature = "avx512bw",
            target_feature = "avx512vl"
        )),
    )
}

#[cfg(not(miri))]
fn detect() -> u8 {
    let bit = |word: u32, n: u32| word >> n & 1 == 1;
    // `cpuid` exists on every x86-64 CPU; leaf 0 gives the highest leaf, checked before
    // leaf 7 is read.
    #[allow(unused_unsafe)]
    // SAFETY: `cpuid` is available on every x86-64 CPU and has no memory effects.
    let (l1, l7) = unsafe {
        let max = __cpuid_count(0, 0).eax;
        let l1 = __cpuid_count(1, 0);
        let l7 = if max >= 7 {
            Some(__cpuid_count(7, 0))
        } else {
            None
        };
        (l1, l7)
    };
    let osxsave = bit(l1.ecx, 27);
    let avx = bit(l1.ecx, 28);
    let xcr0 = if osxsave {
        // SAFETY: `xgetbv` is available when CPUID.1:ECX.OSXSAVE is set, checked just above.
        unsafe { xgetbv0() }
    } else {
        0
    };
    // XCR0: SSE and AVX state (bits 1, 2); opmask, ZMM_Hi256 and Hi16_ZMM (bits 5 to 7).
    let ymm_saved = xcr0 & 0b110 == 0b110;
    let zmm_saved = xcr0 & 0b1110_0110 == 0b1110_0110;
    let ebx7 = l7.map_or(0, |r| r.ebx);
    let avx2 = bit(ebx7, 5);
    let avx512f = bit(ebx7, 16);
    let avx512bw = bit(ebx7, 30);
    let avx512vl = bit(ebx7, 31);

    /// Reads XCR0.
    ///
    /// # Safety
    /// The CPU must support `xgetbv` (CPUID.1:ECX.OSXSAVE).
    #[target_feature(enable = "xsave")]
    unsafe fn xgetbv0() -> u64 {
        // SAFETY: the caller guarantees OSXSAVE; XCR0 (index 0) always exists then.
        unsafe { _xgetbv(0) }
    }

    pack(
        avx && avx2 && ymm_saved,
        avx512f && avx512bw && avx512vl && zmm_saved,
    )
}

/// Proof that this CPU and OS run AVX-512 F/BW/VL and AVX2: only [`Token::get`] makes one,
/// and it makes the entry points below safe to call.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token(());

impl Token {
    /// A token if this CPU and OS support the backend (detected once per process).
    #[inline]
    pub(crate) fn get() -> Option<Self> {
        x86_features().avx512.then_some(Token(()))
    }
}

/// `ML-KEM.KeyGen_internal` on AVX-512.
#[inline]
pub(crate) fn keygen<const K: usize>(
    _: Token,
    p: &Params,
    d: &[u8; 32],
    z: &[u8; 32],
) -> SecretKey<K> {
    // SAFETY: a `Token` exists only where the CPU and OS support AVX-512 F/BW/VL and AVX2.
    unsafe { keygen_avx512::<K>(p, d, z) }
}

/// `ML-KEM.Encaps_internal` on AVX-512.
#[inline]
pub(crate) fn encaps<const K: usize>(
    _: Token,
    p: &Params,
    pk: &PublicKey<K>,
    m: &[u8; 32],
    ct: &mut [u8],
) -> [u8; 32] {
    // SAFETY: a `Token` exists only where the CPU and OS support AVX-512 F/BW/VL and AVX2.
    unsafe { encaps_avx512::<K>(p, pk, m, ct) }
}

/// `ML-KEM.Decaps_internal` on AVX-512.
#[inline]
pub(crate) fn decaps<const K: usize>(
    _: Token,
    p: &Params,
    sk: &SecretKey<K>,
    ct: &[u8],
) -> [u8; 32] {
    // SAFETY: a `Token` exists only where the CPU and OS support AVX-512 F/BW/VL and AVX2.
    unsafe { decaps_avx512::<K>(p, sk, ct) }
}

/// Decapsulation from the expanded key encoding on AVX-512 (see [`kpke::decaps_expanded`]).
#[inline]
pub(crate) fn decaps_expanded<const K: usize>(
    _: Token,
    p: &Params,
    dk: &[u8],
    ct: &[u8],
) -> Option<[u8; 32]> {
    // SAFETY: a `Token` exists only where the CPU and OS support AVX-512 F/BW/VL and AVX2.
    unsafe { decaps_expanded_avx512::<K>(p, dk, ct) }
}

#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx2")]
fn keygen_avx512<const K: usize>(p: &Params, d: &[u8; 32], z: &[u8; 32]) -> SecretKey<K> {
    kpke::keygen::<Avx512, K>(p, d, z)
}

#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx2")]
fn encaps_avx512<const K: usize>(
    p: &Params,
    pk: &PublicKey<K>,
    m: &[u8; 32],
    ct: &mut [u8],
) -> [u8; 32] {
    kpke::encaps::<Avx512, K>(p, pk, m, ct)
}

#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx2")]
fn decaps_avx512<const K: usize>(p: &Params, sk: &SecretKey<K>, ct: &[u8]) -> [u8; 32] {
    kpke::decaps::<Avx512, K>(p, sk, ct)
}

#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx2")]
fn decaps_expanded_avx512<const K: usize>(p: &Params, dk: &[u8], ct: &[u8]) -> Option<[u8; 32]> {
    kpke::decaps_expanded::<Avx512, K>(p, dk, ct)
}

// ---------------------------------------------------------------------------------------
// Twiddle tables: per unit and layer, the zeta of every lane's butterfly block, and the
// same times q^-1 (mod 2^16) for the Montgomery product with a known factor.

/// `[z, z * q^-1]`, 32 lanes each.
type Twiddle = twiddles::Twiddle<32>;

/// Forward layers within a unit (see [`twiddles::ntt`]).
static NTT_TW: [[Twiddle; 4]; 8] = twiddles::ntt::<32, 4, 8>();
/// Inverse layers within a unit (see [`twiddles::inv_ntt`]).
static INV_NTT_TW: [[Twiddle; 4]; 8] = twiddles::inv_ntt::<32, 4, 8>();
/// Base-case multiplication (see [`twiddles::base_mul`]).
static BASE_MUL_TW: [Twiddle; 8] = twiddles::base_mul::<32, 8>();

/// floor(2^26 / q + 1/2): Barrett's constant, as in [`super::super::arith`].
const BARRETT_V: i16 = (((1 << 26) + Q as i32 / 2) / Q as i32) as i16;

// ---------------------------------------------------------------------------------------
// Vector helpers. All are safe `#[target_feature]` functions: callable without `unsafe`
// from each other and from the entry points, and with `unsafe` (plus the module's
// invariant) from the `Lanes` methods, into which they inline once those are inlined into
// an entry point.

#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn splat(x: i16) -> __m512i {
    _mm512_set1_epi16(x)
}

#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn load32(c: &[i16; 32]) -> __m512i {
    // SAFETY: `c` is 32 readable `i16`, 64 bytes; `loadu` has no alignment requirement.
    unsafe { _mm512_loadu_si512(c.as_ptr().cast()) }
}

#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn store32(v: __m512i, out: &mut [i16; 32]) {
    // SAFETY: `out` is 32 writable `i16`, 64 bytes; `storeu` has no alignment requirement.
    unsafe { _mm512_storeu_si512(out.as_mut_ptr().cast(), v) }
}

#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn load_bytes(b: &[u8; 64]) -> __m512i {
    // SAFETY: `b` is 64 readable bytes; `loadu` has no alignment requirement.
    unsafe { _mm512_loadu_si512(b.as_ptr().cast()) }
}

#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn store_bytes(v: __m512i, out: &mut [u8; 64]) {
    // SAFETY: `out` is 64 writable bytes; `storeu` has no alignment requirement.
    unsafe { _mm512_storeu_si512(out.as_mut_ptr().cast(), v) }
}

/// Lane-wise Montgomery product `a * b * 2^-16 mod q` ([`super::super::arith::fqmul`]).
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn fqmul(a: __m512i, b: __m512i) -> __m512i {
    let t = _mm512_mullo_epi16(_mm512_mullo_epi16(a, b), splat(QINV));
    _mm512_sub_epi16(_mm512_mulhi_epi16(a, b), _mm512_mulhi_epi16(t, splat(Q)))
}

/// [`fqmul`] by `z` given `zq = z * q^-1 mod 2^16`: one `mullo` fewer. The low halves of
/// `a z` and `t q` are equal by construction, so the difference of the high halves is the
/// exact `(a z - t q) >> 16` of the scalar Montgomery reduction.
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn fqmul_pre(a: __m512i, z: __m512i, zq: __m512i) -> __m512i {
    let t = _mm512_mullo_epi16(a, zq);
    _mm512_sub_epi16(_mm512_mulhi_epi16(a, z), _mm512_mulhi_epi16(t, splat(Q)))
}

/// Barrett reduction ([`super::super::arith::barrett_reduce`]):
/// `(v a + 2^25) >> 26 == ((v a >> 16) + 2^9) >> 10` exactly.
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn barrett(a: __m512i) -> __m512i {
    let t = _mm512_mulhi_epi16(a, splat(BARRETT_V));
    let t = _mm512_srai_epi16::<10>(_mm512_add_epi16(t, splat(1 << 9)));
    _mm512_sub_epi16(a, _mm512_mullo_epi16(t, splat(Q)))
}

/// Swaps the halves of every block of `2 len` lanes: lane `j` gets lane `j ^ len`.
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn swap<const LEN: usize>(v: __m512i) -> __m512i {
    match LEN {
        16 => _mm512_shuffle_i64x2::<0b01_00_11_10>(v, v),
        8 => _mm512_shuffle_i64x2::<0b10_11_00_01>(v, v),
        4 => _mm512_shuffle_epi32::<0b01_00_11_10>(v),
        _ => _mm512_shuffle_epi32::<0b10_11_00_01>(v),
    }
}

/// The lanes in the upper half of every block of `2 len` lanes.
const fn upper<const LEN: usize>() -> __mmask32 {
    match LEN {
        16 => 0xffff_0000,
        8 => 0xff00_ff00,
        4 => 0xf0f0_f0f0,
        _ => 0xcccc_cccc,
    }
}

/// One forward layer of length `LEN` within a unit: `(x, y) -> (x + z y, x - z y)`.
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn ntt_layer<const LEN: usize>(v: __m512i, tw: &Twiddle) -> __m512i {
    let t = fqmul_pre(v, load32(&tw[0]), load32(&tw[1])); // z y in the upper lanes
    let lo = _mm512_add_epi16(v, swap::<LEN>(t));
    let hi = _mm512_sub_epi16(swap::<LEN>(v), t);
    _mm512_mask_blend_epi16(upper::<LEN>(), lo, hi)
}

/// One inverse layer of length `LEN` within a unit: `(x, y) -> (barrett(x + y), z (y - x))`.
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn inv_ntt_layer<const LEN: usize>(v: __m512i, tw: &Twiddle) -> __m512i {
    let p = swap::<LEN>(v);
    let sum = barrett(_mm512_add_epi16(v, p));
    let diff = fqmul_pre(_mm512_sub_epi16(v, p), load32(&tw[0]), load32(&tw[1]));
    _mm512_mask_blend_epi16(upper::<LEN>(), sum, diff)
}

#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn ntt_within(v: __m512i, unit: usize) -> __m512i {
    let tw = &NTT_TW[unit & 7];
    let v = ntt_layer::<16>(v, &tw[0]);
    let v = ntt_layer::<8>(v, &tw[1]);
    let v = ntt_layer::<4>(v, &tw[2]);
    let v = ntt_layer::<2>(v, &tw[3]);
    barrett(v)
}

#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn inv_ntt_within(v: __m512i, unit: usize) -> __m512i {
    let tw = &INV_NTT_TW[unit & 7];
    let v = inv_ntt_layer::<2>(v, &tw[0]);
    let v = inv_ntt_layer::<4>(v, &tw[1]);
    let v = inv_ntt_layer::<8>(v, &tw[2]);
    inv_ntt_layer::<16>(v, &tw[3])
}

/// Base-case multiplication: in each pair `(a0, a1) (b0, b1)` with zeta `z`,
/// `(a1 b1 z + a0 b0, a0 b1 + a1 b0)`, every product a Montgomery product as in
/// [`super::scalar::base_mul`].
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn base_mul(a: __m512i, b: __m512i, unit: usize) -> __m512i {
    let tw = &BASE_MUL_TW[unit & 7];
    let p = fqmul(a, b); // a0 b0, a1 b1
    let pz = fqmul_pre(p, load32(&tw[0]), load32(&tw[1])); // odd lanes: (a1 b1) z
    let c = fqmul(a, _mm512_rol_epi32::<16>(b)); // a0 b1, a1 b0
    let even = _mm512_add_epi16(p, _mm512_rol_epi32::<16>(pz));
    let odd = _mm512_add_epi16(c, _mm512_rol_epi32::<16>(c));
    _mm512_mask_blend_epi16(0xaaaa_aaaa, even, odd)
}

/// `1` in the lanes where `q_minus - r` is negative (`r > q_minus`, lanes below 2^15).
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn above(r: __m512i, q_minus: i16) -> __m512i {
    _mm512_srli_epi16::<15>(_mm512_sub_epi16(splat(q_minus), r))
}

/// `Compress_d` of canonical lanes, `1 <= d <= 11`: `floor((x 2^d + (q-1)/2) / q) mod 2^d`.
/// `t = floor(x floor(2^(16+d) / q) / 2^16)` is the quotient or up to 2 below it, so the
/// remainder `n - t q` is below `3 q` and two sign-bit corrections finish (all lanes below
/// 2^16 though `n` is not: the remainder is exact mod 2^16). Checked exhaustively by a test.
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn compress(x: __m512i, d: u32) -> __m512i {
    let c = COMPRESS_M[d as usize & 15] as i16;
    let n = _mm512_add_epi16(_mm512_mullo_epi16(x, splat(1 << d)), splat(Q / 2));
    let t = _mm512_mulhi_epu16(x, splat(c));
    let r = _mm512_sub_epi16(n, _mm512_mullo_epi16(t, splat(Q)));
    let t = _mm512_add_epi16(t, above(r, Q - 1));
    let t = _mm512_add_epi16(t, above(r, 2 * Q - 1));
    _mm512_and_si512(t, splat(((1u32 << d) - 1) as i16))
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
#[target_feature(enable = "avx512f,avx512bw")]
fn decompress(y: __m512i, d: u32) -> __m512i {
    let y = _mm512_mullo_epi16(y, splat((1u32 << (16 - d)) as u16 as i16));
    let lo = _mm512_mullo_epi16(y, splat(Q));
    let hi = _mm512_mulhi_epu16(y, splat(Q));
    _mm512_add_epi16(hi, _mm512_srli_epi16::<15>(lo))
}

/// `ByteEncode_1`: bit 0 of each lane, lane 0 first.
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn encode1(v: __m512i, out: &mut [u8]) {
    let bits: u32 = _mm512_test_epi16_mask(v, splat(1));
    out[..4].copy_from_slice(&bits.to_le_bytes());
}

/// `ByteDecode_1`.
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn decode1(bytes: &[u8]) -> __m512i {
    let bits = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    _mm512_maskz_mov_epi16(bits, splat(1))
}

/// `ByteEncode_12` of lanes in `[0, 2^12)`: 48 bytes.
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn encode12(v: __m512i, out: &mut [u8]) {
    // Pairs into 24-bit dwords: x0 + 2^12 x1.
    let v = _mm512_madd_epi16(v, _mm512_set1_epi32(1 | (1 << 12) << 16));
    // The three low bytes of each dword, packed to 12 bytes per 128-bit lane...
    let v = _mm512_shuffle_epi8(
        v,
        _mm512_setr4_epi32(0x0402_0100, 0x0908_0605, 0x0e0d_0c0a, 0x8080_8080u32 as i32),
    );
    // ...and the four lanes' 12 bytes next to each other.
    let idx = _mm512_setr_epi32(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0, 0, 0, 0);
    let mut buf = [0u8; 64];
    store_bytes(_mm512_permutexvar_epi32(idx, v), &mut buf);
    out[..48].copy_from_slice(&buf[..48]);
}

/// `ByteDecode_12` (without the reduction mod q): 48 bytes to lanes in `[0, 2^12)`.
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn decode12(bytes: &[u8]) -> __m512i {
    let mut buf = [0u8; 64];
    buf[..48].copy_from_slice(&bytes[..48]);
    // 12 bytes into each 128-bit lane, then each 3 bytes `b0 b1 b2` to `b0 b1 | b1 b2`.
    let idx = _mm512_setr_epi32(0, 1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 8, 9, 10, 11, 11);
    let v = _mm512_permutexvar_epi32(idx, load_bytes(&buf));
    let v = _mm512_shuffle_epi8(
        v,
        _mm512_setr4_epi32(0x0201_0100, 0x0504_0403, 0x0807_0706, 0x0b0a_0a09),
    );
    let even = _mm512_and_si512(v, splat(0xfff));
    let odd = _mm512_srli_epi16::<4>(v);
    _mm512_mask_blend_epi16(0xaaaa_aaaa, even, odd)
}

// ---------------------------------------------------------------------------------------
// The `Lanes` implementation.

/// Thirty-two coefficients in a ZMM register. Private to this module: see the module
/// documentation for where values exist.
#[derive(Clone, Copy, Debug)]
struct Avx512(__m512i);

// Every `unsafe` block below calls the safe `#[target_feature]` helpers above from a
// method without target features. SAFETY (for all of them): by the module's invariant,
// these methods run only inside the entry points (compiled with AVX-512 F/BW/VL and AVX2,
// reached only with a `Token`) or in tests after `Token::get` succeeded, so the CPU
// supports the features.
impl Lanes for Avx512 {
    #[inline(always)]
    fn keccak_x4() -> Option<super::KeccakX4Backend> {
        // Values of this type exist only where AVX2 runs, so detection (cached) succeeds.
        super::KeccakX4Backend::detect()
    }
    const N: usize = 32;
    type Poly = [Avx512; 8];

    #[inline(always)]
    fn zero_poly() -> Self::Poly {
        // SAFETY: see the comment on the impl (AVX-512F is available).
        [Avx512(unsafe { splat(0) }); 8]
    }
    #[inline(always)]
    fn load(c: &[i16]) -> Self {
        let c: &[i16; 32] = c.first_chunk().expect("a unit is 32 coefficients");
        // SAFETY: see the comment on the impl (AVX-512F is available).
        Avx512(unsafe { load32(c) })
    }
    #[inline(always)]
    fn store(self, out: &mut [i16]) {
        let out: &mut [i16; 32] = out.first_chunk_mut().expect("a unit is 32 coefficients");
        // SAFETY: see the comment on the impl (AVX-512F is available).
        unsafe { store32(self.0, out) }
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        // SAFETY: see the comment on the impl (AVX-512BW is available).
        Avx512(unsafe { _mm512_add_epi16(self.0, o.0) })
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        // SAFETY: see the comment on the impl (AVX-512BW is available).
        Avx512(unsafe { _mm512_sub_epi16(self.0, o.0) })
    }
    #[inline(always)]
    fn mul_const(self, c: i16) -> Self {
        // SAFETY: see the comment on the impl (AVX-512 F/BW are available).
        Avx512(unsafe { fqmul_pre(self.0, splat(c), splat(c.wrapping_mul(QINV))) })
    }
    #[inline(always)]
    fn reduce(self) -> Self {
        // SAFETY: see the comment on the impl (AVX-512 F/BW are available).
        Avx512(unsafe { barrett(self.0) })
    }
    #[inline(always)]
    fn to_unsigned(self) -> Self {
        // SAFETY: see the comment on the impl (AVX-512 F/BW are available).
        Avx512(unsafe {
            let neg = _mm512_srai_epi16::<15>(self.0);
            _mm512_add_epi16(self.0, _mm512_and_si512(neg, splat(Q)))
        })
    }
    #[inline(always)]
    fn cond_sub_q(self) -> Self {
        // SAFETY: see the comment on the impl (AVX-512 F/BW are available).
        Avx512(unsafe {
            let t = _mm512_sub_epi16(self.0, splat(Q));
            _mm512_add_epi16(t, _mm512_and_si512(_mm512_srai_epi16::<15>(t), splat(Q)))
        })
    }
    #[inline(always)]
    fn ntt_within(self, unit: usize) -> Self {
        // SAFETY: see the comment on the impl (AVX-512 F/BW are available).
        Avx512(unsafe { ntt_within(self.0, unit) })
    }
    #[inline(always)]
    fn inv_ntt_within(self, unit: usize) -> Self {
        // SAFETY: see the comment on the impl (AVX-512 F/BW are available).
        Avx512(unsafe { inv_ntt_within(self.0, unit) })
    }
    #[inline(always)]
    fn base_mul(self, o: Self, unit: usize) -> Self {
        // SAFETY: see the comment on the impl (AVX-512 F/BW are available).
        Avx512(unsafe { base_mul(self.0, o.0, unit) })
    }
    #[inline(always)]
    fn compress(self, d: u32) -> Self {
        // SAFETY: see the comment on the impl (AVX-512 F/BW are available).
        Avx512(unsafe { compress(self.0, d) })
    }
    #[inline(always)]
    fn decompress(self, d: u32) -> Self {
        // SAFETY: see the comment on the impl (AVX-512 F/BW are available).
        Avx512(unsafe { decompress(self.0, d) })
    }
    #[inline(always)]
    fn encode(self, d: u32, out: &mut [u8]) {
        match d {
            // SAFETY: see the comment on the impl (AVX-512 F/BW are available).
            1 => unsafe { encode1(self.0, out) },
            // SAFETY: see the comment on the impl (AVX-512 F/BW are available).
            12 => unsafe { encode12(self.0, out) },
            _ => {
                let mut c = [0i16; 32];
                self.store(&mut c);
                encode_scalar(&c, d, out);
            }
        }
    }
    #[inline(always)]
    fn decode(d: u32, bytes: &[u8]) -> Self {
        match d {
            // SAFETY: see the comment on the impl (AVX-512 F/BW are available).
            1 => Avx512(unsafe { decode1(bytes) }),
            // SAFETY: see the comment on the impl (AVX-512 F/BW are available).
            12 => Avx512(unsafe { decode12(bytes) }),
            _ => {
                let mut c = [0i16; 32];
                decode_scalar(bytes, d, &mut c);
                Self::load(&c)
            }
        }
    }
}

// ---------------------------------------------------------------------------------------

/// The `avx512_` tests run the backend against the scalar reference and the portable
/// backend. On CPUs without AVX-512 they print a message and pass; under Miri with the
/// AVX-512 target features (`.ci/miri.sh`) they run everything.
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

    use super::super::test_support::ML_KEM_512;

    fn token() -> Option<Token> {
        let t = Token::get();
        if t.is_none() {
            println!("skipped: this CPU has no AVX-512 F/BW/VL (run .ci/miri.sh)");
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
        fn unit(&mut self, lo: i32, hi: i32) -> [i16; 32] {
            core::array::from_fn(|_| self.range(lo, hi))
        }
        fn bytes<const L: usize>(&mut self) -> [u8; L] {
            core::array::from_fn(|_| self.next() as u8)
        }
    }

    fn lanes(v: Avx512) -> [i16; 32] {
        let mut c = [0; 32];
        v.store(&mut c);
        c
    }

    fn vec(c: &[i16; 32]) -> Avx512 {
        Avx512::load(c)
    }

    const Q32: i32 = Q as i32;

    #[test]
    fn avx512_dispatch_prefers_avx512() {
        let Some(_) = token() else { return };
        assert!(x86_features().avx2);
        if !dispatch::PREFER_AVX512 {
            assert!(matches!(dispatch::choice(), Choice::Avx2(_)));
            return;
        }
        assert!(matches!(dispatch::choice(), Choice::Avx512(_)));
        assert_eq!(
            dispatch::choice().backend(),
            mamori_primitives::Backend::Avx512
        );
    }

    #[test]
    fn avx512_lane_arithmetic() {
        let Some(_) = token() else { return };
        let mut rng = Rng(0x1234_5678);
        for _ in 0..4 {
            let a = rng.unit(-32768, 32768);
            let b = rng.unit(-32768, 32768);
            let (va, vb) = (vec(&a), vec(&b));
            let add = lanes(va.add(vb));
            let sub = lanes(va.sub(vb));
            let red = lanes(va.reduce());
            for j in 0..32 {
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
                1441,
            ] {
                let m = lanes(vec(&x).mul_const(c));
                for j in 0..32 {
                    assert_eq!(m[j], arith::fqmul(x[j], c), "fqmul {} {c}", x[j]);
                }
            }
            let s = rng.unit(-Q32 + 1, Q32);
            let u = lanes(vec(&s).to_unsigned());
            let w = rng.unit(0, 4096);
            let cs = lanes(vec(&w).cond_sub_q());
            for j in 0..32 {
                assert_eq!(u[j], arith::to_unsigned(s[j]));
                assert_eq!(cs[j], arith::cond_sub_q(w[j]));
            }
        }
        // Barrett's edges.
        let edges: [i16; 32] = core::array::from_fn(|j| match j {
            0 => i16::MIN,
            1 => i16::MAX,
            2 => -1,
            3 => 0,
            _ => (j as i16 - 16) * (Q / 2) + (j as i16 & 1),
        });
        let red = lanes(vec(&edges).reduce());
        for j in 0..32 {
            assert_eq!(red[j], arith::barrett_reduce(edges[j]));
        }
    }

    #[test]
    fn avx512_ntt_within_and_base_mul_every_unit() {
        let Some(_) = token() else { return };
        let mut rng = Rng(0x9e37_79b9);
        for unit in 0..8 {
            // After the cross-unit layers the forward input is within (-4q, 4q).
            let a = rng.unit(-4 * Q32 + 1, 4 * Q32);
            let mut want = a;
            scalar::ntt_within(&mut want, unit);
            assert_eq!(lanes(vec(&a).ntt_within(unit)), want, "ntt unit {unit}");

            let b = rng.unit(-Q32 + 1, Q32);
            let mut want = b;
            scalar::inv_ntt_within(&mut want, unit);
            assert_eq!(lanes(vec(&b).inv_ntt_within(unit)), want, "inv unit {unit}");

            let (x, y) = (rng.unit(-Q32 + 1, Q32), rng.unit(-Q32 + 1, Q32));
            let mut want = [0; 32];
            scalar::base_mul(&mut want, &x, &y, unit);
            assert_eq!(
                lanes(vec(&x).base_mul(vec(&y), unit)),
                want,
                "base_mul unit {unit}"
            );
        }
    }

    #[test]
    fn avx512_compress_decompress_exhaustive() {
        let Some(_) = token() else { return };
        // Every d (the KEM uses 1, 4, 5, 10, 11) and every canonical input.
        for d in 1..=11u32 {
            let mut x = 0i32;
            while x < Q32 {
                let c: [i16; 32] = core::array::from_fn(|j| (x + j as i32).min(Q32 - 1) as i16);
                let got = lanes(vec(&c).compress(d));
                for j in 0..32 {
                    assert_eq!(got[j], arith::compress(c[j], d), "compress {} d {d}", c[j]);
                }
                x += 32;
            }
            let mut y = 0i32;
            while y < 1 << d {
                let c: [i16; 32] =
                    core::array::from_fn(|j| ((y + j as i32) & ((1 << d) - 1)) as i16);
                let got = lanes(vec(&c).decompress(d));
                for j in 0..32 {
                    assert_eq!(
                        got[j],
                        arith::decompress(c[j], d),
                        "decompress {} d {d}",
                        c[j]
                    );
                }
                y += 32;
            }
        }
    }

    #[test]
    fn avx512_encode_decode() {
        let Some(_) = token() else { return };
        let mut rng = Rng(0x0bad_cafe);
        for d in 1..=12u32 {
            let len = 4 * d as usize;
            for _ in 0..2 {
                let c = rng.unit(0, 1 << d);
                let mut want = [0u8; 48];
                encode_scalar(&c, d, &mut want[..len]);
                let mut got = [0u8; 48];
                vec(&c).encode(d, &mut got[..len]);
                assert_eq!(got, want, "encode d {d}");

                let bytes = rng.bytes::<48>();
                let mut want = [0i16; 32];
                decode_scalar(&bytes[..len], d, &mut want);
                assert_eq!(
                    lanes(Avx512::decode(d, &bytes[..len])),
                    want,
                    "decode d {d}"
                );
            }
        }
    }

    fn to_coeffs(p: &[Avx512; 8]) -> [i16; 256] {
        let mut c = [0; 256];
        poly::to_coeffs::<Avx512>(p, &mut c);
        c
    }

    fn portable_coeffs(p: &[Portable; 16]) -> [i16; 256] {
        let mut c = [0; 256];
        poly::to_coeffs::<Portable>(p, &mut c);
        c
    }

    #[test]
    fn avx512_poly_ntt_inverse_dot() {
        let Some(_) = token() else { return };
        let mut rng = Rng(0x5eed_0001);
        let polys: [[i16; 256]; 4] =
            core::array::from_fn(|_| core::array::from_fn(|_| rng.range(-Q32 + 1, Q32)));
        let mut a = polys.map(|c| poly::from_coeffs::<Avx512>(&c));
        let mut p = polys.map(|c| poly::from_coeffs::<Portable>(&c));
        for (x, y) in a.iter_mut().zip(&mut p) {
            poly::ntt::<Avx512>(x);
            poly::ntt::<Portable>(y);
            assert_eq!(to_coeffs(x), portable_coeffs(y), "ntt");
        }
        let mut da = poly::dot::<Avx512>(&a[..2], &a[2..]);
        let mut dp = poly::dot::<Portable>(&p[..2], &p[2..]);
        assert_eq!(to_coeffs(&da), portable_coeffs(&dp), "dot");
        poly::inv_ntt::<Avx512>(&mut da);
        poly::inv_ntt::<Portable>(&mut dp);
        assert_eq!(to_coeffs(&da), portable_coeffs(&dp), "inverse ntt");
    }

    /// One ML-KEM-512 key generation, encapsulation and decapsulation (and one implicit
    /// rejection) through the public API, which dispatches to AVX-512 where preferred, against the portable
    /// instantiation of K-PKE: same bytes.
    #[test]
    fn avx512_ml_kem_512_same_bytes_as_portable() {
        use crate::ml_kem::ml_kem_512::{Ciphertext, DecapsulationKey};
        use crate::ml_kem::sample;

        let Some(_) = token() else { return };
        // Through AVX-512 where the dispatcher prefers it (under Miri), else through AVX2:
        // the same bytes either way.
        assert_eq!(
            matches!(dispatch::choice(), Choice::Avx512(_)),
            dispatch::PREFER_AVX512
        );
        const K: usize = 2;
        let p = &ML_KEM_512;
        let mut rng = Rng(0x4d4c_4b45);
        let (seed, m) = (rng.bytes::<64>(), rng.bytes::<32>());
        let (mut d, mut z) = ([0u8; 32], [0u8; 32]);
        d.copy_from_slice(&seed[..32]);
        z.copy_from_slice(&seed[32..]);

        let dk = DecapsulationKey::from_seed(&seed);
        let want = kpke::keygen::<Portable, K>(p, &d, &z);
        let mut want_dk = [0u8; 1632];
        kpke::encode_dk(&want, &mut want_dk);
        assert_eq!(dk.to_expanded(), want_dk, "expanded decapsulation key");

        let (ct, key) = dk.encapsulation_key().encapsulate_deterministic(&m);
        let mut want_ct = [0u8; 768];
        let want_key = kpke::encaps::<Portable, K>(p, &want.pk, &m, &mut want_ct);
        assert_eq!(ct.as_bytes(), &want_ct, "ciphertext");
        assert_eq!(key.as_bytes(), &want_key, "encapsulated key");

        assert_eq!(
            dk.decapsulate(&ct).as_bytes(),
            &want_key,
            "decapsulated key"
        );

        let mut bad = want_ct;
        bad[100] ^= 4;
        let bad = Ciphertext::from_bytes(&bad).expect("length");
        assert_eq!(
            dk.decapsulate(&bad).as_bytes(),
            &sample::j(&z, bad.as_bytes()),
            "implicit rejection"
        );

        // From the expanded key bytes (the hashes H(ek) and J(z || c) on the four-way
        // Keccak): the same keys, and the hash check.
        let from_bytes = |dk: &[u8], ct: &[u8]| {
            DecapsulationKey::decapsulate_expanded(dk, ct).map(|k| *k.as_bytes())
        };
        assert_eq!(from_bytes(&want_dk, &want_ct), Ok(want_key), "from bytes");
        assert_eq!(
            from_bytes(&want_dk, bad.as_bytes()),
            Ok(sample::j(&z, bad.as_bytes())),
            "implicit rejection from bytes"
        );
        want_dk[1632 - 64] ^= 1;
        assert!(from_bytes(&want_dk, &want_ct).is_err(), "changed H(ek)");
    }
}
