//! Time stamps for the engine: the x86-64 time-stamp counter, calibrated against
//! [`std::time::Instant`], or plain nanoseconds on other architectures.
//!
//! "Cycles" in Mamori's reports are TSC ticks: on every x86-64 CPU of the last fifteen years
//! the TSC runs at a constant reference rate, independent of frequency scaling, so cycle
//! counts are comparable within one run and across implementations, which is what the ratio
//! column needs. They equal core cycles only when the core runs at the TSC rate.

use std::time::{Duration, Instant};

/// Length of one calibration window; the rate is the median of three windows.
const CALIBRATION_WINDOW: Duration = Duration::from_millis(25);

/// The engine's time source.
#[derive(Clone, Copy, Debug)]
pub enum Clock {
    /// The x86-64 time-stamp counter; ticks are cycles at `hz`.
    Tsc {
        /// Measured TSC rate, ticks per second.
        hz: f64,
    },
    /// [`Instant`]; ticks are nanoseconds since `epoch`.
    Nanos {
        /// Origin of the tick count.
        epoch: Instant,
    },
}

impl Clock {
    /// The best clock for this CPU: the TSC on x86-64 (calibrated now, ~75 ms), nanoseconds
    /// elsewhere.
    #[must_use]
    pub fn detect() -> Self {
        match tsc::now() {
            Some(_) => Clock::Tsc {
                hz: calibrate_tsc(),
            },
            None => Self::nanos(),
        }
    }

    /// Nanosecond timing, whatever the CPU.
    #[must_use]
    pub fn nanos() -> Self {
        Clock::Nanos {
            epoch: Instant::now(),
        }
    }

    /// The current tick count.
    #[inline(always)]
    #[must_use]
    pub fn now(&self) -> u64 {
        match self {
            Clock::Tsc { .. } => tsc::now().unwrap_or(0),
            Clock::Nanos { epoch } => u64::try_from(epoch.elapsed().as_nanos()).unwrap_or(u64::MAX),
        }
    }

    /// The TSC rate in Hz, if ticks are cycles.
    #[must_use]
    pub fn tsc_hz(&self) -> Option<f64> {
        match self {
            Clock::Tsc { hz } => Some(*hz),
            Clock::Nanos { .. } => None,
        }
    }

    /// Nanoseconds per tick.
    #[must_use]
    pub fn ns_per_tick(&self) -> f64 {
        match self {
            Clock::Tsc { hz } => 1e9 / hz,
            Clock::Nanos { .. } => 1.0,
        }
    }

    /// Human-readable description, e.g. `"TSC 2.45 GHz"` or `"ns timing (no TSC)"`.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Clock::Tsc { hz } => format!("TSC {:.2} GHz", hz / 1e9),
            Clock::Nanos { .. } => "ns timing (no TSC)".to_owned(),
        }
    }
}

/// Measures the TSC rate against [`Instant`]: median of three windows.
fn calibrate_tsc() -> f64 {
    let mut rates = [0f64; 3];
    for rate in &mut rates {
        let start = Instant::now();
        let t0 = tsc::now().unwrap_or(0);
        let mut elapsed = start.elapsed();
        while elapsed < CALIBRATION_WINDOW {
            core::hint::spin_loop();
            elapsed = start.elapsed();
        }
        let t1 = tsc::now().unwrap_or(0);
        *rate = t1.wrapping_sub(t0) as f64 / elapsed.as_secs_f64();
    }
    rates.sort_by(f64::total_cmp);
    rates[1]
}

/// The only `unsafe` in the benchmark engine: reading the time-stamp counter.
#[allow(unsafe_code)]
mod tsc {
    /// The time-stamp counter, on x86-64.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    pub(super) fn now() -> Option<u64> {
        // SAFETY: RDTSC is part of the x86-64 baseline and has no preconditions: it reads a
        // counter, touches no memory, and cannot fault (CR4.TSD is clear in user mode on
        // every OS Rust supports).
        #[allow(unused_unsafe)]
        Some(unsafe { core::arch::x86_64::_rdtsc() })
    }

    /// No portable cycle counter elsewhere.
    #[cfg(not(target_arch = "x86_64"))]
    #[inline(always)]
    pub(super) fn now() -> Option<u64> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_is_monotonic_and_described() {
        for clock in [Clock::detect(), Clock::nanos()] {
            let a = clock.now();
            let b = clock.now();
            assert!(b >= a);
            assert!(clock.ns_per_tick() > 0.0);
            let d = clock.describe();
            assert!(d.starts_with("TSC") || d.starts_with("ns"), "{d}");
        }
    }
}
