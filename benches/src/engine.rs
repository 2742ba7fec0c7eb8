//! The measurement engine: plans (algorithm, operation, size) groups over Mamori and its
//! peers, then times each group with interleaved samples.
//!
//! Per group, every implementation is set up and self-checked, warmed up, and given an
//! iteration count so that one sample lasts about [`Config::sample_time`]. Samples are then
//! taken round-robin across the implementations (Mamori, peer, Mamori, peer, ...) so that
//! noise from other processes on a shared machine hits all of them alike; the reported
//! figure is the median sample, with the minimum and the interquartile range alongside.

use crate::clock::Clock;
use crate::peers;
use crate::results::{BenchReport, MAMORI, Note, Row};
use crate::sizes::{DEFAULT_SIZES, FULL_SIZES};
use crate::subject::{self, Op, SetupError, Subject};
use mamori_kat::registry::{self, Entry};
use std::time::{Duration, Instant};

/// How long and how often to measure.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Profile name, reported as is.
    pub profile: &'static str,
    /// Message sizes for per-byte operations, in bytes.
    pub sizes: Vec<usize>,
    /// Timed samples per implementation.
    pub samples: usize,
    /// Target duration of one sample.
    pub sample_time: Duration,
    /// Warm-up per implementation before timing.
    pub warmup: Duration,
    /// Measure peers too.
    pub peers: bool,
}

impl Config {
    /// A fast, rougher run: 15 samples of ~150 µs.
    #[must_use]
    pub fn quick() -> Self {
        Self {
            profile: "quick",
            sizes: DEFAULT_SIZES.to_vec(),
            samples: 15,
            sample_time: Duration::from_micros(150),
            warmup: Duration::from_millis(3),
            peers: true,
        }
    }

    /// The default: 61 samples of ~500 µs; every Ascon algorithm in a few seconds.
    #[must_use]
    pub fn standard() -> Self {
        Self {
            profile: "default",
            sizes: DEFAULT_SIZES.to_vec(),
            samples: 61,
            sample_time: Duration::from_micros(500),
            warmup: Duration::from_millis(15),
            peers: true,
        }
    }

    /// A longer, steadier run over more sizes: 101 samples of ~1 ms.
    #[must_use]
    pub fn full() -> Self {
        Self {
            profile: "full",
            sizes: FULL_SIZES.to_vec(),
            samples: 101,
            sample_time: Duration::from_millis(1),
            warmup: Duration::from_millis(40),
            peers: true,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self::standard()
    }
}

/// One implementation in a group.
#[derive(Clone, Copy, Debug)]
pub struct Contender {
    /// `"mamori"` or the peer's crate name and version.
    pub impl_name: &'static str,
    /// The implementation.
    pub entry: Entry,
}

/// Implementations of one algorithm timed together on one operation and size.
#[derive(Clone, Debug)]
pub struct Group {
    /// Canonical algorithm name.
    pub alg: &'static str,
    /// The operation.
    pub op: Op,
    /// Message size; `None` for per-op operations.
    pub size: Option<usize>,
    /// Mamori first, then its peers.
    pub contenders: Vec<Contender>,
}

impl Group {
    /// Short label for progress output, e.g. `"ascon-aead128 seal 16k"`.
    #[must_use]
    pub fn label(&self) -> String {
        match self.size {
            Some(s) => format!("{} {} {}", self.alg, self.op, crate::sizes::format_size(s)),
            None => format!("{} {}", self.alg, self.op),
        }
    }
}

/// What a run will measure.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// Groups in run order.
    pub groups: Vec<Group>,
    /// Algorithms without peers or without benchmarks.
    pub notes: Vec<Note>,
}

