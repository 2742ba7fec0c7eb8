//! ML-DSA (FIPS 204): ML-DSA-44, ML-DSA-65 and ML-DSA-87.
//!
//! * Key generation from the 32-byte seed `ξ` or from an RNG. Signing keys in both forms:
//!   the seed (what ACVP and most users store; [`ml_dsa_65::SigningKey::seed`]) and the
//!   expanded FIPS 204 encoding ([`ml_dsa_65::SigningKey::to_expanded`]); a key made from a
//!   seed keeps it, an expanded key cannot give its seed back.
//! * Signing through the external interface (message and context string of at most 255
//!   bytes; deterministic, with given randomness, or hedged from an RNG), the internal
//!   interface on a formatted message `M'` (`Sign_internal`, as ACVP tests it), an
//!   externally computed message representative `μ` ("external μ"), and HashML-DSA on a
//!   pre-computed digest ([`PreHashed`]; SHA-3 and SHAKE digests computed here, SHA-2
//!   digests supplied by the caller). Verification for each.
//! * Checks: verification rejects every malformed signature as a failure, never a panic:
//!   wrong length, `‖z‖∞ ≥ γ1 - β`, and any hint encoding FIPS 204 Algorithm 21 refuses
//!   (positions not strictly increasing within a polynomial, counts decreasing or above
//!   ω, unused position bytes not zero). An expanded signing key is checked on parsing:
//!   s1 and s2 in range, t0 and tr consistent with the key (see
//!   [`ml_dsa_65::SigningKey::from_expanded`]).
//! * Signing keys are wiped on drop; `Debug` prints no secret.
//!
//! Written once over the lane-vector abstraction in `ml_dsa/lanes.rs` (`i32` lanes: the
//! portable backend has 8, the AVX2 backend 8 and the AVX-512 backend 16; run-time
//! detection picks AVX-512, else AVX2, else portable). Constant time: no secret-dependent
//! branch, index or division; `Decompose` uses the reference implementation's
//! multiply-shift formulas, `Power2Round` shifts. Within a signing iteration only the
//! accept/reject decision and the challenge `c̃` are declassified.
//!
//! Memory: no allocation. Signing expands the matrix `Â` once (`K L` KiB of stack: 30 KiB
//! for ML-DSA-65, 56 for ML-DSA-87) and reads it in every iteration of its rejection loop;
//! the `small-stack` cargo feature samples `Â` entry by entry where it is used instead, so
//! that signing with ML-DSA-87 needs about 70 KiB of stack rather than 130, at two to three
//! times the signing time. Verification always samples `Â` as it goes (about 30 KiB).
//!
//! Repeated use: [`ml_dsa_65::ExpandedSigningKey`] and [`ml_dsa_65::ExpandedVerifyingKey`]
//! (and those of the other sets) hold `Â` and the key vectors in NTT form, so each
//! signature or verification skips the matrix sampling and the key transforms; they have
//! the same signing and verification methods as the byte-based keys and give the same
//! results (one signing and one verification core underneath).
//!
//! ```
//! use mamori_sign::ml_dsa_65::SigningKey;
//! let sk = SigningKey::from_seed(&[7u8; 32]);
//! let vk = sk.verifying_key();
//! let sig = sk.sign_deterministic(b"message", b"context").unwrap();
//! assert!(vk.verify(b"message", b"context", sig.as_bytes()).is_ok());
//! assert!(vk.verify(b"message", b"other context", sig.as_bytes()).is_err());
//! ```

use core::fmt;

use mamori_primitives::keccak::Sponge;
use mamori_primitives::{Backend, CryptoError, Error, InputError, Param};
use zeroize::{Zeroize, ZeroizeOnDrop};

mod arith;
mod dispatch;
mod dsa;
pub(crate) mod lanes;
mod poly;
mod sample;
mod small;

use dispatch::dispatch;

/// The parameters of one ML-DSA parameter set (FIPS 204 Table 1), besides `K × L`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Params {
    /// η: the range of s1 and s2.
    pub(crate) eta: i32,
    /// τ: the number of ±1 in c.
    pub(crate) tau: usize,
    /// β = τ η.
    pub(crate) beta: i32,
    /// log2 γ1.
    pub(crate) gamma1_log: u32,
    /// γ2: the low-order rounding range.
    pub(crate) gamma2: i32,
    /// ω: the most ones in the hint.
    pub(crate) omega: usize,
    /// λ/4: the length of c̃ in bytes.
    pub(crate) ctilde_len: usize,
}

/// Key-generation seed length in bytes (`ξ`).
pub const SEED_LEN: usize = 32;
/// Signing randomness length in bytes (`rnd`).
pub const RANDOMNESS_LEN: usize = 32;
/// Length of the message representative `μ` in bytes.
pub const MU_LEN: usize = 64;
/// Length of `tr = H(pk)` in bytes.
pub const TR_LEN: usize = 64;
/// The longest context string, in bytes.
pub const MAX_CONTEXT_LEN: usize = 255;

/// The backend [`dispatch!`] runs on this CPU.
pub(crate) fn backend() -> Backend {
    dispatch::choice().backend()
}

fn check_context(context: &[u8]) -> Result<(), InputError> {
    InputError::check_max(Param::Context, MAX_CONTEXT_LEN as u64, context.len())
}

