//! ML-KEM (FIPS 203) peers behind Mamori's [`Kem`] trait, one module per parameter set
//! ([`mlkem512`], [`mlkem768`], [`mlkem1024`]), each with the same five wrappers:
//!
//! | wrapper | crate | seeded keygen, deterministic encaps | checks on decode | backend |
//! |---|---|---|---|---|
//! | `AwsLc` | `aws-lc-rs` 1.19 (AWS-LC's mlkem-native, C and assembly) | no: AWS-LC's own DRBG | length only: the §7.2 and §7.3 checks run in every encaps and decaps | AVX2 when the CPU has it |
//! | `Libcrux` | `libcrux-ml-kem` 0.0.11 (Cryspen, verified Rust) | yes | ek: §7.2; dk: §7.3 hash check | AVX2 when the CPU has it (run-time choice) |
//! | `LibcruxPortable` | the same, its portable instantiation | yes | same | portable |
//! | `PqClean` | `pqcrypto-mlkem` 0.1.1 (PQClean, C) | no: `getrandom` | none (length only, and no §7.2 / §7.3 check anywhere) | AVX2 when the CPU has it |
//! | `RustCrypto` | `ml-kem` 0.3.4 | yes | ek: §7.2; dk: §7.3 hash check | portable |
//!
//! Where a peer has no seeded API, its `keygen_from_seed` and `encapsulate_deterministic`
//! check the seed or randomness length and then ignore it, drawing from the peer's own RNG:
//! those benchmark rows include the RNG, and their outputs can only be checked by round
//! trips and cross-decapsulation, not byte for byte. Decapsulation is deterministic
//! everywhere and checked byte for byte against Mamori (implicit rejection included).
//!
//! The metadata is Mamori's own ([`mamori_kem::MlKem768`]'s `INFO` and so on), so a peer
//! lines up with the registry entry of the same name.

use mamori_primitives::reexport::zeroize::{Zeroize, ZeroizeOnDrop};
use mamori_primitives::{
    Algorithm, AlgorithmInfo, Backend, Decode, Encode, InputError, Kem, Param,
};
use std::sync::Arc;

use super::{array, avx2_or_portable, malformed};

/// Length of the key-generation seed `d || z` (FIPS 203 §7.1).
pub const SEED_LEN: usize = 64;
/// Length of the encapsulation randomness `m` (FIPS 203 §7.2).
pub const RANDOMNESS_LEN: usize = 32;
/// Length of the shared secret.
pub const SHARED_SECRET_LEN: usize = 32;

/// Version of `aws-lc-rs` in `Cargo.lock` (checked by a test).
pub const AWS_LC_RS_VERSION: &str = "1.19.0";
/// Version of `libcrux-ml-kem` in `Cargo.lock` (checked by a test).
pub const LIBCRUX_ML_KEM_VERSION: &str = "0.0.11";
/// Version of `pqcrypto-mlkem` in `Cargo.lock` (checked by a test).
pub const PQCRYPTO_MLKEM_VERSION: &str = "0.1.1";
/// Version of RustCrypto `ml-kem` in `Cargo.lock` (checked by a test).
pub const ML_KEM_VERSION: &str = "0.3.4";

/// The peers whose keygen and encaps ignore the seed and randomness (no seeded API).
pub const OWN_RNG: &[&str] = &["aws-lc-rs", "pqcrypto-mlkem"];

/// A key-generation seed buffer (`[u8; 64]` has no `Default`).
#[derive(Clone)]
pub struct Seed(pub [u8; SEED_LEN]);

impl Default for Seed {
    fn default() -> Self {
        Self([0; SEED_LEN])
    }
}

impl AsMut<[u8]> for Seed {
    fn as_mut(&mut self) -> &mut [u8] {
        &mut self.0
    }
}

