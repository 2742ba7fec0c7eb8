//! ML-KEM (FIPS 203): ML-KEM-512, ML-KEM-768 and ML-KEM-1024.
//!
//! * Key generation from the 64-byte seed `d || z` or from an RNG; encapsulation given its
//!   32-byte randomness `m` or from an RNG; decapsulation with implicit rejection.
//! * Decapsulation keys in both forms: the 64-byte seed (what ACVP's `-tr1` revision and
//!   most users store) and the expanded FIPS 203 encoding. A key made from a seed keeps
//!   it ([`ml_kem_768::DecapsulationKey::seed`]); an expanded key cannot give its seed back.
//! * The input checks of FIPS 203 §7: the encapsulation-key modulus check (§7.2) and the
//!   decapsulation-key hash check (§7.3) return [`InputError::Malformed`]; wrong lengths
//!   return [`InputError::Length`]. A malformed ciphertext of the right length is not an
//!   error: it yields the implicit-rejection key, in constant time.
//! * Decapsulation keys and shared secrets are wiped on drop; `Debug` prints no secret.
//!
//! Written once over the lane-vector abstraction in `ml_kem/lanes.rs`; the backend is chosen per
//! call from the CPU's features (detected once). Constant time: no secret-dependent branch,
//! index or division (compression divides by q with a multiply and a shift, KyberSlash);
//! selects and the re-encryption comparison use `subtle`.
//!
//! ```
//! use mamori_kem::MlKem768;
//! use mamori_kem::ml_kem_768::DecapsulationKey;
//! let dk = DecapsulationKey::from_seed(&[7u8; 64]);
//! let ek = dk.encapsulation_key();
//! let (ct, k_sender) = ek.encapsulate_deterministic(&[9u8; 32]);
//! let k_receiver = dk.decapsulate(&ct);
//! assert_eq!(k_sender.as_bytes(), k_receiver.as_bytes());
//! # let _ = MlKem768;
//! ```

use core::fmt;

use mamori_primitives::{Backend, InputError, Param};
use zeroize::{Zeroize, ZeroizeOnDrop};

mod arith;
mod dispatch;
mod kpke;
pub(crate) mod lanes;
mod poly;
mod sample;

use dispatch::{Choice, dispatch};
use lanes::portable::Portable as PortableLanes;

/// The parameters of one ML-KEM parameter set (FIPS 203 Table 2), besides the rank `K`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Params {
    pub(crate) eta1: u32,
    pub(crate) eta2: u32,
    pub(crate) du: u32,
    pub(crate) dv: u32,
}

/// Shared-secret length in bytes.
pub const SHARED_SECRET_LEN: usize = 32;
/// Key-generation seed length in bytes (`d || z`).
pub const SEED_LEN: usize = 64;
/// Encapsulation randomness length in bytes (`m`).
pub const ENCAPS_RANDOMNESS_LEN: usize = 32;

/// A key-generation seed buffer `d || z` (the [`Kem::Seed`] type: `[u8; 64]` has no
/// `Default`). Wiped on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
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

impl fmt::Debug for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Seed(..)")
    }
}

/// A 32-byte ML-KEM shared secret. Wiped on drop; compared in constant time; `Debug`
/// prints no bytes.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SharedSecret([u8; SHARED_SECRET_LEN]);

impl SharedSecret {
    /// The secret bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; SHARED_SECRET_LEN] {
        &self.0
    }
}

impl AsRef<[u8]> for SharedSecret {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl subtle::ConstantTimeEq for SharedSecret {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.0.ct_eq(&other.0)
    }
}

impl fmt::Debug for SharedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SharedSecret(..)")
    }
}

/// The backend [`dispatch!`] runs on this CPU.
pub(crate) fn backend() -> Backend {
    dispatch::choice().backend()
}

/// The ML-KEM parameter set `A` ([`MlKem512`], [`MlKem768`] or [`MlKem1024`]) pinned to the
/// portable backend: the same key, ciphertext and shared-secret types and the same bytes as
/// `A`, computed without SIMD on every CPU (what `no_std` targets run). For evaluation (the
/// `kem_peers` benchmark measures it next to RustCrypto `ml-kem`) and for checking the SIMD
/// backends through the public API. Only the [`Kem`] trait operations are pinned; the key
/// types' own methods run on the fastest backend.
///
/// ```
/// use mamori_kem::{MlKem768, Portable};
/// use mamori_primitives::Kem;
/// let (dk, ek) = Portable::<MlKem768>::keygen_from_seed(&[7u8; 64]).unwrap();
/// let (ct, k) = Portable::<MlKem768>::encapsulate_deterministic(&ek, &[9u8; 32]).unwrap();
/// let k_fast = MlKem768::decapsulate(&dk, ct.as_ref()).unwrap();
/// assert_eq!(k.as_bytes(), k_fast.as_bytes());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Portable<A>(core::marker::PhantomData<A>);