/// Plans a run over `algorithms` (all of the registry if empty).
#[must_use]
pub fn plan(algorithms: &[Entry], config: &Config) -> Plan {
    let algorithms = if algorithms.is_empty() {
        registry::all()
    } else {
        algorithms
    };
    let mut out = Plan::default();
    for &entry in algorithms {
        let info = entry.info();
        let Some(ops) = Op::for_family(info.family) else {
            out.notes.push(Note {
                alg: info.name.to_owned(),
                message: format!("{} benchmarks are not wired up yet", info.family),
            });
            continue;
        };
        let mut contenders = vec![Contender {
            impl_name: MAMORI,
            entry,
        }];
        if config.peers {
            contenders.extend(peers::of(info.name).map(|p| Contender {
                impl_name: p.impl_name,
                entry: p.entry,
            }));
            if contenders.len() == 1 {
                out.notes.push(Note {
                    alg: info.name.to_owned(),
                    message: peers::no_peer_reason(info.name).to_owned(),
                });
            }
            out.notes
                .extend(peers::notes(info.name).into_iter().map(|m| Note {
                    alg: info.name.to_owned(),
                    message: m.to_owned(),
                }));
        }
        let parsed = Op::parsed_for_family(info.family);
        let parsed: &[Op] = if parsed.is_empty() || peers::has_parsed_view(MAMORI, info.name) {
            parsed
        } else {
            out.notes.push(Note {
                alg: info.name.to_owned(),
                message: "no parsed-key operations: mamori's implementation has no view in \
                          peers::parsed_kem or peers::parsed_signature"
                    .to_owned(),
            });
            &[]
        };
        for &op in ops.iter().chain(parsed) {
            let sizes: Vec<Option<usize>> = if op.per_byte() {
                config.sizes.iter().copied().map(Some).collect()
            } else {
                vec![None]
            };
            for size in sizes {
                out.groups.push(Group {
                    alg: info.name,
                    op,
                    size,
                    contenders: contenders.clone(),
                });
            }
        }
    }
    out
}

/// Builds the subject of `contender` for `op` on a `size`-byte message (ignored by per-op
/// operations), with the implementation's parsed-key view from [`peers`] for the
/// parsed-key operations.
///
/// # Errors
/// As [`subject::build`], [`subject::build_parsed`] and [`subject::build_signature`]; also
/// if a parsed-key operation's implementation has no view.
pub fn build_subject(
    contender: Contender,
    op: Op,
    size: usize,
) -> Result<Box<dyn Subject>, SetupError> {
    if !op.parsed_keys() {
        return subject::build(contender.entry, op, size);
    }
    let (name, alg) = (contender.impl_name, contender.entry.info().name);
    if let Some(view) = peers::parsed_kem(name, alg) {
        subject::build_parsed(contender.entry, view, op)
    } else if let Some(view) = peers::parsed_signature(name, alg) {
        subject::build_signature(contender.entry, Some(view), op, subject::SIGN_MESSAGES)
    } else {
        Err(SetupError(format!(
            "{name} has no parsed-key view of {alg} in peers"
        )))
    }
}

/// Times plans.
#[derive(Clone, Debug)]
pub struct Engine {
    clock: Clock,
    config: Config,
}

struct Timed {
    contender: Contender,
    subject: Box<dyn Subject>,
    iterations: u64,
    samples: Vec<f64>,
}

impl Engine {
    /// An engine on `clock` with `config`.
    #[must_use]
    pub fn new(clock: Clock, config: Config) -> Self {
        Self { clock, config }
    }

    /// The clock in use.
    #[must_use]
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The configuration in use.
    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Runs every group of `plan`; `progress(done, total, label)` is called before each
    /// group and once at the end. Implementations that fail to set up are skipped with a
    /// note (and their group's ratio is left empty).
    pub fn run(&self, plan: &Plan, progress: &mut dyn FnMut(usize, usize, &str)) -> BenchReport {
        let mut rows = Vec::new();
        let mut notes = plan.notes.clone();
        let total = plan.groups.len();
        for (i, group) in plan.groups.iter().enumerate() {
            progress(i, total, &group.label());
            let (group_rows, errors) = self.measure(group);
            rows.extend(group_rows);
            notes.extend(errors.into_iter().map(|(impl_name, e)| Note {
                alg: group.alg.to_owned(),
                message: format!("{} skipped for {impl_name}: {e}", group.label()),
            }));
        }
        progress(total, total, "done");
        BenchReport {
            timer: self.clock.describe(),
            tsc_hz: self.clock.tsc_hz(),
            cpu: crate::machine::cpu_model(),
            profile: self.config.profile.to_owned(),
            sizes: self.config.sizes.clone(),
            rows,
            notes,
        }
    }

