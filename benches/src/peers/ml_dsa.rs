//! ML-DSA (FIPS 204) peers behind Mamori's [`SignatureScheme`] trait, one module per
//! parameter set ([`mldsa44`], [`mldsa65`], [`mldsa87`]), each with the same four wrappers:
//!
//! | wrapper | crate | seeded keygen | deterministic signing | parsed keys hold | backend |
//! |---|---|---|---|---|---|
//! | `AwsLc` | `aws-lc-rs` 1.19 (AWS-LC, C) | yes | no: hedged, AWS-LC's DRBG; empty context only | AWS-LC `EVP_PKEY`s | AWS-LC's own choice (reported as AVX2 when the CPU has it) |
//! | `Libcrux` | `libcrux-ml-dsa` 0.0.11 (Cryspen, verified Rust) | yes | yes | the encodings (libcrux works on bytes) | AVX2 when the CPU has it (run-time choice) |
//! | `PqClean` | `pqcrypto-mldsa` 0.1.2 (PQClean, C) | no: `getrandom` | no: hedged, `getrandom` | the encodings | AVX2 when the CPU has it |
//! | `RustCrypto` | `ml-dsa` 0.1.2 | yes | yes | expanded keys: `Â` and the NTTs of the secret vectors (signing key), `Â` and `NTT(t1 · 2^d)` (verifying key) | portable |
//!
//! Where a peer has no seeded or deterministic API, it checks the seed's or randomness's
//! length and then draws its own: those rows include the RNG, and their outputs can only be
//! checked by verification both ways, not byte for byte. Hedged signing costs what
//! deterministic signing does on average (the number of rejection rounds has the same
//! distribution), so over many messages the rows compare like for like.
//!
//! The metadata is Mamori's own ([`mamori_sign::MlDsa65`]'s `INFO` and so on), so a peer
//! lines up with the registry entry of the same name.

// The expanded signing-key encoding is deprecated in `ml-dsa` 0.1 (it prefers seeds) but is
// the one FIPS 204 and Mamori's `SignatureScheme` trait use.
#![allow(deprecated)]

use mamori_primitives::reexport::zeroize::{Zeroize, ZeroizeOnDrop};
use mamori_primitives::{
    Algorithm, AlgorithmInfo, Backend, CryptoError, Decode, Encode, Error, InputError, Param,
    SignatureScheme,
};

use super::{array, avx2_or_portable, copy_out, malformed};

/// Length of the key-generation seed `ξ` (FIPS 204 Algorithm 1).
pub const SEED_LEN: usize = 32;
/// Length of the signing randomness `rnd` (FIPS 204 Algorithm 2).
pub const RANDOMNESS_LEN: usize = 32;
/// Longest context string.
const MAX_CONTEXT_LEN: usize = 255;

/// Version of `libcrux-ml-dsa` in `Cargo.lock` (checked by a test).
pub const LIBCRUX_ML_DSA_VERSION: &str = "0.0.11";
/// Version of `pqcrypto-mldsa` in `Cargo.lock` (checked by a test).
pub const PQCRYPTO_MLDSA_VERSION: &str = "0.1.2";
/// Version of RustCrypto `ml-dsa` in `Cargo.lock` (checked by a test).
pub const ML_DSA_VERSION: &str = "0.1.2";

fn check_context(context: &[u8]) -> Result<(), InputError> {
    if context.len() > MAX_CONTEXT_LEN {
        return Err(InputError::TooLong {
            param: Param::Context,
            max: MAX_CONTEXT_LEN as u64,
        });
    }
    Ok(())
}

/// The signing randomness: zero for deterministic signing, else `rnd` (length-checked).
fn rnd(randomness: Option<&[u8]>) -> Result<[u8; RANDOMNESS_LEN], InputError> {
    randomness.map_or(Ok([0; RANDOMNESS_LEN]), |r| array(r, Param::Randomness))
}

/// For the peers that draw their own randomness: checks a given `rnd`'s length only.
fn check_randomness(randomness: Option<&[u8]>) -> Result<(), InputError> {
    rnd(randomness).map(drop)
}

