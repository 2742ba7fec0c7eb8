//! Object-safe, byte-oriented views of the trait layer, implemented once for every
//! algorithm type through [`Dispatch`]. The KAT runners, the benchmark engine and the CLI
//! work on these, so a new algorithm only has to implement its family trait and be listed
//! in [`crate::registry`].

use mamori_primitives::{
    Aead, Algorithm, AlgorithmInfo, Backend, BlockCipher, Decode, Encode, Error, Hash, InputError,
    Kem, Param, SignatureScheme, StreamCipher, Xof, XofReader,
};
use std::boxed::Box;
use std::marker::PhantomData;
use std::vec::Vec;

mod ml_dsa;
pub use ml_dsa::{MlDsaDispatch, MlDsaSet};

/// Zero-sized adaptor from a trait-layer type `T` to the `Dyn*` traits.
pub struct Dispatch<T>(PhantomData<fn() -> T>);

impl<T> Dispatch<T> {
    /// The adaptor value (usable in `static` context).
    pub const NEW: Self = Dispatch(PhantomData);
}

/// Metadata shared by every dynamic algorithm view.
pub trait DynAlgorithm: Send + Sync {
    /// Static metadata.
    fn info(&self) -> &'static AlgorithmInfo;
    /// Backend this CPU runs.
    fn backend(&self) -> Backend;
}

impl<T: Algorithm> DynAlgorithm for Dispatch<T> {
    fn info(&self) -> &'static AlgorithmInfo {
        &T::INFO
    }
    fn backend(&self) -> Backend {
        T::backend()
    }
}

/// An AEAD, keyed on demand.
pub trait DynAead: DynAlgorithm {
    /// Key length in bytes.
    fn key_len(&self) -> usize;
    /// Nonce length in bytes.
    fn nonce_len(&self) -> usize;
    /// Tag length in bytes.
    fn tag_len(&self) -> usize;
    /// Sets up `key`.
    ///
    /// # Errors
    /// [`InputError`] for a wrong key length.
    fn with_key(&self, key: &[u8]) -> Result<Box<dyn KeyedAead>, InputError>;
}

/// A keyed AEAD instance.
pub trait KeyedAead {
    /// Backend chosen for this key.
    fn backend(&self) -> Backend;
    /// [`Aead::seal_in_place`].
    ///
    /// # Errors
    /// As [`Aead::seal_in_place`].
    fn seal(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buf: &mut [u8],
        tag: &mut [u8],
    ) -> Result<(), InputError>;
    /// [`Aead::open_in_place`].
    ///
    /// # Errors
    /// As [`Aead::open_in_place`].
    fn open(&self, nonce: &[u8], ad: &[u8], buf: &mut [u8], tag: &[u8]) -> Result<(), Error>;
}

impl<T: Aead + 'static> KeyedAead for T {
    fn backend(&self) -> Backend {
        self.active_backend()
    }
    fn seal(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buf: &mut [u8],
        tag: &mut [u8],
    ) -> Result<(), InputError> {
        self.seal_in_place(nonce, ad, buf, tag)
    }
    fn open(&self, nonce: &[u8], ad: &[u8], buf: &mut [u8], tag: &[u8]) -> Result<(), Error> {
        self.open_in_place(nonce, ad, buf, tag)
    }
}

impl<T: Aead + 'static> DynAead for Dispatch<T> {
    fn key_len(&self) -> usize {
        T::KEY_LEN
    }
    fn nonce_len(&self) -> usize {
        T::NONCE_LEN
    }
    fn tag_len(&self) -> usize {
        T::TAG_LEN
    }
    fn with_key(&self, key: &[u8]) -> Result<Box<dyn KeyedAead>, InputError> {
        Ok(Box::new(T::new(key)?))
    }
}

/// A fixed-output hash.
pub trait DynHash: DynAlgorithm {
    /// Digest length in bytes.
    fn output_len(&self) -> usize;
    /// One-shot digest of `data` into `out`.
    ///
    /// # Errors
    /// [`InputError::Length`] if `out` is not [`output_len`](DynHash::output_len) bytes.
    fn hash(&self, data: &[u8], out: &mut [u8]) -> Result<(), InputError>;
}

impl<T: Hash + 'static> DynHash for Dispatch<T> {
    fn output_len(&self) -> usize {
        T::OUTPUT_LEN
    }
    fn hash(&self, data: &[u8], out: &mut [u8]) -> Result<(), InputError> {
        InputError::check_len(Param::Output, T::OUTPUT_LEN, out.len())?;
        out.copy_from_slice(T::digest(data).as_ref());
        Ok(())
    }
}