/// The [`Kem`] impl of `$ty`, parameter set `$module`, running on the backend `$choice` (an
/// expression of type [`Choice`]).
macro_rules! kem_impl {
    ($ty:ty, $module:ident, $choice:expr) => {
        impl Kem for $ty {
            const ENCAPSULATION_KEY_LEN: usize = $module::ENCAPSULATION_KEY_LEN;
            const DECAPSULATION_KEY_LEN: usize = $module::DECAPSULATION_KEY_LEN;
            const CIPHERTEXT_LEN: usize = $module::CIPHERTEXT_LEN;
            const SHARED_SECRET_LEN: usize = SHARED_SECRET_LEN;
            const SEED_LEN: usize = SEED_LEN;
            const ENCAPS_RANDOMNESS_LEN: usize = ENCAPS_RANDOMNESS_LEN;

            type EncapsulationKey = $module::EncapsulationKey;
            type DecapsulationKey = $module::DecapsulationKey;
            type Ciphertext = $module::Ciphertext;
            type SharedSecret = SharedSecret;
            type Seed = Seed;
            type EncapsRandomness = [u8; ENCAPS_RANDOMNESS_LEN];

            fn keygen_from_seed(
                seed: &[u8],
            ) -> Result<(Self::DecapsulationKey, Self::EncapsulationKey), InputError> {
                let seed: &[u8; SEED_LEN] = seed.try_into().map_err(|_| InputError::Length {
                    param: Param::Seed,
                    expected: SEED_LEN,
                    actual: seed.len(),
                })?;
                let dk = $module::DecapsulationKey::from_seed_on($choice, seed);
                let ek = dk.encapsulation_key();
                Ok((dk, ek))
            }

            fn encapsulate_deterministic(
                ek: &Self::EncapsulationKey,
                randomness: &[u8],
            ) -> Result<(Self::Ciphertext, Self::SharedSecret), InputError> {
                let m: &[u8; 32] = randomness.try_into().map_err(|_| InputError::Length {
                    param: Param::Randomness,
                    expected: ENCAPS_RANDOMNESS_LEN,
                    actual: randomness.len(),
                })?;
                Ok(ek.encapsulate_on($choice, m))
            }

            fn decapsulate(
                dk: &Self::DecapsulationKey,
                ciphertext: &[u8],
            ) -> Result<Self::SharedSecret, InputError> {
                dk.decapsulate_bytes_on($choice, ciphertext)
            }

            fn decapsulate_encoded(
                dk: &[u8],
                ciphertext: &[u8],
            ) -> Result<Self::SharedSecret, InputError> {
                $module::DecapsulationKey::decapsulate_expanded_on($choice, dk, ciphertext)
            }
        }
    };
}

