//! ML-DSA-44/65/87: keygen (from a seed), deterministic signing and verification of Mamori
//! and each peer, through the same subjects `mamori bench` times (bytes in, bytes out; and
//! signing and verification on keys parsed at set-up), without the engine's calibration:
//! every run is one sample, samples are taken round-robin across the implementations, and
//! statistics are printed in TSC ticks (nanoseconds where there is no TSC), with Mamori's
//! figure over the fastest peer's.
//!
//! Signing time is a random variable (the number of rejection rounds depends on the key
//! and the message): each signing column signs [`MESSAGES`] distinct messages once each,
//! and both the median and the mean over them are printed. Deterministic signers with the
//! same key sign the same messages with the same number of rounds; hedged ones (`[hedged]`,
//! `[own RNG]`) draw theirs from the same distribution.
//!
//! Before timing, every implementation's signatures are checked to verify under every
//! other implementation (keys and signatures exchanged as bytes).
//!
//! ```sh
//! cargo run --release -p mamori-bench --example sign_peers
//! ```

use mamori_bench::Clock;
use mamori_bench::engine::{self, Contender};
use mamori_bench::peer_table::{self, Column};
use mamori_bench::peers;
use mamori_bench::subject::{self, Op};
use mamori_kat::registry::{self, Entry};
use mamori_primitives::Family;

/// Samples of keygen and verification.
const SAMPLES: usize = 201;
/// Distinct messages signed (once each) per signing column.
const MESSAGES: usize = 1024;
const WARMUP: usize = 10;

fn main() {
    let clock = Clock::detect();
    println!(
        "sign_peers: {}; keygen, verify: median of {SAMPLES} single runs; sign: median and \
         mean over {MESSAGES} distinct {}-byte messages (empty context)",
        clock.describe(),
        subject::SIGN_MESSAGE_LEN
    );
    for entry in registry::all()
        .iter()
        .filter(|e| e.info().family == Family::Signature)
    {
        let contenders = peer_table::contenders(*entry);
        cross_verify(&contenders);
        let build = |c: Contender, op: Op| {
            if op == Op::Keygen {
                engine::build_subject(c, op, 0)
            } else {
                let view = peers::parsed_signature(c.impl_name, c.entry.info().name)
                    .filter(|_| op.parsed_keys());
                subject::build_signature(c.entry, view, op, MESSAGES)
            }
        };
        let mut columns = Vec::new();
        for op in [
            Op::Keygen,
            Op::Sign,
            Op::Verify,
            Op::SignParsed,
            Op::VerifyParsed,
        ] {
            let signing = matches!(op, Op::Sign | Op::SignParsed);
            let n = if signing { MESSAGES } else { SAMPLES };
            let samples = peer_table::sample(&clock, &contenders, op, n, WARMUP, &build);
            if signing {
                columns.push(Column::of(
                    &format!("{op} med"),
                    &samples,
                    peer_table::median,
                ));
                columns.push(Column::of(
                    &format!("{op} mean"),
                    &samples,
                    peer_table::mean,
                ));
            } else {
                columns.push(Column::of(op.name(), &samples, peer_table::median));
            }
        }
        println!();
        print!(
            "{}",
            peer_table::render(entry.info().name, &contenders, &columns)
        );
    }
    println!();
    println!(
        "sign (bytes in) starts from the expanded signing-key encoding on every call: mamori \
         runs FIPS 204 Sign on it with the s1 / s2 coefficient ranges checked \
         (ml_dsa_NN::sign_expanded), the peers check nothing. -parsed: keys parsed once at \
         set-up."
    );
}

/// Every implementation's keys and signatures, as bytes, verify under every other
/// implementation; a modified signature verifies under none.
fn cross_verify(contenders: &[Contender]) {
    let msg = b"sign_peers cross-verification";
    for signer in contenders {
        let Entry::Signature(s) = signer.entry else {
            panic!("not a signature scheme")
        };
        let (vk, sk) = s.keygen_from_seed(&[0x42; 32]).expect("keygen");
        let sig = s.sign(&sk, msg, &[], None).expect("sign");
        let mut bad = sig.clone();
        bad[7] ^= 0x20;
        for verifier in contenders {
            let Entry::Signature(v) = verifier.entry else {
                panic!("not a signature scheme")
            };
            let who = format!(
                "{} signs, {} verifies",
                signer.impl_name, verifier.impl_name
            );
            assert!(v.verify(&vk, msg, &[], &sig).is_ok(), "{who}");
            assert!(v.verify(&vk, msg, &[], &bad).is_err(), "{who}: modified");
        }
    }
}
