//! ML-DSA-65 (mamori-sign, portable backend) as operations on bytes, shared by the `ml_dsa`
//! firmware (KATs and measurements) and the `size_ml_dsa_65*` binaries, so the code
//! measured, the code sized and the code checked against the ACVP vectors are the same.
//!
//! Key generation and verification have one implementation; signing may have several
//! (the default one and, say, a small-stack variant), listed in [`SIGNERS`]: the firmware
//! checks and measures every entry the same way (one table row each, and the ACVP external-μ
//! series), so adding an implementation is one [`Signer`] entry and its two functions.

use mamori_sign::ml_dsa::{MU_LEN, RANDOMNESS_LEN, SEED_LEN};
use mamori_sign::ml_dsa_65::{self, SigningKey, VerifyingKey};

/// The parameter set's name.
pub const NAME: &str = "ML-DSA-65";
/// The KAT tally's name.
pub const KAT_NAME: &str = "ML-DSA-65 (ACVP FIPS 204)";
/// The blobs' parameter-set tag.
pub const SET: u8 = 65;
/// Verifying-key length in bytes.
pub const PK: usize = ml_dsa_65::VERIFYING_KEY_LEN;
/// Expanded signing-key length in bytes.
pub const SK: usize = ml_dsa_65::SIGNING_KEY_LEN;
/// Signature length in bytes.
pub const SIG: usize = ml_dsa_65::SIGNATURE_LEN;
/// FIPS 204 Table 1: expected number of iterations of the signing loop for ML-DSA-65.
pub const EXPECTED_ITERATIONS_X10: u64 = 51;

/// Key generation from the seed `ξ` (FIPS 204 Algorithm 6), as pqm4's
/// `crypto_sign_keypair` after its seed: writes the verifying key and the expanded signing
/// key.
#[inline(never)]
pub fn keygen(seed: &[u8; SEED_LEN], pk: &mut [u8; PK], sk: &mut [u8; SK]) {
    let key = SigningKey::from_seed(seed);
    *sk = key.to_expanded();
    *pk = *key.verifying_key().as_bytes();
}

/// Verification (external interface) from verifying-key bytes, as pqm4's
/// `crypto_sign_verify`: `tr = H(pk)` included.
#[inline(never)]
pub fn verify(pk: &[u8], msg: &[u8], ctx: &[u8], sig: &[u8]) -> bool {
    VerifyingKey::from_bytes(pk).is_ok_and(|vk| vk.verify(msg, ctx, sig).is_ok())
}

/// Deterministic signing from expanded signing-key bytes: `SigningKey::from_expanded`
/// (Mamori checks the key: s1, s2 in range, t0 and tr consistent, about the cost of key
/// generation) and [`sign`]. `false` if the key or the context is refused.
#[inline(never)]
pub fn sign_expanded(sk: &[u8], msg: &[u8], ctx: &[u8], sig: &mut [u8; SIG]) -> bool {
    SigningKey::from_expanded(sk).is_ok_and(|key| sign(&key, msg, ctx, sig))
}

/// One signing implementation under measurement.
pub struct Signer {
    /// The table's `implementation` column.
    pub label: &'static str,
    /// Deterministic `ML-DSA.Sign` (external interface, `rnd` = 0) of `msg` with context
    /// `ctx` by a parsed key; `false` if refused.
    pub sign: fn(&SigningKey, &[u8], &[u8], &mut [u8; SIG]) -> bool,
    /// `ML-DSA.Sign_internal` from the message representative `μ` with randomness `rnd`
    /// (the ACVP external-μ cases): the signing loop alone.
    pub sign_mu: fn(&SigningKey, &[u8; MU_LEN], &[u8; RANDOMNESS_LEN], &mut [u8; SIG]),
}

/// The signing implementations measured, each checked against the ACVP external-μ cases.
pub const SIGNERS: &[Signer] = &[
    Signer {
        label: "mamori (portable)",
        sign,
        sign_mu,
    },
    Signer {
        label: "mamori (small stack)",
        sign: sign_small,
        sign_mu: sign_mu_small,
    },
];

/// [`Signer::sign`] of `SigningKey::sign_deterministic`.
#[inline(never)]
pub fn sign(key: &SigningKey, msg: &[u8], ctx: &[u8], sig: &mut [u8; SIG]) -> bool {
    match key.sign_deterministic(msg, ctx) {
        Ok(s) => {
            *sig = *s.as_bytes();
            true
        }
        Err(_) => false,
    }
}

/// [`Signer::sign_mu`] of `SigningKey::sign_mu`.
#[inline(never)]
pub fn sign_mu(
    key: &SigningKey,
    mu: &[u8; MU_LEN],
    rnd: &[u8; RANDOMNESS_LEN],
    sig: &mut [u8; SIG],
) {
    *sig = *key.sign_mu(mu, rnd).as_bytes();
}

/// [`Signer::sign`] of `SigningKey::sign_small_stack` (the streaming signer, a few KiB of
/// stack).
#[inline(never)]
pub fn sign_small(key: &SigningKey, msg: &[u8], ctx: &[u8], sig: &mut [u8; SIG]) -> bool {
    key.sign_small_stack(msg, ctx, &[0; RANDOMNESS_LEN], sig)
        .is_ok()
}

/// [`Signer::sign_mu`] of `SigningKey::sign_mu_small_stack`.
#[inline(never)]
pub fn sign_mu_small(
    key: &SigningKey,
    mu: &[u8; MU_LEN],
    rnd: &[u8; RANDOMNESS_LEN],
    sig: &mut [u8; SIG],
) {
    // The buffer has the signature's length, so the only error cannot occur.
    let ok = key.sign_mu_small_stack(mu, rnd, sig).is_ok();
    debug_assert!(ok);
}

/// The body of the `size_ml_dsa_65` binary: key generation, signing from the expanded key
/// bytes and verification, inputs opaque to the optimiser.
pub fn size_all(io: &mut crate::size::Io) {
    use core::hint::black_box;
    let (mut pk, mut sk, mut sig) = ([0u8; PK], [0u8; SK], [0u8; SIG]);
    keygen(&black_box([io.key[0]; SEED_LEN]), &mut pk, &mut sk);
    let msg = black_box(io.buf);
    io.ok = sign_expanded(black_box(&sk), &msg, io.ad(), &mut sig);
    io.ok &= verify(black_box(&pk), &msg, io.ad(), black_box(&sig));
}