/// One parameter set: its marker type, its module of key and ciphertext types, and the
/// trait implementations.
macro_rules! parameter_set {
    (
        $(#[$doc:meta])*
        $marker:ident, $module:ident, k = $k:literal,
        params = $params:expr,
        name = $name:literal, aliases = $aliases:expr,
        category = $cat:literal, classical = $classical:literal, cryptrec = $cryptrec:expr
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct $marker;

        #[doc = concat!("Keys and ciphertexts of ", $name, ".")]
        pub mod $module {
            use super::*;
            use kpke::{PublicKey, SecretKey};

            const K: usize = $k;
            const PARAMS: Params = $params;
            /// Encapsulation-key length in bytes (`384 k + 32`).
            pub const ENCAPSULATION_KEY_LEN: usize = 384 * K + 32;
            /// Expanded decapsulation-key length in bytes (`768 k + 96`).
            pub const DECAPSULATION_KEY_LEN: usize = 768 * K + 96;
            /// Ciphertext length in bytes (`32 (du k + dv)`).
            pub const CIPHERTEXT_LEN: usize = 32 * (PARAMS.du as usize * K + PARAMS.dv as usize);

            /// An encapsulation (public) key, parsed and checked (FIPS 203 §7.2).
            #[derive(Clone)]
            pub struct EncapsulationKey {
                pk: PublicKey<K>,
            }

            impl EncapsulationKey {
                /// Parses an encoded key with the modulus check of FIPS 203 §7.2.
                ///
                /// # Errors
                /// [`InputError::Length`] for a wrong length, [`InputError::Malformed`] if
                /// a coefficient is not below q.
                pub fn from_bytes(bytes: &[u8]) -> Result<Self, InputError> {
                    InputError::check_len(Param::EncapsulationKey, ENCAPSULATION_KEY_LEN, bytes.len())?;
                    kpke::parse_ek::<PortableLanes, K>(bytes)
                        .map(|pk| Self { pk })
                        .ok_or(InputError::Malformed { param: Param::EncapsulationKey })
                }

                /// The encoding `ByteEncode_12(t̂) || ρ`.
                #[must_use]
                pub fn to_bytes(&self) -> [u8; ENCAPSULATION_KEY_LEN] {
                    let mut out = [0u8; ENCAPSULATION_KEY_LEN];
                    kpke::encode_ek(&self.pk, &mut out);
                    out
                }

                /// `H(ek)`, the hash FIPS 203 binds into the decapsulation key.
                #[must_use]
                pub fn hash(&self) -> &[u8; 32] {
                    &self.pk.hash
                }

                /// Deterministic encapsulation with randomness `m` (FIPS 203 Algorithm 17).
                #[must_use]
                pub fn encapsulate_deterministic(&self, m: &[u8; 32]) -> (Ciphertext, SharedSecret) {
                    self.encapsulate_on(dispatch::choice(), m)
                }

                /// [`encapsulate_deterministic`](Self::encapsulate_deterministic) on `backend`.
                pub(crate) fn encapsulate_on(&self, backend: Choice, m: &[u8; 32]) -> (Ciphertext, SharedSecret) {
                    let mut ct = [0u8; CIPHERTEXT_LEN];
                    let key = dispatch!(backend, encaps::<K>(&PARAMS, &self.pk, m, &mut ct));
                    (Ciphertext(ct), SharedSecret(key))
                }

                /// Encapsulation with fresh randomness from `rng` (FIPS 203 Algorithm 20).
                pub fn encapsulate<R: rand_core::CryptoRng + ?Sized>(&self, rng: &mut R) -> (Ciphertext, SharedSecret) {
                    let mut m = [0u8; 32];
                    rng.fill_bytes(&mut m);
                    let out = self.encapsulate_deterministic(&m);
                    m.zeroize();
                    out
                }
            }

            impl PartialEq for EncapsulationKey {
                fn eq(&self, other: &Self) -> bool {
                    self.pk.t_hat == other.pk.t_hat && self.pk.rho == other.pk.rho
                }
            }
            impl Eq for EncapsulationKey {}

            impl fmt::Debug for EncapsulationKey {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    write!(f, concat!(stringify!($marker), "EncapsulationKey(H = "))?;
                    for b in &self.pk.hash[..8] {
                        write!(f, "{b:02x}")?;
                    }
                    f.write_str("..)")
                }
            }

            /// A decapsulation (private) key, held parsed, with its seed when it was made
            /// from one. Wiped on drop.
            #[derive(Clone)]
            pub struct DecapsulationKey {
                sk: SecretKey<K>,
                seed: Option<[u8; SEED_LEN]>,
            }

            impl DecapsulationKey {
                /// Key generation from the seed `d || z` (FIPS 203 Algorithm 16).
                #[must_use]
                pub fn from_seed(seed: &[u8; SEED_LEN]) -> Self {
                    Self::from_seed_on(dispatch::choice(), seed)
                }

                /// [`from_seed`](Self::from_seed) on `backend`.
                pub(crate) fn from_seed_on(backend: Choice, seed: &[u8; SEED_LEN]) -> Self {
                    let (d, z) = seed.split_at(32);
                    let (mut dd, mut zz) = ([0u8; 32], [0u8; 32]);
                    dd.copy_from_slice(d);
                    zz.copy_from_slice(z);
                    let sk = dispatch!(backend, keygen::<K>(&PARAMS, &dd, &zz));
                    dd.zeroize();
                    zz.zeroize();
                    Self { sk, seed: Some(*seed) }
                }

                /// Key generation with a fresh seed from `rng` (FIPS 203 Algorithm 19).
                pub fn generate<R: rand_core::CryptoRng + ?Sized>(rng: &mut R) -> Self {
                    let mut seed = [0u8; SEED_LEN];
                    rng.fill_bytes(&mut seed);
                    let dk = Self::from_seed(&seed);
                    seed.zeroize();
                    dk
                }

                /// Parses the expanded encoding `dk_pke || ek || H(ek) || z` with the hash
                /// check of FIPS 203 §7.3.
                ///
                /// # Errors
                /// [`InputError::Length`] for a wrong length, [`InputError::Malformed`] if
                /// the embedded hash does not match the embedded encapsulation key.
                pub fn from_expanded(bytes: &[u8]) -> Result<Self, InputError> {
                    InputError::check_len(Param::DecapsulationKey, DECAPSULATION_KEY_LEN, bytes.len())?;
                    kpke::parse_dk::<PortableLanes, K>(bytes)
                        .map(|sk| Self { sk, seed: None })
                        .ok_or(InputError::Malformed { param: Param::DecapsulationKey })
                }

                /// The expanded FIPS 203 encoding.
                #[must_use]
                pub fn to_expanded(&self) -> [u8; DECAPSULATION_KEY_LEN] {
                    let mut out = [0u8; DECAPSULATION_KEY_LEN];
                    kpke::encode_dk(&self.sk, &mut out);
                    out
                }

                /// The seed `d || z` the key was generated from, if it was made from one
                /// (an expanded key does not contain `d`).
                #[must_use]
                pub fn seed(&self) -> Option<&[u8; SEED_LEN]> {
                    self.seed.as_ref()
                }

                /// The matching encapsulation key.
                #[must_use]
                pub fn encapsulation_key(&self) -> EncapsulationKey {
                    EncapsulationKey { pk: self.sk.pk.clone() }
                }

                /// Decapsulation with implicit rejection (FIPS 203 Algorithm 18).
                #[must_use]
                pub fn decapsulate(&self, ct: &Ciphertext) -> SharedSecret {
                    SharedSecret(dispatch!(dispatch::choice(), decaps::<K>(&PARAMS, &self.sk, &ct.0)))
                }

                /// Decapsulation of ciphertext bytes.
                ///
                /// # Errors
                /// [`InputError::Length`] if `ct` is not [`CIPHERTEXT_LEN`] bytes.
                pub fn decapsulate_bytes(&self, ct: &[u8]) -> Result<SharedSecret, InputError> {
                    self.decapsulate_bytes_on(dispatch::choice(), ct)
                }

                /// [`decapsulate_bytes`](Self::decapsulate_bytes) on `backend`.
                pub(crate) fn decapsulate_bytes_on(&self, backend: Choice, ct: &[u8]) -> Result<SharedSecret, InputError> {
                    InputError::check_len(Param::Ciphertext, CIPHERTEXT_LEN, ct.len())?;
                    Ok(SharedSecret(dispatch!(backend, decaps::<K>(&PARAMS, &self.sk, ct))))
                }

                /// Decapsulation of ciphertext bytes `ct` with the expanded key encoding
                /// `dk`: [`from_expanded`](Self::from_expanded) then
                /// [`decapsulate_bytes`](Self::decapsulate_bytes), with the same results and
                /// errors, but the two hashes over the inputs, the key check's `H(ek)` and
                /// the implicit-rejection key `J(z || c)`, computed together on the
                /// four-way Keccak where the backend has one.
                ///
                /// # Errors
                /// As `from_expanded` for `dk`, then as `decapsulate_bytes` for `ct`.
                pub fn decapsulate_expanded(dk: &[u8], ct: &[u8]) -> Result<SharedSecret, InputError> {
                    Self::decapsulate_expanded_on(dispatch::choice(), dk, ct)
                }

                /// [`decapsulate_expanded`](Self::decapsulate_expanded) on `backend`.
                pub(crate) fn decapsulate_expanded_on(backend: Choice, dk: &[u8], ct: &[u8]) -> Result<SharedSecret, InputError> {
                    if ct.len() != CIPHERTEXT_LEN {
                        // The errors in their order: the key's first.
                        return Self::from_expanded(dk)?.decapsulate_bytes_on(backend, ct);
                    }
                    InputError::check_len(Param::DecapsulationKey, DECAPSULATION_KEY_LEN, dk.len())?;
                    dispatch!(backend, decaps_expanded::<K>(&PARAMS, dk, ct))
                        .map(SharedSecret)
                        .ok_or(InputError::Malformed { param: Param::DecapsulationKey })
                }
            }

            impl Drop for DecapsulationKey {
                fn drop(&mut self) {
                    self.sk.wipe();
                    if let Some(s) = self.seed.as_mut() {
                        s.zeroize();
                    }
                }
            }

            impl ZeroizeOnDrop for DecapsulationKey {}

            impl fmt::Debug for DecapsulationKey {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(concat!(stringify!($marker), "DecapsulationKey(..)"))
                }
            }

            /// A ciphertext.
            #[derive(Clone, PartialEq, Eq)]
            pub struct Ciphertext([u8; CIPHERTEXT_LEN]);

            impl Ciphertext {
                /// Wraps ciphertext bytes.
                ///
                /// # Errors
                /// [`InputError::Length`] if `bytes` is not [`CIPHERTEXT_LEN`] bytes.
                pub fn from_bytes(bytes: &[u8]) -> Result<Self, InputError> {
                    InputError::check_len(Param::Ciphertext, CIPHERTEXT_LEN, bytes.len())?;
                    let mut c = [0u8; CIPHERTEXT_LEN];
                    c.copy_from_slice(bytes);
                    Ok(Self(c))
                }

                /// The bytes.
                #[must_use]
                pub fn as_bytes(&self) -> &[u8; CIPHERTEXT_LEN] {
                    &self.0
                }
            }

            impl AsRef<[u8]> for Ciphertext {
                fn as_ref(&self) -> &[u8] {
                    &self.0
                }
            }

            impl fmt::Debug for Ciphertext {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    write!(f, concat!(stringify!($marker), "Ciphertext({} bytes)"), CIPHERTEXT_LEN)
                }
            }

            impl Encode for EncapsulationKey {
                const ENCODED_LEN: usize = ENCAPSULATION_KEY_LEN;
                fn encode_into(&self, out: &mut [u8]) -> Result<(), InputError> {
                    InputError::check_len(Param::Output, ENCAPSULATION_KEY_LEN, out.len())?;
                    kpke::encode_ek(&self.pk, out);
                    Ok(())
                }
            }

            impl Decode for EncapsulationKey {
                fn decode(bytes: &[u8]) -> Result<Self, InputError> {
                    Self::from_bytes(bytes)
                }
            }

            impl Encode for DecapsulationKey {
                const ENCODED_LEN: usize = DECAPSULATION_KEY_LEN;
                fn encode_into(&self, out: &mut [u8]) -> Result<(), InputError> {
                    InputError::check_len(Param::Output, DECAPSULATION_KEY_LEN, out.len())?;
                    kpke::encode_dk(&self.sk, out);
                    Ok(())
                }
            }

            impl Decode for DecapsulationKey {
                fn decode(bytes: &[u8]) -> Result<Self, InputError> {
                    Self::from_expanded(bytes)
                }
            }
        }

        impl Algorithm for $marker {
            const INFO: AlgorithmInfo = AlgorithmInfo {
                name: $name,
                aliases: $aliases,
                family: Family::Kem,
                standard: Standard {
                    document: "NIST FIPS 203",
                    section: concat!("§8 ", stringify!($marker)),
                },
                security: Security {
                    classical_bits: $classical,
                    pq_category: Some($cat),
                },
                sizes: &[
                    ("ek", $module::ENCAPSULATION_KEY_LEN),
                    ("dk", $module::DECAPSULATION_KEY_LEN),
                    ("ciphertext", $module::CIPHERTEXT_LEN),
                    ("shared secret", SHARED_SECRET_LEN),
                ],
                cryptrec: $cryptrec,
            };

            fn backend() -> Backend {
                backend()
            }
        }

        impl Algorithm for Portable<$marker> {
            const INFO: AlgorithmInfo = $marker::INFO;

            fn backend() -> Backend {
                Backend::Portable
            }
        }

        kem_impl!($marker, $module, dispatch::choice());
        kem_impl!(Portable<$marker>, $module, Choice::Portable);
    };
}

