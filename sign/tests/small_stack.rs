//! The small-stack signing path (`SigningKey::sign_mu_small_stack`) against the normal one
//! (`SigningKey::sign_mu`): the same bytes for random keys, `μ` and `rnd` on every
//! parameter set, and for every NIST ACVP sigGen case (`kat/vectors/ml-dsa/`), whose
//! expected signatures it must also reproduce. The normal path runs the fastest backend of
//! the CPU (AVX2 here when present); the small-stack one always runs the portable backend.
//!
//! Rejection: an iteration is accepted with probability about 1/4.3, 1/5.1 and 1/3.9
//! (ML-DSA-44, -65, -87; FIPS 204 Table 1's expected repetitions), so nearly every case
//! runs several iterations and all four rejection conditions occur many times over the
//! cases here (the ACVP cases alone are 120 signatures a parameter set).

mod common;

use common::{cases, hex, prehash};
use mamori_primitives::InputError;
use mamori_primitives::keccak::Sponge;
use proptest::prelude::*;

macro_rules! same_as_normal {
    ($m:ident, $seed:expr, $mu:expr, $rnd:expr) => {{
        let sk = mamori_sign::$m::SigningKey::from_seed(&$seed);
        let want = sk.sign_mu(&$mu, &$rnd);
        let mut got = [0u8; mamori_sign::$m::SIGNATURE_LEN];
        sk.sign_mu_small_stack(&$mu, &$rnd, &mut got)
            .expect("signature length");
        prop_assert_eq!(&got[..], &want.as_bytes()[..]);
        // And it verifies (a property of `want` too, checked once more on our bytes).
        prop_assert!(sk.verifying_key().verify_mu(&$mu, &got).is_ok());
    }};
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn ml_dsa_44_same_signatures(
        seed in proptest::array::uniform32(any::<u8>()),
        mu in proptest::collection::vec(any::<u8>(), 64),
        rnd in proptest::array::uniform32(any::<u8>()),
    ) {
        let mu: [u8; 64] = mu.try_into().expect("64 bytes");
        same_as_normal!(ml_dsa_44, seed, mu, rnd);
    }

    #[test]
    fn ml_dsa_65_same_signatures(
        seed in proptest::array::uniform32(any::<u8>()),
        mu in proptest::collection::vec(any::<u8>(), 64),
        rnd in proptest::array::uniform32(any::<u8>()),
    ) {
        let mu: [u8; 64] = mu.try_into().expect("64 bytes");
        same_as_normal!(ml_dsa_65, seed, mu, rnd);
    }

    #[test]
    fn ml_dsa_87_same_signatures(
        seed in proptest::array::uniform32(any::<u8>()),
        mu in proptest::collection::vec(any::<u8>(), 64),
        rnd in proptest::array::uniform32(any::<u8>()),
    ) {
        let mu: [u8; 64] = mu.try_into().expect("64 bytes");
        same_as_normal!(ml_dsa_87, seed, mu, rnd);
    }
}

#[test]
fn wrong_output_length_is_an_error() {
    macro_rules! check {
        ($m:ident) => {{
            let sk = mamori_sign::$m::SigningKey::from_seed(&[3; 32]);
            let n = mamori_sign::$m::SIGNATURE_LEN;
            for len in [0, n - 1, n + 1] {
                let mut out = vec![0u8; len];
                let err = sk.sign_mu_small_stack(&[1; 64], &[2; 32], &mut out);
                assert!(
                    matches!(err, Err(InputError::Length { expected, actual, .. })
                        if expected == n && actual == len),
                    "{len}: {err:?}"
                );
                assert!(out.iter().all(|&b| b == 0), "nothing written");
            }
        }};
    }
    check!(ml_dsa_44);
    check!(ml_dsa_65);
    check!(ml_dsa_87);
}

