use crate::{Algorithm, InputError};
use rand_core::CryptoRng;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// A value with a fixed-length byte encoding.
pub trait Encode {
    /// Length of the encoding in bytes.
    const ENCODED_LEN: usize;

    /// Writes the encoding to `out`.
    ///
    /// # Errors
    /// [`InputError::Length`] if `out` is not [`ENCODED_LEN`](Encode::ENCODED_LEN) bytes.
    fn encode_into(&self, out: &mut [u8]) -> Result<(), InputError>;
}

/// A value that can be parsed (and validated) from its byte encoding.
pub trait Decode: Sized {
    /// Parses and validates `bytes` as the standard requires (e.g. FIPS 203 §7.2).
    ///
    /// # Errors
    /// [`InputError::Length`] for a wrong length, [`InputError::Malformed`] for an encoding
    /// that fails the standard's checks.
    fn decode(bytes: &[u8]) -> Result<Self, InputError>;
}

/// A key-encapsulation mechanism (FIPS 203 style: seeded key generation, deterministic
/// encapsulation given its randomness, implicit-rejection decapsulation).
pub trait Kem: Algorithm + Sized {
    /// Encapsulation-key length in bytes.
    const ENCAPSULATION_KEY_LEN: usize;
    /// Decapsulation-key length in bytes (the standard's expanded encoding).
    const DECAPSULATION_KEY_LEN: usize;
    /// Ciphertext length in bytes.
    const CIPHERTEXT_LEN: usize;
    /// Shared-secret length in bytes.
    const SHARED_SECRET_LEN: usize;
    /// Key-generation seed length in bytes.
    const SEED_LEN: usize;
    /// Encapsulation randomness length in bytes.
    const ENCAPS_RANDOMNESS_LEN: usize;

    /// Public key.
    type EncapsulationKey: Encode + Decode + Clone;
    /// Private key; zeroized on drop.
    type DecapsulationKey: Encode + Decode + ZeroizeOnDrop;
    /// Ciphertext bytes.
    type Ciphertext: AsRef<[u8]>;
    /// Shared secret; zeroized on drop.
    type SharedSecret: AsRef<[u8]> + ZeroizeOnDrop;
    /// Seed buffer (`[u8; SEED_LEN]`).
    type Seed: Default + AsMut<[u8]> + Zeroize;
    /// Encapsulation-randomness buffer (`[u8; ENCAPS_RANDOMNESS_LEN]`).
    type EncapsRandomness: Default + AsMut<[u8]> + Zeroize;

    /// Deterministic key generation from a seed.
    ///
    /// # Errors
    /// [`InputError::Length`] if `seed` is not [`SEED_LEN`](Kem::SEED_LEN) bytes.
    fn keygen_from_seed(
        seed: &[u8],
    ) -> Result<(Self::DecapsulationKey, Self::EncapsulationKey), InputError>;

    /// Key generation with a fresh seed from `rng`.
    fn keygen<R: CryptoRng + ?Sized>(
        rng: &mut R,
    ) -> (Self::DecapsulationKey, Self::EncapsulationKey) {
        let mut seed = Self::Seed::default();
        rng.fill_bytes(seed.as_mut());
        let keys = Self::keygen_from_seed(seed.as_mut());
        seed.zeroize();
        match keys {
            Ok(keys) => keys,
            // `Seed` is `[u8; SEED_LEN]` by contract, so the length check cannot fail.
            Err(_) => unreachable!("Kem::Seed must be SEED_LEN bytes"),
        }
    }

    /// Deterministic encapsulation with caller-supplied randomness.
    ///
    /// # Errors
    /// [`InputError::Length`] if `randomness` is not
    /// [`ENCAPS_RANDOMNESS_LEN`](Kem::ENCAPS_RANDOMNESS_LEN) bytes.
    fn encapsulate_deterministic(
        ek: &Self::EncapsulationKey,
        randomness: &[u8],
    ) -> Result<(Self::Ciphertext, Self::SharedSecret), InputError>;

    /// Encapsulation with fresh randomness from `rng`.
    fn encapsulate<R: CryptoRng + ?Sized>(
        ek: &Self::EncapsulationKey,
        rng: &mut R,
    ) -> (Self::Ciphertext, Self::SharedSecret) {
        let mut m = Self::EncapsRandomness::default();
        rng.fill_bytes(m.as_mut());
        let out = Self::encapsulate_deterministic(ek, m.as_mut());
        m.zeroize();
        match out {
            Ok(out) => out,
            Err(_) => unreachable!("Kem::EncapsRandomness must be ENCAPS_RANDOMNESS_LEN bytes"),
        }
    }

    /// Decapsulation. A malformed ciphertext of the right length is not an error: it yields
    /// the implicit-rejection secret, in constant time.
    ///
    /// # Errors
    /// [`InputError::Length`] if `ciphertext` is not [`CIPHERTEXT_LEN`](Kem::CIPHERTEXT_LEN)
    /// bytes.
    fn decapsulate(
        dk: &Self::DecapsulationKey,
        ciphertext: &[u8],
    ) -> Result<Self::SharedSecret, InputError>;

    /// Decapsulation with the encoded decapsulation key `dk`: [`Decode`] (with its checks)
    /// then [`decapsulate`](Kem::decapsulate), with the same results and errors. An
    /// implementation may fuse the two (ML-KEM hashes the key check's `H(ek)` and the
    /// implicit-rejection key together).
    ///
    /// # Errors
    /// As [`Decode::decode`] for `dk`, then as [`decapsulate`](Kem::decapsulate).
    fn decapsulate_encoded(dk: &[u8], ciphertext: &[u8]) -> Result<Self::SharedSecret, InputError> {
        Self::decapsulate(&Self::DecapsulationKey::decode(dk)?, ciphertext)
    }
}
