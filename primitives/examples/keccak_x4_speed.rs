//! Cycles per call (median of many runs, `rdtsc`) of the scalar Keccak-f\[1600\], four scalar
//! calls, and each four-way backend this CPU runs, plus a four-way SHAKE128 matrix-entry
//! squeeze (ML-KEM's shape: 34 bytes absorbed, 504 squeezed).
//!
//! ```sh
//! cargo run --release -p mamori-primitives --example keccak_x4_speed
//! ```
//! (`rdtsc` counts reference cycles, which equal core cycles only at the nominal clock.)

#[cfg(target_arch = "x86_64")]
fn main() {
    use core::hint::black_box;
    use mamori_primitives::keccak::{
        Avx2X4, Avx512X4, KeccakX4, PortableX4, Sponge, SpongeX4, StateX4, keccak_f1600,
    };

    const RUNS: usize = 20_001;
    const INNER: u64 = 16;

    /// The time-stamp counter.
    #[allow(unsafe_code)]
    fn rdtsc() -> u64 {
        // SAFETY: `rdtsc` exists on every x86-64 CPU and has no preconditions.
        unsafe { core::arch::x86_64::_rdtsc() }
    }

    /// Median cycles of one `f()` call (printed with the minimum, which a busy machine
    /// disturbs less).
    fn median(mut f: impl FnMut()) -> Cycles {
        for _ in 0..2_000 {
            f();
        }
        let mut t: Vec<u64> = (0..RUNS)
            .map(|_| {
                let start = rdtsc();
                for _ in 0..INNER {
                    f();
                }
                (rdtsc() - start) / INNER
            })
            .collect();
        t.sort_unstable();
        Cycles(t[RUNS / 2], t[0])
    }

    /// Median and minimum.
    #[derive(Clone, Copy)]
    struct Cycles(u64, u64);
    impl core::fmt::Display for Cycles {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            let s = format!("{} (min {})", self.0, self.1);
            f.pad(&s)
        }
    }

    fn x4<P: KeccakX4>(name: &str, p: P, scalar: Cycles) {
        let mut s: StateX4 = [[0x0123_4567_89ab_cdef; 4]; 25];
        let c = median(|| p.permute(black_box(&mut s)));
        println!(
            "{name:<28} {c:>18} cycles  ({:.2}x one scalar, {:.0} per state)",
            c.0 as f64 / scalar.0 as f64,
            c.0 as f64 / 4.0
        );
        let seed = [7u8; 32];
        let idx: [[u8; 2]; 4] = core::array::from_fn(|j| [j as u8, 0]);
        let mut out = [[0u8; 504]; 4];
        let c = median(|| {
            let mut sp = SpongeX4::<P, 168>::new(p);
            sp.absorb([black_box(&seed); 4]);
            sp.absorb([&idx[0], &idx[1], &idx[2], &idx[3]]);
            sp.finish(0x1f);
            let [o0, o1, o2, o3] = &mut out;
            sp.squeeze([o0, o1, o2, o3]);
            black_box(&out);
        });
        println!("  SHAKE128 34 B -> 4 x 504 B {c:>18} cycles");
    }

    let mut one = [0x0123_4567_89ab_cdef_u64; 25];
    let scalar = median(|| keccak_f1600(black_box(&mut one)));
    println!("{:<28} {scalar:>18} cycles", "scalar keccak_f1600");
    let mut four = [[0x0123_4567_89ab_cdef_u64; 25]; 4];
    let c = median(|| {
        for s in black_box(&mut four).iter_mut() {
            keccak_f1600(s);
        }
    });
    println!("{:<28} {c:>18} cycles", "4 x scalar");
    let seed = [7u8; 32];
    let mut out = [0u8; 504];
    let c = median(|| {
        for j in 0..4u8 {
            let mut sp = Sponge::<168>::new();
            sp.absorb(black_box(&seed));
            sp.absorb(&[j, 0]);
            sp.finish(0x1f);
            sp.squeeze(&mut out);
            black_box(&out);
        }
    });
    println!("  SHAKE128 34 B -> 4 x 504 B {c:>18} cycles");

    x4("PortableX4", PortableX4, scalar);
    match Avx2X4::detect() {
        Some(p) => x4("Avx2X4", p, scalar),
        None => println!("Avx2X4: not available"),
    }
    match Avx512X4::detect() {
        Some(p) => x4("Avx512X4", p, scalar),
        None => println!("Avx512X4: not available"),
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn main() {
    println!("keccak_x4_speed: x86-64 only (rdtsc)");
}
