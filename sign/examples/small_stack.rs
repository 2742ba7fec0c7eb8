//! Peak stack and median time of ML-DSA signing from `μ`: the normal path
//! (`SigningKey::sign_mu`, on the backend this CPU dispatches to) against the small-stack
//! path (`SigningKey::sign_mu_small_stack`, portable backend), for ML-DSA-44, -65 and -87.
//!
//! ```sh
//! cargo run --release -p mamori-sign --example small_stack
//! ```
//!
//! Peak stack by painting, as `embedded/src/hw.rs` measures on the Cortex-M4: in a thread
//! with a large stack, one assembly loop fills the 512 KiB below the stack pointer with a
//! pattern, the call runs, and another loop finds the lowest word no longer holding the
//! pattern; the figure is the distance from the caller's stack pointer to it, so it counts
//! every frame the call pushed (the call's own return address included). Neither the key
//! (`self`) nor, for the small-stack path, the caller's signature buffer is counted; the
//! normal path returns its `Signature` by value, so its figure includes that return slot
//! (`SIGNATURE_LEN` bytes) and whatever copies of it the call makes. Each figure is the
//! largest over 16 different `μ` (rejection loops of different lengths), and a 16 KiB local
//! array is measured first as a check of the method. Times are medians over 51 `μ`, the
//! two paths' calls interleaved.
//!
//! The normal path runs on AVX2 where the CPU has it (its four-way Keccak holds four
//! polynomials more). On the portable backend (a CPU without AVX2, or `dispatch::choice`
//! patched to return `Portable`) it measured 39 112 / 50 168 / 65 160 bytes for ML-DSA-44 /
//! 65 / 87, against 5 880 / 5 896 / 5 960 for the small-stack path, which took 3 to 9 times
//! as long (mostly 5 to 7 for ML-DSA-65 and -87; x86-64, release, a heavily loaded machine).
//!
//! x86-64 only (the painting is assembly); on the Cortex-M4 see `embedded/`.

#[cfg(target_arch = "x86_64")]
fn main() {
    use std::hint::black_box;
    use std::time::Instant;

    use mamori_primitives::Algorithm;
    use mamori_sign::{MlDsa44, ml_dsa_44, ml_dsa_65, ml_dsa_87};

    /// Different `μ` each call (and different rejection-loop lengths).
    fn mu(i: usize) -> [u8; 64] {
        core::array::from_fn(|k| (k * 31 + i * 7 + 1) as u8)
    }

    const MUS: usize = 16;
    const TIMED: usize = 51;

    /// Largest peak stack of `f(i)` over `i < MUS`.
    fn peak(mut f: impl FnMut(usize)) -> usize {
        (0..MUS)
            .map(|i| paint::stack_usage(|| f(i)).expect("window too small"))
            .max()
            .unwrap_or(0)
    }

    /// Median times of `a(i)` and of `b(i)` over `i < TIMED`, in microseconds, the calls
    /// interleaved (the machine's load changes under both alike).
    fn medians_us(mut a: impl FnMut(usize), mut b: impl FnMut(usize)) -> (f64, f64) {
        let mut ta = Vec::with_capacity(TIMED);
        let mut tb = Vec::with_capacity(TIMED);
        for i in 0..TIMED {
            let start = Instant::now();
            a(i);
            ta.push(start.elapsed().as_secs_f64() * 1e6);
            let start = Instant::now();
            b(i);
            tb.push(start.elapsed().as_secs_f64() * 1e6);
        }
        ta.sort_by(f64::total_cmp);
        tb.sort_by(f64::total_cmp);
        (ta[TIMED / 2], tb[TIMED / 2])
    }

    let report = std::thread::Builder::new()
        .stack_size(paint::WINDOW + 1024 * 1024)
        .spawn(|| {
            let check = paint::stack_usage(|| {
                let mut buf = [0u8; 16 * 1024];
                black_box(&mut buf);
            })
            .expect("window too small");
            println!("check: a 16384-byte local array measures {check} bytes");
            println!(
                "normal path backend: {:?}; small-stack path: portable",
                MlDsa44::backend()
            );
            println!(
                "| parameter set | sign_mu stack (B) | sign_mu_small_stack stack (B) | sign_mu (µs) | sign_mu_small_stack (µs) |"
            );
            println!("|---|---|---|---|---|");
            macro_rules! row {
                ($m:ident, $name:literal) => {{
                    use $m::{SIGNATURE_LEN, SigningKey};
                    let sk = SigningKey::from_seed(&[42; 32]);
                    let rnd = [9u8; 32];
                    let normal = peak(|i| {
                        black_box(sk.sign_mu(black_box(&mu(i)), &rnd));
                    });
                    let mut sig = [0u8; SIGNATURE_LEN];
                    let small = peak(|i| {
                        sk.sign_mu_small_stack(black_box(&mu(i)), &rnd, black_box(&mut sig))
                            .expect("length");
                    });
                    // The two paths agree (tests/small_stack.rs checks it at length).
                    assert_eq!(&sig, sk.sign_mu(&mu(MUS - 1), &rnd).as_bytes());
                    let (t_normal, t_small) = medians_us(
                        |i| {
                            black_box(sk.sign_mu(black_box(&mu(i)), &rnd));
                        },
                        |i| {
                            sk.sign_mu_small_stack(black_box(&mu(i)), &rnd, black_box(&mut sig))
                                .expect("length");
                        },
                    );
                    println!(
                        "| {} | {normal} | {small} | {t_normal:.0} | {t_small:.0} |",
                        $name
                    );
                }};
            }
            row!(ml_dsa_44, "ML-DSA-44");
            row!(ml_dsa_65, "ML-DSA-65");
            row!(ml_dsa_87, "ML-DSA-87");
        })
        .expect("thread");
    report.join().expect("measurement thread");
}

