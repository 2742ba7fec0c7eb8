//! VAES on 256-bit registers: two independent lanes per word (two messages side by side).
#![allow(unsafe_code)]

#[cfg(target_arch = "x86")]
use core::arch::x86::*;
#[cfg(target_arch = "x86_64")]
use core::arch::x86_64::*;

use super::aesni::{AesNi, load, store};
use super::{AesJob, AesWord, Block};
use crate::Backend;

/// Two 128-bit lanes in a YMM register. A value exists only where the CPU has VAES, AVX2
/// and AES-NI (see [`super::AesBackend::run`]).
#[derive(Clone, Copy, Debug)]
pub struct Vaes256(__m256i);

/// Runs `job` on VAES-256.
#[inline]
pub(super) fn run<J: AesJob>(job: J) -> J::Output {
    debug_assert!(super::x86::features().vaes256);
    // SAFETY: `AesBackend` only holds `Kind::Vaes256` after `x86::features()` saw VAES,
    // AVX2, AES-NI and SSSE3 with the YMM state enabled by the OS.
    unsafe { run_vaes256(job) }
}

/// # Safety
/// The CPU must support VAES, AVX2, AES-NI and SSSE3.
#[target_feature(enable = "aes,ssse3,avx,avx2,vaes")]
unsafe fn run_vaes256<J: AesJob>(job: J) -> J::Output {
    job.run(Vaes256(_mm256_setzero_si256()))
}

/// `x`, hidden from the optimizer, which would otherwise turn a blend with a broadcast
/// back into `vinserti128` (see [`Vaes256::gather`]). No instruction is emitted.
///
/// # Safety
/// The CPU must support AVX.
#[target_feature(enable = "avx")]
#[inline]
unsafe fn opaque(mut x: __m256i) -> __m256i {
    // Miri runs no assembly; the barrier only steers instruction selection.
    #[cfg(not(miri))]
    // SAFETY: an empty assembly block that claims to change one register; it touches no
    // memory, no other register and no flags.
    unsafe {
        core::arch::asm!("/* {0} */", inout(ymm_reg) x, options(pure, nomem, nostack, preserves_flags));
    }
    x
}

impl Vaes256 {
    #[inline(always)]
    fn join(lo: __m128i, hi: __m128i) -> Self {
        // SAFETY: AVX (a value of `Vaes256` proves AVX2).
        Vaes256(unsafe { _mm256_set_m128i(hi, lo) })
    }

    #[inline(always)]
    fn halves(self) -> (__m128i, __m128i) {
        // SAFETY: AVX/AVX2 (a value of `Vaes256` proves AVX2).
        unsafe {
            (
                _mm256_castsi256_si128(self.0),
                _mm256_extracti128_si256::<1>(self.0),
            )
        }
    }
}

impl AesWord for Vaes256 {
    const LANES: usize = 2;
    const BACKEND: Backend = Backend::Vaes256;
    type Single = AesNi;

    #[inline(always)]
    fn zero(self) -> Self {
        // SAFETY: AVX (a value of `Vaes256` proves AVX2).
        Vaes256(unsafe { _mm256_setzero_si256() })
    }
    #[inline(always)]
    fn splat(self, block: &Block) -> Self {
        // SAFETY: AVX2 (a value of `Vaes256` proves it).
        Vaes256(unsafe { _mm256_broadcastsi128_si256(load(block)) })
    }
    #[inline(always)]
    fn gather(self, mut lane: impl FnMut(usize) -> Block) -> Self {
        // Lane 1 by a broadcasting load and a blend, not by `vinserti128`: the insert is a
        // shuffle on Zen 3 and competes with the AES units (measured: a 2-lane Rocca-S
        // block loop 0.082 → 0.069 cycles/byte).
        let lo = load(&lane(0));
        let hi = lane(1);
        // SAFETY: AVX2 (a value of `Vaes256` proves it); unaligned 16-byte load from a
        // 16-byte array.
        Vaes256(unsafe {
            let hi = opaque(_mm256_broadcastsi128_si256(load(&hi)));
            _mm256_blend_epi32::<0xF0>(_mm256_castsi128_si256(lo), hi)
        })
    }
    #[inline(always)]
    fn scatter(self, mut f: impl FnMut(usize, Block)) {
        let (lo, hi) = self.halves();
        f(0, store(lo));
        f(1, store(hi));
    }
    #[inline(always)]
    fn lane(self, i: usize) -> AesNi {
        let (lo, hi) = self.halves();
        AesNi::from_raw(if i == 0 { lo } else { hi })
    }
    #[inline(always)]
    fn from_lanes(self, mut lane: impl FnMut(usize) -> AesNi) -> Self {
        let lo = lane(0).raw();
        let hi = lane(1).raw();
        Self::join(lo, hi)
    }
    #[inline(always)]
    fn single(self) -> AesNi {
        // SAFETY: SSE2; a value of `Vaes256` proves AES-NI, so an `AesNi` may exist.
        AesNi::from_raw(unsafe { _mm_setzero_si128() })
    }
    #[inline(always)]
    fn xor(self, other: Self) -> Self {
        // SAFETY: AVX2 (a value of `Vaes256` proves it).
        Vaes256(unsafe { _mm256_xor_si256(self.0, other.0) })
    }
    #[inline(always)]
    fn and(self, other: Self) -> Self {
        // SAFETY: AVX2 (a value of `Vaes256` proves it).
        Vaes256(unsafe { _mm256_and_si256(self.0, other.0) })
    }
    #[inline(always)]
    fn aes(self, round_key: Self) -> Self {
        // SAFETY: a value of `Vaes256` exists only on a CPU with VAES and AVX2.
        Vaes256(unsafe { _mm256_aesenc_epi128(self.0, round_key.0) })
    }
    #[inline(always)]
    fn first(self) -> Block {
        store(self.halves().0)
    }
}