    /// Measures one group; returns its rows and the implementations that failed to set up.
    pub fn measure(&self, group: &Group) -> (Vec<Row>, Vec<(&'static str, SetupError)>) {
        let mut timed = Vec::new();
        let mut errors = Vec::new();
        for &contender in &group.contenders {
            match build_subject(contender, group.op, group.size.unwrap_or(0)) {
                Ok(mut subject) => {
                    let iterations = self.calibrate(subject.as_mut());
                    timed.push(Timed {
                        contender,
                        subject,
                        iterations,
                        samples: Vec::with_capacity(self.config.samples),
                    });
                }
                Err(e) => errors.push((contender.impl_name, e)),
            }
        }
        for _ in 0..self.config.samples.max(1) {
            for t in &mut timed {
                let start = self.clock.now();
                for _ in 0..t.iterations {
                    t.subject.run();
                }
                let ticks = self.clock.now().wrapping_sub(start);
                t.samples.push(ticks as f64 / t.iterations as f64);
            }
        }
        let mut rows: Vec<Row> = timed.into_iter().map(|t| self.row(group, t)).collect();
        let reference = rows
            .iter()
            .find(|r| r.is_mamori())
            .map(|r| r.ns_per_op)
            .filter(|&ns| ns > 0.0);
        if let Some(reference) = reference {
            for r in rows.iter_mut().filter(|r| !r.is_mamori()) {
                r.ratio = Some(r.ns_per_op / reference);
            }
        }
        (rows, errors)
    }

    /// Warms `subject` up and returns the iterations that make one sample last about
    /// [`Config::sample_time`].
    fn calibrate(&self, subject: &mut dyn Subject) -> u64 {
        let wall = Instant::now();
        let mut batch = 1u64;
        let per_op_ticks = loop {
            let start = self.clock.now();
            for _ in 0..batch {
                subject.run();
            }
            let ticks = self.clock.now().wrapping_sub(start).max(1);
            if wall.elapsed() >= self.config.warmup || batch >= 1 << 40 {
                break ticks as f64 / batch as f64;
            }
            batch *= 2;
        };
        let target_ticks = self.config.sample_time.as_nanos() as f64 / self.clock.ns_per_tick();
        ((target_ticks / per_op_ticks).ceil() as u64).max(1)
    }

    fn row(&self, group: &Group, mut t: Timed) -> Row {
        let ns = self.clock.ns_per_tick();
        let cycles = self.clock.tsc_hz().is_some();
        t.samples.sort_by(f64::total_cmp);
        let median = quantile(&t.samples, 0.5);
        let spread = if median > 0.0 {
            (quantile(&t.samples, 0.75) - quantile(&t.samples, 0.25)) / median * 100.0
        } else {
            0.0
        };
        let min = t.samples.first().copied().unwrap_or(0.0);
        let ns_per_op = median * ns;
        let bytes = group.size.filter(|&s| s > 0);
        Row {
            alg: group.alg.to_owned(),
            impl_name: t.contender.impl_name.to_owned(),
            backend: t.contender.entry.backend().name().to_owned(),
            op: group.op,
            size: group.size,
            cycles_per_byte: bytes.filter(|_| cycles).map(|b| median / b as f64),
            cycles_per_op: cycles.then_some(median),
            ns_per_op,
            gbps: bytes
                .filter(|_| ns_per_op > 0.0)
                .map(|b| b as f64 / ns_per_op),
            ops_per_sec: if ns_per_op > 0.0 {
                1e9 / ns_per_op
            } else {
                0.0
            },
            min_cycles_per_op: cycles.then_some(min),
            min_ns_per_op: min * ns,
            spread_pct: spread,
            ratio: None,
            samples: t.samples.len(),
            iterations: t.iterations,
        }
    }
}

/// Linear-interpolated quantile of sorted, non-empty `xs`.
fn quantile(xs: &[f64], q: f64) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    let pos = q * (xs.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    xs[lo] + (xs[hi] - xs[lo]) * (pos - lo as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Config {
        Config {
            profile: "test",
            sizes: vec![0, 16, 64],
            samples: 3,
            sample_time: Duration::from_micros(20),
            warmup: Duration::from_micros(100),
            peers: true,
        }
    }

    #[test]
    fn quantiles() {
        assert_eq!(quantile(&[1.0, 2.0, 3.0], 0.5), 2.0);
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), 2.5);
        assert_eq!(quantile(&[5.0], 0.25), 5.0);
    }

