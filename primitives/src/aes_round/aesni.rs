//! AES-NI on 128-bit registers: one lane per word.
#![allow(unsafe_code)]

#[cfg(target_arch = "x86")]
use core::arch::x86::*;
#[cfg(target_arch = "x86_64")]
use core::arch::x86_64::*;

use super::{AesJob, AesWord, Block};
use crate::Backend;

/// One 128-bit lane in an XMM register. A value exists only where the CPU has AES-NI and
/// SSSE3 (see [`super::AesBackend::run`]).
#[derive(Clone, Copy, Debug)]
pub struct AesNi(__m128i);

impl AesNi {
    /// Wraps a register (for the VAES words, whose values prove AES-NI too).
    #[inline(always)]
    pub(super) fn from_raw(x: __m128i) -> Self {
        AesNi(x)
    }

    /// The register.
    #[inline(always)]
    pub(super) fn raw(self) -> __m128i {
        self.0
    }
}

/// Runs `job` on AES-NI: with the VEX (AVX) encoding where the CPU has AVX, whose
/// three-operand forms drop the register copies of the two-operand SSE encoding. Single
/// streams are bound by instruction dispatch as much as by the AES units, so that is
/// worth a separate instantiation.
///
/// Only called for a backend [`super::AesBackend`] detected (or forced after detection).
#[inline]
pub(super) fn run<J: AesJob>(job: J) -> J::Output {
    let f = super::x86::features();
    debug_assert!(f.aesni);
    if f.avx {
        // SAFETY: `AesBackend` only holds `Kind::AesNi` (or a VAES kind, which implies it)
        // after `x86::features()` saw AES-NI and SSSE3; AVX (with the OS saving YMM
        // state) was just checked.
        unsafe { run_aesni_avx(job) }
    } else {
        // SAFETY: as above, AES-NI and SSSE3 were detected.
        unsafe { run_aesni(job) }
    }
}

/// # Safety
/// The CPU must support AES-NI and SSSE3.
#[target_feature(enable = "aes,ssse3")]
unsafe fn run_aesni<J: AesJob>(job: J) -> J::Output {
    job.run(AesNi(_mm_setzero_si128()))
}

/// # Safety
/// The CPU must support AES-NI, SSSE3 and AVX (with the YMM state enabled by the OS).
#[target_feature(enable = "aes,ssse3,avx")]
unsafe fn run_aesni_avx<J: AesJob>(job: J) -> J::Output {
    job.run(AesNi(_mm_setzero_si128()))
}

/// One block into an XMM register (SSE2, baseline on x86-64; shared by the VAES words).
#[inline(always)]
pub(super) fn load(b: &Block) -> __m128i {
    // SAFETY: unaligned 16-byte load from a 16-byte array.
    unsafe { _mm_loadu_si128(b.as_ptr().cast()) }
}

/// An XMM register as a block.
#[inline(always)]
pub(super) fn store(x: __m128i) -> Block {
    let mut out = [0u8; 16];
    // SAFETY: unaligned 16-byte store into a 16-byte array.
    unsafe { _mm_storeu_si128(out.as_mut_ptr().cast(), x) };
    out
}

impl AesWord for AesNi {
    const LANES: usize = 1;
    const BACKEND: Backend = Backend::AesNi;
    type Single = AesNi;

    #[inline(always)]
    fn zero(self) -> Self {
        // SAFETY: SSE2 (a value of `AesNi` proves AES-NI and SSSE3, hence SSE2).
        AesNi(unsafe { _mm_setzero_si128() })
    }
    #[inline(always)]
    fn splat(self, block: &Block) -> Self {
        AesNi(load(block))
    }
    #[inline(always)]
    fn gather(self, mut lane: impl FnMut(usize) -> Block) -> Self {
        AesNi(load(&lane(0)))
    }
    #[inline(always)]
    fn scatter(self, mut f: impl FnMut(usize, Block)) {
        f(0, store(self.0));
    }
    #[inline(always)]
    fn lane(self, _i: usize) -> Self::Single {
        self
    }
    #[inline(always)]
    fn from_lanes(self, mut lane: impl FnMut(usize) -> Self::Single) -> Self {
        lane(0)
    }
    #[inline(always)]
    fn single(self) -> Self::Single {
        self
    }
    #[inline(always)]
    fn xor(self, other: Self) -> Self {
        // SAFETY: SSE2, see `zero`.
        AesNi(unsafe { _mm_xor_si128(self.0, other.0) })
    }
    #[inline(always)]
    fn and(self, other: Self) -> Self {
        // SAFETY: SSE2, see `zero`.
        AesNi(unsafe { _mm_and_si128(self.0, other.0) })
    }
    #[inline(always)]
    fn aes(self, round_key: Self) -> Self {
        // SAFETY: a value of `AesNi` exists only on a CPU with AES-NI (module docs).
        AesNi(unsafe { _mm_aesenc_si128(self.0, round_key.0) })
    }
    #[inline(always)]
    fn first(self) -> Block {
        store(self.0)
    }
}
