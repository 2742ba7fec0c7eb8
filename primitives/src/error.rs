//! Errors shared by every Mamori algorithm.
//!
//! Two kinds of failure are kept apart on purpose:
//!
//! * [`CryptoError`]: a cryptographic check failed (an AEAD tag did not verify, a signature
//!   is invalid). It is deliberately opaque: which byte differed, or which check failed, is
//!   exactly what an attacker would like to learn.
//! * [`InputError`]: misuse the caller can fix (a key of the wrong length, a context string
//!   that is too long). These are reported before any secret-dependent work starts and say
//!   precisely what was wrong.
//!
//! [`Error`] is the sum of both, for operations that can fail either way (for example AEAD
//! decryption with a nonce of the wrong length, or with a forged tag).

use core::fmt;

/// A cryptographic check failed. Carries no detail by design.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct CryptoError;

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cryptographic verification failed")
    }
}

impl core::error::Error for CryptoError {}

/// Which parameter of an operation an [`InputError`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Param {
    /// A secret key (symmetric).
    Key,
    /// A nonce or initialisation vector.
    Nonce,
    /// An authentication tag.
    Tag,
    /// Associated data.
    AssociatedData,
    /// A plaintext message.
    Message,
    /// A ciphertext.
    Ciphertext,
    /// A caller-provided output buffer.
    Output,
    /// A block of a block cipher.
    Block,
    /// A key-generation seed.
    Seed,
    /// Randomness consumed by a deterministic operation (encapsulation, hedged signing).
    Randomness,
    /// A customization string (CXOF, cSHAKE).
    Customization,
    /// A signature context string.
    Context,
    /// A KEM encapsulation (public) key.
    EncapsulationKey,
    /// A KEM decapsulation (private) key.
    DecapsulationKey,
    /// A signature signing (private) key.
    SigningKey,
    /// A signature verifying (public) key.
    VerifyingKey,
    /// A signature.
    Signature,
}

impl Param {
    /// Lower-case human-readable name, e.g. `"nonce"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Param::Key => "key",
            Param::Nonce => "nonce",
            Param::Tag => "tag",
            Param::AssociatedData => "associated data",
            Param::Message => "message",
            Param::Ciphertext => "ciphertext",
            Param::Output => "output buffer",
            Param::Block => "block",
            Param::Seed => "seed",
            Param::Randomness => "randomness",
            Param::Customization => "customization string",
            Param::Context => "context string",
            Param::EncapsulationKey => "encapsulation key",
            Param::DecapsulationKey => "decapsulation key",
            Param::SigningKey => "signing key",
            Param::VerifyingKey => "verifying key",
            Param::Signature => "signature",
        }
    }
}

/// Misuse the caller can fix. Reported before any secret-dependent computation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputError {
    /// A fixed-length parameter has the wrong length.
    Length {
        /// The parameter.
        param: Param,
        /// The length it must have, in bytes.
        expected: usize,
        /// The length it had, in bytes.
        actual: usize,
    },
    /// A parameter's length must be a multiple of some unit (e.g. whole cipher blocks).
    NotMultiple {
        /// The parameter.
        param: Param,
        /// The unit, in bytes.
        of: usize,
        /// The length it had, in bytes.
        actual: usize,
    },
    /// A variable-length parameter exceeds its limit.
    TooLong {
        /// The parameter.
        param: Param,
        /// The largest permitted length, in bytes.
        max: u64,
    },
    /// An encoding failed a validity check required by the standard (e.g. FIPS 203 §7.2).
    Malformed {
        /// The parameter.
        param: Param,
    },
}

impl InputError {
    /// Checks that `actual` is exactly `expected` bytes long.
    ///
    /// # Errors
    /// [`InputError::Length`] if the lengths differ.
    #[inline]
    pub const fn check_len(param: Param, expected: usize, actual: usize) -> Result<(), Self> {
        if expected == actual {
            Ok(())
        } else {
            Err(InputError::Length {
                param,
                expected,
                actual,
            })
        }
    }

    /// Checks that `actual` is at most `max` bytes long.
    ///
    /// # Errors
    /// [`InputError::TooLong`] if `actual > max`.
    #[inline]
    pub const fn check_max(param: Param, max: u64, actual: usize) -> Result<(), Self> {
        // usize is at most 64 bits on every supported target.
        if actual as u64 <= max {
            Ok(())
        } else {
            Err(InputError::TooLong { param, max })
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            InputError::Length {
                param,
                expected,
                actual,
            } => write!(
                f,
                "wrong {} length: expected {expected} bytes, got {actual}",
                param.name()
            ),
            InputError::NotMultiple { param, of, actual } => write!(
                f,
                "{} length must be a multiple of {of} bytes, got {actual}",
                param.name()
            ),
            InputError::TooLong { param, max } => {
                write!(f, "{} too long: at most {max} bytes", param.name())
            }
            InputError::Malformed { param } => write!(f, "malformed {}", param.name()),
        }
    }
}

impl core::error::Error for InputError {}

/// Either a cryptographic failure or caller misuse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// A cryptographic check failed (opaque).
    Crypto(CryptoError),
    /// The caller passed unusable input.
    Input(InputError),
}

impl Error {
    /// True if this is the opaque cryptographic failure.
    #[must_use]
    pub const fn is_crypto(&self) -> bool {
        matches!(self, Error::Crypto(_))
    }
}

impl From<CryptoError> for Error {
    fn from(e: CryptoError) -> Self {
        Error::Crypto(e)
    }
}

impl From<InputError> for Error {
    fn from(e: InputError) -> Self {
        Error::Input(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Crypto(e) => e.fmt(f),
            Error::Input(e) => e.fmt(f),
        }
    }
}

impl core::error::Error for Error {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Error::Crypto(e) => Some(e),
            Error::Input(e) => Some(e),
        }
    }
}
