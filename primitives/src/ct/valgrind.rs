//! Valgrind memcheck client requests for the constant-time gate (the ctgrind technique).
//!
//! Compiled only with `--cfg mamori_ctgrind` (the build the gate in `kat/ct` makes). Marking
//! secret bytes *undefined* makes memcheck report every conditional jump and every memory
//! address computed from them; *declassifying* marks a value defined again once it is public
//! by design. Outside valgrind the request sequence is a no-op (four rotations of `rdi` by a
//! total of 128 bits and `xchg rbx, rbx`), so the instrumented binary also runs natively.
//! [`secret_byte_count`] lets a gate check that taint really reached an output.
#![allow(unsafe_code)] // inline asm of valgrind's documented client-request sequence

/// `VG_USERREQ_TOOL_BASE('M','C')`.
const MC_BASE: u64 = ((b'M' as u64) << 24) | ((b'C' as u64) << 16);
const MAKE_MEM_UNDEFINED: u64 = MC_BASE + 1;
const MAKE_MEM_DEFINED: u64 = MC_BASE + 2;
const GET_VBITS: u64 = MC_BASE + 8;
const RUNNING_ON_VALGRIND: u64 = 0x1001;

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
#[inline(always)]
fn client_request(default: u64, request: u64, a1: u64, a2: u64, a3: u64) -> u64 {
    let args: [u64; 6] = [request, a1, a2, a3, 0, 0];
    let result;
    // SAFETY: this is valgrind's documented "special instruction preamble" for amd64
    // (valgrind.h, __SPECIAL_INSTRUCTION_PREAMBLE + `xchgq %rbx,%rbx`). On hardware the
    // rotations of rdi sum to 128 bits (identity) and `xchg rbx, rbx` changes nothing; rdx
    // keeps `default`. Under valgrind the core reads the six-word argument block at `rax`
    // (which lives on our stack for the duration of the asm) and writes the result to rdx;
    // for GET_VBITS it also writes `a3` bytes at address `a2`, which the only caller
    // (`secret_byte_count`) points at a live local buffer of at least that size.
    // The asm may read and write memory (neither `nomem` nor `readonly`); flags are clobbered
    // by `rol` (no `preserves_flags`); rdi is rotated back to its original value.
    unsafe {
        core::arch::asm!(
            "rol rdi, 3",
            "rol rdi, 13",
            "rol rdi, 61",
            "rol rdi, 51",
            "xchg rbx, rbx",
            inout("rdx") default => result,
            in("rax") args.as_ptr(),
            options(nostack),
        );
    }
    result
}

#[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
#[inline(always)]
fn client_request(default: u64, _request: u64, _a1: u64, _a2: u64, _a3: u64) -> u64 {
    default
}

/// True when the program runs under valgrind.
#[must_use]
pub fn running_on_valgrind() -> bool {
    client_request(0, RUNNING_ON_VALGRIND, 0, 0, 0) != 0
}

/// Marks `bytes` secret: memcheck treats them as undefined from now on.
#[inline(always)]
pub fn classify(bytes: &[u8]) {
    client_request(
        0,
        MAKE_MEM_UNDEFINED,
        bytes.as_ptr() as u64,
        bytes.len() as u64,
        0,
    );
}

/// Marks `bytes` public again (defined), after an operation whose result is public by design.
#[inline(always)]
pub fn declassify(bytes: &[u8]) {
    client_request(
        0,
        MAKE_MEM_DEFINED,
        bytes.as_ptr() as u64,
        bytes.len() as u64,
        0,
    );
}

/// Counts the bytes of `bytes` that memcheck currently treats as secret (at least one
/// undefined bit), without reporting an error: lets a gate binary check that secret data
/// really reached an output before it declassifies it (otherwise the gate proves nothing).
/// `None` when not running under valgrind.
#[must_use]
pub fn secret_byte_count(bytes: &[u8]) -> Option<usize> {
    let mut count = 0;
    for chunk in bytes.chunks(64) {
        let mut vbits = [0u8; 64];
        // memcheck.h VALGRIND_GET_VBITS: copies the definedness bits of `chunk` into
        // `vbits` (a set bit = undefined) and returns 1 on success, 0 when not on valgrind.
        let r = client_request(
            0,
            GET_VBITS,
            chunk.as_ptr() as u64,
            vbits.as_mut_ptr() as u64,
            chunk.len() as u64,
        );
        if r != 1 {
            return None;
        }
        count += vbits[..chunk.len()].iter().filter(|&&v| v != 0).count();
    }
    Some(count)
}
