//! ML-KEM-512/768/1024: keygen, encaps and decaps of Mamori and each peer, through the same
//! subjects `mamori bench` times (bytes in, bytes out; and encaps/decaps on keys parsed at
//! set-up), without the engine's calibration: every run is one sample, samples are taken
//! round-robin across the implementations, and the median of 201 is printed in TSC ticks
//! (nanoseconds where there is no TSC).
//!
//! ```sh
//! cargo run --release -p mamori-bench --example kem_peers
//! ```

use mamori_bench::Clock;
use mamori_bench::peers;
use mamori_bench::results::MAMORI;
use mamori_bench::subject::{self, Op, Subject};
use mamori_kat::registry::{self, Entry};
use mamori_primitives::Family;

const SAMPLES: usize = 201;
const WARMUP: usize = 20;

fn main() {
    let clock = Clock::detect();
    println!(
        "kem_peers: {}, median of {SAMPLES} single runs",
        clock.describe()
    );
    let mut ops = Op::for_family(Family::Kem)
        .expect("KEMs are benchmarked")
        .to_vec();
    ops.extend_from_slice(Op::parsed_for_family(Family::Kem));
    for entry in registry::all()
        .iter()
        .filter(|e| e.info().family == Family::Kem)
    {
        let alg = entry.info().name;
        let mut impls = vec![(MAMORI, *entry)];
        impls.extend(peers::of(alg).map(|p| (p.impl_name, p.entry)));
        println!();
        print!("{alg:<12} {:<42} {:<9}", "impl", "backend");
        for op in &ops {
            print!(" {:>13}", op.name());
        }
        println!();
        let medians: Vec<Vec<Option<f64>>> = ops
            .iter()
            .map(|&op| measure(&clock, alg, &impls, op))
            .collect();
        for (i, (name, e)) in impls.iter().enumerate() {
            print!("{:<12} {name:<42} {:<9}", "", e.backend().name());
            for m in &medians {
                match m[i] {
                    Some(t) => print!(" {t:>13.0}"),
                    None => print!(" {:>13}", "-"),
                }
            }
            println!();
        }
    }
}

/// Median ticks per run of `op` for each implementation (`None` if it failed to set up).
fn measure(clock: &Clock, alg: &str, impls: &[(&str, Entry)], op: Op) -> Vec<Option<f64>> {
    let mut subjects: Vec<Option<Box<dyn Subject>>> = impls
        .iter()
        .map(|&(name, entry)| {
            let built = if op.parsed_keys() {
                peers::parsed_kem(name, alg)
                    .ok_or_else(|| subject::SetupError("no parsed view".into()))
                    .and_then(|view| subject::build_parsed(entry, view, op))
            } else {
                subject::build(entry, op, 0)
            };
            built.map_err(|e| eprintln!("{alg} {op} {name}: {e}")).ok()
        })
        .collect();
    let mut samples = vec![Vec::with_capacity(SAMPLES); impls.len()];
    for s in subjects.iter_mut().flatten() {
        for _ in 0..WARMUP {
            s.run();
        }
    }
    for _ in 0..SAMPLES {
        for (s, out) in subjects.iter_mut().zip(&mut samples) {
            if let Some(s) = s {
                let start = clock.now();
                s.run();
                out.push(clock.now().wrapping_sub(start) as f64);
            }
        }
    }
    samples
        .into_iter()
        .map(|mut v| {
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied()
        })
        .collect()
}
