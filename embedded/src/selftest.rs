//! Harness self-tests, one binary per expected exit status (selected by the binary name):
//! * `selftest`: the instruction count of a loop of known length is exact (`2n` for `n`
//!   iterations), counts repeat, and stack painting sees a 1 KiB local buffer; exit 0.
//! * `selftest_exit7`: `exit(7)` must make QEMU exit with 7.
//! * `selftest_panic`: a panic must exit with 101.
//! * `selftest_hardfault`: an undefined instruction must exit with 102.

use core::hint::black_box;

use crate::{Timer, exit, hprintln, spin, stack_usage, undefined_instruction};

#[inline(never)]
fn uses_1k_stack(seed: u8) -> u8 {
    let mut buf = [0u8; 1024];
    for (i, b) in buf.iter_mut().enumerate() {
        *b = seed.wrapping_add(i as u8);
    }
    black_box(&mut buf);
    buf.iter().fold(0, |a, &b| a ^ b)
}

fn timer_and_stack() -> u32 {
    let Some(p) = cortex_m::Peripherals::take() else {
        exit(1)
    };
    let mut t = Timer::new(p.SYST);
    let mut failures = 0;
    let mut counts = [0u64; 3];
    for (i, n) in [1000u32, 2000, 1_000_000].into_iter().enumerate() {
        counts[i] = t.count(&mut || spin(black_box(n)));
        let again = t.count(&mut || spin(black_box(n)));
        hprintln!(
            "spin({}) = {} instructions (again: {})",
            n,
            counts[i],
            again
        );
        failures += u32::from(again != counts[i]);
    }
    // 1000 more iterations = exactly 2000 more instructions.
    let d = counts[1] - counts[0];
    hprintln!("spin(2000) - spin(1000) = {} (expected 2000)", d);
    failures += u32::from(d != 2000);
    // 10^6 iterations cross three SysTick wraps (one every 655 360 instructions); each
    // costs the few instructions of the SysTick handler.
    let wraps = counts[2] - counts[0] - 2 * 999_000;
    hprintln!(
        "spin(1000000) - spin(1000) - 1998000 = {} (SysTick wrap handlers)",
        wraps
    );
    failures += u32::from(wraps > 3 * 40);

    t.stop();
    let s = stack_usage(|| {
        black_box(uses_1k_stack(black_box(7)));
    });
    hprintln!("stack of a function with a 1 KiB local: {:?} bytes", s);
    failures += u32::from(!matches!(s, Some(1024..=1152)));
    failures
}

/// Runs the self-test named by the binary name (see the module docs).
pub fn run(bin_name: &str) -> ! {
    match bin_name {
        "selftest_exit7" => exit(7),
        "selftest_panic" => panic!("deliberate panic (selftest)"),
        "selftest_hardfault" => undefined_instruction(),
        _ => {
            let failures = timer_and_stack();
            hprintln!("selftest: {} failures", failures);
            exit(u32::from(failures != 0))
        }
    }
}
