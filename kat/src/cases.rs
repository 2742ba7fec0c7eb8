//! Typed test cases, one type per family, shared by every format, and the checks that run
//! them through the [`dynamic`](crate::dynamic) views.
//!
//! The parsers of every format produce these, so the seal / open / tamper checks of an AEAD
//! (say) exist once whether the vector came from an LWC, flat-JSON or Wycheproof file.

pub mod aead;
pub mod cipher;
pub mod digest;
pub mod kem;
pub mod signature;

pub use aead::AeadCase;
pub use cipher::{BlockCase, StreamCase};
pub use digest::DigestCase;
pub use kem::{KemCase, KemOp};
pub use signature::{SigCase, SigInterface, SigOp};

use crate::KatError;
use crate::registry::Entry;
use crate::report::{Outcome, Tally};
use crate::resolve::Resolved;

/// What a vector file expects of a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Expect {
    /// The operation must succeed and reproduce the expected values.
    Valid,
    /// The operation must be rejected (and release nothing).
    Invalid,
    /// Either is acceptable (Wycheproof `acceptable`); if it succeeds, its output must be right.
    Acceptable,
}

impl Expect {
    /// `Valid` for `true`, `Invalid` for `false` (ACVP `testPassed`, flat-JSON `valid`).
    #[must_use]
    pub fn from_bool(valid: bool) -> Self {
        if valid {
            Expect::Valid
        } else {
            Expect::Invalid
        }
    }
}

/// A private key as a vector gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyForm {
    /// The standard's expanded encoding.
    Expanded(Vec<u8>),
    /// The key-generation seed it is derived from (ACVP `keyFormat: seed`, Wycheproof
    /// `privateSeed`); the runner expands it with `keygen_from_seed`.
    Seed(Vec<u8>),
}

/// The first outcome that is not a pass, or a pass.
pub(crate) fn first_failure(outcomes: impl IntoIterator<Item = Outcome>) -> Outcome {
    outcomes
        .into_iter()
        .find(|o| *o != Outcome::Pass)
        .unwrap_or(Outcome::Pass)
}

/// Turns what an operation did into an outcome, given what the vector expects: `result` is
/// `Ok(outcome of comparing outputs)` if the implementation accepted the input, `Err(why)`
/// if it rejected it. `op` names the operation for messages.
pub(crate) fn judge(expect: Expect, op: &str, result: Result<Outcome, String>) -> Outcome {
    match (expect, result) {
        (_, Ok(Outcome::Skip(reason))) => Outcome::Skip(reason),
        (Expect::Valid | Expect::Acceptable, Ok(o)) => o,
        (Expect::Valid, Err(e)) => Outcome::Fail(format!("{op} rejected a valid case: {e}")),
        (Expect::Invalid, Ok(_)) => Outcome::Fail(format!("{op} accepted an invalid case")),
        (Expect::Invalid | Expect::Acceptable, Err(_)) => Outcome::Pass,
    }
}

/// Compares `got` with an expected value if there is one.
pub(crate) fn compare_opt(field: &str, expected: Option<&Vec<u8>>, got: &[u8]) -> Outcome {
    match expected {
        Some(e) => crate::report::compare(field, e, got),
        None => Outcome::Pass,
    }
}

