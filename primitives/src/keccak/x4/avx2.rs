//! Four Keccak-f\[1600\] permutations on AVX2: lane `i` of the four states in one `__m256i`,
//! the 25 lanes in registers across the 24 rounds. Rotations are two shifts and an OR,
//! except by 8 and 56 (one byte shuffle); χ uses AND-NOT.
#![allow(unsafe_code)]

use core::arch::x86_64::*;
use core::sync::atomic::{AtomicU8, Ordering};

use super::{KeccakX4, RC, StateX4};

/// The AVX2 backend: the four states in 25 `__m256i`. A value exists only where the CPU
/// supports AVX2 (and the OS saves the YMM registers): made by [`Avx2X4::detect`] or, on
/// the caller's word, [`Avx2X4::new_unchecked`].
#[derive(Clone, Copy, Debug)]
pub struct Avx2X4(());

impl Avx2X4 {
    /// The AVX2 backend if this CPU supports AVX2 and the OS saves the YMM state, detected
    /// with `cpuid` and `xgetbv` on the first call and cached.
    #[must_use]
    pub fn detect() -> Option<Self> {
        // SAFETY: `supported` checked AVX2 and the OS-saved YMM state.
        supported().then(|| unsafe { Self::new_unchecked() })
    }

    /// The AVX2 backend without a check.
    ///
    /// # Safety
    /// The CPU must support AVX2 (and the OS save the YMM state).
    #[must_use]
    pub const unsafe fn new_unchecked() -> Self {
        Avx2X4(())
    }
}

impl KeccakX4 for Avx2X4 {
    #[inline]
    fn permute(self, s: &mut StateX4) {
        // SAFETY: a value of `Avx2X4` proves AVX2 (see `detect` and `new_unchecked`).
        unsafe { permute_avx2(s) }
    }
}

/// Keccak-f\[1600\] on the four states.
#[target_feature(enable = "avx2")]
fn permute_avx2(s: &mut StateX4) {
    // A 32-byte aligned local whose address escapes makes the compiler realign the stack
    // frame, so the lanes that do not fit in the 16 registers spill to aligned slots.
    // Without it the spill slots follow the caller's 16-byte alignment, and when half of
    // them straddle cache lines the permutation is about 18% slower.
    let mut realign = _mm256_setzero_si256();
    core::hint::black_box(&mut realign);
    let mut a = [_mm256_setzero_si256(); 25];
    for (v, lane) in a.iter_mut().zip(s.iter()) {
        // SAFETY: `lane` is 32 readable bytes; `loadu` has no alignment requirement.
        *v = unsafe { _mm256_loadu_si256(lane.as_ptr().cast()) };
    }

    macro_rules! xor {
        ($x:expr, $y:expr) => {
            _mm256_xor_si256($x, $y)
        };
    }
    macro_rules! xor5 {
        ($v:expr, $w:expr, $x:expr, $y:expr, $z:expr) => {
            xor!(xor!(xor!($v, $w), xor!($x, $y)), $z)
        };
    }
    macro_rules! chi {
        ($x:expr, $y:expr, $z:expr) => {
            xor!($x, _mm256_andnot_si256($y, $z))
        };
    }
    macro_rules! rol {
        // Whole-byte rotations: each output byte is a byte of the same 64-bit slot.
        ($x:expr, 8) => {
            _mm256_shuffle_epi8(
                $x,
                _mm256_setr_epi8(
                    7, 0, 1, 2, 3, 4, 5, 6, 15, 8, 9, 10, 11, 12, 13, 14, 7, 0, 1, 2, 3, 4, 5, 6,
                    15, 8, 9, 10, 11, 12, 13, 14,
                ),
            )
        };
        ($x:expr, 56) => {
            _mm256_shuffle_epi8(
                $x,
                _mm256_setr_epi8(
                    1, 2, 3, 4, 5, 6, 7, 0, 9, 10, 11, 12, 13, 14, 15, 8, 1, 2, 3, 4, 5, 6, 7, 0,
                    9, 10, 11, 12, 13, 14, 15, 8,
                ),
            )
        };
        ($x:expr, $n:literal) => {{
            let x = $x;
            _mm256_or_si256(
                _mm256_slli_epi64::<$n>(x),
                _mm256_srli_epi64::<{ 64 - $n }>(x),
            )
        }};
    }

    for rc in RC {
        keccak_round!(a, _mm256_set1_epi64x(rc as i64), xor, xor5, chi, rol);
    }

    for (lane, v) in s.iter_mut().zip(a) {
        // SAFETY: `lane` is 32 writable bytes; `storeu` has no alignment requirement.
        unsafe { _mm256_storeu_si256(lane.as_mut_ptr().cast(), v) };
    }
}