/// An extendable-output function.
pub trait DynXof: DynAlgorithm {
    /// Longest customization string accepted (0: not customizable).
    fn max_customization_len(&self) -> usize;
    /// Absorbs `data` under `customization` and fills `out`.
    ///
    /// # Errors
    /// [`InputError::TooLong`] for an over-long customization string.
    fn xof(&self, customization: &[u8], data: &[u8], out: &mut [u8]) -> Result<(), InputError>;
}

impl<T: Xof + 'static> DynXof for Dispatch<T> {
    fn max_customization_len(&self) -> usize {
        T::MAX_CUSTOMIZATION_LEN
    }
    fn xof(&self, customization: &[u8], data: &[u8], out: &mut [u8]) -> Result<(), InputError> {
        let mut x = T::new_customized(customization)?;
        x.update(data);
        x.finalize_xof().read(out);
        Ok(())
    }
}

fn encode<E: Encode>(value: &E) -> Vec<u8> {
    let mut out = vec![0u8; E::ENCODED_LEN];
    // The buffer has exactly ENCODED_LEN bytes, the only length `encode_into` rejects.
    if value.encode_into(&mut out).is_err() {
        out.clear();
    }
    out
}

/// A KEM over byte encodings.
pub trait DynKem: DynAlgorithm {
    /// Key generation from a seed: `(encapsulation key, decapsulation key)` encodings.
    ///
    /// # Errors
    /// [`InputError`] for a wrong seed length.
    fn keygen_from_seed(&self, seed: &[u8]) -> Result<(Vec<u8>, Vec<u8>), InputError>;
    /// Deterministic encapsulation: `(ciphertext, shared secret)`.
    ///
    /// # Errors
    /// [`InputError`] for a malformed key or wrong randomness length.
    fn encapsulate(&self, ek: &[u8], randomness: &[u8]) -> Result<(Vec<u8>, Vec<u8>), InputError>;
    /// Decapsulation: the shared secret (implicit rejection for bad ciphertexts).
    ///
    /// # Errors
    /// [`InputError`] for a malformed key or a wrong ciphertext length.
    fn decapsulate(&self, dk: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, InputError>;
    /// Validates an encapsulation key (e.g. FIPS 203 §7.2).
    ///
    /// # Errors
    /// [`InputError`] if the key is rejected.
    fn check_encapsulation_key(&self, ek: &[u8]) -> Result<(), InputError>;
    /// Validates a decapsulation key (e.g. FIPS 203 §7.3).
    ///
    /// # Errors
    /// [`InputError`] if the key is rejected.
    fn check_decapsulation_key(&self, dk: &[u8]) -> Result<(), InputError>;
}

impl<T: Kem + 'static> DynKem for Dispatch<T> {
    fn keygen_from_seed(&self, seed: &[u8]) -> Result<(Vec<u8>, Vec<u8>), InputError> {
        let (dk, ek) = T::keygen_from_seed(seed)?;
        Ok((encode(&ek), encode(&dk)))
    }
    fn encapsulate(&self, ek: &[u8], randomness: &[u8]) -> Result<(Vec<u8>, Vec<u8>), InputError> {
        let ek = T::EncapsulationKey::decode(ek)?;
        let (ct, ss) = T::encapsulate_deterministic(&ek, randomness)?;
        Ok((ct.as_ref().to_vec(), ss.as_ref().to_vec()))
    }
    fn decapsulate(&self, dk: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, InputError> {
        Ok(T::decapsulate_encoded(dk, ciphertext)?.as_ref().to_vec())
    }
    fn check_encapsulation_key(&self, ek: &[u8]) -> Result<(), InputError> {
        T::EncapsulationKey::decode(ek).map(drop)
    }
    fn check_decapsulation_key(&self, dk: &[u8]) -> Result<(), InputError> {
        T::DecapsulationKey::decode(dk).map(drop)
    }
}

/// A signature scheme over byte encodings.
pub trait DynSignature: DynAlgorithm {
    /// Key generation from a seed: `(verifying key, signing key)` encodings.
    ///
    /// # Errors
    /// [`InputError`] for a wrong seed length.
    fn keygen_from_seed(&self, seed: &[u8]) -> Result<(Vec<u8>, Vec<u8>), InputError>;
    /// Signs; `randomness` `None` is deterministic signing.
    ///
    /// # Errors
    /// [`InputError`] for a malformed key, an over-long context or wrong randomness length.
    fn sign(
        &self,
        sk: &[u8],
        message: &[u8],
        context: &[u8],
        randomness: Option<&[u8]>,
    ) -> Result<Vec<u8>, InputError>;
    /// Verifies.
    ///
    /// # Errors
    /// [`Error::Crypto`] for an invalid signature, [`Error::Input`] for a malformed key.
    fn verify(
        &self,
        vk: &[u8],
        message: &[u8],
        context: &[u8],
        signature: &[u8],
    ) -> Result<(), Error>;
    /// Signs through `interface`, one of the interfaces beyond the trait layer's external,
    /// pure one; `randomness` `None` is deterministic signing. `None` if the scheme does not
    /// offer `interface` (the default: [`SignatureScheme`] has none of them).
    fn sign_via(
        &self,
        interface: SigVia<'_>,
        sk: &[u8],
        message: &[u8],
        context: &[u8],
        randomness: Option<&[u8]>,
    ) -> Option<Result<Vec<u8>, InputError>> {
        let _ = (interface, sk, message, context, randomness);
        None
    }
    /// Verifies through `interface`; `None` if the scheme does not offer it.
    fn verify_via(
        &self,
        interface: SigVia<'_>,
        vk: &[u8],
        message: &[u8],
        context: &[u8],
        signature: &[u8],
    ) -> Option<Result<(), Error>> {
        let _ = (interface, vk, message, context, signature);
        None
    }
}

/// A signing interface besides the external, pure one of [`SignatureScheme`] (FIPS 204
/// names), for [`DynSignature::sign_via`] and [`DynSignature::verify_via`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SigVia<'a> {
    /// The internal interface on an already formatted message `M'` (`Sign_internal`,
    /// `Verify_internal`); the context is not used.
    Internal,
    /// The internal interface on an externally computed message representative `μ` (the
    /// message); the context is not used.
    ExternalMu,
    /// Pre-hash signing (HashML-DSA) of the message with the hash function of this name, as
    /// ACVP writes it (`SHA2-256`, `SHA2-512/224`, `SHA3-384`, `SHAKE-128`, ...). The view
    /// hashes the message.
    PreHash(&'a str),
}

impl<T: SignatureScheme + 'static> DynSignature for Dispatch<T> {
    fn keygen_from_seed(&self, seed: &[u8]) -> Result<(Vec<u8>, Vec<u8>), InputError> {
        let (sk, vk) = T::keygen_from_seed(seed)?;
        Ok((encode(&vk), encode(&sk)))
    }
    fn sign(
        &self,
        sk: &[u8],
        message: &[u8],
        context: &[u8],
        randomness: Option<&[u8]>,
    ) -> Result<Vec<u8>, InputError> {
        let mut sig = vec![0u8; T::SIGNATURE_LEN];
        T::sign_encoded(sk, message, context, randomness, &mut sig)?;
        Ok(sig)
    }
    fn verify(
        &self,
        vk: &[u8],
        message: &[u8],
        context: &[u8],
        signature: &[u8],
    ) -> Result<(), Error> {
        let vk = T::VerifyingKey::decode(vk)?;
        T::verify(&vk, message, context, signature)
    }
}