/// The external interface (`sign_small_stack`): the signature of `sign_with_randomness`
/// for messages and contexts of several lengths; an over-long context or a wrong-length
/// buffer is an error and writes nothing.
#[test]
fn external_interface_matches_and_refuses() {
    macro_rules! check {
        ($m:ident) => {{
            let sk = mamori_sign::$m::SigningKey::from_seed(&[7; 32]);
            let n = mamori_sign::$m::SIGNATURE_LEN;
            for (i, (msg_len, ctx_len)) in [(0, 0), (1, 255), (33, 7), (1000, 0)]
                .into_iter()
                .enumerate()
            {
                let msg: Vec<u8> = (0..msg_len).map(|j| (j * 7 + i) as u8).collect();
                let ctx: Vec<u8> = (0..ctx_len).map(|j| (j * 3 + i) as u8).collect();
                let rnd = [i as u8; 32];
                let want = sk
                    .sign_with_randomness(&msg, &ctx, &rnd)
                    .expect("context fits");
                let mut got = vec![0u8; n];
                sk.sign_small_stack(&msg, &ctx, &rnd, &mut got)
                    .expect("context fits");
                assert_eq!(&got[..], &want.as_bytes()[..], "{msg_len}/{ctx_len}");
            }
            let mut out = vec![0u8; n];
            let err = sk.sign_small_stack(b"m", &[0; 256], &[0; 32], &mut out);
            assert!(matches!(err, Err(InputError::TooLong { .. })), "{err:?}");
            let mut short = vec![0u8; n - 1];
            let err = sk.sign_small_stack(b"m", b"", &[0; 32], &mut short);
            assert!(matches!(err, Err(InputError::Length { .. })), "{err:?}");
            assert!(out.iter().chain(&short).all(|&b| b == 0), "nothing written");
        }};
    }
    check!(ml_dsa_44);
    check!(ml_dsa_65);
    check!(ml_dsa_87);
}

/// `μ = H(tr || M', 64)` of the internal interface (FIPS 204 Algorithm 7 line 6).
fn mu_internal(tr: &[u8; 64], message: &[u8]) -> [u8; 64] {
    let mut s = Sponge::<136>::new();
    s.absorb(tr);
    s.absorb(message);
    s.finish(0x1f);
    let mut mu = [0u8; 64];
    s.squeeze(&mut mu);
    mu
}

/// Every sigGen case of `set` through the small-stack path, with `μ` formed as each
/// interface forms it; returns how many matched (all must).
macro_rules! acvp_set {
    ($m:ident, $name:literal) => {{
        use mamori_sign::$m::{SIGNATURE_LEN, SigningKey};
        let mut n = 0;
        for (g, t, et) in &cases("ML-DSA-sigGen-FIPS204", $name) {
            let sk = SigningKey::from_expanded(&hex(t, "sk")).expect("valid sk");
            let vk = sk.verifying_key();
            let rnd: [u8; 32] = if g["deterministic"] == true {
                [0; 32]
            } else {
                hex(t, "rnd").try_into().expect("32-byte rnd")
            };
            let mu: [u8; 64] = if g["signatureInterface"] == "internal" {
                if g["externalMu"] == true {
                    hex(t, "mu").try_into().expect("64-byte mu")
                } else {
                    mu_internal(vk.tr(), &hex(t, "message"))
                }
            } else {
                let (msg, ctx) = (hex(t, "message"), hex(t, "context"));
                if g["preHash"] == "preHash" {
                    vk.mu_prehashed(&prehash(t, &msg), &ctx).expect("context")
                } else {
                    vk.mu(&msg, &ctx).expect("context")
                }
            };
            let mut sig = [0u8; SIGNATURE_LEN];
            sk.sign_mu_small_stack(&mu, &rnd, &mut sig)
                .expect("signature length");
            assert_eq!(
                sig.to_vec(),
                hex(et, "signature"),
                "group {}: {t}",
                g["tgId"]
            );
            n += 1;
        }
        n
    }};
}

/// Per parameter set: 4 interfaces (pure, pre-hash, internal, external μ) × 2 (deterministic,
/// hedged) × 15 cases.
const ACVP_SIGGEN_CASES: usize = 120;

#[test]
fn ml_dsa_44_acvp_sig_gen() {
    assert_eq!(acvp_set!(ml_dsa_44, "ML-DSA-44"), ACVP_SIGGEN_CASES);
}

#[test]
fn ml_dsa_65_acvp_sig_gen() {
    assert_eq!(acvp_set!(ml_dsa_65, "ML-DSA-65"), ACVP_SIGGEN_CASES);
}

#[test]
fn ml_dsa_87_acvp_sig_gen() {
    assert_eq!(acvp_set!(ml_dsa_87, "ML-DSA-87"), ACVP_SIGGEN_CASES);
}
