//! VAES on 512-bit registers (AVX-512): four independent lanes per word (four messages side
//! by side). Uses only intrinsics Miri interprets (see `shared/AVX512.md`), so the backend is
//! verified under Miri on machines without AVX-512.
#![allow(unsafe_code)]

#[cfg(target_arch = "x86")]
use core::arch::x86::*;
#[cfg(target_arch = "x86_64")]
use core::arch::x86_64::*;

use super::aesni::{AesNi, load, store};
use super::{AesJob, AesWord, Block};
use crate::Backend;

/// Four 128-bit lanes in a ZMM register. A value exists only where the CPU has VAES,
/// AVX-512 F/BW/VL and AES-NI (see [`super::AesBackend::run`]).
#[derive(Clone, Copy, Debug)]
pub struct Vaes512(__m512i);

/// Runs `job` on VAES-512.
#[inline]
pub(super) fn run<J: AesJob>(job: J) -> J::Output {
    debug_assert!(super::x86::features().vaes512);
    // SAFETY: `AesBackend` only holds `Kind::Vaes512` after `x86::features()` saw VAES,
    // AVX-512 F/BW/VL, AVX2, AES-NI and SSSE3 with the ZMM state enabled by the OS.
    unsafe { run_vaes512(job) }
}

/// # Safety
/// The CPU must support VAES, AVX-512 F/BW/VL, AVX2, AES-NI and SSSE3.
#[target_feature(enable = "aes,ssse3,avx,avx2,vaes,avx512f,avx512bw,avx512vl")]
unsafe fn run_vaes512<J: AesJob>(job: J) -> J::Output {
    job.run(Vaes512(_mm512_setzero_si512()))
}

impl Vaes512 {
    /// The word with lanes `l` (lane 0 lowest).
    #[inline(always)]
    fn join(l: [__m128i; 4]) -> Self {
        // SAFETY: AVX-512F (a value of `Vaes512` proves it).
        unsafe {
            let x = _mm512_castsi128_si512(l[0]);
            let x = _mm512_inserti32x4::<1>(x, l[1]);
            let x = _mm512_inserti32x4::<2>(x, l[2]);
            Vaes512(_mm512_inserti32x4::<3>(x, l[3]))
        }
    }

    /// The four lanes (lane 0 first).
    #[inline(always)]
    fn lanes(self) -> [__m128i; 4] {
        // SAFETY: AVX-512F (a value of `Vaes512` proves it).
        unsafe {
            [
                _mm512_castsi512_si128(self.0),
                _mm512_extracti32x4_epi32::<1>(self.0),
                _mm512_extracti32x4_epi32::<2>(self.0),
                _mm512_extracti32x4_epi32::<3>(self.0),
            ]
        }
    }
}

impl AesWord for Vaes512 {
    const LANES: usize = 4;
    const BACKEND: Backend = Backend::Vaes512;
    type Single = AesNi;

    #[inline(always)]
    fn zero(self) -> Self {
        // SAFETY: AVX-512F (a value of `Vaes512` proves it).
        Vaes512(unsafe { _mm512_setzero_si512() })
    }
    #[inline(always)]
    fn splat(self, block: &Block) -> Self {
        // SAFETY: AVX-512F (a value of `Vaes512` proves it).
        Vaes512(unsafe { _mm512_broadcast_i32x4(load(block)) })
    }
    #[inline(always)]
    fn gather(self, mut lane: impl FnMut(usize) -> Block) -> Self {
        Self::join(core::array::from_fn(|i| load(&lane(i))))
    }
    #[inline(always)]
    fn scatter(self, mut f: impl FnMut(usize, Block)) {
        for (i, l) in self.lanes().into_iter().enumerate() {
            f(i, store(l));
        }
    }
    #[inline(always)]
    fn lane(self, i: usize) -> AesNi {
        AesNi::from_raw(self.lanes()[i & 3])
    }
    #[inline(always)]
    fn from_lanes(self, mut lane: impl FnMut(usize) -> AesNi) -> Self {
        Self::join(core::array::from_fn(|i| lane(i).raw()))
    }
    #[inline(always)]
    fn single(self) -> AesNi {
        // SAFETY: SSE2; a value of `Vaes512` proves AES-NI, so an `AesNi` may exist.
        AesNi::from_raw(unsafe { _mm_setzero_si128() })
    }
    #[inline(always)]
    fn xor(self, other: Self) -> Self {
        // SAFETY: AVX-512F (a value of `Vaes512` proves it).
        Vaes512(unsafe { _mm512_xor_si512(self.0, other.0) })
    }
    #[inline(always)]
    fn and(self, other: Self) -> Self {
        // SAFETY: AVX-512F (a value of `Vaes512` proves it).
        Vaes512(unsafe { _mm512_and_si512(self.0, other.0) })
    }
    #[inline(always)]
    fn aes(self, round_key: Self) -> Self {
        // SAFETY: a value of `Vaes512` exists only on a CPU with VAES and AVX-512F.
        Vaes512(unsafe { _mm512_aesenc_epi128(self.0, round_key.0) })
    }
    #[inline(always)]
    fn first(self) -> Block {
        store(self.lanes()[0])
    }
}
