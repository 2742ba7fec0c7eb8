//! Signature operations on keys parsed once, at set-up: what the `sign-parsed` and
//! `verify-parsed` measurements time.
//!
//! [`mamori_kat::dynamic::DynSignature`] works on byte encodings only: every call decodes
//! its key (for ML-DSA's expanded signing key that includes whatever checks the
//! implementation makes) and returns a `Vec`. That is the "bytes in, bytes out" comparison
//! of the `keygen`, `sign` and `verify` rows. [`ParsedSignature`] is the other half, as
//! [`crate::kem::ParsedKem`] is for KEMs: the keys are decoded into the implementation's own
//! key objects once, and signing writes into a caller buffer.
//!
//! Mamori's parsed keys are its `SigningKey` and `VerifyingKey` (the encodings, `tr` and the
//! verifying key; no cached matrix). Rows on keys with a cached expansion of `Â` belong
//! next to them once `mamori-sign` has such keys (see `EXPANDED KEYS` in
//! [`crate::peers`]).

use mamori_kat::dynamic::{Dispatch, DynAlgorithm};
use mamori_primitives::{Decode, Error, InputError, SignatureScheme};

/// A signature scheme whose keys can be parsed once and then used many times.
pub trait ParsedSignature: DynAlgorithm {
    /// Decodes (and validates, as `Decode` does) a verifying key and a signing key.
    ///
    /// # Errors
    /// [`InputError`] if either key is rejected.
    fn parse(&self, vk: &[u8], sk: &[u8]) -> Result<Box<dyn SignatureKeys>, InputError>;
}

/// A parsed key pair.
pub trait SignatureKeys {
    /// Signature length in bytes.
    fn signature_len(&self) -> usize;
    /// Signs `message` under `context` into `signature`; `randomness` `None` is
    /// deterministic signing (for the implementations that have it).
    ///
    /// # Errors
    /// [`InputError`] for an over-long context or a wrong randomness or output length.
    fn sign(
        &self,
        message: &[u8],
        context: &[u8],
        randomness: Option<&[u8]>,
        signature: &mut [u8],
    ) -> Result<(), InputError>;
    /// Verifies `signature` on `message` under `context` with the parsed verifying key.
    ///
    /// # Errors
    /// [`Error::Crypto`] for an invalid signature.
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error>;
}

struct Keys<T: SignatureScheme> {
    vk: T::VerifyingKey,
    sk: T::SigningKey,
}

impl<T: SignatureScheme> SignatureKeys for Keys<T> {
    fn signature_len(&self) -> usize {
        T::SIGNATURE_LEN
    }
    fn sign(
        &self,
        message: &[u8],
        context: &[u8],
        randomness: Option<&[u8]>,
        signature: &mut [u8],
    ) -> Result<(), InputError> {
        T::sign_into(&self.sk, message, context, randomness, signature)
    }
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        T::verify(&self.vk, message, context, signature)
    }
}

impl<T: SignatureScheme + 'static> ParsedSignature for Dispatch<T> {
    fn parse(&self, vk: &[u8], sk: &[u8]) -> Result<Box<dyn SignatureKeys>, InputError> {
        Ok(Box::new(Keys::<T> {
            vk: T::VerifyingKey::decode(vk)?,
            sk: T::SigningKey::decode(sk)?,
        }))
    }
}