/// A block cipher.
pub trait DynBlockCipher: DynAlgorithm {
    /// Block length in bytes.
    fn block_len(&self) -> usize;
    /// Encrypts (`decrypt == false`) or decrypts whole blocks in place under `key`.
    ///
    /// # Errors
    /// [`InputError`] for a wrong key length or a partial block.
    fn process(&self, key: &[u8], blocks: &mut [u8], decrypt: bool) -> Result<(), InputError>;
}

impl<T: BlockCipher + 'static> DynBlockCipher for Dispatch<T> {
    fn block_len(&self) -> usize {
        T::BLOCK_LEN
    }
    fn process(&self, key: &[u8], blocks: &mut [u8], decrypt: bool) -> Result<(), InputError> {
        let c = T::new(key)?;
        if decrypt {
            c.decrypt_blocks(blocks)
        } else {
            c.encrypt_blocks(blocks)
        }
    }
}

/// A stream cipher.
pub trait DynStreamCipher: DynAlgorithm {
    /// XORs the keystream for `key`/`iv` into `buf`.
    ///
    /// # Errors
    /// [`InputError`] for a wrong key or IV length.
    fn apply(&self, key: &[u8], iv: &[u8], buf: &mut [u8]) -> Result<(), InputError>;
}

impl<T: StreamCipher + 'static> DynStreamCipher for Dispatch<T> {
    fn apply(&self, key: &[u8], iv: &[u8], buf: &mut [u8]) -> Result<(), InputError> {
        T::new(key, iv)?.apply_keystream(buf);
        Ok(())
    }
}
