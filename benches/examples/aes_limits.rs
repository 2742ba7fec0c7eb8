//! What bounds single-stream Rocca-S on this CPU, measured in one process next to Mamori's
//! Rocca-S (x86-64 with AES-NI and AVX only):
//!
//! 1. **AES-unit limit**: 8 AES rounds per 32 bytes (Rocca-S's count: 6 state update, 2
//!    keystream), nothing else: the AES units' throughput. The issue's target is 90 % of it
//!    (`limit / 0.9`).
//! 2. **Same work, no dependencies**: per 32 bytes the 8 AES rounds, 6 XORs, 2 loads and 2
//!    stores of a Rocca-S block, with no dependency between blocks: what the op mix alone
//!    allows.
//! 3. **State-update chain**: Rocca-S's round function alone (6 AES, 2 XOR, the data
//!    dependencies of draft §4), in registers, no memory and no keystream: the rate the
//!    loop-carried chain allows.
//! 4. **Mamori Rocca-S seal** through the library.
//!
//! Each loop runs over 16 KiB; the minimum over interleaved repetitions is reported in TSC
//! cycles per byte (the machine is shared: the minimum is the least disturbed run).
//!
//! ```sh
//! cargo run --release -p mamori-bench --example aes_limits
//! ```
#![allow(unsafe_code)]

#[cfg(target_arch = "x86_64")]
fn main() {
    if !(std::is_x86_feature_detected!("aes") && std::is_x86_feature_detected!("avx")) {
        println!("aes_limits: skipped (needs AES-NI and AVX)");
        return;
    }
    x86::run();
}

