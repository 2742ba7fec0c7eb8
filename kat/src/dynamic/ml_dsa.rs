//! The dynamic view of ML-DSA: the trait layer through [`Dispatch`], plus the interfaces
//! FIPS 204 has beyond it (internal, external `μ`, HashML-DSA) through the typed API of
//! each parameter set in `mamori-sign`.

use super::{Dispatch, DynAlgorithm, DynSignature, SigVia};
use mamori_primitives::{AlgorithmInfo, Backend, Error, InputError, Param, SignatureScheme};
use mamori_sign::ml_dsa::{MU_LEN, RANDOMNESS_LEN};
use mamori_sign::{MlDsa44, MlDsa65, MlDsa87, PreHash, PreHashed};
use sha2::Digest;
use std::marker::PhantomData;
use std::vec::Vec;

/// Zero-sized adaptor from an ML-DSA parameter set (`MlDsa44`, `MlDsa65`, `MlDsa87`) to
/// [`DynSignature`] with every FIPS 204 interface: what [`Dispatch`] offers, plus
/// [`DynSignature::sign_via`] and [`DynSignature::verify_via`].
pub struct MlDsaDispatch<T>(PhantomData<fn() -> T>);

impl<T> MlDsaDispatch<T> {
    /// The adaptor value (usable in `static` context).
    pub const NEW: Self = MlDsaDispatch(PhantomData);
}

/// The typed operations of one parameter set, over byte slices.
pub trait MlDsaSet: SignatureScheme + 'static {
    /// `Sign_internal` on `M'`.
    ///
    /// # Errors
    /// A malformed signing key.
    fn sign_internal(
        sk: &[u8],
        message: &[u8],
        rnd: &[u8; RANDOMNESS_LEN],
    ) -> Result<Vec<u8>, InputError>;
    /// Signing on `μ`.
    ///
    /// # Errors
    /// A malformed signing key.
    fn sign_mu(
        sk: &[u8],
        mu: &[u8; MU_LEN],
        rnd: &[u8; RANDOMNESS_LEN],
    ) -> Result<Vec<u8>, InputError>;
    /// `HashML-DSA.Sign`.
    ///
    /// # Errors
    /// A malformed signing key or an over-long context.
    fn sign_prehashed(
        sk: &[u8],
        digest: &PreHashed,
        context: &[u8],
        rnd: &[u8; RANDOMNESS_LEN],
    ) -> Result<Vec<u8>, InputError>;
    /// `Verify_internal` on `M'`.
    ///
    /// # Errors
    /// A malformed key or an invalid signature.
    fn verify_internal(vk: &[u8], message: &[u8], signature: &[u8]) -> Result<(), Error>;
    /// Verification on `μ`.
    ///
    /// # Errors
    /// A malformed key or an invalid signature.
    fn verify_mu(vk: &[u8], mu: &[u8; MU_LEN], signature: &[u8]) -> Result<(), Error>;
    /// `HashML-DSA.Verify`.
    ///
    /// # Errors
    /// A malformed key, an over-long context or an invalid signature.
    fn verify_prehashed(
        vk: &[u8],
        digest: &PreHashed,
        context: &[u8],
        signature: &[u8],
    ) -> Result<(), Error>;
}

macro_rules! ml_dsa_set {
    ($marker:ident, $module:ident) => {
        impl MlDsaSet for $marker {
            fn sign_internal(
                sk: &[u8],
                message: &[u8],
                rnd: &[u8; RANDOMNESS_LEN],
            ) -> Result<Vec<u8>, InputError> {
                let sk = mamori_sign::$module::SigningKey::from_expanded(sk)?;
                Ok(sk.sign_internal(message, rnd).as_bytes().to_vec())
            }
            fn sign_mu(
                sk: &[u8],
                mu: &[u8; MU_LEN],
                rnd: &[u8; RANDOMNESS_LEN],
            ) -> Result<Vec<u8>, InputError> {
                let sk = mamori_sign::$module::SigningKey::from_expanded(sk)?;
                Ok(sk.sign_mu(mu, rnd).as_bytes().to_vec())
            }
            fn sign_prehashed(
                sk: &[u8],
                digest: &PreHashed,
                context: &[u8],
                rnd: &[u8; RANDOMNESS_LEN],
            ) -> Result<Vec<u8>, InputError> {
                let sk = mamori_sign::$module::SigningKey::from_expanded(sk)?;
                Ok(sk.sign_prehashed(digest, context, rnd)?.as_bytes().to_vec())
            }
            fn verify_internal(vk: &[u8], message: &[u8], signature: &[u8]) -> Result<(), Error> {
                let vk = mamori_sign::$module::VerifyingKey::from_bytes(vk)?;
                Ok(vk.verify_internal(message, signature)?)
            }
            fn verify_mu(vk: &[u8], mu: &[u8; MU_LEN], signature: &[u8]) -> Result<(), Error> {
                let vk = mamori_sign::$module::VerifyingKey::from_bytes(vk)?;
                Ok(vk.verify_mu(mu, signature)?)
            }
            fn verify_prehashed(
                vk: &[u8],
                digest: &PreHashed,
                context: &[u8],
                signature: &[u8],
            ) -> Result<(), Error> {
                let vk = mamori_sign::$module::VerifyingKey::from_bytes(vk)?;
                vk.verify_prehashed(digest, context, signature)
            }
        }
    };
}

