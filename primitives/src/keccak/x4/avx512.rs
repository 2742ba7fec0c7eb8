//! Four Keccak-f\[1600\] permutations on AVX-512VL: the layout of the AVX2 backend (lane `i`
//! of the four states in one `__m256i`, 25 registers), with the EVEX instructions that
//! shorten the round: `vprolq` rotates in one instruction, and `vpternlog` computes a
//! three-input XOR (θ) or `x ^ (!y & z)` (χ) in one. With 32 vector registers the 25 lanes
//! and most temporaries stay in registers.
//!
//! Miri interprets every intrinsic used (`_mm256_ternarylogic_epi32` stands for the
//! `epi64` form, which Miri lacks; bitwise, they are the same), so the backend is verified
//! under Miri on machines without AVX-512 (`tests/keccak_x4_miri.rs`).
#![allow(unsafe_code)]

use core::arch::x86_64::*;

use super::{KeccakX4, RC, StateX4};

/// The AVX-512VL backend: the four states in 25 `__m256i`. A value exists only where the
/// CPU supports AVX2, AVX-512F and AVX-512VL (and the OS saves the ZMM state): made by
/// [`Avx512X4::detect`] or, on the caller's word, [`Avx512X4::new_unchecked`].
#[derive(Clone, Copy, Debug)]
pub struct Avx512X4(());

impl Avx512X4 {
    /// The AVX-512VL backend if this CPU supports AVX2, AVX-512F and AVX-512VL and the OS
    /// saves the ZMM state (which includes the opmask registers), detected with `cpuid`
    /// and `xgetbv` on the first call and cached.
    #[must_use]
    pub fn detect() -> Option<Self> {
        // SAFETY: `avx512_supported` checked AVX2, AVX-512F/VL and the OS-saved state.
        super::avx2::avx512_supported().then(|| unsafe { Self::new_unchecked() })
    }

    /// The AVX-512VL backend without a check.
    ///
    /// # Safety
    /// The CPU must support AVX2, AVX-512F and AVX-512VL (and the OS save the ZMM state).
    #[must_use]
    pub const unsafe fn new_unchecked() -> Self {
        Avx512X4(())
    }
}

impl KeccakX4 for Avx512X4 {
    #[inline]
    fn permute(self, s: &mut StateX4) {
        // SAFETY: a value of `Avx512X4` proves AVX2, AVX-512F and AVX-512VL (see `detect`
        // and `new_unchecked`).
        unsafe { permute_avx512(s) }
    }

    #[inline]
    fn beats_scalar(self) -> bool {
        true
    }
}

/// `vpternlog` truth tables on inputs (x, y, z) = (0xf0, 0xcc, 0xaa).
const XOR3: i32 = 0x96;
/// `x ^ (!y & z)`.
const CHI: i32 = 0xd2;

/// Keccak-f\[1600\] on the four states.
#[target_feature(enable = "avx2,avx512f,avx512vl")]
fn permute_avx512(s: &mut StateX4) {
    // An aligned local whose address escapes realigns the stack frame, so any spill slots
    // are aligned (see the AVX2 backend).
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
    // The `epi32` ternary logic: the same bits as `epi64` without a mask, and Miri has it.
    macro_rules! xor5 {
        ($v:expr, $w:expr, $x:expr, $y:expr, $z:expr) => {
            _mm256_ternarylogic_epi32::<XOR3>(_mm256_ternarylogic_epi32::<XOR3>($v, $w, $x), $y, $z)
        };
    }
    macro_rules! chi {
        ($x:expr, $y:expr, $z:expr) => {
            _mm256_ternarylogic_epi32::<CHI>($x, $y, $z)
        };
    }
    macro_rules! rol {
        ($x:expr, $n:literal) => {
            _mm256_rol_epi64::<$n>($x)
        };
    }

    for rc in RC {
        keccak_round!(a, _mm256_set1_epi64x(rc as i64), xor, xor5, chi, rol);
    }

    for (lane, v) in s.iter_mut().zip(a) {
        // SAFETY: `lane` is 32 writable bytes; `storeu` has no alignment requirement.
        unsafe { _mm256_storeu_si256(lane.as_mut_ptr().cast(), v) };
    }
}