use mamori_primitives::reexport::rand_core;
use mamori_primitives::{
    Algorithm, AlgorithmInfo, Cryptrec, Decode, Encode, Family, Kem, Security, Standard,
};

parameter_set!(
    /// ML-KEM-512 (FIPS 203, security category 1).
    MlKem512, ml_kem_512, k = 2,
    params = Params { eta1: 3, eta2: 2, du: 10, dv: 4 },
    name = "ml-kem-512", aliases = &["ML-KEM-512", "mlkem512"],
    category = 1, classical = 128, cryptrec = Cryptrec::NotListed
);

parameter_set!(
    /// ML-KEM-768 (FIPS 203, security category 3).
    MlKem768, ml_kem_768, k = 3,
    params = Params { eta1: 2, eta2: 2, du: 10, dv: 4 },
    name = "ml-kem-768", aliases = &["ML-KEM-768", "mlkem768"],
    category = 3, classical = 192, cryptrec = Cryptrec::Recommended
);

parameter_set!(
    /// ML-KEM-1024 (FIPS 203, security category 5).
    MlKem1024, ml_kem_1024, k = 4,
    params = Params { eta1: 2, eta2: 2, du: 11, dv: 5 },
    name = "ml-kem-1024", aliases = &["ML-KEM-1024", "mlkem1024"],
    category = 5, classical = 256, cryptrec = Cryptrec::Recommended
);