#[cfg(not(target_arch = "x86_64"))]
fn main() {
    println!("small_stack: x86-64 only (the stack painting is assembly); see embedded/");
}

/// Stack painting on x86-64.
#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod paint {
    use core::arch::asm;

    /// Value painted on the unused stack.
    const PAINT: u64 = 0xDEAD_BEEF_DEAD_BEEF;

    /// Bytes below the stack pointer painted and scanned; the thread's stack must be larger.
    pub const WINDOW: usize = 512 * 1024;

    /// Peak stack, in bytes below this function's stack pointer, that `f` uses; `None` if
    /// `f` reached the bottom of the window.
    ///
    /// The caller must run on a stack with at least [`WINDOW`] bytes mapped below this
    /// frame (a thread spawned with a larger `stack_size`).
    #[inline(never)]
    pub fn stack_usage(mut f: impl FnMut()) -> Option<usize> {
        // Called through an opaque pointer, so `f` is not inlined into this frame (which
        // is allocated before the stack pointer is read).
        let f: &mut dyn FnMut() = core::hint::black_box(&mut f);
        let sp: usize;
        let bottom: usize;
        // SAFETY: writes only to [bottom, sp), where sp is the stack pointer read by the
        // first instruction and bottom = sp - WINDOW: memory of this thread's stack below
        // every live frame (the caller runs on a thread whose stack is larger than WINDOW
        // plus what is above this frame). This function calls `f`, so it is not a leaf and
        // keeps nothing in the red zone below sp. `rep stosq` uses only rdi, rcx and rax
        // (declared), no stack, and the ABI guarantees the direction flag is clear.
        unsafe {
            asm!(
                "mov {sp}, rsp",
                "mov rdi, {sp}",
                "sub rdi, {win}",
                "mov {lo}, rdi",
                "mov rcx, {win}",
                "shr rcx, 3",
                "rep stosq",
                sp = out(reg) sp,
                lo = out(reg) bottom,
                win = in(reg) WINDOW,
                in("rax") PAINT,
                out("rdi") _,
                out("rcx") _,
                options(nostack),
            );
        }
        f();
        let mut first_used = bottom;
        // SAFETY: only reads the words of [bottom, sp) painted above (mapped stack memory
        // of this thread, 8-byte aligned since sp is), with no stack use.
        unsafe {
            asm!(
                "2:",
                "cmp {p}, {sp}",
                "jae 3f",
                "cmp qword ptr [{p}], {pat}",
                "jne 3f",
                "add {p}, 8",
                "jmp 2b",
                "3:",
                p = inout(reg) first_used,
                sp = in(reg) sp,
                pat = in(reg) PAINT,
                options(nostack, readonly),
            );
        }
        (first_used != bottom).then(|| sp - first_used)
    }
}
