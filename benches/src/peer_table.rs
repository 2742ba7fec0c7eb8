//! Single-run comparisons of Mamori and its peers on one algorithm, as the `kem_peers` and
//! `sign_peers` examples print them: no calibration, every run of a subject is one sample,
//! samples are taken round-robin across the implementations (so noise from other processes
//! hits them alike), and each column is a statistic of those samples in clock ticks.

use crate::clock::Clock;
use crate::engine::{self, Contender};
use crate::peers;
use crate::results::MAMORI;
use crate::subject::{Op, SetupError, Subject};
use mamori_kat::registry::Entry;

/// Mamori's implementation of `entry`, then its [`peers::Variant`]s, then its peers.
#[must_use]
pub fn contenders(entry: Entry) -> Vec<Contender> {
    let mut out = vec![Contender {
        impl_name: MAMORI,
        entry,
    }];
    out.extend(peers::variants(entry.info().name).map(|v| Contender {
        impl_name: v.impl_name,
        entry: v.entry,
    }));
    out.extend(peers::of(entry.info().name).map(|p| Contender {
        impl_name: p.impl_name,
        entry: p.entry,
    }));
    out
}

/// The samples (ticks per run) of `op` for each contender, `samples` of them after
/// `warmup` untimed runs; `None` for a contender that failed to set up (reported on stderr).
/// `build` makes the subjects (e.g. [`engine::build_subject`]).
pub fn sample(
    clock: &Clock,
    contenders: &[Contender],
    op: Op,
    samples: usize,
    warmup: usize,
    build: &dyn Fn(Contender, Op) -> Result<Box<dyn Subject>, SetupError>,
) -> Vec<Option<Vec<f64>>> {
    let mut subjects: Vec<Option<Box<dyn Subject>>> = contenders
        .iter()
        .map(|&c| {
            build(c, op)
                .map_err(|e| eprintln!("{} {op} {}: {e}", c.entry.info().name, c.impl_name))
                .ok()
        })
        .collect();
    for s in subjects.iter_mut().flatten() {
        for _ in 0..warmup {
            s.run();
        }
    }
    let mut out: Vec<Option<Vec<f64>>> = subjects
        .iter()
        .map(|s| s.as_ref().map(|_| Vec::with_capacity(samples)))
        .collect();
    for _ in 0..samples {
        for (s, o) in subjects.iter_mut().zip(&mut out) {
            if let (Some(s), Some(o)) = (s, o) {
                let start = clock.now();
                s.run();
                o.push(clock.now().wrapping_sub(start) as f64);
            }
        }
    }
    out
}

/// [`sample`] with the engine's subjects ([`engine::build_subject`], no message size).
pub fn sample_engine(
    clock: &Clock,
    contenders: &[Contender],
    op: Op,
    samples: usize,
    warmup: usize,
) -> Vec<Option<Vec<f64>>> {
    sample(clock, contenders, op, samples, warmup, &|c, op| {
        engine::build_subject(c, op, 0)
    })
}

/// The median of `xs` (the upper one for an even count); `None` if empty.
#[must_use]
pub fn median(xs: &[f64]) -> Option<f64> {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
}

/// The mean of `xs`; `None` if empty.
#[must_use]
pub fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// One column of a comparison table: a heading and a value per contender.
pub struct Column {
    /// Heading, e.g. `"sign med"`.
    pub heading: String,
    /// One value per contender (`None`: failed to set up).
    pub values: Vec<Option<f64>>,
}

impl Column {
    /// A column of `stat` over each contender's samples.
    #[must_use]
    pub fn of(
        heading: &str,
        samples: &[Option<Vec<f64>>],
        stat: fn(&[f64]) -> Option<f64>,
    ) -> Self {
        Self {
            heading: heading.to_owned(),
            values: samples
                .iter()
                .map(|s| s.as_deref().and_then(stat))
                .collect(),
        }
    }

    /// Mamori's value (the first contender's) over the fastest peer's (Mamori's variants
    /// are not peers, [`peers::is_mamori`]): < 1 means Mamori is faster. `None` without a
    /// Mamori value or a peer value.
    #[must_use]
    pub fn ratio_to_fastest_peer(&self, contenders: &[Contender]) -> Option<f64> {
        let ours = self.values.first().copied().flatten()?;
        let best = self
            .values
            .iter()
            .zip(contenders)
            .filter(|(_, c)| !peers::is_mamori(c.impl_name))
            .filter_map(|(v, _)| *v)
            .min_by(f64::total_cmp)?;
        (best > 0.0).then(|| ours / best)
    }

    /// The value of contender `a` over that of contender `b` (indices into the
    /// contenders); `None` if either is missing.
    #[must_use]
    pub fn ratio(&self, a: usize, b: usize) -> Option<f64> {
        let (a, b) = (self.values.get(a).copied()??, self.values.get(b).copied()??);
        (b > 0.0).then(|| a / b)
    }
}