/// Detection result bits: known, AVX2 usable, AVX-512 F/VL usable.
const KNOWN: u8 = 1 << 7;
const AVX2: u8 = 1;
const AVX512: u8 = 2;
static CACHE: AtomicU8 = AtomicU8::new(0);

/// The detection bits, detected once.
fn features() -> u8 {
    let mut bits = CACHE.load(Ordering::Relaxed);
    if bits & KNOWN == 0 {
        bits = KNOWN | detect();
        CACHE.store(bits, Ordering::Relaxed);
    }
    bits
}

/// The detection bits of what was found (AVX-512 only with AVX2).
fn pack(avx2: bool, avx512: bool) -> u8 {
    (if avx2 { AVX2 } else { 0 }) | (if avx2 && avx512 { AVX512 } else { 0 })
}

/// Whether AVX2 is usable.
fn supported() -> bool {
    features() & AVX2 != 0
}

/// Whether AVX2, AVX-512F and AVX-512VL are usable (for [`super::Avx512X4`]).
pub(super) fn avx512_supported() -> bool {
    features() & AVX512 != 0
}

/// Under Miri, which has no `cpuid`, the compile-time target features answer (as in the
/// AES-round detection: `RUSTFLAGS="-Ctarget-feature=+avx2,..."`).
#[cfg(miri)]
fn detect() -> u8 {
    let avx2 = cfg!(target_feature = "avx2");
    let avx512 = avx2 && cfg!(all(target_feature = "avx512f", target_feature = "avx512vl"));
    pack(avx2, avx512)
}

/// CPUID.7.0:EBX for AVX2, AVX-512F and AVX-512VL, and the register state the OS saves in
/// XCR0 (read when CPUID.1:ECX has OSXSAVE and AVX).
#[cfg(not(miri))]
fn detect() -> u8 {
    let bit = |word: u32, n: u32| word >> n & 1 == 1;
    // SAFETY: `cpuid` exists on every x86-64 CPU; leaf 0 gives the highest leaf, checked
    // before leaf 7 is read.
    #[allow(unused_unsafe)]
    let (ecx1, ebx7) = unsafe {
        let max = __cpuid_count(0, 0).eax;
        let ecx1 = __cpuid_count(1, 0).ecx;
        let ebx7 = if max >= 7 { __cpuid_count(7, 0).ebx } else { 0 };
        (ecx1, ebx7)
    };
    let osxsave = bit(ecx1, 27);
    let avx = bit(ecx1, 28);
    if !(osxsave && avx) {
        return 0;
    }

    /// Reads XCR0.
    ///
    /// # Safety
    /// The CPU must support `xgetbv` (CPUID.1:ECX.OSXSAVE).
    #[target_feature(enable = "xsave")]
    unsafe fn xgetbv0() -> u64 {
        // SAFETY: the caller guarantees OSXSAVE; XCR0 (index 0) always exists then.
        unsafe { _xgetbv(0) }
    }

    // SAFETY: CPUID.1:ECX.OSXSAVE is set (checked above).
    let xcr0 = unsafe { xgetbv0() };
    // SSE and YMM upper halves; and opmask, ZMM upper halves, ZMM16-31.
    let ymm_saved = xcr0 & 0b110 == 0b110;
    let zmm_saved = xcr0 & 0b1110_0110 == 0b1110_0110;
    let avx2 = ymm_saved && bit(ebx7, 5);
    let avx512 = avx2 && zmm_saved && bit(ebx7, 16) && bit(ebx7, 31);
    pack(avx2, avx512)
}