/// Borrowed cases of one family, as any format holds them.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Batch<'a> {
    Aead(&'a [AeadCase]),
    Digest(&'a [DigestCase]),
    Kem(&'a [KemCase]),
    Signature(&'a [SigCase]),
    Block(&'a [BlockCase]),
    Stream(&'a [StreamCase]),
    /// Cases mamori-kat cannot run: why, and how many.
    Unsupported(&'a str, usize),
}

impl Batch<'_> {
    pub(crate) fn len(&self) -> usize {
        match *self {
            Batch::Aead(c) => c.len(),
            Batch::Digest(c) => c.len(),
            Batch::Kem(c) => c.len(),
            Batch::Signature(c) => c.len(),
            Batch::Block(c) => c.len(),
            Batch::Stream(c) => c.len(),
            Batch::Unsupported(_, n) => n,
        }
    }

    /// True if `e` is of the family these cases test (unsupported cases fit anything: they
    /// are skipped).
    pub(crate) fn fits(&self, e: Entry) -> bool {
        matches!(
            (self, e),
            (Batch::Aead(_), Entry::Aead(_))
                | (Batch::Digest(_), Entry::Hash(_) | Entry::Xof(_))
                | (Batch::Kem(_), Entry::Kem(_))
                | (Batch::Signature(_), Entry::Signature(_))
                | (Batch::Block(_), Entry::BlockCipher(_))
                | (Batch::Stream(_), Entry::StreamCipher(_))
                | (Batch::Unsupported(..), _)
        )
    }

    /// Runs every case on `e` through its family's checker and records the outcomes.
    /// Returns false, recording nothing, if the family does not fit.
    pub(crate) fn run(&self, e: Entry, tally: &mut Tally) -> bool {
        fn each<C>(
            cases: &[C],
            tally: &mut Tally,
            id: impl Fn(&C) -> &str,
            check: impl Fn(&C) -> Outcome,
        ) {
            for c in cases {
                tally.record(id(c), check(c));
            }
        }
        if !self.fits(e) {
            return false;
        }
        if let Batch::Unsupported(reason, n) = *self {
            tally.skip(reason, n);
            return true;
        }
        tally.ran_on(e.info().name);
        match (*self, e) {
            (Batch::Aead(c), Entry::Aead(a)) => each(c, tally, |c| &c.id, |c| aead::check(a, c)),
            (Batch::Digest(c), Entry::Hash(h)) => {
                each(c, tally, |c| &c.id, |c| digest::check_hash(h, c));
            }
            (Batch::Digest(c), Entry::Xof(x)) => {
                each(c, tally, |c| &c.id, |c| digest::check_xof(x, c));
            }
            (Batch::Kem(c), Entry::Kem(k)) => each(c, tally, |c| &c.id, |c| kem::check(k, c)),
            (Batch::Signature(c), Entry::Signature(s)) => {
                each(c, tally, |c| &c.id, |c| signature::check(s, c));
            }
            (Batch::Block(c), Entry::BlockCipher(b)) => {
                each(c, tally, |c| &c.id, |c| cipher::check_block(b, c));
            }
            (Batch::Stream(c), Entry::StreamCipher(s)) => {
                each(c, tally, |c| &c.id, |c| cipher::check_stream(s, c));
            }
            // `fits` admitted only the pairs above.
            _ => return false,
        }
        true
    }
}

/// One group of cases with the algorithm a format resolved for it.
pub(crate) struct Group<'a> {
    /// The algorithm name the file gives the group, if any (for mismatch messages).
    pub(crate) named: Option<&'a str>,
    /// What to do with it.
    pub(crate) resolved: Resolved,
    /// Its cases.
    pub(crate) batch: Batch<'a>,
}

/// Runs resolved groups, the loop every format shares: a group resolved to skip is counted
/// as skipped with its reason; one resolved to an algorithm runs through its family's
/// checker. If the caller asked for an algorithm and no group is for it, that is a mismatch
/// ("the `{vectors}` are for X, not Y"); a group whose family does not fit its algorithm is
/// a mismatch described by `unfit(group index, algorithm)`.
pub(crate) fn run_groups(
    groups: &[Group<'_>],
    requested: Option<Entry>,
    vectors: &str,
    tally: &mut Tally,
    unfit: impl Fn(usize, Entry) -> KatError,
) -> Result<(), KatError> {
    if let Some(req) = requested
        && !groups.is_empty()
        && !groups
            .iter()
            .any(|g| matches!(g.resolved, Resolved::Run(_)))
    {
        let mut names: Vec<&str> = groups.iter().filter_map(|g| g.named).collect();
        names.dedup();
        return Err(KatError::mismatch(format!(
            "the {vectors} are for {}, not {}",
            names.join(", "),
            req.info().name
        )));
    }
    for (i, g) in groups.iter().enumerate() {
        match &g.resolved {
            Resolved::Skip(reason) => tally.skip(reason, g.batch.len()),
            Resolved::Run(e) => {
                if !g.batch.run(*e, tally) {
                    return Err(unfit(i, *e));
                }
            }
        }
    }
    Ok(())
}