impl Zeroize for Seed {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

/// A 32-byte shared secret, wiped on drop.
pub struct SharedSecret(pub [u8; SHARED_SECRET_LEN]);

impl AsRef<[u8]> for SharedSecret {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Drop for SharedSecret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl ZeroizeOnDrop for SharedSecret {}

/// The `Kem` lengths every wrapper of one parameter set shares.
macro_rules! kem_lengths {
    () => {
        const ENCAPSULATION_KEY_LEN: usize = EK;
        const DECAPSULATION_KEY_LEN: usize = DK;
        const CIPHERTEXT_LEN: usize = CT;
        const SHARED_SECRET_LEN: usize = super::SHARED_SECRET_LEN;
        const SEED_LEN: usize = super::SEED_LEN;
        const ENCAPS_RANDOMNESS_LEN: usize = RANDOMNESS_LEN;
        type Ciphertext = [u8; CT];
        type SharedSecret = SharedSecret;
        type Seed = Seed;
        type EncapsRandomness = [u8; RANDOMNESS_LEN];
    };
}

/// A libcrux wrapper over the function module `$f` (multiplexed or portable).
macro_rules! libcrux_wrapper {
    ($name:ident, $ek:ident, $dk:ident, $f:path, $backend:expr, $doc:literal) => {
        #[doc = $doc]
        pub struct $name;

        /// Encapsulation key, checked (FIPS 203 §7.2) when decoded.
        #[derive(Clone)]
        pub struct $ek(lc::PublicKey);

        /// Decapsulation key, hash-checked (FIPS 203 §7.3) when decoded; wiped on drop.
        pub struct $dk(lc::PrivateKey);

        impl Drop for $dk {
            fn drop(&mut self) {
                self.0[0..].zeroize();
            }
        }

        impl ZeroizeOnDrop for $dk {}

        key_codec!($ek, Param::EncapsulationKey, EK, |k| k.0.as_ref(), |b| {
            let key = lc::PublicKey::from(array::<EK>(b, Param::EncapsulationKey)?);
            if !lc::validate_public_key(&key) {
                return Err(InputError::Malformed {
                    param: Param::EncapsulationKey,
                });
            }
            Ok(Self(key))
        });

        key_codec!($dk, Param::DecapsulationKey, DK, |k| k.0.as_ref(), |b| {
            let key = $dk(lc::PrivateKey::from(array::<DK>(
                b,
                Param::DecapsulationKey,
            )?));
            if !lc::portable::validate_private_key_only(&key.0) {
                return Err(InputError::Malformed {
                    param: Param::DecapsulationKey,
                });
            }
            Ok(key)
        });

        impl Algorithm for $name {
            const INFO: AlgorithmInfo = INFO;
            fn backend() -> Backend {
                $backend
            }
        }

        impl Kem for $name {
            kem_lengths!();
            type EncapsulationKey = $ek;
            type DecapsulationKey = $dk;

            fn keygen_from_seed(seed: &[u8]) -> Result<($dk, $ek), InputError> {
                use $f as f;
                let (dk, ek) = f::generate_key_pair(array(seed, Param::Seed)?).into_parts();
                Ok(($dk(dk), $ek(ek)))
            }

            fn encapsulate_deterministic(
                ek: &$ek,
                randomness: &[u8],
            ) -> Result<([u8; CT], SharedSecret), InputError> {
                use $f as f;
                let (ct, ss) = f::encapsulate(&ek.0, array(randomness, Param::Randomness)?);
                Ok((ct.into(), SharedSecret(ss)))
            }

            fn decapsulate(dk: &$dk, ciphertext: &[u8]) -> Result<SharedSecret, InputError> {
                use $f as f;
                let ct = lc::Ciphertext::from(array::<CT>(ciphertext, Param::Ciphertext)?);
                Ok(SharedSecret(f::decapsulate(&dk.0, &ct)))
            }
        }
    };
}

macro_rules! ml_kem_peers {
    (
        $(#[$meta:meta])*
        mod $module:ident {
            mamori: $mamori:ty,
            aws_lc: $aws:ident,
            libcrux: $lc:ident ($lc_ek:ident, $lc_dk:ident, $lc_ct:ident),
            pqclean: $pq:ident,
            rustcrypto: $rc:ident,
            sizes: ($ek_len:expr, $dk_len:expr, $ct_len:expr),
        }
    ) => {
        $(#[$meta])*
        pub mod $module {
            use super::*;
            use pqcrypto_traits::kem::{
                Ciphertext as _, PublicKey as _, SecretKey as _, SharedSecret as _,
            };

            const EK: usize = $ek_len;
            const DK: usize = $dk_len;
            const CT: usize = $ct_len;
            /// Mamori's metadata for this parameter set.
            const INFO: AlgorithmInfo = <$mamori as Algorithm>::INFO;

            /// The libcrux types of this parameter set.
            mod lc {
                pub use libcrux_ml_kem::$lc::{
                    $lc_ct as Ciphertext, $lc_dk as PrivateKey, $lc_ek as PublicKey, portable,
                    validate_public_key,
                };
            }

            // ---- AWS-LC -------------------------------------------------------------------

            /// AWS-LC through `aws-lc-rs` (own RNG for keygen and encaps).
            pub struct AwsLc;

            /// AWS-LC encapsulation key (shared: `aws-lc-rs` keys are not `Clone`). AWS-LC
            /// imports it unchecked and checks it (FIPS 203 §7.2) in every encapsulation.
            #[derive(Clone)]
            pub struct AwsLcEk(Arc<aws_lc_rs::kem::EncapsulationKey>);

            /// AWS-LC decapsulation key (AWS-LC cleanses key memory when it frees it). AWS-LC
            /// imports it unchecked and checks it (FIPS 203 §7.3) in every decapsulation.
            pub struct AwsLcDk(aws_lc_rs::kem::DecapsulationKey);

            impl ZeroizeOnDrop for AwsLcDk {}

            key_codec!(
                AwsLcEk,
                Param::EncapsulationKey,
                EK,
                |k| k.0.key_bytes().map_err(malformed(Param::EncapsulationKey))?.as_ref(),
                |b| aws_lc_rs::kem::EncapsulationKey::new(&aws_lc_rs::kem::$aws, b)
                    .map(|k| Self(Arc::new(k)))
                    .map_err(malformed(Param::EncapsulationKey)),
            );

            key_codec!(
                AwsLcDk,
                Param::DecapsulationKey,
                DK,
                |k| k.0.key_bytes().map_err(malformed(Param::DecapsulationKey))?.as_ref(),
                |b| aws_lc_rs::kem::DecapsulationKey::new(&aws_lc_rs::kem::$aws, b)
                    .map(Self)
                    .map_err(malformed(Param::DecapsulationKey)),
            );

            impl Algorithm for AwsLc {
                const INFO: AlgorithmInfo = INFO;
                fn backend() -> Backend {
                    avx2_or_portable()
                }
            }

            impl Kem for AwsLc {
                kem_lengths!();
                type EncapsulationKey = AwsLcEk;
                type DecapsulationKey = AwsLcDk;

                /// Checks the seed's length, then ignores it: `aws-lc-rs` has no seeded
                /// key generation (AWS-LC draws the seed from its DRBG).
                fn keygen_from_seed(seed: &[u8]) -> Result<(AwsLcDk, AwsLcEk), InputError> {
                    InputError::check_len(Param::Seed, SEED_LEN, seed.len())?;
                    let dk = aws_lc_rs::kem::DecapsulationKey::generate(&aws_lc_rs::kem::$aws)
                        .map_err(malformed(Param::Seed))?;
                    let ek = dk.encapsulation_key().map_err(malformed(Param::Seed))?;
                    Ok((AwsLcDk(dk), AwsLcEk(Arc::new(ek))))
                }

                /// Checks the randomness's length, then ignores it: `aws-lc-rs` has no
                /// deterministic encapsulation.
                fn encapsulate_deterministic(
                    ek: &AwsLcEk,
                    randomness: &[u8],
                ) -> Result<([u8; CT], SharedSecret), InputError> {
                    InputError::check_len(Param::Randomness, RANDOMNESS_LEN, randomness.len())?;
                    let (ct, ss) = ek.0.encapsulate().map_err(malformed(Param::EncapsulationKey))?;
                    Ok((
                        array(ct.as_ref(), Param::Ciphertext)?,
                        SharedSecret(array(ss.as_ref(), Param::Output)?),
                    ))
                }

                fn decapsulate(dk: &AwsLcDk, ciphertext: &[u8]) -> Result<SharedSecret, InputError> {
                    InputError::check_len(Param::Ciphertext, CT, ciphertext.len())?;
                    let ss = dk
                        .0
                        .decapsulate(aws_lc_rs::kem::Ciphertext::from(ciphertext))
                        .map_err(malformed(Param::Ciphertext))?;
                    Ok(SharedSecret(array(ss.as_ref(), Param::Output)?))
                }
            }

            // ---- libcrux ------------------------------------------------------------------

            libcrux_wrapper!(
                Libcrux,
                LibcruxEk,
                LibcruxDk,
                libcrux_ml_kem::$lc,
                avx2_or_portable(),
                "libcrux through its multiplexing API: AVX2 if this CPU has it, else portable."
            );
            libcrux_wrapper!(
                LibcruxPortable,
                LibcruxPortableEk,
                LibcruxPortableDk,
                libcrux_ml_kem::$lc::portable,
                Backend::Portable,
                "libcrux, its portable instantiation (no SIMD)."
            );

            // ---- PQClean ------------------------------------------------------------------

            /// PQClean through `pqcrypto-mlkem` (`getrandom` for keygen and encaps).
            pub struct PqClean;

            /// PQClean encapsulation key (bytes; PQClean makes no FIPS 203 §7.2 check).
            #[derive(Clone)]
            pub struct PqCleanEk(pqcrypto_mlkem::$pq::PublicKey);

            /// PQClean decapsulation key (bytes). `pqcrypto`'s `SecretKey` is `Copy` with a
            /// private field, so it cannot be wiped: the marker below is not kept (the
            /// benchmark only ever holds test keys).
            pub struct PqCleanDk(pqcrypto_mlkem::$pq::SecretKey);

            impl ZeroizeOnDrop for PqCleanDk {}

            key_codec!(PqCleanEk, Param::EncapsulationKey, EK, |k| k.0.as_bytes(), |b| {
                pqcrypto_mlkem::$pq::PublicKey::from_bytes(b)
                    .map(Self)
                    .map_err(malformed(Param::EncapsulationKey))
            });

            key_codec!(PqCleanDk, Param::DecapsulationKey, DK, |k| k.0.as_bytes(), |b| {
                pqcrypto_mlkem::$pq::SecretKey::from_bytes(b)
                    .map(Self)
                    .map_err(malformed(Param::DecapsulationKey))
            });

            impl Algorithm for PqClean {
                const INFO: AlgorithmInfo = INFO;
                fn backend() -> Backend {
                    avx2_or_portable()
                }
            }

            impl Kem for PqClean {
                kem_lengths!();
                type EncapsulationKey = PqCleanEk;
                type DecapsulationKey = PqCleanDk;

                /// Checks the seed's length, then ignores it: PQClean's key generation
                /// draws its own seed.
                fn keygen_from_seed(seed: &[u8]) -> Result<(PqCleanDk, PqCleanEk), InputError> {
                    InputError::check_len(Param::Seed, SEED_LEN, seed.len())?;
                    let (pk, sk) = pqcrypto_mlkem::$pq::keypair();
                    Ok((PqCleanDk(sk), PqCleanEk(pk)))
                }

                /// Checks the randomness's length, then ignores it: PQClean's encapsulation
                /// draws its own.
                fn encapsulate_deterministic(
                    ek: &PqCleanEk,
                    randomness: &[u8],
                ) -> Result<([u8; CT], SharedSecret), InputError> {
                    InputError::check_len(Param::Randomness, RANDOMNESS_LEN, randomness.len())?;
                    let (ss, ct) = pqcrypto_mlkem::$pq::encapsulate(&ek.0);
                    Ok((
                        array(ct.as_bytes(), Param::Ciphertext)?,
                        SharedSecret(array(ss.as_bytes(), Param::Output)?),
                    ))
                }

                fn decapsulate(dk: &PqCleanDk, ciphertext: &[u8]) -> Result<SharedSecret, InputError> {
                    InputError::check_len(Param::Ciphertext, CT, ciphertext.len())?;
                    let ct = pqcrypto_mlkem::$pq::Ciphertext::from_bytes(ciphertext)
                        .map_err(malformed(Param::Ciphertext))?;
                    let ss = pqcrypto_mlkem::$pq::decapsulate(&ct, &dk.0);
                    Ok(SharedSecret(array(ss.as_bytes(), Param::Output)?))
                }
            }

            // ---- RustCrypto ---------------------------------------------------------------

            /// RustCrypto `ml-kem`.
            pub struct RustCrypto;

            /// RustCrypto encapsulation key, checked (FIPS 203 §7.2) when decoded.
            #[derive(Clone)]
            pub struct RustCryptoEk(::ml_kem::EncapsulationKey<::ml_kem::$rc>);

            /// RustCrypto decapsulation key in its expanded form (hash-checked when decoded,
            /// zeroized on drop by `ml-kem`).
            pub struct RustCryptoDk(::ml_kem::DecapsulationKey<::ml_kem::$rc>);

            impl ZeroizeOnDrop for RustCryptoDk {}

            key_codec!(
                RustCryptoEk,
                Param::EncapsulationKey,
                EK,
                |k| &::ml_kem::KeyExport::to_bytes(&k.0),
                |b| {
                    let key = ::ml_kem::Key::<::ml_kem::EncapsulationKey<::ml_kem::$rc>>::try_from(b)
                        .map_err(malformed(Param::EncapsulationKey))?;
                    ::ml_kem::EncapsulationKey::new(&key)
                        .map(Self)
                        .map_err(malformed(Param::EncapsulationKey))
                },
            );

            key_codec!(
                // The expanded decapsulation-key encoding is deprecated in `ml-kem` 0.3 (it
                // prefers seeds) but is the one FIPS 203 and Mamori's `Kem` trait use.
                #[allow(deprecated)]
                RustCryptoDk,
                Param::DecapsulationKey,
                DK,
                |k| &::ml_kem::ExpandedKeyEncoding::to_expanded_bytes(&k.0),
                |b| {
                    let enc = ::ml_kem::ExpandedDecapsulationKey::<::ml_kem::$rc>::try_from(b)
                        .map_err(malformed(Param::DecapsulationKey))?;
                    <::ml_kem::DecapsulationKey<::ml_kem::$rc> as ::ml_kem::ExpandedKeyEncoding>::from_expanded_bytes(&enc)
                        .map(Self)
                        .map_err(malformed(Param::DecapsulationKey))
                },
            );

            impl Algorithm for RustCrypto {
                const INFO: AlgorithmInfo = INFO;
            }

            impl Kem for RustCrypto {
                kem_lengths!();
                type EncapsulationKey = RustCryptoEk;
                type DecapsulationKey = RustCryptoDk;

                fn keygen_from_seed(
                    seed: &[u8],
                ) -> Result<(RustCryptoDk, RustCryptoEk), InputError> {
                    let seed: [u8; SEED_LEN] = array(seed, Param::Seed)?;
                    let dk = ::ml_kem::DecapsulationKey::<::ml_kem::$rc>::from_seed(seed.into());
                    let ek = dk.encapsulation_key().clone();
                    Ok((RustCryptoDk(dk), RustCryptoEk(ek)))
                }

                fn encapsulate_deterministic(
                    ek: &RustCryptoEk,
                    randomness: &[u8],
                ) -> Result<([u8; CT], SharedSecret), InputError> {
                    let m: [u8; RANDOMNESS_LEN] = array(randomness, Param::Randomness)?;
                    let (ct, ss) = ek.0.encapsulate_deterministic(&m.into());
                    Ok((ct.into(), SharedSecret(ss.into())))
                }

                fn decapsulate(
                    dk: &RustCryptoDk,
                    ciphertext: &[u8],
                ) -> Result<SharedSecret, InputError> {
                    use ::ml_kem::Decapsulate as _;
                    let ct = ::ml_kem::Ciphertext::<::ml_kem::$rc>::try_from(ciphertext).map_err(
                        |_| InputError::Length {
                            param: Param::Ciphertext,
                            expected: CT,
                            actual: ciphertext.len(),
                        },
                    )?;
                    Ok(SharedSecret(dk.0.decapsulate(&ct).into()))
                }
            }
        }
    };
}

ml_kem_peers! {
    /// ML-KEM-512 peers.
    mod mlkem512 {
        mamori: mamori_kem::MlKem512,
        aws_lc: ML_KEM_512,
        libcrux: mlkem512 (MlKem512PublicKey, MlKem512PrivateKey, MlKem512Ciphertext),
        pqclean: mlkem512,
        rustcrypto: MlKem512,
        sizes: (800, 1632, 768),
    }
}

ml_kem_peers! {
    /// ML-KEM-768 peers.
    mod mlkem768 {
        mamori: mamori_kem::MlKem768,
        aws_lc: ML_KEM_768,
        libcrux: mlkem768 (MlKem768PublicKey, MlKem768PrivateKey, MlKem768Ciphertext),
        pqclean: mlkem768,
        rustcrypto: MlKem768,
        sizes: (1184, 2400, 1088),
    }
}

ml_kem_peers! {
    /// ML-KEM-1024 peers.
    mod mlkem1024 {
        mamori: mamori_kem::MlKem1024,
        aws_lc: ML_KEM_1024,
        libcrux: mlkem1024 (MlKem1024PublicKey, MlKem1024PrivateKey, MlKem1024Ciphertext),
        pqclean: mlkem1024,
        rustcrypto: MlKem1024,
        sizes: (1568, 3168, 1568),
    }
}
