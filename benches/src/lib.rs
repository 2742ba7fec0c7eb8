//! Mamori's benchmark engine.
//!
//! Measures every algorithm in [`mamori_kat::registry`] through its dynamic view, next to
//! peer implementations wrapped in the same trait layer ([`peers`]), so both sides pay the
//! same dispatch and buffer overhead. Cycle counts come from the x86-64 time-stamp counter,
//! calibrated against the OS clock ([`clock`]); other targets report nanoseconds.
//!
//! * [`engine`]: planning and interleaved, median-of-samples timing.
//! * [`subject`]: the unit of work timed for each operation.
//! * [`kem`], [`signature`]: KEM and signature operations on keys parsed once (the
//!   `*-parsed` rows).
//! * [`peers`]: peer implementations (RustCrypto, libaegis, AWS-LC, libcrux, PQClean, ...)
//!   behind Mamori's traits.
//! * [`results`]: the plain data model (`Row`, `BenchReport`) and its CSV / JSON forms.
//! * [`peer_table`]: single-run, round-robin peer comparisons (the `*_peers` examples).
//! * [`chart`]: an SVG chart of cycles/byte against message size.
//! * [`sizes`], [`machine`]: size lists and machine description.
//!
//! ```no_run
//! use mamori_bench::{clock::Clock, engine};
//! let config = engine::Config::quick();
//! let plan = engine::plan(&[], &config);
//! let report = engine::Engine::new(Clock::detect(), config).run(&plan, &mut |_, _, _| {});
//! print!("{}", report.to_csv());
//! ```

pub mod chart;
pub mod clock;
pub mod engine;
pub mod kem;
pub mod machine;
pub mod peer_table;
pub mod peers;
pub mod results;
pub mod signature;
pub mod sizes;
pub mod subject;

pub use clock::Clock;
pub use engine::{Config, Engine, plan};
pub use results::{BenchReport, Note, Row};
pub use subject::Op;
