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

use crate::report::Outcome;

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
