//! The backend choice: made once per process from the CPU's features, then used by every
//! call. Each SIMD backend adds a variant carrying a token that only its detection can
//! create, so calling its entry points is safe wherever a token exists.

use mamori_primitives::Backend;

/// The backend this process runs.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Choice {
    /// [`super::lanes::portable::Portable`], always available.
    Portable,
    /// The AVX-512 backend ([`super::lanes::avx512`]), where it runs and is preferred
    /// ([`PREFER_AVX512`]).
    #[cfg(target_arch = "x86_64")]
    Avx512(super::lanes::avx512::Token),
    /// The AVX2 backend ([`super::lanes::avx2`]).
    #[cfg(target_arch = "x86_64")]
    Avx2(super::lanes::avx2::Token),
}

/// Whether the dispatcher takes the AVX-512 backend where it runs (else AVX2). Off unless
/// the `prefer-avx512` feature asks: on the AMD Zen 4 Mamori is measured on (512-bit
/// operations issued as two 256-bit halves) the AVX-512 backend is slower than the AVX2 one
/// (`kem_peers` / `sign_peers`, same run, 2026-12-04). On under Miri, where `.ci/miri.sh`
/// verifies the AVX-512 path through the public API. Both backends are tested either way.
#[cfg(target_arch = "x86_64")]
pub(crate) const PREFER_AVX512: bool = cfg!(any(feature = "prefer-avx512", miri));

/// Detects once (cached), then returns the fastest backend this CPU supports.
#[inline]
pub(crate) fn choice() -> Choice {
    #[cfg(target_arch = "x86_64")]
    if PREFER_AVX512 && let Some(t) = super::lanes::avx512::Token::get() {
        return Choice::Avx512(t);
    }
    #[cfg(target_arch = "x86_64")]
    if let Some(t) = super::lanes::avx2::Token::get() {
        return Choice::Avx2(t);
    }
    Choice::Portable
}

impl Choice {
    /// The backend's name in reports.
    pub(crate) fn backend(self) -> Backend {
        match self {
            Choice::Portable => Backend::Portable,
            #[cfg(target_arch = "x86_64")]
            Choice::Avx512(_) => Backend::Avx512,
            #[cfg(target_arch = "x86_64")]
            Choice::Avx2(_) => Backend::Avx2,
        }
    }
}

/// Runs `kpke::$f::<Lanes, K>(args)` on the backend `$choice` (a [`Choice`]: usually
/// [`choice()`], or `Choice::Portable` for [`super::Portable`]).
macro_rules! dispatch {
    ($choice:expr, $f:ident::<$k:ident>($($arg:expr),*)) => {
        match $choice {
            $crate::ml_kem::dispatch::Choice::Portable => {
                $crate::ml_kem::kpke::$f::<$crate::ml_kem::lanes::portable::Portable, $k>($($arg),*)
            }
            #[cfg(target_arch = "x86_64")]
            $crate::ml_kem::dispatch::Choice::Avx512(t) => {
                $crate::ml_kem::lanes::avx512::$f::<$k>(t, $($arg),*)
            }
            #[cfg(target_arch = "x86_64")]
            $crate::ml_kem::dispatch::Choice::Avx2(t) => {
                $crate::ml_kem::lanes::avx2::$f::<$k>(t, $($arg),*)
            }
        }
    };
}
pub(crate) use dispatch;
