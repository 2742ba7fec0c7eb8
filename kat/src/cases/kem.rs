//! KEM cases (FIPS 203 style), run through [`DynKem`].
//!
//! Seeds follow the trait layer's convention: for ML-KEM the key-generation seed is
//! `d || z` (64 bytes), as in FIPS 203 `ML-KEM.KeyGen_internal(d, z)` and Wycheproof.

use super::{Expect, KeyForm, compare_opt, first_failure, judge};
use crate::dynamic::DynKem;
use crate::report::Outcome;

/// What a KEM case exercises.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KemOp {
    /// Key generation from a seed; compares the keys given.
    KeyGen {
        /// Seed (`d || z` for ML-KEM).
        seed: Vec<u8>,
        /// Expected encapsulation key.
        ek: Option<Vec<u8>>,
        /// Expected decapsulation key (expanded encoding).
        dk: Option<Vec<u8>>,
    },
    /// Deterministic encapsulation.
    Encapsulate {
        /// Encapsulation key.
        ek: Vec<u8>,
        /// Encapsulation randomness (`m`).
        randomness: Vec<u8>,
        /// Expected ciphertext.
        ciphertext: Option<Vec<u8>>,
        /// Expected shared secret.
        shared_secret: Option<Vec<u8>>,
    },
    /// Decapsulation (implicit rejection yields a secret too).
    Decapsulate {
        /// Decapsulation key, expanded or as its seed.
        dk: KeyForm,
        /// Ciphertext.
        ciphertext: Vec<u8>,
        /// Expected shared secret.
        shared_secret: Option<Vec<u8>>,
    },
    /// Key generation from a seed, then decapsulation under that key (Wycheproof `MLKEMTest`).
    KeyGenDecapsulate {
        /// Seed.
        seed: Vec<u8>,
        /// Expected encapsulation key.
        ek: Option<Vec<u8>>,
        /// Ciphertext.
        ciphertext: Vec<u8>,
        /// Expected shared secret.
        shared_secret: Option<Vec<u8>>,
    },
    /// Encapsulation-key validation (FIPS 203 §7.2).
    CheckEncapsulationKey {
        /// The key.
        ek: Vec<u8>,
    },
    /// Decapsulation-key validation (FIPS 203 §7.3).
    CheckDecapsulationKey {
        /// The key.
        dk: Vec<u8>,
    },
}

/// One KEM vector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KemCase {
    /// The id the file gives the case.
    pub id: String,
    /// The operation and its data.
    pub op: KemOp,
    /// What the file expects.
    pub expect: Expect,
}

fn expand(kem: &dyn DynKem, dk: &KeyForm) -> Result<Vec<u8>, String> {
    match dk {
        KeyForm::Expanded(dk) => Ok(dk.clone()),
        KeyForm::Seed(seed) => kem
            .keygen_from_seed(seed)
            .map(|(_, dk)| dk)
            .map_err(|e| format!("key generation from the seed: {e}")),
    }
}

/// Checks one KEM case.
pub(crate) fn check(kem: &dyn DynKem, c: &KemCase) -> Outcome {
    let (op, result) = match &c.op {
        KemOp::KeyGen { seed, ek, dk } => (
            "key generation",
            kem.keygen_from_seed(seed)
                .map(|(got_ek, got_dk)| {
                    first_failure([
                        compare_opt("ek", ek.as_ref(), &got_ek),
                        compare_opt("dk", dk.as_ref(), &got_dk),
                    ])
                })
                .map_err(|e| e.to_string()),
        ),
        KemOp::Encapsulate {
            ek,
            randomness,
            ciphertext,
            shared_secret,
        } => (
            "encapsulation",
            kem.encapsulate(ek, randomness)
                .map(|(ct, ss)| {
                    first_failure([
                        compare_opt("ciphertext", ciphertext.as_ref(), &ct),
                        compare_opt("shared secret", shared_secret.as_ref(), &ss),
                    ])
                })
                .map_err(|e| e.to_string()),
        ),
        KemOp::Decapsulate {
            dk,
            ciphertext,
            shared_secret,
        } => (
            "decapsulation",
            expand(kem, dk).and_then(|dk| {
                kem.decapsulate(&dk, ciphertext)
                    .map(|ss| compare_opt("shared secret", shared_secret.as_ref(), &ss))
                    .map_err(|e| e.to_string())
            }),
        ),
        KemOp::KeyGenDecapsulate {
            seed,
            ek,
            ciphertext,
            shared_secret,
        } => (
            "key generation and decapsulation",
            kem.keygen_from_seed(seed)
                .map_err(|e| format!("key generation: {e}"))
                .and_then(|(got_ek, dk)| {
                    let keys = compare_opt("ek", ek.as_ref(), &got_ek);
                    kem.decapsulate(&dk, ciphertext)
                        .map(|ss| {
                            first_failure([
                                keys,
                                compare_opt("shared secret", shared_secret.as_ref(), &ss),
                            ])
                        })
                        .map_err(|e| format!("decapsulation: {e}"))
                }),
        ),
        KemOp::CheckEncapsulationKey { ek } => (
            "encapsulation-key check",
            kem.check_encapsulation_key(ek)
                .map(|()| Outcome::Pass)
                .map_err(|e| e.to_string()),
        ),
        KemOp::CheckDecapsulationKey { dk } => (
            "decapsulation-key check",
            kem.check_decapsulation_key(dk)
                .map(|()| Outcome::Pass)
                .map_err(|e| e.to_string()),
        ),
    };
    judge(c.expect, op, result)
}
