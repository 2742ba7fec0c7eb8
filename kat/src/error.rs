//! The one error type of the KAT engine: a one-line, user-facing message plus a coarse
//! [`ErrorKind`] for programs that want to react differently (exit codes, retries).

use std::fmt;

/// What went wrong, coarsely.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file or directory could not be read.
    Io,
    /// The content is none of the supported formats.
    UnknownFormat,
    /// The content has the right overall shape but is malformed: bad JSON syntax, bad hex,
    /// a missing or mistyped field, a bad LWC line.
    Malformed,
    /// An algorithm name that Mamori does not know.
    UnknownAlgorithm,
    /// Nothing tells which algorithm the vectors are for: the caller has to name it.
    AlgorithmNeeded,
    /// The vectors do not fit the algorithm: another family (hash vectors for an AEAD),
    /// another parameter set, or a file kind the algorithm cannot run.
    Mismatch,
    /// An ACVP prompt without its expected results, or a prompt and expected-results pair
    /// that do not belong together.
    Expected,
}

/// A KAT engine error. [`Display`](fmt::Display) gives one line meant for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KatError {
    kind: ErrorKind,
    message: String,
}

impl KatError {
    /// A new error.
    #[must_use]
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// The error's kind.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without any file prefix added by [`KatError::in_source`].
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Prefixes the message with `source: ` (a path or `bundled:<name>`).
    #[must_use]
    pub fn in_source(mut self, source: &str) -> Self {
        self.message = format!("{source}: {}", self.message);
        self
    }

    pub(crate) fn malformed(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Malformed, message)
    }

    pub(crate) fn mismatch(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Mismatch, message)
    }
}

impl fmt::Display for KatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line, whatever the inner messages carried.
        for (i, line) in self.message.lines().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(line.trim_end())?;
        }
        Ok(())
    }
}

impl std::error::Error for KatError {}
