//! Constant-time check of ML-DSA-44/65/87 (FIPS 204): key generation, deterministic and
//! hedged signing (through the checked key object and straight from the encoding), and
//! verification.
//!
//! Secret: the key-generation seed `ξ`; the whole expanded signing key (its `K`, s1, s2 and
//! t0; ρ and tr are public, and classifying them too only makes the check stricter); the
//! hedged signer's randomness `rnd`. Public: the verifying key, messages, contexts, and
//! everything verification reads.
//!
//! Declassified *in the library* (`mamori_primitives::ct::declassify`, which under
//! `--cfg mamori_ctgrind` tells memcheck the bytes are defined): ρ and the verifying key
//! (published), the result of the expanded-key checks (a key is valid or not), and inside
//! each iteration of the signing loop the challenge `c̃` and the accept/reject bit (FIPS 204
//! §3.6.3: a rejected iteration's `c̃` and the number of iterations reveal nothing about
//! the key), then the hint of the accepted iteration (part of the signature). Each signing
//! here runs the whole loop, rejected iterations included (about 4.3, 5.1 and 3.9 iterations
//! a signature on average for the three sets, so the nine signatures reject many times).
//!
//! *Here*, after each call: the signing key (to compare it with the reference run) and the
//! signature, which signing publishes. Verification runs on public data only: memcheck must
//! see nothing there either.

use mamori_ct::{assert_public, assert_secret, bytes, classify, declassify, done};
use mamori_ct_ops::{self as ops, MlDsa};

const NAME: &str = "ct_ml_dsa";

/// Per set: `λ/4` (length of `c̃`) and `ω + K` (length of the hint encoding), bounding the
/// signature's `z`.
fn layout(set: MlDsa) -> (usize, usize) {
    match set {
        MlDsa::D44 => (32, 80 + 4),
        MlDsa::D65 => (48, 55 + 6),
        MlDsa::D87 => (64, 75 + 8),
    }
}

/// One signing case: message, context, and `rnd` for hedged signing (`None`: deterministic).
type Signing = (Vec<u8>, Vec<u8>, Option<[u8; 32]>);

fn main() {
    mamori_ct::require_valgrind(NAME);
    let mut cases = 0;
    for (i, set) in [MlDsa::D44, MlDsa::D65, MlDsa::D87].into_iter().enumerate() {
        let (ctilde_len, hint_len) = layout(set);
        let seed: [u8; 32] = bytes(32, 31 * i as u8 + 5).try_into().expect("32");

        // Reference key, nothing secret.
        let (mut vk, mut sk) = ([0u8; 2592], [0u8; 4896]);
        let (vk_len, sk_len) = ops::ml_dsa_keygen(set, &seed, &mut vk, &mut sk);

        // Key generation from a secret seed.
        let mut s = seed;
        classify(&mut s);
        let (mut vk2, mut sk2) = ([0u8; 2592], [0u8; 4896]);
        ops::ml_dsa_keygen(set, &s, &mut vk2, &mut sk2);
        // The library declassifies the verifying key (ρ and t1 are published); K, s1, s2
        // and t0 stay secret. (tr = H(pk) is public, hashed from the declassified key.)
        assert_public("verifying key", &vk2[..vk_len]);
        assert_secret("signing key's K", &sk2[32..64]);
        assert_secret("signing key's s1, s2, t0", &sk2[128..sk_len]);
        // Compared with the reference run only; a caller keeps it secret.
        declassify(&mut sk2);
        assert_eq!(vk2[..vk_len], vk[..vk_len]);
        assert_eq!(sk2[..sk_len], sk[..sk_len]);
        cases += 1;

        // Signing under a secret key: deterministic (rnd = 0, public) for two messages and
        // contexts, hedged (rnd secret too) for a third.
        let signings: [Signing; 3] = [
            (Vec::new(), Vec::new(), None),
            (bytes(100, 7 + i as u8), bytes(7, 3), None),
            (
                bytes(17, 50 + i as u8),
                bytes(1, 9),
                Some(mamori_ct::array::<32>(77)),
            ),
        ];
        for (message, context, rnd) in &signings {
            let hedged = rnd.is_some();
            let rnd = rnd.unwrap_or([0; 32]);
            let mut sig = [0u8; 4627];
            let sig_len =
                ops::ml_dsa_sign(set, &sk[..sk_len], message, context, &rnd, &mut sig).expect("sk");
            assert!(
                ops::ml_dsa_verify(set, &vk[..vk_len], message, context, &sig[..sig_len]).is_ok()
            );

            // Through the checked key object, then straight from the encoding.
            let mut sig2 = [0u8; 4627];
            for sign in [ops::ml_dsa_sign, ops::ml_dsa_sign_encoded] {
                let mut key = sk;
                classify(&mut key[..sk_len]);
                let mut r = rnd;
                if hedged {
                    classify(&mut r);
                }
                sig2.fill(0);
                sign(set, &key[..sk_len], message, context, &r, &mut sig2).expect("sk");
                // c̃ and the hint were declassified by the library; z = y + c s1 is secret
                // until here.
                assert_public("signature's c̃", &sig2[..ctilde_len]);
                assert_secret("signature's z", &sig2[ctilde_len..sig_len - hint_len]);
                assert_public("signature's hint", &sig2[sig_len - hint_len..sig_len]);
                // The signature is signing's public output.
                declassify(&mut sig2);
                assert_eq!(sig2[..sig_len], sig[..sig_len]);
                cases += 1;
            }

            // Verification: public inputs; the genuine signature and a forged one.
            assert!(
                ops::ml_dsa_verify(set, &vk[..vk_len], message, context, &sig2[..sig_len]).is_ok()
            );
            let mut forged = sig2;
            forged[ctilde_len + 5] ^= 0x20;
            assert!(
                ops::ml_dsa_verify(set, &vk[..vk_len], message, context, &forged[..sig_len])
                    .is_err()
            );
            cases += 1;
        }
    }
    done(
        NAME,
        cases,
        "ML-DSA-44/65/87: keygen from a secret seed; deterministic (x2) and hedged signing \
         under a secret key, from the key object and from the encoding; verification of each signature and of a forgery",
    );
}
