//! CPU feature detection for the x86 AES-round backends, once per process.
//!
//! `cpuid` and `xgetbv` are read directly (the OS must also save the register state a
//! backend uses). Under Miri, which has no `cpuid`, the compile-time target features
//! answer instead: `RUSTFLAGS="-Ctarget-feature=+avx512f,..."` turns the backends on
//! (`.ci/miri.sh`; MIRIFLAGS would not reach this crate's `cfg!`).
#![allow(unsafe_code)]

use core::sync::atomic::{AtomicU8, Ordering};

/// What the AES-round backends need, as detected.
#[derive(Clone, Copy, Debug)]
pub(super) struct Features {
    /// AES-NI and SSSE3 (the 128-bit backend).
    pub aesni: bool,
    /// VAES and AVX2 with the YMM state saved by the OS.
    pub vaes256: bool,
    /// VAES, AVX-512 F/BW/VL with the ZMM state saved by the OS.
    pub vaes512: bool,
    /// AVX with the YMM state saved by the OS (the VEX encoding of the AES-NI backend).
    pub avx: bool,
}

const KNOWN: u8 = 1 << 7;
static CACHE: AtomicU8 = AtomicU8::new(0);

pub(super) fn features() -> Features {
    let mut bits = CACHE.load(Ordering::Relaxed);
    if bits & KNOWN == 0 {
        bits = detect() | KNOWN;
        CACHE.store(bits, Ordering::Relaxed);
    }
    Features {
        aesni: bits & 1 != 0,
        vaes256: bits & 2 != 0,
        vaes512: bits & 4 != 0,
        avx: bits & 8 != 0,
    }
}

fn pack(aesni: bool, vaes256: bool, vaes512: bool, avx: bool) -> u8 {
    u8::from(aesni)
        | u8::from(aesni && vaes256) << 1
        | u8::from(aesni && vaes256 && vaes512) << 2
        | u8::from(avx) << 3
}

#[cfg(miri)]
fn detect() -> u8 {
    pack(
        cfg!(all(target_feature = "aes", target_feature = "ssse3")),
        cfg!(all(target_feature = "vaes", target_feature = "avx2")),
        cfg!(all(
            target_feature = "vaes",
            target_feature = "avx512f",
            target_feature = "avx512bw",
            target_feature = "avx512vl"
        )),
        cfg!(target_feature = "avx"),
    )
}

#[cfg(not(miri))]
fn detect() -> u8 {
    #[cfg(target_arch = "x86")]
    use core::arch::x86::{__cpuid_count, _xgetbv};
    #[cfg(target_arch = "x86_64")]
    use core::arch::x86_64::{__cpuid_count, _xgetbv};

    let bit = |word: u32, n: u32| word >> n & 1 == 1;
    // SAFETY: `cpuid` exists on every x86-64 CPU and on every x86 CPU Rust targets
    // (i586 and later); leaf 0 gives the highest leaf, checked before leaf 7 is read.
    #[allow(unused_unsafe)]
    let (max_leaf, l1, l7) = unsafe {
        let max = __cpuid_count(0, 0).eax;
        let l1 = __cpuid_count(1, 0);
        let l7 = if max >= 7 {
            Some(__cpuid_count(7, 0))
        } else {
            None
        };
        (max, l1, l7)
    };
    let _ = max_leaf;
    let (ecx1, edx1) = (l1.ecx, l1.edx);
    let sse2 = bit(edx1, 26);
    let ssse3 = bit(ecx1, 9);
    let aes = bit(ecx1, 25);
    let osxsave = bit(ecx1, 27);
    let avx = bit(ecx1, 28);
    let xcr0 = if osxsave {
        // SAFETY: `xgetbv` is available when CPUID.1:ECX.OSXSAVE is set, checked just above.
        unsafe { xgetbv0() }
    } else {
        0
    };
    let ymm_saved = xcr0 & 0b110 == 0b110;
    let zmm_saved = xcr0 & 0b1110_0110 == 0b1110_0110;
    let (ebx7, ecx7) = l7.map_or((0, 0), |r| (r.ebx, r.ecx));
    let avx2 = bit(ebx7, 5);
    let avx512f = bit(ebx7, 16);
    let avx512bw = bit(ebx7, 30);
    let avx512vl = bit(ebx7, 31);
    let vaes = bit(ecx7, 9);

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
        sse2 && ssse3 && aes,
        avx && avx2 && vaes && ymm_saved,
        avx512f && avx512bw && avx512vl && vaes && ymm_saved && zmm_saved,
        avx && ymm_saved,
    )
}
