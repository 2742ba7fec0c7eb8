//! Everything `unsafe` in the harness: the semihosting exit call, the HardFault handler
//! and stack painting (inline assembly). Each block says why it is sound.
#![allow(unsafe_code)]

use core::arch::asm;

use cortex_m_rt::{ExceptionFrame, exception};
use cortex_m_semihosting::hprintln;

/// Semihosting `SYS_EXIT_EXTENDED`.
const SYS_EXIT_EXTENDED: usize = 0x20;
/// `ADP_Stopped_ApplicationExit`: with `SYS_EXIT_EXTENDED`, QEMU exits with the given code.
const ADP_STOPPED_APPLICATION_EXIT: usize = 0x2_0026;

/// Ends the QEMU run with exit status `code` (semihosting `SYS_EXIT_EXTENDED`).
pub fn exit(code: u32) -> ! {
    let block: [usize; 2] = [ADP_STOPPED_APPLICATION_EXIT, code as usize];
    // SAFETY: SYS_EXIT_EXTENDED reads the two-word parameter block `block`, which is a live,
    // properly aligned local for the whole call; the call touches no other memory. Under a
    // debugger without semihosting it would trap (BKPT), which is the documented behaviour.
    unsafe {
        cortex_m_semihosting::syscall(SYS_EXIT_EXTENDED, &block);
    }
    // Only reached if the host ignored the exit request.
    loop {
        cortex_m::asm::nop();
    }
}

/// A HardFault prints the faulting PC and exits with status 102.
#[exception]
// SAFETY: the signature cortex-m-rt requires for the HardFault handler; it only reads the
// stacked exception frame that cortex-m-rt's trampoline passes in.
unsafe fn HardFault(ef: &ExceptionFrame) -> ! {
    hprintln!("HARDFAULT at pc={:#010x} lr={:#010x}", ef.pc(), ef.lr());
    exit(102)
}

/// Value painted on the unused stack.
const PAINT: u32 = 0xDEAD_BEEF;

/// Bytes below the current stack pointer that [`stack_usage`] paints and scans. Larger than
/// any operation measured here (ML-DSA-65 signing, the deepest, uses about 60 KB; the
/// result says so if the window is reached). RAM is 4 MiB.
pub const PAINT_WINDOW: usize = 128 * 1024;

unsafe extern "C" {
    /// Start of the heap = end of `.bss` (cortex-m-rt's linker script); the stack grows
    /// down towards it from the end of RAM.
    static __sheap: u32;
}

/// Peak stack, in bytes below the caller's stack pointer, that `f` uses.
///
/// Paints `PAINT_WINDOW` bytes below SP (never below `__sheap`) with `0xDEADBEEF` in one
/// assembly loop that itself uses no stack, calls `f`, then scans upwards for the first
/// overwritten word in another assembly loop. Run it with the SysTick interrupt disabled:
/// an exception frame pushed while `f` runs would land in the painted area.
/// Returns `None` if `f` wrote to the lowest painted word (window too small).
#[inline(never)]
pub fn stack_usage(f: impl FnOnce()) -> Option<usize> {
    let heap_end = &raw const __sheap as usize;
    let sp: usize;
    let bottom: usize;
    // SAFETY: writes only to [bottom, sp) where sp is the stack pointer read by the first
    // instruction and bottom = max(sp - PAINT_WINDOW, __sheap) rounded up to a word: memory
    // that lies below every live stack frame and above all statics, so nothing live is
    // overwritten. The loop uses only the named registers (no stack). `sp` is an `out`
    // (not `lateout`) operand, so it never shares a register with the inputs.
    unsafe {
        asm!(
            "mov {sp}, sp",
            "subs {lo}, {sp}, {win}",
            "cmp {lo}, {heap}",
            "it lo",
            "movlo {lo}, {heap}",
            "adds {lo}, #3",
            "bic {lo}, {lo}, #3",
            "mov {p}, {lo}",
            "2:",
            "cmp {p}, {sp}",
            "bhs 3f",
            "str {pat}, [{p}], #4",
            "b 2b",
            "3:",
            sp = out(reg) sp,
            lo = out(reg) bottom,
            p = out(reg) _,
            win = in(reg) PAINT_WINDOW,
            heap = in(reg) heap_end,
            pat = in(reg) PAINT,
            options(nostack),
        );
    }
    f();
    let first_used: usize;
    // SAFETY: only reads words in [bottom, sp), the region painted above: plain RAM inside
    // the mps2-an386 SRAM, word aligned. No stack is used.
    unsafe {
        asm!(
            "mov {p}, {lo}",
            "2:",
            "cmp {p}, {sp}",
            "bhs 3f",
            "ldr {w}, [{p}]",
            "cmp {w}, {pat}",
            "bne 3f",
            "adds {p}, #4",
            "b 2b",
            "3:",
            p = out(reg) first_used,
            w = out(reg) _,
            lo = in(reg) bottom,
            sp = in(reg) sp,
            pat = in(reg) PAINT,
            options(nostack, readonly),
        );
    }
    if first_used == bottom {
        None
    } else {
        Some(sp - first_used)
    }
}

/// Executes exactly `2 * n` instructions (`n >= 1`): a `subs`/`bne` loop. The harness
/// self-test uses it to check the instruction arithmetic against a known count.
#[inline(never)]
pub fn spin(n: u32) {
    // SAFETY: register-only arithmetic and a local branch: no memory, no stack, no flags
    // visible to Rust afterwards (declared clobbered by default).
    unsafe {
        asm!(
            "2:",
            "subs {n}, #1",
            "bne 2b",
            n = inout(reg) n.max(1) => _,
            options(nomem, nostack),
        );
    }
}

/// Executes the permanently undefined instruction: a UsageFault that escalates to
/// HardFault (UsageFault is not enabled). The harness self-test checks the exit status.
pub fn undefined_instruction() -> ! {
    // SAFETY: `udf` traps into the HardFault handler above, which never returns.
    unsafe { asm!("udf #0", options(noreturn, nomem, nostack)) }
}

/// `dbg #1`: start of a measured region for the `plugin/insncount.c` TCG plugin. A hint
/// (NOP) on a real Cortex-M4 and in QEMU.
#[inline(always)]
pub fn mark_start() {
    // SAFETY: DBG is an architectural hint with no effect on registers, flags or memory.
    // Not `nomem`, so it is also a compiler barrier: the region's memory accesses stay inside.
    unsafe { asm!("dbg #1", options(nostack, preserves_flags)) }
}

/// `dbg #2`: end of a measured region (see [`mark_start`]).
#[inline(always)]
pub fn mark_stop() {
    // SAFETY: as for `mark_start`.
    unsafe { asm!("dbg #2", options(nostack, preserves_flags)) }
}
