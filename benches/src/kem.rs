//! KEM operations on keys parsed once, at set-up: what the `encaps-parsed` and
//! `decaps-parsed` measurements time.
//!
//! [`mamori_kat::dynamic::DynKem`] works on byte encodings only: every call decodes and
//! validates its key, then returns `Vec`s. That is the like-for-like "bytes in, bytes out"
//! comparison the `keygen`, `encaps` and `decaps` rows make. [`ParsedKem`] is the other half:
//! the keys are decoded into the implementation's own key objects once, and the operations
//! write into caller buffers, so nothing is parsed or allocated while timing (beyond what the
//! implementation itself does).
//!
//! It is implemented for every [`Dispatch<T>`](Dispatch) with `T: Kem`, exactly like the
//! registry's dynamic views, but a `&dyn DynKem` cannot be turned back into its type, so
//! [`crate::peers::parsed_kem`] lists each implementation's view next to its registry or
//! peer entry. (Moving [`ParsedKem::parse`] into `DynKem`, as `DynAead::with_key` is for
//! AEADs, would make that list unnecessary.)

use mamori_kat::dynamic::{Dispatch, DynAlgorithm};
use mamori_primitives::{Decode, InputError, Kem, Param};

/// A KEM whose keys can be parsed once and then used many times.
pub trait ParsedKem: DynAlgorithm {
    /// Decodes (and validates, as `Decode` does) an encapsulation key and a decapsulation key.
    ///
    /// # Errors
    /// [`InputError`] if either key is rejected.
    fn parse(&self, ek: &[u8], dk: &[u8]) -> Result<Box<dyn KemKeys>, InputError>;
}

/// A parsed key pair.
pub trait KemKeys {
    /// Ciphertext length in bytes.
    fn ciphertext_len(&self) -> usize;
    /// Shared-secret length in bytes.
    fn shared_secret_len(&self) -> usize;
    /// Encapsulation randomness length in bytes.
    fn randomness_len(&self) -> usize;
    /// Deterministic encapsulation to the parsed encapsulation key, into `ct` and `ss`.
    ///
    /// # Errors
    /// [`InputError`] for a wrong randomness or output length.
    fn encapsulate(
        &self,
        randomness: &[u8],
        ct: &mut [u8],
        ss: &mut [u8],
    ) -> Result<(), InputError>;
    /// Decapsulation with the parsed decapsulation key, into `ss`.
    ///
    /// # Errors
    /// [`InputError`] for a wrong ciphertext or output length.
    fn decapsulate(&self, ct: &[u8], ss: &mut [u8]) -> Result<(), InputError>;
}

struct Keys<T: Kem> {
    ek: T::EncapsulationKey,
    dk: T::DecapsulationKey,
}

fn copy_out(src: &[u8], out: &mut [u8]) -> Result<(), InputError> {
    InputError::check_len(Param::Output, src.len(), out.len())?;
    out.copy_from_slice(src);
    Ok(())
}

impl<T: Kem> KemKeys for Keys<T> {
    fn ciphertext_len(&self) -> usize {
        T::CIPHERTEXT_LEN
    }
    fn shared_secret_len(&self) -> usize {
        T::SHARED_SECRET_LEN
    }
    fn randomness_len(&self) -> usize {
        T::ENCAPS_RANDOMNESS_LEN
    }
    fn encapsulate(
        &self,
        randomness: &[u8],
        ct: &mut [u8],
        ss: &mut [u8],
    ) -> Result<(), InputError> {
        let (c, k) = T::encapsulate_deterministic(&self.ek, randomness)?;
        copy_out(c.as_ref(), ct)?;
        copy_out(k.as_ref(), ss)
    }
    fn decapsulate(&self, ct: &[u8], ss: &mut [u8]) -> Result<(), InputError> {
        copy_out(T::decapsulate(&self.dk, ct)?.as_ref(), ss)
    }
}

impl<T: Kem + 'static> ParsedKem for Dispatch<T> {
    fn parse(&self, ek: &[u8], dk: &[u8]) -> Result<Box<dyn KemKeys>, InputError> {
        Ok(Box::new(Keys::<T> {
            ek: T::EncapsulationKey::decode(ek)?,
            dk: T::DecapsulationKey::decode(dk)?,
        }))
    }
}