/// The `SignatureScheme` lengths every wrapper of one parameter set shares.
macro_rules! sig_lengths {
    () => {
        const SEED_LEN: usize = super::SEED_LEN;
        const SIGNING_KEY_LEN: usize = SK;
        const VERIFYING_KEY_LEN: usize = VK;
        const SIGNATURE_LEN: usize = SIG;
        const RANDOMNESS_LEN: usize = super::RANDOMNESS_LEN;
        type Seed = [u8; super::SEED_LEN];
        type Randomness = [u8; super::RANDOMNESS_LEN];
    };
}

macro_rules! ml_dsa_peers {
    (
        $(#[$meta:meta])*
        mod $module:ident {
            mamori: $mamori:ident ($mamori_mod:ident),
            aws_lc: ($aws_vk:ident, $aws_sk:ident),
            libcrux: $lc:ident ($lc_sk:ident, $lc_vk:ident),
            pqclean: $pq:ident,
            rustcrypto: $rc:ident,
        }
    ) => {
        $(#[$meta])*
        pub mod $module {
            use super::*;
            use pqcrypto_traits::sign::{
                DetachedSignature as _, PublicKey as _, SecretKey as _,
            };

            const VK: usize = mamori_sign::$mamori_mod::VERIFYING_KEY_LEN;
            const SK: usize = mamori_sign::$mamori_mod::SIGNING_KEY_LEN;
            const SIG: usize = mamori_sign::$mamori_mod::SIGNATURE_LEN;
            /// Mamori's metadata for this parameter set.
            const INFO: AlgorithmInfo = <mamori_sign::$mamori as Algorithm>::INFO;

            // ---- AWS-LC -------------------------------------------------------------------

            /// AWS-LC through `aws-lc-rs` (hedged signing only, empty context only).
            pub struct AwsLc;

            /// AWS-LC key pair (AWS-LC cleanses key memory when it frees it). Imported from
            /// the expanded encoding, which AWS-LC checks against its public key.
            pub struct AwsLcSk(aws_lc_rs::signature::PqdsaKeyPair);

            impl ZeroizeOnDrop for AwsLcSk {}

            /// AWS-LC public key, parsed into an `EVP_PKEY`, and its encoding.
            #[derive(Clone)]
            pub struct AwsLcVk {
                key: aws_lc_rs::signature::ParsedPublicKey,
                bytes: Box<[u8]>,
            }

            key_codec!(
                AwsLcSk,
                Param::SigningKey,
                SK,
                |k| aws_lc_rs::encoding::AsRawBytes::as_raw_bytes(&k.0.private_key())
                    .map_err(malformed(Param::SigningKey))?
                    .as_ref(),
                |b| aws_lc_rs::signature::PqdsaKeyPair::from_raw_private_key(
                    &aws_lc_rs::signature::$aws_sk,
                    b,
                )
                .map(Self)
                .map_err(malformed(Param::SigningKey)),
            );

            key_codec!(
                AwsLcVk,
                Param::VerifyingKey,
                VK,
                |k| &k.bytes,
                |b| aws_lc_rs::signature::ParsedPublicKey::new(&aws_lc_rs::signature::$aws_vk, b)
                    .map(|key| Self { key, bytes: b.into() })
                    .map_err(malformed(Param::VerifyingKey)),
            );

            impl Algorithm for AwsLc {
                const INFO: AlgorithmInfo = INFO;
                fn backend() -> Backend {
                    avx2_or_portable()
                }
            }

            impl SignatureScheme for AwsLc {
                sig_lengths!();
                type SigningKey = AwsLcSk;
                type VerifyingKey = AwsLcVk;

                fn keygen_from_seed(seed: &[u8]) -> Result<(AwsLcSk, AwsLcVk), InputError> {
                    use aws_lc_rs::signature::KeyPair as _;
                    InputError::check_len(Param::Seed, SEED_LEN, seed.len())?;
                    let pair = aws_lc_rs::signature::PqdsaKeyPair::from_seed(
                        &aws_lc_rs::signature::$aws_sk,
                        seed,
                    )
                    .map_err(malformed(Param::Seed))?;
                    let vk = AwsLcVk::decode(pair.public_key().as_ref())?;
                    Ok((AwsLcSk(pair), vk))
                }

                /// Checks the randomness's length, then ignores it: `aws-lc-rs` signs with
                /// fresh randomness from AWS-LC's DRBG (hedged), and only with an empty
                /// context.
                fn sign_into(
                    sk: &AwsLcSk,
                    message: &[u8],
                    context: &[u8],
                    randomness: Option<&[u8]>,
                    signature: &mut [u8],
                ) -> Result<(), InputError> {
                    if !context.is_empty() {
                        return Err(InputError::TooLong { param: Param::Context, max: 0 });
                    }
                    check_randomness(randomness)?;
                    InputError::check_len(Param::Output, SIG, signature.len())?;
                    sk.0.sign(message, signature)
                        .map(drop)
                        .map_err(malformed(Param::SigningKey))
                }

                fn verify(
                    vk: &AwsLcVk,
                    message: &[u8],
                    context: &[u8],
                    signature: &[u8],
                ) -> Result<(), Error> {
                    if !context.is_empty() {
                        return Err(InputError::TooLong { param: Param::Context, max: 0 }.into());
                    }
                    vk.key.verify_sig(message, signature).map_err(|_| CryptoError.into())
                }
            }

            // ---- libcrux ------------------------------------------------------------------

            /// libcrux through its multiplexing API: AVX2 if this CPU has it, else portable.
            pub struct Libcrux;

            /// libcrux signing key (its expanded encoding, unchecked), wiped on drop.
            pub struct LibcruxSk(libcrux_ml_dsa::$lc::$lc_sk);

            impl Drop for LibcruxSk {
                fn drop(&mut self) {
                    self.0.as_mut_slice().zeroize();
                }
            }

            impl ZeroizeOnDrop for LibcruxSk {}

            /// libcrux verification key (its encoding).
            #[derive(Clone)]
            pub struct LibcruxVk(libcrux_ml_dsa::$lc::$lc_vk);

            key_codec!(LibcruxSk, Param::SigningKey, SK, |k| k.0.as_slice(), |b| {
                Ok(Self(libcrux_ml_dsa::MLDSASigningKey::new(array(b, Param::SigningKey)?)))
            });

            key_codec!(LibcruxVk, Param::VerifyingKey, VK, |k| k.0.as_slice(), |b| {
                Ok(Self(libcrux_ml_dsa::MLDSAVerificationKey::new(array(
                    b,
                    Param::VerifyingKey,
                )?)))
            });

            impl Algorithm for Libcrux {
                const INFO: AlgorithmInfo = INFO;
                fn backend() -> Backend {
                    avx2_or_portable()
                }
            }

            impl SignatureScheme for Libcrux {
                sig_lengths!();
                type SigningKey = LibcruxSk;
                type VerifyingKey = LibcruxVk;

                fn keygen_from_seed(seed: &[u8]) -> Result<(LibcruxSk, LibcruxVk), InputError> {
                    let pair = libcrux_ml_dsa::$lc::generate_key_pair(array(seed, Param::Seed)?);
                    Ok((LibcruxSk(pair.signing_key), LibcruxVk(pair.verification_key)))
                }

                fn sign_into(
                    sk: &LibcruxSk,
                    message: &[u8],
                    context: &[u8],
                    randomness: Option<&[u8]>,
                    signature: &mut [u8],
                ) -> Result<(), InputError> {
                    check_context(context)?;
                    let rnd = rnd(randomness)?;
                    InputError::check_len(Param::Output, SIG, signature.len())?;
                    let sig = libcrux_ml_dsa::$lc::sign(&sk.0, message, context, rnd)
                        .map_err(malformed(Param::SigningKey))?;
                    copy_out(sig.as_slice(), signature)
                }

                fn verify(
                    vk: &LibcruxVk,
                    message: &[u8],
                    context: &[u8],
                    signature: &[u8],
                ) -> Result<(), Error> {
                    check_context(context)?;
                    let Ok(sig) = <[u8; SIG]>::try_from(signature) else {
                        return Err(CryptoError.into());
                    };
                    libcrux_ml_dsa::$lc::verify(
                        &vk.0,
                        message,
                        context,
                        &libcrux_ml_dsa::MLDSASignature::new(sig),
                    )
                    .map_err(|_| CryptoError.into())
                }
            }

            // ---- PQClean ------------------------------------------------------------------

            /// PQClean through `pqcrypto-mldsa` (`getrandom` for keygen and signing).
            pub struct PqClean;

            /// PQClean secret key (bytes). `pqcrypto`'s `SecretKey` is `Copy` with a private
            /// field, so it cannot be wiped: the marker below is not kept (the benchmark only
            /// ever holds test keys).
            pub struct PqCleanSk(pqcrypto_mldsa::$pq::SecretKey);

            impl ZeroizeOnDrop for PqCleanSk {}

            /// PQClean public key (bytes).
            #[derive(Clone)]
            pub struct PqCleanVk(pqcrypto_mldsa::$pq::PublicKey);

            key_codec!(PqCleanSk, Param::SigningKey, SK, |k| k.0.as_bytes(), |b| {
                pqcrypto_mldsa::$pq::SecretKey::from_bytes(b)
                    .map(Self)
                    .map_err(malformed(Param::SigningKey))
            });

            key_codec!(PqCleanVk, Param::VerifyingKey, VK, |k| k.0.as_bytes(), |b| {
                pqcrypto_mldsa::$pq::PublicKey::from_bytes(b)
                    .map(Self)
                    .map_err(malformed(Param::VerifyingKey))
            });

            impl Algorithm for PqClean {
                const INFO: AlgorithmInfo = INFO;
                fn backend() -> Backend {
                    avx2_or_portable()
                }
            }

            impl SignatureScheme for PqClean {
                sig_lengths!();
                type SigningKey = PqCleanSk;
                type VerifyingKey = PqCleanVk;

                /// Checks the seed's length, then ignores it: PQClean's key generation
                /// draws its own seed.
                fn keygen_from_seed(seed: &[u8]) -> Result<(PqCleanSk, PqCleanVk), InputError> {
                    InputError::check_len(Param::Seed, SEED_LEN, seed.len())?;
                    let (pk, sk) = pqcrypto_mldsa::$pq::keypair();
                    Ok((PqCleanSk(sk), PqCleanVk(pk)))
                }

                /// Checks the randomness's length, then ignores it: PQClean signs with
                /// fresh randomness (hedged).
                fn sign_into(
                    sk: &PqCleanSk,
                    message: &[u8],
                    context: &[u8],
                    randomness: Option<&[u8]>,
                    signature: &mut [u8],
                ) -> Result<(), InputError> {
                    check_context(context)?;
                    check_randomness(randomness)?;
                    InputError::check_len(Param::Output, SIG, signature.len())?;
                    let sig = pqcrypto_mldsa::$pq::detached_sign_ctx(message, context, &sk.0);
                    copy_out(sig.as_bytes(), signature)
                }

                fn verify(
                    vk: &PqCleanVk,
                    message: &[u8],
                    context: &[u8],
                    signature: &[u8],
                ) -> Result<(), Error> {
                    check_context(context)?;
                    if signature.len() != SIG {
                        return Err(CryptoError.into());
                    }
                    let sig = pqcrypto_mldsa::$pq::DetachedSignature::from_bytes(signature)
                        .map_err(|_| Error::from(CryptoError))?;
                    pqcrypto_mldsa::$pq::verify_detached_signature_ctx(&sig, message, context, &vk.0)
                        .map_err(|_| CryptoError.into())
                }
            }

            // ---- RustCrypto ---------------------------------------------------------------

            /// RustCrypto `ml-dsa`.
            pub struct RustCrypto;

            /// RustCrypto expanded signing key (zeroized on drop by `ml-dsa`).
            pub struct RustCryptoSk(::ml_dsa::ExpandedSigningKey<::ml_dsa::$rc>);

            impl ZeroizeOnDrop for RustCryptoSk {}

            /// RustCrypto verifying key.
            #[derive(Clone)]
            pub struct RustCryptoVk(::ml_dsa::VerifyingKey<::ml_dsa::$rc>);

            key_codec!(RustCryptoSk, Param::SigningKey, SK, |k| &k.0.to_expanded(), |b| {
                let enc = ::ml_dsa::ExpandedSigningKeyBytes::<::ml_dsa::$rc>::try_from(b)
                    .map_err(malformed(Param::SigningKey))?;
                Ok(Self(::ml_dsa::ExpandedSigningKey::from_expanded(&enc)))
            });

            key_codec!(RustCryptoVk, Param::VerifyingKey, VK, |k| &k.0.encode(), |b| {
                let enc = ::ml_dsa::EncodedVerifyingKey::<::ml_dsa::$rc>::try_from(b)
                    .map_err(malformed(Param::VerifyingKey))?;
                Ok(Self(::ml_dsa::VerifyingKey::decode(&enc)))
            });

            impl Algorithm for RustCrypto {
                const INFO: AlgorithmInfo = INFO;
            }

            impl SignatureScheme for RustCrypto {
                sig_lengths!();
                type SigningKey = RustCryptoSk;
                type VerifyingKey = RustCryptoVk;

                fn keygen_from_seed(
                    seed: &[u8],
                ) -> Result<(RustCryptoSk, RustCryptoVk), InputError> {
                    let seed: [u8; SEED_LEN] = array(seed, Param::Seed)?;
                    let sk = ::ml_dsa::ExpandedSigningKey::<::ml_dsa::$rc>::from_seed(&seed.into());
                    let vk = sk.verifying_key();
                    Ok((RustCryptoSk(sk), RustCryptoVk(vk)))
                }

                /// Deterministic signing through `sign_deterministic`; with randomness,
                /// `Sign_internal` on `M' = 0 || |ctx| || ctx || M` (FIPS 204 Algorithm 2).
                fn sign_into(
                    sk: &RustCryptoSk,
                    message: &[u8],
                    context: &[u8],
                    randomness: Option<&[u8]>,
                    signature: &mut [u8],
                ) -> Result<(), InputError> {
                    check_context(context)?;
                    InputError::check_len(Param::Output, SIG, signature.len())?;
                    let sig = match randomness {
                        None => sk
                            .0
                            .sign_deterministic(message, context)
                            .map_err(|_| InputError::TooLong {
                                param: Param::Context,
                                max: MAX_CONTEXT_LEN as u64,
                            })?,
                        Some(r) => {
                            let r: [u8; RANDOMNESS_LEN] = array(r, Param::Randomness)?;
                            let prefix = [0, context.len() as u8];
                            sk.0.sign_internal(&[&prefix, context, message], &r.into())
                        }
                    };
                    copy_out(&sig.encode(), signature)
                }

                fn verify(
                    vk: &RustCryptoVk,
                    message: &[u8],
                    context: &[u8],
                    signature: &[u8],
                ) -> Result<(), Error> {
                    check_context(context)?;
                    let sig = ::ml_dsa::Signature::<::ml_dsa::$rc>::try_from(signature)
                        .map_err(|_| Error::from(CryptoError))?;
                    if vk.0.verify_with_context(message, context, &sig) {
                        Ok(())
                    } else {
                        Err(CryptoError.into())
                    }
                }
            }
        }
    };
}

ml_dsa_peers! {
    /// ML-DSA-44 peers.
    mod mldsa44 {
        mamori: MlDsa44 (ml_dsa_44),
        aws_lc: (ML_DSA_44, ML_DSA_44_SIGNING),
        libcrux: ml_dsa_44 (MLDSA44SigningKey, MLDSA44VerificationKey),
        pqclean: mldsa44,
        rustcrypto: MlDsa44,
    }
}

ml_dsa_peers! {
    /// ML-DSA-65 peers.
    mod mldsa65 {
        mamori: MlDsa65 (ml_dsa_65),
        aws_lc: (ML_DSA_65, ML_DSA_65_SIGNING),
        libcrux: ml_dsa_65 (MLDSA65SigningKey, MLDSA65VerificationKey),
        pqclean: mldsa65,
        rustcrypto: MlDsa65,
    }
}

ml_dsa_peers! {
    /// ML-DSA-87 peers.
    mod mldsa87 {
        mamori: MlDsa87 (ml_dsa_87),
        aws_lc: (ML_DSA_87, ML_DSA_87_SIGNING),
        libcrux: ml_dsa_87 (MLDSA87SigningKey, MLDSA87VerificationKey),
        pqclean: mldsa87,
        rustcrypto: MlDsa87,
    }
}