#[cfg(not(target_arch = "x86_64"))]
fn main() {
    println!("aes_limits: skipped (x86-64 only)");
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use core::arch::asm;
    use core::arch::x86_64::_rdtsc;
    use mamori_aead::RoccaS;

    const LEN: usize = 16 * 1024;
    const BLOCKS: usize = LEN / 32;
    const REPS: usize = 2000;

    fn tsc() -> u64 {
        // SAFETY: `rdtsc` is baseline on x86-64 and has no memory effects.
        unsafe { _rdtsc() }
    }

    /// 8 independent AES rounds per 32 bytes: 8 chains of one round each per block.
    #[target_feature(enable = "aes,avx")]
    fn limit() {
        // SAFETY: registers only; clobbers only the declared registers and flags.
        unsafe {
            asm!(
                "2:",
                "vaesenc xmm0, xmm0, xmm8",
                "vaesenc xmm1, xmm1, xmm8",
                "vaesenc xmm2, xmm2, xmm8",
                "vaesenc xmm3, xmm3, xmm8",
                "vaesenc xmm4, xmm4, xmm8",
                "vaesenc xmm5, xmm5, xmm8",
                "vaesenc xmm6, xmm6, xmm8",
                "vaesenc xmm7, xmm7, xmm8",
                "sub {n}, 1",
                "jnz 2b",
                n = inout(reg) BLOCKS => _,
                out("xmm0") _, out("xmm1") _, out("xmm2") _, out("xmm3") _,
                out("xmm4") _, out("xmm5") _, out("xmm6") _, out("xmm7") _,
                options(nomem, nostack),
            );
        }
    }

    /// 8 independent AES rounds per 32-byte block, with a Rocca-S block's XORs, loads and
    /// stores.
    #[target_feature(enable = "aes,avx")]
    fn floor(buf: &mut [u8; LEN]) {
        // SAFETY: reads and writes `BLOCKS` 32-byte blocks of `buf` (exactly its length),
        // clobbers only the declared registers and flags.
        unsafe {
            asm!(
                "2:",
                "vmovdqu xmm8, [{p}]",
                "vmovdqu xmm9, [{p} + 16]",
                "vaesenc xmm0, xmm8, xmm10",
                "vaesenc xmm1, xmm8, xmm11",
                "vaesenc xmm2, xmm8, xmm12",
                "vaesenc xmm3, xmm8, xmm13",
                "vaesenc xmm4, xmm9, xmm10",
                "vaesenc xmm5, xmm9, xmm11",
                "vaesenc xmm6, xmm9, xmm12",
                "vaesenc xmm7, xmm9, xmm13",
                "vpxor xmm0, xmm0, xmm1",
                "vpxor xmm2, xmm2, xmm3",
                "vpxor xmm0, xmm0, xmm2",
                "vpxor xmm4, xmm4, xmm5",
                "vpxor xmm6, xmm6, xmm7",
                "vpxor xmm4, xmm4, xmm6",
                "vmovdqu [{p}], xmm0",
                "vmovdqu [{p} + 16], xmm4",
                "add {p}, 32",
                "sub {n}, 1",
                "jnz 2b",
                p = inout(reg) buf.as_mut_ptr() => _,
                n = inout(reg) BLOCKS => _,
                out("xmm0") _, out("xmm1") _, out("xmm2") _, out("xmm3") _,
                out("xmm4") _, out("xmm5") _, out("xmm6") _, out("xmm7") _,
                out("xmm8") _, out("xmm9") _,
                options(nostack),
            );
        }
    }

    /// The Rocca-S round function `BLOCKS` times, state in xmm0..xmm6 (draft §4):
    /// `S'0 = S6 ⊕ S1, S'1 = A(S0) ⊕ X0, S'2 = A(S1) ⊕ S0, S'3 = A(S2) ⊕ S6,
    /// S'4 = A(S3) ⊕ X1, S'5 = A(S4) ⊕ S3, S'6 = A(S5) ⊕ S4` (X0, X1 constant).
    #[target_feature(enable = "aes,avx")]
    fn chain() {
        // SAFETY: registers only; clobbers only the declared registers and flags.
        unsafe {
            asm!(
                "vpxor xmm15, xmm15, xmm15",
                "2:",
                "vaesenc xmm8, xmm0, xmm13",
                "vaesenc xmm9, xmm1, xmm0",
                "vaesenc xmm10, xmm2, xmm15",
                "vaesenc xmm11, xmm3, xmm14",
                "vaesenc xmm12, xmm4, xmm3",
                "vaesenc xmm7, xmm5, xmm4",
                "vpxor xmm0, xmm1, xmm6",
                "vpxor xmm3, xmm10, xmm6",
                "vmovdqa xmm1, xmm8",
                "vmovdqa xmm2, xmm9",
                "vmovdqa xmm4, xmm11",
                "vmovdqa xmm5, xmm12",
                "vmovdqa xmm6, xmm7",
                "sub {n}, 1",
                "jnz 2b",
                n = inout(reg) BLOCKS => _,
                out("xmm0") _, out("xmm1") _, out("xmm2") _, out("xmm3") _,
                out("xmm4") _, out("xmm5") _, out("xmm6") _, out("xmm7") _,
                out("xmm8") _, out("xmm9") _, out("xmm10") _, out("xmm11") _,
                out("xmm12") _, out("xmm15") _,
                options(nomem, nostack),
            );
        }
    }

    pub fn run() {
        let mut buf = Box::new([0x5au8; LEN]);
        let key = RoccaS::new(&[7; 32]);
        let mut tag = [0u8; 32];
        let mut best = [u64::MAX; 4];
        for _ in 0..REPS {
            let tl = tsc();
            // SAFETY: AES-NI and AVX were detected in `main`.
            unsafe { limit() };
            let t0 = tsc();
            // SAFETY: as above.
            unsafe { floor(&mut buf) };
            let t1 = tsc();
            // SAFETY: as above.
            unsafe { chain() };
            let t2 = tsc();
            key.seal(&[9; 16], b"", &mut buf[..], &mut tag)
                .expect("valid lengths");
            let t3 = tsc();
            for (b, d) in best.iter_mut().zip([t0 - tl, t1 - t0, t2 - t1, t3 - t2]) {
                *b = (*b).min(d);
            }
        }
        let cb = |t: u64| t as f64 / LEN as f64;
        let [limit, floor, chain, mamori] = best.map(cb);
        println!("TSC cycles/byte, 16 KiB, minimum over {REPS} interleaved runs");
        println!("AES-unit limit (8 independent AES per 32 B)            {limit:.4}");
        println!(
            "  90 % of it (limit / 0.9)                             {:.4}",
            limit / 0.9
        );
        println!("same work, no dependencies (+ 6 XOR, 2 loads, 2 stores) {floor:.4}");
        println!("Rocca-S state-update chain alone (registers only)      {chain:.4}");
        println!(
            "Mamori Rocca-S seal ({:?})                          {mamori:.4}",
            key.backend()
        );
        println!(
            "  fraction of the AES-unit limit (limit / seal)        {:.2}",
            limit / mamori
        );
    }
}
