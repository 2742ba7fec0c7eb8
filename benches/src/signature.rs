//! Signature operations on keys parsed once, at set-up: what the `sign-parsed` and
//! `verify-parsed` measurements time.
//!
//! [`mamori_kat::dynamic::DynSignature`] works on byte encodings only: every call decodes
//! its key and returns a `Vec` (signing goes through `SignatureScheme::sign_encoded`, for
//! Mamori's ML-DSA FIPS 204's `Sign` on the encoding with its coefficient-range check, not
//! the costlier consistency check of `SigningKey::from_expanded`). That is the "bytes in, bytes out" comparison
//! of the `keygen`, `sign` and `verify` rows. [`ParsedSignature`] is the other half, as
//! [`crate::kem::ParsedKem`] is for KEMs: the keys are decoded into the implementation's own
//! key objects once, and signing writes into a caller buffer.
//!
//! Mamori's parsed ML-DSA keys are its `ExpandedSigningKey` and `ExpandedVerifyingKey`
//! ([`MamoriExpanded`]): `Â` and the secret vectors in the NTT domain, computed once, as
//! RustCrypto `ml-dsa`'s parsed keys hold them. The plain `SigningKey` / `VerifyingKey`
//! (encodings only) are what the from-bytes rows decode on every call.

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

/// Mamori's parsed-key view of ML-DSA parameter set `T`: the keys with the cached matrix
/// (`ml_dsa_NN::ExpandedSigningKey` / `ExpandedVerifyingKey`).
pub struct MamoriExpanded<T>(core::marker::PhantomData<T>);

impl<T> MamoriExpanded<T> {
    /// The view.
    pub const NEW: Self = Self(core::marker::PhantomData);
}

/// One parameter set's expanded keys behind [`SignatureKeys`].
macro_rules! mamori_expanded {
    ($marker:ident, $module:ident) => {
        impl DynAlgorithm for MamoriExpanded<mamori_sign::$marker> {
            fn info(&self) -> &'static mamori_primitives::AlgorithmInfo {
                Dispatch::<mamori_sign::$marker>::NEW.info()
            }
            fn backend(&self) -> mamori_primitives::Backend {
                Dispatch::<mamori_sign::$marker>::NEW.backend()
            }
        }

        impl ParsedSignature for MamoriExpanded<mamori_sign::$marker> {
            fn parse(&self, vk: &[u8], sk: &[u8]) -> Result<Box<dyn SignatureKeys>, InputError> {
                use mamori_sign::$module::{ExpandedSigningKey, ExpandedVerifyingKey};
                let vk = mamori_sign::$module::VerifyingKey::from_bytes(vk)?;
                let sk = mamori_sign::$module::SigningKey::from_expanded(sk)?;
                Ok(Box::new((
                    Box::new(ExpandedVerifyingKey::from(&vk)),
                    Box::new(ExpandedSigningKey::from(&sk)),
                )))
            }
        }

        impl SignatureKeys
            for (
                Box<mamori_sign::$module::ExpandedVerifyingKey>,
                Box<mamori_sign::$module::ExpandedSigningKey>,
            )
        {
            fn signature_len(&self) -> usize {
                mamori_sign::$module::SIGNATURE_LEN
            }
            fn sign(
                &self,
                message: &[u8],
                context: &[u8],
                randomness: Option<&[u8]>,
                signature: &mut [u8],
            ) -> Result<(), InputError> {
                const RND: usize = mamori_sign::ml_dsa::RANDOMNESS_LEN;
                let rnd: [u8; RND] = match randomness {
                    None => [0; RND],
                    Some(r) => r.try_into().map_err(|_| InputError::Length {
                        param: mamori_primitives::Param::Randomness,
                        expected: RND,
                        actual: r.len(),
                    })?,
                };
                InputError::check_len(
                    mamori_primitives::Param::Output,
                    mamori_sign::$module::SIGNATURE_LEN,
                    signature.len(),
                )?;
                let sig = self.1.sign_with_randomness(message, context, &rnd)?;
                signature.copy_from_slice(sig.as_bytes());
                Ok(())
            }
            fn verify(
                &self,
                message: &[u8],
                context: &[u8],
                signature: &[u8],
            ) -> Result<(), Error> {
                self.0.verify(message, context, signature)
            }
        }
    };
}
mamori_expanded!(MlDsa44, ml_dsa_44);
mamori_expanded!(MlDsa65, ml_dsa_65);
mamori_expanded!(MlDsa87, ml_dsa_87);
