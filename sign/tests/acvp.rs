//! NIST ACVP vectors (`kat/vectors/ml-dsa/`), every group of keyGen, sigGen and sigVer, run
//! through the typed API of each parameter set (the pure external groups also through the
//! `SignatureScheme` trait). Each set's test asserts how many cases of each kind passed, so
//! a group that stops matching cannot be skipped silently.

mod common;

use common::{cases, hex, prehash};
use mamori_primitives::SignatureScheme;
use mamori_sign::{MlDsa44, MlDsa65, MlDsa87, ml_dsa_44, ml_dsa_65, ml_dsa_87};

/// Passed cases by kind.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    keygen: usize,
    /// sigGen, external interface, pure (deterministic + hedged).
    sign_pure: usize,
    /// sigGen, external interface, HashML-DSA.
    sign_prehash: usize,
    /// sigGen, internal interface on `M'`.
    sign_internal: usize,
    /// sigGen, internal interface on an external `μ`.
    sign_mu: usize,
    verify_pure: usize,
    verify_prehash: usize,
    verify_internal: usize,
    verify_mu: usize,
    /// Of the verifications, how many expected a rejection (and got it).
    verify_rejected: usize,
}

macro_rules! run_set {
    ($m:ident, $marker:ident, $name:literal) => {{
        use $m::{SigningKey, VerifyingKey};
        let mut n = Counts::default();

        for (_, t, e) in cases("ML-DSA-keyGen-FIPS204", $name) {
            let seed: [u8; 32] = hex(&t, "seed").try_into().expect("32-byte seed");
            let sk = SigningKey::from_seed(&seed);
            assert_eq!(sk.verifying_key().to_bytes().to_vec(), hex(&e, "pk"), "{t}");
            assert_eq!(sk.to_expanded().to_vec(), hex(&e, "sk"), "{t}");
            // The expanded form parses back (with its checks) to the same keys.
            let again = SigningKey::from_expanded(&hex(&e, "sk")).expect("valid sk");
            assert_eq!(again.to_expanded(), sk.to_expanded());
            assert_eq!(again.verifying_key(), sk.verifying_key());
            assert!(again.seed().is_none());
            n.keygen += 1;
        }

        for (g, t, e) in cases("ML-DSA-sigGen-FIPS204", $name) {
            let sk = SigningKey::from_expanded(&hex(&t, "sk")).expect("valid sk");
            let rnd: [u8; 32] = if g["deterministic"] == true {
                [0; 32]
            } else {
                hex(&t, "rnd").try_into().expect("32-byte rnd")
            };
            let want = hex(&e, "signature");
            let got = if g["signatureInterface"] == "internal" {
                if g["externalMu"] == true {
                    let mu: [u8; 64] = hex(&t, "mu").try_into().expect("64-byte mu");
                    n.sign_mu += 1;
                    sk.sign_mu(&mu, &rnd)
                } else {
                    n.sign_internal += 1;
                    sk.sign_internal(&hex(&t, "message"), &rnd)
                }
            } else {
                let (msg, ctx) = (hex(&t, "message"), hex(&t, "context"));
                if g["preHash"] == "preHash" {
                    n.sign_prehash += 1;
                    sk.sign_prehashed(&prehash(&t, &msg), &ctx, &rnd)
                        .expect("context length")
                } else {
                    // The trait layer too: `None` is deterministic signing.
                    let mut sig = vec![0u8; <$marker as SignatureScheme>::SIGNATURE_LEN];
                    let r = (g["deterministic"] != true).then_some(&rnd[..]);
                    $marker::sign_into(&sk, &msg, &ctx, r, &mut sig).expect("sign_into");
                    assert_eq!(sig, want, "trait layer: {t}");
                    n.sign_pure += 1;
                    sk.sign_with_randomness(&msg, &ctx, &rnd)
                        .expect("context length")
                }
            };
            assert_eq!(got.as_bytes().to_vec(), want, "group {}: {t}", g["tgId"]);
        }

        for (g, t, e) in cases("ML-DSA-sigVer-FIPS204", $name) {
            let vk = VerifyingKey::from_bytes(&hex(&t, "pk")).expect("pk length");
            let sig = hex(&t, "signature");
            let ok = if g["signatureInterface"] == "internal" {
                if g["externalMu"] == true {
                    let mu: [u8; 64] = hex(&t, "mu").try_into().expect("64-byte mu");
                    n.verify_mu += 1;
                    vk.verify_mu(&mu, &sig).is_ok()
                } else {
                    n.verify_internal += 1;
                    vk.verify_internal(&hex(&t, "message"), &sig).is_ok()
                }
            } else {
                let (msg, ctx) = (hex(&t, "message"), hex(&t, "context"));
                if g["preHash"] == "preHash" {
                    n.verify_prehash += 1;
                    vk.verify_prehashed(&prehash(&t, &msg), &ctx, &sig).is_ok()
                } else {
                    let ok = vk.verify(&msg, &ctx, &sig).is_ok();
                    assert_eq!($marker::verify(&vk, &msg, &ctx, &sig).is_ok(), ok, "{t}");
                    n.verify_pure += 1;
                    ok
                }
            };
            let want = e["testPassed"].as_bool().expect("testPassed");
            assert_eq!(ok, want, "group {}: {t}", g["tgId"]);
            n.verify_rejected += usize::from(!want);
        }
        println!("{}: {n:?} (skipped: 0)", $name);
        n
    }};
}

/// Per parameter set: 25 keyGen; sigGen 2 × 15 per interface (deterministic and hedged);
/// sigVer 15 per interface, 12 of them invalid.
const EXPECTED: Counts = Counts {
    keygen: 25,
    sign_pure: 30,
    sign_prehash: 30,
    sign_internal: 30,
    sign_mu: 30,
    verify_pure: 15,
    verify_prehash: 15,
    verify_internal: 15,
    verify_mu: 15,
    verify_rejected: 48,
};

#[test]
fn ml_dsa_44_acvp() {
    assert_eq!(run_set!(ml_dsa_44, MlDsa44, "ML-DSA-44"), EXPECTED);
}

#[test]
fn ml_dsa_65_acvp() {
    assert_eq!(run_set!(ml_dsa_65, MlDsa65, "ML-DSA-65"), EXPECTED);
}

#[test]
fn ml_dsa_87_acvp() {
    assert_eq!(run_set!(ml_dsa_87, MlDsa87, "ML-DSA-87"), EXPECTED);
}
