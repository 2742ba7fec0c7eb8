//! Harness for measuring Mamori on an emulated Cortex-M4F (QEMU `mps2-an386`), following
//! `shared/CORTEX-M.md`:
//!
//! * [`exit`]: semihosting exit with a status; a panic exits 101, a HardFault 102.
//! * [`Timer`]: SysTick at 25 MHz with a 64-bit overflow count. Under QEMU `-icount shift=10`
//!   every instruction advances it by exactly 25.6 ticks, so [`Timer::instructions`] turns
//!   a region's ticks into an exact instruction count (minus the calibrated cost of the
//!   timing itself). **Instructions, not cycles.**
//! * [`stack_usage`]: peak stack by painting.
//! * [`Bench`]: runs one operation at the message sizes [`SIZES`] and prints a table row.
//! * [`kat`]: readers for the binary KAT blobs that `build.rs` makes.
//! * [`ml_kem`]: ML-KEM operations on bytes, shared by the `ml_kem` firmware and the
//!   `size_ml_kem_*` binaries.
//! * [`ml_dsa`]: ML-DSA-65 operations on bytes (and the list of signing implementations),
//!   shared by the `ml_dsa` firmware and the `size_ml_dsa_65*` binaries.
#![no_std]

use core::hint::black_box;
use core::panic::PanicInfo;
use core::sync::atomic::{AtomicU32, Ordering};

use cortex_m::peripheral::SYST;
use cortex_m::peripheral::syst::SystClkSource;
use cortex_m_rt::exception;
pub use cortex_m_semihosting::hprintln;

mod hw;
pub mod kat;
pub mod ml_dsa;
pub mod ml_kem;
pub mod selftest;
pub mod size;

pub use hw::{PAINT_WINDOW, exit, spin, stack_usage, undefined_instruction};

/// Prints the panic and exits with status 101.
#[panic_handler]
fn panic(info: &PanicInfo<'_>) -> ! {
    hprintln!("PANIC: {}", info);
    exit(101)
}

/// SysTick wraps (every 2^24 ticks = 655 360 instructions at `-icount shift=10`).
static OVERFLOWS: AtomicU32 = AtomicU32::new(0);

