//! ML-KEM-512/768/1024: keygen, encaps and decaps of Mamori and each peer, through the same
//! subjects `mamori bench` times (bytes in, bytes out; and encaps/decaps on keys parsed at
//! set-up), without the engine's calibration: every run is one sample, samples are taken
//! round-robin across the implementations, and the median of 201 is printed in TSC ticks
//! (nanoseconds where there is no TSC), with Mamori's time over the fastest peer's.
//! Mamori pinned to its portable backend (`mamori_kem::Portable`) is a second row, compared
//! with RustCrypto `ml-kem` in a row of its own (it is not counted as a peer).
//!
//! ```sh
//! cargo run --release -p mamori-bench --example kem_peers
//! ```

use mamori_bench::Clock;
use mamori_bench::peer_table::{self, Column};
use mamori_bench::subject::Op;
use mamori_kat::registry;
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
        let contenders = peer_table::contenders(*entry);
        let columns: Vec<Column> = ops
            .iter()
            .map(|&op| {
                let samples = peer_table::sample_engine(&clock, &contenders, op, SAMPLES, WARMUP);
                Column::of(op.name(), &samples, peer_table::median)
            })
            .collect();
        println!();
        print!(
            "{}",
            peer_table::render(entry.info().name, &contenders, &columns)
        );
    }
}