ml_dsa_set!(MlDsa44, ml_dsa_44);
ml_dsa_set!(MlDsa65, ml_dsa_65);
ml_dsa_set!(MlDsa87, ml_dsa_87);

/// `PH(M)` with the function ACVP calls `name`: SHA-3 and SHAKE by Mamori, SHA-2 by
/// RustCrypto `sha2`. `None` for a name FIPS 204 does not list.
pub(crate) fn prehash(name: &str, message: &[u8]) -> Option<PreHashed> {
    let alg = PreHash::from_name(name)?;
    if let Some(p) = PreHashed::hash(alg, message) {
        return Some(p);
    }
    let digest: Vec<u8> = match alg {
        PreHash::Sha2_224 => sha2::Sha224::digest(message).to_vec(),
        PreHash::Sha2_256 => sha2::Sha256::digest(message).to_vec(),
        PreHash::Sha2_384 => sha2::Sha384::digest(message).to_vec(),
        PreHash::Sha2_512 => sha2::Sha512::digest(message).to_vec(),
        PreHash::Sha2_512_224 => sha2::Sha512_224::digest(message).to_vec(),
        PreHash::Sha2_512_256 => sha2::Sha512_256::digest(message).to_vec(),
        _ => return None,
    };
    PreHashed::from_digest(alg, &digest).ok()
}

/// The signing randomness: all zero for deterministic signing.
fn randomness(r: Option<&[u8]>) -> Result<[u8; RANDOMNESS_LEN], InputError> {
    match r {
        None => Ok([0; RANDOMNESS_LEN]),
        Some(r) => r.try_into().map_err(|_| InputError::Length {
            param: Param::Randomness,
            expected: RANDOMNESS_LEN,
            actual: r.len(),
        }),
    }
}

fn mu(m: &[u8]) -> Result<&[u8; MU_LEN], InputError> {
    m.try_into().map_err(|_| InputError::Length {
        param: Param::Message,
        expected: MU_LEN,
        actual: m.len(),
    })
}

impl<T: MlDsaSet> DynAlgorithm for MlDsaDispatch<T> {
    fn info(&self) -> &'static AlgorithmInfo {
        Dispatch::<T>::NEW.info()
    }
    fn backend(&self) -> Backend {
        Dispatch::<T>::NEW.backend()
    }
}

impl<T: MlDsaSet> DynSignature for MlDsaDispatch<T> {
    fn keygen_from_seed(&self, seed: &[u8]) -> Result<(Vec<u8>, Vec<u8>), InputError> {
        Dispatch::<T>::NEW.keygen_from_seed(seed)
    }
    fn sign(
        &self,
        sk: &[u8],
        message: &[u8],
        context: &[u8],
        randomness: Option<&[u8]>,
    ) -> Result<Vec<u8>, InputError> {
        Dispatch::<T>::NEW.sign(sk, message, context, randomness)
    }
    fn verify(
        &self,
        vk: &[u8],
        message: &[u8],
        context: &[u8],
        signature: &[u8],
    ) -> Result<(), Error> {
        Dispatch::<T>::NEW.verify(vk, message, context, signature)
    }
    fn sign_via(
        &self,
        interface: SigVia<'_>,
        sk: &[u8],
        message: &[u8],
        context: &[u8],
        rnd: Option<&[u8]>,
    ) -> Option<Result<Vec<u8>, InputError>> {
        Some(match interface {
            SigVia::Internal => randomness(rnd).and_then(|r| T::sign_internal(sk, message, &r)),
            SigVia::ExternalMu => {
                randomness(rnd).and_then(|r| mu(message).and_then(|m| T::sign_mu(sk, m, &r)))
            }
            SigVia::PreHash(name) => {
                let digest = prehash(name, message)?;
                randomness(rnd).and_then(|r| T::sign_prehashed(sk, &digest, context, &r))
            }
        })
    }
    fn verify_via(
        &self,
        interface: SigVia<'_>,
        vk: &[u8],
        message: &[u8],
        context: &[u8],
        signature: &[u8],
    ) -> Option<Result<(), Error>> {
        Some(match interface {
            SigVia::Internal => T::verify_internal(vk, message, signature),
            SigVia::ExternalMu => mu(message)
                .map_err(Error::from)
                .and_then(|m| T::verify_mu(vk, m, signature)),
            SigVia::PreHash(name) => {
                let digest = prehash(name, message)?;
                T::verify_prehashed(vk, &digest, context, signature)
            }
        })
    }
}