/// The signing randomness of the trait interface: `None` is deterministic signing (zeros).
fn rnd_or_zeros(r: Option<&[u8]>) -> Result<[u8; RANDOMNESS_LEN], InputError> {
    match r {
        None => Ok([0; RANDOMNESS_LEN]),
        Some(r) => r.try_into().map_err(|_| InputError::Length {
            param: Param::Randomness,
            expected: RANDOMNESS_LEN,
            actual: r.len(),
        }),
    }
}

/// The hash function of HashML-DSA (FIPS 204 §5.4), with the OIDs of Algorithm 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PreHash {
    /// SHA-224 (FIPS 180-4).
    Sha2_224,
    /// SHA-256.
    Sha2_256,
    /// SHA-384.
    Sha2_384,
    /// SHA-512.
    Sha2_512,
    /// SHA-512/224.
    Sha2_512_224,
    /// SHA-512/256.
    Sha2_512_256,
    /// SHA3-224 (FIPS 202).
    Sha3_224,
    /// SHA3-256.
    Sha3_256,
    /// SHA3-384.
    Sha3_384,
    /// SHA3-512.
    Sha3_512,
    /// SHAKE128 with 256 bits of output.
    Shake128,
    /// SHAKE256 with 512 bits of output.
    Shake256,
}

impl PreHash {
    /// Every pre-hash function.
    pub const ALL: [PreHash; 12] = [
        PreHash::Sha2_224,
        PreHash::Sha2_256,
        PreHash::Sha2_384,
        PreHash::Sha2_512,
        PreHash::Sha2_512_224,
        PreHash::Sha2_512_256,
        PreHash::Sha3_224,
        PreHash::Sha3_256,
        PreHash::Sha3_384,
        PreHash::Sha3_512,
        PreHash::Shake128,
        PreHash::Shake256,
    ];

    /// The name ACVP uses, e.g. `"SHA2-256"`, `"SHAKE-128"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            PreHash::Sha2_224 => "SHA2-224",
            PreHash::Sha2_256 => "SHA2-256",
            PreHash::Sha2_384 => "SHA2-384",
            PreHash::Sha2_512 => "SHA2-512",
            PreHash::Sha2_512_224 => "SHA2-512/224",
            PreHash::Sha2_512_256 => "SHA2-512/256",
            PreHash::Sha3_224 => "SHA3-224",
            PreHash::Sha3_256 => "SHA3-256",
            PreHash::Sha3_384 => "SHA3-384",
            PreHash::Sha3_512 => "SHA3-512",
            PreHash::Shake128 => "SHAKE-128",
            PreHash::Shake256 => "SHAKE-256",
        }
    }

    /// The function with this ACVP name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.name() == name)
    }

    /// Digest length in bytes (SHAKE128: 32, SHAKE256: 64).
    #[must_use]
    pub const fn digest_len(self) -> usize {
        match self {
            PreHash::Sha2_224 | PreHash::Sha2_512_224 | PreHash::Sha3_224 => 28,
            PreHash::Sha2_256 | PreHash::Sha2_512_256 | PreHash::Sha3_256 | PreHash::Shake128 => 32,
            PreHash::Sha2_384 | PreHash::Sha3_384 => 48,
            PreHash::Sha2_512 | PreHash::Sha3_512 | PreHash::Shake256 => 64,
        }
    }

    /// The DER encoding of the function's OID (`06 09 60 86 48 01 65 03 04 02 xx`).
    #[must_use]
    pub const fn oid(self) -> [u8; 11] {
        let last = match self {
            PreHash::Sha2_256 => 0x01,
            PreHash::Sha2_384 => 0x02,
            PreHash::Sha2_512 => 0x03,
            PreHash::Sha2_224 => 0x04,
            PreHash::Sha2_512_224 => 0x05,
            PreHash::Sha2_512_256 => 0x06,
            PreHash::Sha3_224 => 0x07,
            PreHash::Sha3_256 => 0x08,
            PreHash::Sha3_384 => 0x09,
            PreHash::Sha3_512 => 0x0a,
            PreHash::Shake128 => 0x0b,
            PreHash::Shake256 => 0x0c,
        };
        [
            0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, last,
        ]
    }
}

/// A message digest for HashML-DSA: the function and `PH(M)`.
#[derive(Clone, PartialEq, Eq)]
pub struct PreHashed {
    alg: PreHash,
    digest: [u8; 64],
}

impl PreHashed {
    /// Hashes `message` with a SHA-3 or SHAKE function (Keccak from `mamori-primitives`).
    /// `None` for the SHA-2 functions, which Mamori does not implement: hash with another
    /// library and use [`PreHashed::from_digest`].
    #[must_use]
    pub fn hash(alg: PreHash, message: &[u8]) -> Option<Self> {
        fn keccak<const RATE: usize>(ds: u8, message: &[u8], out: &mut [u8]) {
            let mut s = Sponge::<RATE>::new();
            s.absorb(message);
            s.finish(ds);
            s.squeeze(out);
        }
        let mut digest = [0u8; 64];
        let out = &mut digest[..alg.digest_len()];
        match alg {
            PreHash::Sha3_224 => keccak::<144>(0x06, message, out),
            PreHash::Sha3_256 => keccak::<136>(0x06, message, out),
            PreHash::Sha3_384 => keccak::<104>(0x06, message, out),
            PreHash::Sha3_512 => keccak::<72>(0x06, message, out),
            PreHash::Shake128 => keccak::<168>(0x1f, message, out),
            PreHash::Shake256 => keccak::<136>(0x1f, message, out),
            _ => return None,
        }
        Some(Self { alg, digest })
    }

