//! The backend choice: made once per process from the CPU's features, then used by every
//! call. Each SIMD backend adds a variant carrying a token that only its detection can
//! create (as `mamori-kem`'s AVX-512 backend does), so calling its entry points is safe
//! wherever a token exists. Only the portable backend exists so far.

use mamori_primitives::Backend;

/// The backend this process runs.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Choice {
    /// [`super::lanes::portable::Portable`], always available.
    Portable,
}

/// The fastest backend this CPU supports.
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

/// Runs `dsa::$f::<Lanes, K, L>(args)` on the chosen backend.
macro_rules! dispatch {
    ($f:ident::<$k:ident, $l:ident>($($arg:expr),*)) => {
        match $crate::ml_dsa::dispatch::choice() {
            $crate::ml_dsa::dispatch::Choice::Portable => {
                $crate::ml_dsa::dsa::$f::<$crate::ml_dsa::lanes::portable::Portable, $k, $l>($($arg),*)
            }
        }
    };
}
pub(crate) use dispatch;
