//! The backend choice: made once per process from the CPU's features, then used by every
//! call. Each SIMD backend adds a variant carrying a token that only its detection can
//! create, so calling its entry points is safe wherever a token exists.

use mamori_primitives::Backend;

/// The backend this process runs.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Choice {
    /// [`super::lanes::portable::Portable`], always available.
    Portable,
}

/// Detects once (cached), then returns the fastest backend this CPU supports.
#[inline]
pub(crate) fn choice() -> Choice {
    Choice::Portable
}

impl Choice {
    /// The backend's name in reports.
    pub(crate) fn backend(self) -> Backend {
        match self {
            Choice::Portable => Backend::Portable,
        }
    }
}

/// Runs `kpke::$f::<Lanes, K>(args)` on the chosen backend.
macro_rules! dispatch {
    ($f:ident::<$k:ident>($($arg:expr),*)) => {
        match $crate::ml_kem::dispatch::choice() {
            $crate::ml_kem::dispatch::Choice::Portable => {
                $crate::ml_kem::kpke::$f::<$crate::ml_kem::lanes::portable::Portable, $k>($($arg),*)
            }
        }
    };
}
pub(crate) use dispatch;