    /// Wraps a digest computed elsewhere.
    ///
    /// # Errors
    /// [`InputError::Length`] (parameter [`Param::Message`]) if `digest` is not
    /// [`PreHash::digest_len`] bytes.
    pub fn from_digest(alg: PreHash, digest: &[u8]) -> Result<Self, InputError> {
        InputError::check_len(Param::Message, alg.digest_len(), digest.len())?;
        let mut d = [0u8; 64];
        d[..digest.len()].copy_from_slice(digest);
        Ok(Self { alg, digest: d })
    }

    /// The hash function.
    #[must_use]
    pub fn algorithm(&self) -> PreHash {
        self.alg
    }

    /// The digest `PH(M)`.
    #[must_use]
    pub fn digest(&self) -> &[u8] {
        &self.digest[..self.alg.digest_len()]
    }
}

impl fmt::Debug for PreHashed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PreHashed({}, ", self.alg.name())?;
        for b in self.digest() {
            write!(f, "{b:02x}")?;
        }
        f.write_str(")")
    }
}

/// The verification methods every verifying-key type has on top of its own `verify_mu`
/// (and `vk()`, the [`VerifyingKey`](ml_dsa_65::VerifyingKey) it stands for): one copy of
/// the message formatting for the byte-based and the expanded keys.
macro_rules! verify_api {
    () => {
        /// `ML-DSA.Verify` (FIPS 204 Algorithm 3).
        ///
        /// # Errors
        /// [`Error::Crypto`] if the signature is invalid or malformed (including a
        /// wrong length); [`Error::Input`] if `context` is longer than 255 bytes.
        pub fn verify(
            &self,
            message: &[u8],
            context: &[u8],
            signature: &[u8],
        ) -> Result<(), Error> {
            let mu = self.vk().mu(message, context)?;
            Ok(self.verify_mu(&mu, signature)?)
        }

        /// `HashML-DSA.Verify` (FIPS 204 Algorithm 5) on a digest.
        ///
        /// # Errors
        /// As [`VerifyingKey::verify`].
        pub fn verify_prehashed(
            &self,
            digest: &PreHashed,
            context: &[u8],
            signature: &[u8],
        ) -> Result<(), Error> {
            let mu = self.vk().mu_prehashed(digest, context)?;
            Ok(self.verify_mu(&mu, signature)?)
        }

        /// `ML-DSA.Verify_internal` (FIPS 204 Algorithm 8) on the formatted message
        /// `M'` (the internal interface: no context, no domain separator added).
        ///
        /// # Errors
        /// [`CryptoError`] if the signature is invalid or malformed.
        pub fn verify_internal(&self, message: &[u8], signature: &[u8]) -> Result<(), CryptoError> {
            self.verify_mu(&dsa::mu(&self.vk().tr, &[message]), signature)
        }
    };
}

/// The signing methods every signing-key type has on top of its own `sign_mu` (and
/// `vk()`): one copy of the message formatting for the byte-based and the expanded keys.
macro_rules! sign_api {
    () => {
        /// Hedged `ML-DSA.Sign` (FIPS 204 Algorithm 2) with fresh randomness from
        /// `rng`: the default for most uses.
        ///
        /// # Errors
        /// [`InputError::TooLong`] if `context` is longer than 255 bytes.
        pub fn sign<R: rand_core::CryptoRng + ?Sized>(
            &self,
            message: &[u8],
            context: &[u8],
            rng: &mut R,
        ) -> Result<Signature, InputError> {
            check_context(context)?;
            let mut rnd = [0u8; RANDOMNESS_LEN];
            rng.fill_bytes(&mut rnd);
            let sig = self.sign_with_randomness(message, context, &rnd);
            rnd.zeroize();
            sig
        }

        /// Deterministic `ML-DSA.Sign` (`rnd` = 32 zero bytes).
        ///
        /// # Errors
        /// [`InputError::TooLong`] if `context` is longer than 255 bytes.
        pub fn sign_deterministic(
            &self,
            message: &[u8],
            context: &[u8],
        ) -> Result<Signature, InputError> {
            self.sign_with_randomness(message, context, &[0; RANDOMNESS_LEN])
        }

        /// `ML-DSA.Sign` with the given randomness `rnd`.
        ///
        /// # Errors
        /// [`InputError::TooLong`] if `context` is longer than 255 bytes.
        pub fn sign_with_randomness(
            &self,
            message: &[u8],
            context: &[u8],
            rnd: &[u8; RANDOMNESS_LEN],
        ) -> Result<Signature, InputError> {
            let mu = self.vk().mu(message, context)?;
            Ok(self.sign_mu(&mu, rnd))
        }

        /// `HashML-DSA.Sign` (FIPS 204 Algorithm 4) on a digest, with randomness
        /// `rnd` (all zero for the deterministic variant).
        ///
        /// # Errors
        /// [`InputError::TooLong`] if `context` is longer than 255 bytes.
        pub fn sign_prehashed(
            &self,
            digest: &PreHashed,
            context: &[u8],
            rnd: &[u8; RANDOMNESS_LEN],
        ) -> Result<Signature, InputError> {
            let mu = self.vk().mu_prehashed(digest, context)?;
            Ok(self.sign_mu(&mu, rnd))
        }

        /// `ML-DSA.Sign_internal` (FIPS 204 Algorithm 7) on the formatted message
        /// `M'` (the internal interface: no context, no domain separator added).
        #[must_use]
        pub fn sign_internal(&self, message: &[u8], rnd: &[u8; RANDOMNESS_LEN]) -> Signature {
            self.sign_mu(&dsa::mu(&self.vk().tr, &[message]), rnd)
        }
    };
}