    #[test]
    fn plan_covers_registry_with_peers_and_notes() {
        let p = plan(&[], &tiny());
        // 4 AEADs (ascon-aead128, rocca-s, aegis-256, aegis-256-t256): 2 ops each; Ascon
        // hash, xof, cxof and SHA3-256/384/512, SHAKE128/256: 1 op each; 3 sizes. ML-KEM-512,
        // 768, 1024: keygen, encaps, decaps, encaps-parsed, decaps-parsed, once (per op);
        // ML-DSA-44, 65, 87: keygen, sign, verify, sign-parsed, verify-parsed.
        assert_eq!(p.groups.len(), (4 * 2 + 3 + 5) * 3 + 3 * 5 + 3 * 5);
        let aead = &p.groups[0];
        assert_eq!(aead.alg, "ascon-aead128");
        assert_eq!(aead.contenders[0].impl_name, MAMORI);
        assert_eq!(aead.contenders.len(), 2);
        assert!(p.notes.iter().any(|n| n.alg == "ascon-cxof128"));
        let kem: Vec<&Group> = p.groups.iter().filter(|g| g.alg == "ml-kem-768").collect();
        let ops: Vec<Op> = kem.iter().map(|g| g.op).collect();
        assert_eq!(
            ops,
            [
                Op::Keygen,
                Op::Encaps,
                Op::Decaps,
                Op::EncapsParsed,
                Op::DecapsParsed
            ]
        );
        for g in kem {
            assert_eq!(g.size, None);
            assert_eq!(g.label(), format!("ml-kem-768 {}", g.op));
            assert_eq!(g.contenders[0].impl_name, MAMORI);
            assert_eq!(g.contenders.len(), 6);
        }
        assert!(
            p.notes
                .iter()
                .any(|n| n.alg == "ml-kem-768" && n.message.contains("[own RNG]"))
        );
        let dsa: Vec<&Group> = p.groups.iter().filter(|g| g.alg == "ml-dsa-65").collect();
        let ops: Vec<Op> = dsa.iter().map(|g| g.op).collect();
        assert_eq!(
            ops,
            [
                Op::Keygen,
                Op::Sign,
                Op::Verify,
                Op::SignParsed,
                Op::VerifyParsed
            ]
        );
        for g in dsa {
            assert_eq!(g.size, None);
            assert_eq!(g.contenders[0].impl_name, MAMORI);
            assert_eq!(g.contenders.len(), 5);
        }
        assert!(
            p.notes
                .iter()
                .any(|n| n.alg == "ml-dsa-65" && n.message.contains("[hedged]"))
        );
        assert!(!p.notes.iter().any(|n| n.message.contains("not wired up")));
        let only = plan(&[registry::find("ascon-hash256").unwrap()], &tiny());
        assert!(only.groups.iter().all(|g| g.alg == "ascon-hash256"));
    }

    #[test]
    fn run_produces_consistent_rows() {
        let engine = Engine::new(Clock::detect(), tiny());
        let p = plan(&[], &tiny());
        let mut calls = 0;
        let report = engine.run(&p, &mut |_, _, _| calls += 1);
        assert_eq!(calls, p.groups.len() + 1);
        // One row per contender of every group (Mamori first, then its peers).
        let contenders: usize = p.groups.iter().map(|g| g.contenders.len()).sum();
        assert_eq!(report.rows.len(), contenders);
        // Ascon: (2+1+1)*2 + 1 = 9 rows per size; Rocca-S: 2 ops x (Mamori + rocca + 4
        // reference AEADs + 2 batch rows); AEGIS-256: 2 x (Mamori + libaegis + AEGIS-256X4
        // + 2 batch rows); 256-bit tag: 2 x (Mamori + libaegis); SHA-3 and SHAKE: 5 x
        // (Mamori + sha3 or shake). ML-KEM: 3 parameter sets x 5 ops x (Mamori + 5 peers).
        // ML-DSA: 3 parameter sets x 5 ops x (Mamori + 4 peers).
        assert_eq!(
            report.rows.len(),
            (9 + 16 + 10 + 4 + 10) * 3 + 3 * 5 * 6 + 3 * 5 * 5
        );
        // Every implementation set up and passed its self-checks.
        assert!(
            !report.notes.iter().any(|n| n.message.contains("skipped")),
            "{:?}",
            report.notes
        );
        for r in &report.rows {
            assert!(r.ns_per_op > 0.0, "{r:?}");
            assert_eq!(r.samples, 3);
            assert_eq!(r.ratio.is_some(), !r.is_mamori(), "{r:?}");
            let bytes = r.size.is_some_and(|s| s > 0);
            assert_eq!(r.gbps.is_some(), bytes);
            assert_eq!(r.size.is_none(), !r.op.per_byte());
            if report.has_cycles() {
                assert_eq!(r.cycles_per_byte.is_some(), bytes);
                assert!(r.cycles_per_op.is_some());
            }
        }
    }
}
