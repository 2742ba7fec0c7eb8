use crate::{Algorithm, Decode, Encode, Error, InputError};
use rand_core::CryptoRng;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// A digital signature scheme with context strings and optional signing randomness
/// (FIPS 204 / FIPS 205 external interface).
pub trait SignatureScheme: Algorithm + Sized {
    /// Key-generation seed length in bytes.
    const SEED_LEN: usize;
    /// Signing-key length in bytes (the standard's expanded encoding).
    const SIGNING_KEY_LEN: usize;
    /// Verifying-key length in bytes.
    const VERIFYING_KEY_LEN: usize;
    /// Signature length in bytes.
    const SIGNATURE_LEN: usize;
    /// Signing randomness length in bytes (hedged signing).
    const RANDOMNESS_LEN: usize;
    /// Longest context string accepted, in bytes.
    const MAX_CONTEXT_LEN: usize = 255;

    /// Private key; zeroized on drop.
    type SigningKey: Encode + Decode + ZeroizeOnDrop;
    /// Public key.
    type VerifyingKey: Encode + Decode + Clone;
    /// Seed buffer (`[u8; SEED_LEN]`).
    type Seed: Default + AsMut<[u8]> + Zeroize;
    /// Randomness buffer (`[u8; RANDOMNESS_LEN]`).
    type Randomness: Default + AsMut<[u8]> + Zeroize;

    /// Deterministic key generation from a seed.
    ///
    /// # Errors
    /// [`InputError::Length`] if `seed` is not [`SEED_LEN`](SignatureScheme::SEED_LEN) bytes.
    fn keygen_from_seed(seed: &[u8]) -> Result<(Self::SigningKey, Self::VerifyingKey), InputError>;

    /// Key generation with a fresh seed from `rng`.
    fn keygen<R: CryptoRng + ?Sized>(rng: &mut R) -> (Self::SigningKey, Self::VerifyingKey) {
        let mut seed = Self::Seed::default();
        rng.fill_bytes(seed.as_mut());
        let keys = Self::keygen_from_seed(seed.as_mut());
        seed.zeroize();
        match keys {
            Ok(keys) => keys,
            Err(_) => unreachable!("SignatureScheme::Seed must be SEED_LEN bytes"),
        }
    }

    /// Signs `message` under `context`. `randomness` is `None` for the deterministic variant,
    /// or [`RANDOMNESS_LEN`](SignatureScheme::RANDOMNESS_LEN) fresh bytes for hedged signing.
    ///
    /// # Errors
    /// [`InputError`] if the context is too long, the randomness or the output buffer has the
    /// wrong length (nothing is written).
    fn sign_into(
        sk: &Self::SigningKey,
        message: &[u8],
        context: &[u8],
        randomness: Option<&[u8]>,
        signature: &mut [u8],
    ) -> Result<(), InputError>;

    /// Signs with the signing key's encoding `sk`, as a standard's signing function takes
    /// it (FIPS 204's `ML-DSA.Sign(sk, M, ctx)`): for a key used once, or held only as bytes.
    /// The default decodes `sk` (with every check [`Decode`] makes) and calls
    /// [`sign_into`](SignatureScheme::sign_into); a scheme whose decoding check costs more
    /// than the standard asks overrides it with the standard's checks only (and says which).
    ///
    /// # Errors
    /// As [`sign_into`](SignatureScheme::sign_into), and [`InputError`] for a signing key the
    /// scheme rejects (nothing is written).
    fn sign_encoded(
        sk: &[u8],
        message: &[u8],
        context: &[u8],
        randomness: Option<&[u8]>,
        signature: &mut [u8],
    ) -> Result<(), InputError> {
        Self::sign_into(
            &Self::SigningKey::decode(sk)?,
            message,
            context,
            randomness,
            signature,
        )
    }

    /// Hedged signing with randomness from `rng`.
    ///
    /// # Errors
    /// As [`sign_into`](SignatureScheme::sign_into).
    fn sign_with_rng<R: CryptoRng + ?Sized>(
        sk: &Self::SigningKey,
        message: &[u8],
        context: &[u8],
        rng: &mut R,
        signature: &mut [u8],
    ) -> Result<(), InputError> {
        let mut rnd = Self::Randomness::default();
        rng.fill_bytes(rnd.as_mut());
        let r = Self::sign_into(sk, message, context, Some(rnd.as_mut()), signature);
        rnd.zeroize();
        r
    }

    /// Verifies `signature` on `message` under `context`.
    ///
    /// # Errors
    /// [`Error::Crypto`] if the signature is invalid or malformed (including a wrong length);
    /// [`Error::Input`] if the context string is too long.
    fn verify(
        vk: &Self::VerifyingKey,
        message: &[u8],
        context: &[u8],
        signature: &[u8],
    ) -> Result<(), Error>;
}