/// One parameter set: its marker type, its module of key and signature types, and the
/// trait implementations.
macro_rules! parameter_set {
    (
        $(#[$doc:meta])*
        $marker:ident, $module:ident, k = $k:literal, l = $l:literal,
        params = $params:expr,
        name = $name:literal, aliases = $aliases:expr, section = $section:literal,
        category = $cat:literal, classical = $classical:literal, cryptrec = $cryptrec:expr
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct $marker;

        #[doc = concat!("Keys and signatures of ", $name, ".")]
        pub mod $module {
            use super::*;

            const K: usize = $k;
            const L: usize = $l;
            const PARAMS: Params = $params;
            // Signing's packed c s1 / c s2 product holds for this set (`dsa::PACK_SHIFT`).
            const _: () = assert!(dsa::packs_c_s(&PARAMS, K, L));
            /// Verifying-key length in bytes (`32 + 320 k`).
            pub const VERIFYING_KEY_LEN: usize = PARAMS.pk_len(K);
            /// Expanded signing-key length in bytes.
            pub const SIGNING_KEY_LEN: usize = PARAMS.sk_len(K, L);
            /// Signature length in bytes.
            pub const SIGNATURE_LEN: usize = PARAMS.sig_len(K, L);

            /// A verifying (public) key, with `tr = H(pk)` computed once.
            #[derive(Clone)]
            pub struct VerifyingKey {
                pk: [u8; VERIFYING_KEY_LEN],
                tr: [u8; TR_LEN],
            }

            impl VerifyingKey {
                /// Parses an encoded key (`pkDecode` accepts every byte string of the right
                /// length).
                ///
                /// # Errors
                /// [`InputError::Length`] for a wrong length.
                pub fn from_bytes(bytes: &[u8]) -> Result<Self, InputError> {
                    InputError::check_len(Param::VerifyingKey, VERIFYING_KEY_LEN, bytes.len())?;
                    let mut pk = [0u8; VERIFYING_KEY_LEN];
                    pk.copy_from_slice(bytes);
                    let mut tr = [0u8; TR_LEN];
                    sample::h(&[&pk], &mut tr);
                    Ok(Self { pk, tr })
                }

                /// The encoding `ρ || SimpleBitPack(t1)`.
                #[must_use]
                pub fn to_bytes(&self) -> [u8; VERIFYING_KEY_LEN] {
                    self.pk
                }

                /// The encoding, borrowed.
                #[must_use]
                pub fn as_bytes(&self) -> &[u8; VERIFYING_KEY_LEN] {
                    &self.pk
                }

                /// `tr = H(pk, 64)`.
                #[must_use]
                pub fn tr(&self) -> &[u8; TR_LEN] {
                    &self.tr
                }

                /// The message representative `μ = H(tr || 0 || |ctx| || ctx || M, 64)` of
                /// the external interface, for signing with an external `μ`
                /// ([`SigningKey::sign_mu`]).
                ///
                /// # Errors
                /// [`InputError::TooLong`] if `context` is longer than 255 bytes.
                pub fn mu(&self, message: &[u8], context: &[u8]) -> Result<[u8; MU_LEN], InputError> {
                    check_context(context)?;
                    Ok(dsa::mu(&self.tr, &[&[0, context.len() as u8], context, message]))
                }

                /// `μ` of HashML-DSA (FIPS 204 Algorithm 4 line 23 form).
                ///
                /// # Errors
                /// [`InputError::TooLong`] if `context` is longer than 255 bytes.
                pub fn mu_prehashed(&self, digest: &PreHashed, context: &[u8]) -> Result<[u8; MU_LEN], InputError> {
                    check_context(context)?;
                    let oid = digest.algorithm().oid();
                    Ok(dsa::mu(&self.tr, &[&[1, context.len() as u8], context, &oid, digest.digest()]))
                }

                /// Itself (for the methods of `verify_api!`).
                fn vk(&self) -> &VerifyingKey {
                    self
                }

                verify_api!();

                /// Verification given the message representative `μ` (external μ).
                ///
                /// # Errors
                /// [`CryptoError`] if the signature is invalid or malformed.
                pub fn verify_mu(&self, mu: &[u8; MU_LEN], signature: &[u8]) -> Result<(), CryptoError> {
                    if signature.len() == SIGNATURE_LEN && dispatch!(verify_mu::<K, L>(&PARAMS, &self.pk, mu, signature)) {
                        Ok(())
                    } else {
                        Err(CryptoError)
                    }
                }
            }

            impl PartialEq for VerifyingKey {
                fn eq(&self, other: &Self) -> bool {
                    self.pk == other.pk
                }
            }
            impl Eq for VerifyingKey {}

            impl fmt::Debug for VerifyingKey {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    write!(f, concat!(stringify!($marker), "VerifyingKey(tr = "))?;
                    for b in &self.tr[..8] {
                        write!(f, "{b:02x}")?;
                    }
                    f.write_str("..)")
                }
            }

            /// A signing (private) key: its expanded encoding (checked), its verifying key,
            /// and its seed when it was made from one. Wiped on drop.
            #[derive(Clone)]
            pub struct SigningKey {
                sk: [u8; SIGNING_KEY_LEN],
                vk: VerifyingKey,
                seed: Option<[u8; SEED_LEN]>,
            }

            impl SigningKey {
                /// `ML-DSA.KeyGen_internal(ξ)` (FIPS 204 Algorithm 6).
                #[must_use]
                pub fn from_seed(seed: &[u8; SEED_LEN]) -> Self {
                    let mut sk = [0u8; SIGNING_KEY_LEN];
                    let mut pk = [0u8; VERIFYING_KEY_LEN];
                    dispatch!(keygen::<K, L>(&PARAMS, seed, &mut pk, &mut sk));
                    let mut tr = [0u8; TR_LEN];
                    tr.copy_from_slice(&sk[64..128]);
                    Self { sk, vk: VerifyingKey { pk, tr }, seed: Some(*seed) }
                }

                /// `ML-DSA.KeyGen` (FIPS 204 Algorithm 1): a fresh seed from `rng`.
                pub fn generate<R: rand_core::CryptoRng + ?Sized>(rng: &mut R) -> Self {
                    let mut seed = [0u8; SEED_LEN];
                    rng.fill_bytes(&mut seed);
                    let sk = Self::from_seed(&seed);
                    seed.zeroize();
                    sk
                }

                /// Parses the expanded encoding `skEncode(ρ, K, tr, s1, s2, t0)` and checks
                /// it: every coefficient of s1 and s2 in `[-η, η]`, t0 the low part of
                /// `Â s1 + s2`, tr equal to `H(pk)` for the verifying key this recomputes.
                /// (FIPS 204 asks no check of `skDecode`; these catch corrupted and
                /// mismatched keys. The cost is about that of key generation.)
                ///
                /// # Errors
                /// [`InputError::Length`] for a wrong length, [`InputError::Malformed`] if a
                /// check fails.
                pub fn from_expanded(bytes: &[u8]) -> Result<Self, InputError> {
                    InputError::check_len(Param::SigningKey, SIGNING_KEY_LEN, bytes.len())?;
                    let mut sk = [0u8; SIGNING_KEY_LEN];
                    sk.copy_from_slice(bytes);
                    let mut pk = [0u8; VERIFYING_KEY_LEN];
                    if !dispatch!(check_sk::<K, L>(&PARAMS, &sk, &mut pk)) {
                        sk.zeroize();
                        return Err(InputError::Malformed { param: Param::SigningKey });
                    }
                    let mut tr = [0u8; TR_LEN];
                    tr.copy_from_slice(&sk[64..128]);
                    Ok(Self { sk, vk: VerifyingKey { pk, tr }, seed: None })
                }

                /// The expanded FIPS 204 encoding.
                #[must_use]
                pub fn to_expanded(&self) -> [u8; SIGNING_KEY_LEN] {
                    self.sk
                }

                /// The seed `ξ` the key was generated from, if it was made from one.
                #[must_use]
                pub fn seed(&self) -> Option<&[u8; SEED_LEN]> {
                    self.seed.as_ref()
                }

                /// The matching verifying key.
                #[must_use]
                pub fn verifying_key(&self) -> VerifyingKey {
                    self.vk.clone()
                }

                /// The verifying key (for the methods of `sign_api!`).
                fn vk(&self) -> &VerifyingKey {
                    &self.vk
                }

                sign_api!();

                /// Signing given the message representative `μ` (external μ; compute it
                /// with [`VerifyingKey::mu`]).
                #[must_use]
                pub fn sign_mu(&self, mu: &[u8; MU_LEN], rnd: &[u8; RANDOMNESS_LEN]) -> Signature {
                    let mut sig = [0u8; SIGNATURE_LEN];
                    // The key was checked when it was made or parsed (`check_sk`).
                    let in_range = dispatch!(sign_mu::<K, L>(&PARAMS, &self.sk, mu, rnd, &mut sig));
                    debug_assert!(in_range);
                    Signature(sig)
                }

                /// [`SigningKey::sign_mu`] in a few KiB of stack, for microcontrollers: the
                /// same signature, byte for byte, written into `signature`, without holding
                /// any vector of polynomials (the matrix, s1, s2, t0, y and w are streamed
                /// or recomputed one polynomial at a time, as pqm4's `m4fstack` does). About
                /// 6 KB of stack for every parameter set, besides `self` and `signature`
                /// (`sign_mu` on the portable backend: 39 / 50 / 65 KB for ML-DSA-44 / 65 /
                /// 87), for about 5 to 7 times its signing time. Runs the portable backend
                /// on every CPU. Compute `μ` with [`VerifyingKey::mu`] (or
                /// [`VerifyingKey::mu_prehashed`]).
                ///
                /// # Errors
                /// [`InputError::Length`] if `signature` is not [`SIGNATURE_LEN`] bytes.
                pub fn sign_mu_small_stack(
                    &self,
                    mu: &[u8; MU_LEN],
                    rnd: &[u8; RANDOMNESS_LEN],
                    signature: &mut [u8],
                ) -> Result<(), InputError> {
                    InputError::check_len(Param::Output, SIGNATURE_LEN, signature.len())?;
                    small::sign_mu::<lanes::portable::Portable, K, L>(&PARAMS, &self.sk, mu, rnd, signature);
                    Ok(())
                }

                /// `ML-DSA.Sign` (external interface) with the given randomness (zeros for
                /// the deterministic variant) through [`SigningKey::sign_mu_small_stack`]:
                /// the same signature as [`SigningKey::sign_with_randomness`], in a few KiB
                /// of stack.
                ///
                /// # Errors
                /// [`InputError::TooLong`] if `context` is longer than 255 bytes,
                /// [`InputError::Length`] if `signature` is not [`SIGNATURE_LEN`] bytes;
                /// nothing is written then.
                pub fn sign_small_stack(
                    &self,
                    message: &[u8],
                    context: &[u8],
                    rnd: &[u8; RANDOMNESS_LEN],
                    signature: &mut [u8],
                ) -> Result<(), InputError> {
                    InputError::check_len(Param::Output, SIGNATURE_LEN, signature.len())?;
                    let mu = self.vk.mu(message, context)?;
                    self.sign_mu_small_stack(&mu, rnd, signature)
                }
            }

            impl Drop for SigningKey {
                fn drop(&mut self) {
                    self.sk.zeroize();
                    if let Some(s) = self.seed.as_mut() {
                        s.zeroize();
                    }
                }
            }

            impl ZeroizeOnDrop for SigningKey {}

            impl fmt::Debug for SigningKey {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(concat!(stringify!($marker), "SigningKey(..)"))
                }
            }

            /// `ML-DSA.Sign` (FIPS 204 Algorithm 2) with randomness `rnd` (zeros for the
            /// deterministic variant) straight from the expanded encoding `sk`, as FIPS 204
            /// states it: `skDecode`, then signing. For a key used once or held only as
            /// bytes. The checks are those of the encoding (lengths, and every coefficient of
            /// s1 and s2 in `[-η, η]`), not the consistency check of
            /// [`SigningKey::from_expanded`] (t0 and tr against the key recomputed from s1
            /// and s2: about a key generation's cost, which FIPS 204 does not ask): a key
            /// whose t0 or tr does not match gives signatures that do not verify. Parse a key
            /// used many times once, with [`SigningKey::from_expanded`] or into an
            /// [`ExpandedSigningKey`]. The same signature as
            /// [`SigningKey::sign_with_randomness`] for every valid key.
            ///
            /// # Errors
            /// [`InputError::Length`] for a wrong key or output length,
            /// [`InputError::TooLong`] for a context longer than 255 bytes,
            /// [`InputError::Malformed`] for a coefficient of s1 or s2 out of range; nothing
            /// is written then.
            pub fn sign_expanded(
                sk: &[u8],
                message: &[u8],
                context: &[u8],
                rnd: &[u8; RANDOMNESS_LEN],
                signature: &mut [u8],
            ) -> Result<(), InputError> {
                InputError::check_len(Param::SigningKey, SIGNING_KEY_LEN, sk.len())?;
                InputError::check_len(Param::Output, SIGNATURE_LEN, signature.len())?;
                check_context(context)?;
                let mut tr = [0u8; TR_LEN];
                tr.copy_from_slice(&sk[64..128]);
                let mu = dsa::mu(&tr, &[&[0, context.len() as u8], context, message]);
                // Checks s1 and s2 as it decodes them; signs only if they are in range.
                if !dispatch!(sign_mu::<K, L>(&PARAMS, sk, &mu, rnd, signature)) {
                    return Err(InputError::Malformed { param: Param::SigningKey });
                }
                Ok(())
            }

            /// A signing key expanded for repeated signing: the matrix `Â` and the secret
            /// vectors in NTT form held, so that each signature skips their sampling and
            /// transforms (`Â` is otherwise expanded again for every signature). Holds
            /// `K L + L + 2 K` KiB (ML-DSA-44 / 65 / 87: 28 / 47 / 79 KiB): box it where
            /// the stack is small.
            /// Signs exactly as the [`SigningKey`] it was made from, with the same methods.
            /// Secrets wiped on drop; `Debug` prints none.
            #[derive(Clone)]
            pub struct ExpandedSigningKey {
                e: dsa::ExpandedSk<K, L>,
                vk: VerifyingKey,
            }

            impl ExpandedSigningKey {
                /// Expands `sk` (about the cost of one key generation).
                #[must_use]
                pub fn new(sk: &SigningKey) -> Self {
                    let mut e = dsa::ExpandedSk::<K, L>::zero();
                    dispatch!(expand_sk::<K, L>(&PARAMS, &sk.sk, &mut e));
                    Self { e, vk: sk.vk.clone() }
                }

                /// The matching verifying key.
                #[must_use]
                pub fn verifying_key(&self) -> VerifyingKey {
                    self.vk.clone()
                }

                /// The verifying key (for the methods of `sign_api!`).
                fn vk(&self) -> &VerifyingKey {
                    &self.vk
                }

                sign_api!();

                /// Signing given the message representative `μ` (external μ; compute it
                /// with [`VerifyingKey::mu`]).
                #[must_use]
                pub fn sign_mu(&self, mu: &[u8; MU_LEN], rnd: &[u8; RANDOMNESS_LEN]) -> Signature {
                    let mut sig = [0u8; SIGNATURE_LEN];
                    dispatch!(sign_expanded::<K, L>(&PARAMS, &self.e, mu, rnd, &mut sig));
                    Signature(sig)
                }
            }

            impl From<&SigningKey> for ExpandedSigningKey {
                fn from(sk: &SigningKey) -> Self {
                    Self::new(sk)
                }
            }

            impl Drop for ExpandedSigningKey {
                fn drop(&mut self) {
                    // Â is public; the rest is secret.
                    self.e.s12_hat.zeroize();
                    self.e.s2_hat.zeroize();
                    self.e.t0_hat.zeroize();
                    self.e.key.zeroize();
                }
            }

            impl ZeroizeOnDrop for ExpandedSigningKey {}

            impl fmt::Debug for ExpandedSigningKey {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(concat!(stringify!($marker), "ExpandedSigningKey(..)"))
                }
            }

            /// A verifying key expanded for repeated verification: the matrix `Â` and
            /// `NTT(t1 2^d)` held, so that each verification skips their sampling and
            /// transforms. Holds `K L + K` KiB (ML-DSA-44 / 65 / 87: 20 / 36 / 64 KiB).
            /// Verifies exactly as the [`VerifyingKey`] it was made from, with the same
            /// methods.
            #[derive(Clone)]
            pub struct ExpandedVerifyingKey {
                e: dsa::ExpandedVk<K, L>,
                vk: VerifyingKey,
            }

            impl ExpandedVerifyingKey {
                /// Expands `vk`.
                #[must_use]
                pub fn new(vk: &VerifyingKey) -> Self {
                    let mut e = dsa::ExpandedVk::<K, L>::zero();
                    dispatch!(expand_vk::<K, L>(&vk.pk, &mut e));
                    Self { e, vk: vk.clone() }
                }

                /// The verifying key it was made from.
                #[must_use]
                pub fn verifying_key(&self) -> &VerifyingKey {
                    &self.vk
                }

                /// The verifying key (for the methods of `verify_api!`).
                fn vk(&self) -> &VerifyingKey {
                    &self.vk
                }

                verify_api!();

                /// Verification given the message representative `μ` (external μ).
                ///
                /// # Errors
                /// [`CryptoError`] if the signature is invalid or malformed.
                pub fn verify_mu(&self, mu: &[u8; MU_LEN], signature: &[u8]) -> Result<(), CryptoError> {
                    if signature.len() == SIGNATURE_LEN && dispatch!(verify_expanded::<K, L>(&PARAMS, &self.e, mu, signature)) {
                        Ok(())
                    } else {
                        Err(CryptoError)
                    }
                }
            }

            impl From<&VerifyingKey> for ExpandedVerifyingKey {
                fn from(vk: &VerifyingKey) -> Self {
                    Self::new(vk)
                }
            }

            impl fmt::Debug for ExpandedVerifyingKey {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    write!(f, concat!(stringify!($marker), "ExpandedVerifyingKey(tr = "))?;
                    for b in &self.vk.tr[..8] {
                        write!(f, "{b:02x}")?;
                    }
                    f.write_str("..)")
                }
            }

            /// A signature.
            #[derive(Clone, PartialEq, Eq)]
            pub struct Signature([u8; SIGNATURE_LEN]);

            impl Signature {
                /// Wraps signature bytes (only the length is checked here; verification
                /// checks the rest).
                ///
                /// # Errors
                /// [`InputError::Length`] if `bytes` is not [`SIGNATURE_LEN`] bytes.
                pub fn from_bytes(bytes: &[u8]) -> Result<Self, InputError> {
                    InputError::check_len(Param::Signature, SIGNATURE_LEN, bytes.len())?;
                    let mut s = [0u8; SIGNATURE_LEN];
                    s.copy_from_slice(bytes);
                    Ok(Self(s))
                }

                /// The bytes.
                #[must_use]
                pub fn as_bytes(&self) -> &[u8; SIGNATURE_LEN] {
                    &self.0
                }
            }

            impl AsRef<[u8]> for Signature {
                fn as_ref(&self) -> &[u8] {
                    &self.0
                }
            }

            impl fmt::Debug for Signature {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    write!(f, concat!(stringify!($marker), "Signature({} bytes)"), SIGNATURE_LEN)
                }
            }

            impl Encode for VerifyingKey {
                const ENCODED_LEN: usize = VERIFYING_KEY_LEN;
                fn encode_into(&self, out: &mut [u8]) -> Result<(), InputError> {
                    InputError::check_len(Param::Output, VERIFYING_KEY_LEN, out.len())?;
                    out.copy_from_slice(&self.pk);
                    Ok(())
                }
            }

            impl Decode for VerifyingKey {
                fn decode(bytes: &[u8]) -> Result<Self, InputError> {
                    Self::from_bytes(bytes)
                }
            }

            impl Encode for SigningKey {
                const ENCODED_LEN: usize = SIGNING_KEY_LEN;
                fn encode_into(&self, out: &mut [u8]) -> Result<(), InputError> {
                    InputError::check_len(Param::Output, SIGNING_KEY_LEN, out.len())?;
                    out.copy_from_slice(&self.sk);
                    Ok(())
                }
            }

            impl Decode for SigningKey {
                fn decode(bytes: &[u8]) -> Result<Self, InputError> {
                    Self::from_expanded(bytes)
                }
            }
        }

        impl Algorithm for $marker {
            const INFO: AlgorithmInfo = AlgorithmInfo {
                name: $name,
                aliases: $aliases,
                family: Family::Signature,
                standard: Standard {
                    document: "NIST FIPS 204",
                    section: $section,
                },
                security: Security {
                    classical_bits: $classical,
                    pq_category: Some($cat),
                },
                sizes: &[
                    ("pk", $module::VERIFYING_KEY_LEN),
                    ("sk", $module::SIGNING_KEY_LEN),
                    ("signature", $module::SIGNATURE_LEN),
                    ("seed", SEED_LEN),
                ],
                cryptrec: $cryptrec,
            };

            fn backend() -> Backend {
                backend()
            }
        }

        impl SignatureScheme for $marker {
            const SEED_LEN: usize = SEED_LEN;
            const SIGNING_KEY_LEN: usize = $module::SIGNING_KEY_LEN;
            const VERIFYING_KEY_LEN: usize = $module::VERIFYING_KEY_LEN;
            const SIGNATURE_LEN: usize = $module::SIGNATURE_LEN;
            const RANDOMNESS_LEN: usize = RANDOMNESS_LEN;
            const MAX_CONTEXT_LEN: usize = MAX_CONTEXT_LEN;

            type SigningKey = $module::SigningKey;
            type VerifyingKey = $module::VerifyingKey;
            type Seed = [u8; SEED_LEN];
            type Randomness = [u8; RANDOMNESS_LEN];

            fn keygen_from_seed(
                seed: &[u8],
            ) -> Result<(Self::SigningKey, Self::VerifyingKey), InputError> {
                let seed: &[u8; SEED_LEN] = seed.try_into().map_err(|_| InputError::Length {
                    param: Param::Seed,
                    expected: SEED_LEN,
                    actual: seed.len(),
                })?;
                let sk = $module::SigningKey::from_seed(seed);
                let vk = sk.verifying_key();
                Ok((sk, vk))
            }

            fn sign_into(
                sk: &Self::SigningKey,
                message: &[u8],
                context: &[u8],
                randomness: Option<&[u8]>,
                signature: &mut [u8],
            ) -> Result<(), InputError> {
                check_context(context)?;
                let mut rnd = rnd_or_zeros(randomness)?;
                InputError::check_len(Param::Output, $module::SIGNATURE_LEN, signature.len())?;
                let sig = sk.sign_with_randomness(message, context, &rnd);
                rnd.zeroize();
                signature.copy_from_slice(sig?.as_bytes());
                Ok(())
            }

            /// [`sign_expanded`]($module::sign_expanded): FIPS 204's checks of the encoding
            /// only, not [`SigningKey::from_expanded`]($module::SigningKey::from_expanded)'s.
            fn sign_encoded(
                sk: &[u8],
                message: &[u8],
                context: &[u8],
                randomness: Option<&[u8]>,
                signature: &mut [u8],
            ) -> Result<(), InputError> {
                let mut rnd = rnd_or_zeros(randomness)?;
                let r = $module::sign_expanded(sk, message, context, &rnd, signature);
                rnd.zeroize();
                r
            }

            fn verify(
                vk: &Self::VerifyingKey,
                message: &[u8],
                context: &[u8],
                signature: &[u8],
            ) -> Result<(), Error> {
                vk.verify(message, context, signature)
            }
        }
    };
}