#[exception]
fn SysTick() {
    OVERFLOWS.store(OVERFLOWS.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
}

/// SysTick ticks per instruction at `-icount shift=10`: 2^10 ns × 25 MHz = 25.6, as 256/10.
const TICKS_PER_INSN_X10: u64 = 256;

/// SysTick as a 64-bit timer (the scheme of pqm4's `hal-mps2.c`).
pub struct Timer {
    syst: SYST,
    /// Ticks of an empty timed region (the cost of the timing calls themselves).
    empty: u64,
}

impl Timer {
    /// Takes SysTick, starts it and calibrates the empty-region overhead.
    pub fn new(syst: SYST) -> Self {
        let mut t = Self { syst, empty: 0 };
        t.restart();
        t.empty = t.timed(&mut || ());
        t
    }

    /// Restarts from zero with the wrap interrupt on: call before each measured region so
    /// its count does not depend on where earlier code left the counter.
    #[inline(never)]
    pub fn restart(&mut self) {
        self.syst.disable_counter();
        self.syst.set_clock_source(SystClkSource::Core);
        self.syst.set_reload(0x00FF_FFFF);
        self.syst.clear_current();
        OVERFLOWS.store(0, Ordering::Relaxed);
        self.syst.enable_interrupt();
        self.syst.enable_counter();
    }

    /// Stops SysTick and its interrupt (needed while painting the stack).
    pub fn stop(&mut self) {
        self.syst.disable_interrupt();
        self.syst.disable_counter();
    }

    /// Ticks since [`restart`](Self::restart).
    #[inline(never)]
    pub fn ticks(&self) -> u64 {
        loop {
            let before = OVERFLOWS.load(Ordering::Relaxed);
            let val = SYST::get_current();
            if OVERFLOWS.load(Ordering::Relaxed) == before {
                return (u64::from(before) + 1) * (1 << 24) - u64::from(val);
            }
        }
    }

    /// Ticks taken by a call of `f`, read with [`ticks`](Self::ticks) around the
    /// `dbg #1` / `dbg #2` markers of the TCG plugin. One out-of-line copy for every `f`
    /// (a `dyn` call), so the timing code around the call is the same machine code for every
    /// region, including the empty one used for calibration.
    #[inline(never)]
    pub fn timed(&self, f: &mut dyn FnMut()) -> u64 {
        let t0 = self.ticks();
        hw::mark_start();
        f();
        hw::mark_stop();
        let t1 = self.ticks();
        t1 - t0
    }

    /// Ticks of the empty region: the timing code plus the call of an empty closure.
    pub fn overhead_ticks(&self) -> u64 {
        self.empty
    }

    /// Instructions executed in a region of `ticks`, less those of the empty region: exact
    /// under `-icount shift=10` (25.6 ticks per instruction). It equals the plugin's count
    /// for the region minus its count for the empty region.
    pub fn instructions(&self, ticks: u64) -> u64 {
        (ticks.saturating_sub(self.empty) * 10 + TICKS_PER_INSN_X10 / 2) / TICKS_PER_INSN_X10
    }

    /// Restarts the timer, times `f` and returns its instruction count.
    pub fn count(&mut self, f: &mut dyn FnMut()) -> u64 {
        self.restart();
        let t = self.timed(f);
        self.instructions(t)
    }
}

/// Message sizes measured (bytes); associated data is empty.
pub const SIZES: [usize; 5] = [0, 16, 64, 1024, 4096];

/// Results for one operation.
pub struct Row {
    /// Instructions per call at each of [`SIZES`].
    pub insns: [u64; SIZES.len()],
    /// Peak stack in bytes (at the largest size), `None` if beyond [`PAINT_WINDOW`].
    pub stack: Option<usize>,
}

impl Row {
    /// Marginal instructions per byte between 1 KiB and 4 KiB, ×10, rounded.
    pub fn per_byte_x10(&self) -> u64 {
        let d = self.insns[4] - self.insns[3];
        (d * 10 + 1536) / 3072
    }
}

/// Measures operations and prints a Markdown table.
pub struct Bench {
    timer: Timer,
    impl_name: &'static str,
}

impl Bench {
    /// A bench printing rows labelled with `impl_name`.
    pub fn new(timer: Timer, impl_name: &'static str) -> Self {
        hprintln!(
            "timer: empty region = {} ticks = {} instructions (subtracted from every count)",
            timer.overhead_ticks(),
            (timer.overhead_ticks() * 10 + TICKS_PER_INSN_X10 / 2) / TICKS_PER_INSN_X10
        );
        hprintln!();
        hprintln!(
            "| implementation | operation | 0 B | 16 B | 64 B | 1024 B | 4096 B | i/B (1K→4K) | stack B |"
        );
        hprintln!("|---|---|---|---|---|---|---|---|---|");
        Self { timer, impl_name }
    }

    /// The timer, for measurements outside the table.
    pub fn timer(&mut self) -> &mut Timer {
        &mut self.timer
    }

    /// Measures `op(state, len)` at every size in [`SIZES`] (after an untimed
    /// `setup(state, len)`), then its peak stack at the largest size; prints one table row.
    pub fn run<S>(
        &mut self,
        op_name: &str,
        state: &mut S,
        mut setup: impl FnMut(&mut S, usize),
        mut op: impl FnMut(&mut S, usize),
    ) -> Row {
        let mut insns = [0u64; SIZES.len()];
        for (i, &len) in SIZES.iter().enumerate() {
            setup(state, len);
            insns[i] = count_op(&mut self.timer, state, &mut op, len);
            // The same call again must cost exactly the same (no hidden state).
            setup(state, len);
            let again = count_op(&mut self.timer, state, &mut op, len);
            if again != insns[i] {
                hprintln!(
                    "NONDETERMINISTIC {} len={}: {} vs {}",
                    op_name,
                    len,
                    insns[i],
                    again
                );
                exit(3);
            }
        }
        let len = SIZES[SIZES.len() - 1];
        setup(state, len);
        self.timer.stop();
        let stack = stack_usage(|| op(state, black_box(len)));
        self.timer.restart();
        let row = Row { insns, stack };
        let pb = row.per_byte_x10();
        let [a, b, c, d, e] = row.insns;
        match stack {
            Some(s) => hprintln!(
                "| {} | {} | {} | {} | {} | {} | {} | {}.{} | {} |",
                self.impl_name,
                op_name,
                a,
                b,
                c,
                d,
                e,
                pb / 10,
                pb % 10,
                s
            ),
            None => hprintln!(
                "| {} | {} | {} | {} | {} | {} | {} | {}.{} | >{} |",
                self.impl_name,
                op_name,
                a,
                b,
                c,
                d,
                e,
                pb / 10,
                pb % 10,
                PAINT_WINDOW
            ),
        }
        row
    }
}

/// One timed call of `op`: a single out-of-line copy, so that every measurement of an
/// operation runs the very same machine code.
#[inline(never)]
fn count_op<S>(
    timer: &mut Timer,
    state: &mut S,
    op: &mut impl FnMut(&mut S, usize),
    len: usize,
) -> u64 {
    timer.count(&mut || op(state, black_box(len)))
}

/// Pass/fail tally for one KAT file; prints the first few failures.
pub struct Tally {
    name: &'static str,
    passed: u32,
    failed: u32,
}

impl Tally {
    /// A tally for the KAT file of `name`.
    pub fn new(name: &'static str) -> Self {
        Self {
            name,
            passed: 0,
            failed: 0,
        }
    }
    /// Counts one vector.
    pub fn record(&mut self, count: usize, what: &str, ok: bool) {
        if ok {
            self.passed += 1;
        } else {
            self.failed += 1;
            if self.failed <= 10 {
                hprintln!("FAIL {} Count = {}: {}", self.name, count, what);
            }
        }
    }
    /// Prints the tally; counts a missing vector as a failure.
    pub fn finish(mut self, expected: u32) -> (u32, u32) {
        if self.passed + self.failed != expected {
            hprintln!(
                "FAIL {}: ran {} vectors, expected {}",
                self.name,
                self.passed + self.failed,
                expected
            );
            self.failed += 1;
        }
        hprintln!(
            "KAT {}: {} passed, {} failed",
            self.name,
            self.passed,
            self.failed
        );
        (self.passed, self.failed)
    }
}

/// Deterministic filler for message buffers (not random; benchmarks only).
pub fn fill(buf: &mut [u8], seed: u8) {
    let mut x = u32::from(seed) | 0x9e37_0000;
    for b in buf {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
}

/// The body of a KAT-and-measure firmware: prints `title`, runs every KAT suite (each
/// returning `(passed, failed)`) and prints the total, then runs `bench` with the SysTick
/// timer, and exits 0 only if every KAT passed and the bench reported success.
pub fn kat_and_bench(
    title: &str,
    kats: &[fn() -> (u32, u32)],
    bench: impl FnOnce(Timer) -> bool,
) -> ! {
    let Some(p) = cortex_m::Peripherals::take() else {
        hprintln!("peripherals already taken");
        exit(1)
    };
    hprintln!("{}", title);
    let (mut passed, mut failed) = (0, 0);
    for kat in kats {
        let (p_, f_) = kat();
        passed += p_;
        failed += f_;
    }
    hprintln!("kat: {} passed, {} failed", passed, failed);
    hprintln!();
    let bench_ok = bench(Timer::new(p.SYST));
    exit(u32::from(failed != 0 || !bench_ok))
}