/// The table of `columns` for `alg`'s `contenders` (Mamori first), with a row of Mamori /
/// fastest peer per column, then one of variant / its peer for each of Mamori's
/// [`peers::Variant`]s.
#[must_use]
pub fn render(alg: &str, contenders: &[Contender], columns: &[Column]) -> String {
    use std::fmt::Write as _;
    let width = columns
        .iter()
        .map(|c| c.heading.len().max(9))
        .collect::<Vec<_>>();
    let mut s = String::new();
    let _ = write!(s, "{alg:<12} {:<42} {:<9}", "impl", "backend");
    for (c, w) in columns.iter().zip(&width) {
        let _ = write!(s, " {:>w$}", c.heading);
    }
    s.push('\n');
    for (i, c) in contenders.iter().enumerate() {
        let _ = write!(
            s,
            "{:<12} {:<42} {:<9}",
            "",
            c.impl_name,
            c.entry.backend().name()
        );
        for (col, w) in columns.iter().zip(&width) {
            match col.values.get(i).copied().flatten() {
                Some(t) => {
                    let _ = write!(s, " {t:>w$.0}");
                }
                None => {
                    let _ = write!(s, " {:>w$}", "-");
                }
            }
        }
        s.push('\n');
    }
    let mut ratio_row = |label: &str, ratio: &dyn Fn(&Column) -> Option<f64>| {
        let _ = write!(s, "{:<12} {label:<52}", "");
        for (col, w) in columns.iter().zip(&width) {
            match ratio(col) {
                Some(r) => {
                    let _ = write!(s, " {r:>w$.2}");
                }
                None => {
                    let _ = write!(s, " {:>w$}", "-");
                }
            }
        }
        s.push('\n');
    };
    ratio_row("mamori / fastest peer", &|col| {
        col.ratio_to_fastest_peer(contenders)
    });
    for v in peers::variants(alg) {
        let index = |name: &str| contenders.iter().position(|c| c.impl_name == name);
        if let (Some(a), Some(b)) = (index(v.impl_name), index(v.versus)) {
            ratio_row(&format!("{} / {}", v.impl_name, v.versus), &|col| {
                col.ratio(a, b)
            });
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(3.0));
        assert_eq!(mean(&[1.0, 2.0, 6.0]), Some(3.0));
        assert_eq!((median(&[]), mean(&[])), (None, None));
    }

    #[test]
    fn ratio_and_table() {
        let entry = mamori_kat::registry::find("ml-dsa-44").unwrap();
        let contenders = contenders(entry);
        assert_eq!(contenders[0].impl_name, MAMORI);
        assert_eq!(contenders.len(), 5);
        let mut values = vec![Some(80.0), Some(100.0), None, Some(200.0), Some(400.0)];
        let col = Column {
            heading: "sign med".into(),
            values: values.clone(),
        };
        assert_eq!(col.ratio_to_fastest_peer(&contenders), Some(0.8));
        let table = render("ml-dsa-44", &contenders, &[col]);
        assert_eq!(table.lines().count(), 1 + 5 + 1);
        assert!(table.lines().last().unwrap().ends_with(" 0.80"), "{table}");
        values[0] = None;
        let col = Column {
            heading: "x".into(),
            values,
        };
        assert_eq!(col.ratio_to_fastest_peer(&contenders), None);
    }

    #[test]
    fn variants_are_not_peers() {
        let entry = mamori_kat::registry::find("ml-kem-768").unwrap();
        let contenders = contenders(entry);
        let names: Vec<&str> = contenders.iter().map(|c| c.impl_name).collect();
        assert_eq!(names[..2], [MAMORI, peers::MAMORI_PORTABLE]);
        assert_eq!(
            contenders[1].entry.backend(),
            mamori_primitives::Backend::Portable
        );
        let versus = peers::variants("ml-kem-768").next().unwrap().versus;
        let v = names.iter().position(|&n| n == versus).unwrap();
        // Mamori 80, its portable build 10 (faster than every peer, but not a peer), the
        // peers 100 and up; the variant's peer 400.
        let values: Vec<Option<f64>> = (0..names.len())
            .map(|i| match i {
                0 => Some(80.0),
                1 => Some(10.0),
                _ if i == v => Some(400.0),
                _ => Some(100.0 + i as f64),
            })
            .collect();
        let col = Column {
            heading: "decaps".into(),
            values,
        };
        assert_eq!(col.ratio_to_fastest_peer(&contenders), Some(80.0 / 102.0));
        assert_eq!(col.ratio(1, v), Some(0.025));
        let table = render("ml-kem-768", &contenders, &[col]);
        let last = table.lines().last().unwrap();
        assert!(
            last.contains("mamori portable / ml-kem") && last.ends_with(" 0.03"),
            "{table}"
        );
    }

    #[test]
    fn samples_every_contender() {
        let entry = mamori_kat::registry::find("ml-kem-512").unwrap();
        let contenders = contenders(entry);
        let samples = sample_engine(&Clock::detect(), &contenders, Op::Decaps, 3, 1);
        assert_eq!(samples.len(), contenders.len());
        for s in &samples {
            assert_eq!(s.as_ref().map(Vec::len), Some(3));
        }
    }
}