use mamori_primitives::reexport::rand_core;
use mamori_primitives::{
    Algorithm, AlgorithmInfo, Cryptrec, Decode, Encode, Family, Security, SignatureScheme, Standard,
};

parameter_set!(
    /// ML-DSA-44 (FIPS 204, security category 2).
    MlDsa44, ml_dsa_44, k = 4, l = 4,
    params = Params {
        eta: 2, tau: 39, beta: 78, gamma1_log: 17, gamma2: arith::GAMMA2_88, omega: 80,
        ctilde_len: 32,
    },
    name = "ml-dsa-44", aliases = &["ML-DSA-44", "mldsa44"], section = "§4 ML-DSA-44",
    category = 2, classical = 128, cryptrec = Cryptrec::NotListed
);

parameter_set!(
    /// ML-DSA-65 (FIPS 204, security category 3).
    MlDsa65, ml_dsa_65, k = 6, l = 5,
    params = Params {
        eta: 4, tau: 49, beta: 196, gamma1_log: 19, gamma2: arith::GAMMA2_32, omega: 55,
        ctilde_len: 48,
    },
    name = "ml-dsa-65", aliases = &["ML-DSA-65", "mldsa65"], section = "§4 ML-DSA-65",
    category = 3, classical = 192, cryptrec = Cryptrec::NotListed
);

parameter_set!(
    /// ML-DSA-87 (FIPS 204, security category 5).
    MlDsa87, ml_dsa_87, k = 8, l = 7,
    params = Params {
        eta: 2, tau: 60, beta: 120, gamma1_log: 19, gamma2: arith::GAMMA2_32, omega: 75,
        ctilde_len: 64,
    },
    name = "ml-dsa-87", aliases = &["ML-DSA-87", "mldsa87"], section = "§4 ML-DSA-87",
    category = 5, classical = 256, cryptrec = Cryptrec::NotListed
);
