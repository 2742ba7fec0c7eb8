//! Differential tests against two independent ML-DSA implementations on random inputs:
//! RustCrypto `ml-dsa` 0.1 (deterministic API: same seed, same message, same `rnd` → same
//! bytes; and each verifies the other's signatures, tampered ones included) and PQClean's
//! through `pqcrypto-mldsa` (randomized key generation and signing only: its expanded
//! secret keys must pass Mamori's checks and sign verifiably, and signatures must
//! verify both ways).

// The expanded key form is deprecated in `ml-dsa` 0.1 but is the FIPS 204 encoding we compare.
#![allow(deprecated)]

use pqcrypto_traits::sign::{DetachedSignature as _, PublicKey as _, SecretKey as _};
use proptest::prelude::*;

macro_rules! against_ml_dsa {
    ($ours:ident, $theirs:ident, $seed:expr, $msg:expr, $ctx:expr, $rnd:expr, $flip:expr) => {{
        use mamori_sign::$ours::{SigningKey, VerifyingKey};
        let seed: [u8; 32] = $seed;
        let (msg, ctx): (&[u8], &[u8]) = ($msg, $ctx);
        let rnd: [u8; 32] = $rnd;
        let sk = SigningKey::from_seed(&seed);
        let vk = sk.verifying_key();
        let their_sk = ml_dsa::ExpandedSigningKey::<ml_dsa::$theirs>::from_seed(&seed.into());
        let their_vk = their_sk.verifying_key();
        assert_eq!(vk.to_bytes()[..], their_vk.encode()[..], "pk");
        assert_eq!(sk.to_expanded()[..], their_sk.to_expanded()[..], "sk");

        // Deterministic external signing, and the internal interface with randomness.
        let sig = sk.sign_deterministic(msg, ctx).expect("ctx");
        let theirs = their_sk.sign_deterministic(msg, ctx).expect("ctx");
        assert_eq!(
            sig.as_bytes()[..],
            theirs.encode()[..],
            "deterministic signature"
        );
        let internal = sk.sign_internal(msg, &rnd);
        let their_internal = their_sk.sign_internal(&[msg], &rnd.into());
        assert_eq!(
            internal.as_bytes()[..],
            their_internal.encode()[..],
            "internal signature"
        );

        // Each verifies the other's; a flipped bit fails for both.
        let their_vk2 = ml_dsa::VerifyingKey::<ml_dsa::$theirs>::decode(&vk.to_bytes().into());
        let parsed =
            ml_dsa::Signature::<ml_dsa::$theirs>::try_from(&sig.as_bytes()[..]).expect("sig");
        assert!(their_vk2.verify_with_context(msg, ctx, &parsed));
        let vk2 = VerifyingKey::from_bytes(&their_vk.encode()).expect("pk");
        vk2.verify(msg, ctx, &theirs.encode())
            .expect("their signature");
        let mut bad = *internal.as_bytes();
        let i = $flip % bad.len();
        bad[i] ^= 1 << ($flip % 8);
        let ours_ok = vk.verify_internal(msg, &bad).is_ok();
        let theirs_ok = ml_dsa::Signature::<ml_dsa::$theirs>::try_from(&bad[..])
            .is_ok_and(|s| their_vk.verify_internal(msg, &s));
        assert!(!ours_ok && !theirs_ok, "tampered signature");
    }};
}

macro_rules! against_pqclean {
    ($ours:ident, $theirs:ident) => {{
        use mamori_sign::$ours::{SigningKey, VerifyingKey};
        use pqcrypto_mldsa::$theirs as pq;
        let (pk, sk) = pq::keypair();
        let our_sk =
            SigningKey::from_expanded(sk.as_bytes()).expect("PQClean's sk passes our checks");
        assert_eq!(
            our_sk.verifying_key().to_bytes()[..],
            pk.as_bytes()[..],
            "pk from sk"
        );
        let vk = VerifyingKey::from_bytes(pk.as_bytes()).expect("pk");
        let (msg, ctx) = (b"interop message".as_slice(), b"ctx".as_slice());
        let theirs = pq::detached_sign_ctx(msg, ctx, &sk);
        vk.verify(msg, ctx, theirs.as_bytes())
            .expect("their signature");
        assert!(vk.verify(msg, b"ctx2", theirs.as_bytes()).is_err());
        let ours = our_sk.sign_deterministic(msg, ctx).expect("ctx");
        let ours = pq::DetachedSignature::from_bytes(ours.as_bytes()).expect("length");
        assert!(pq::verify_detached_signature_ctx(&ours, msg, ctx, &pk).is_ok());
        assert!(pq::verify_detached_signature_ctx(&ours, b"other", ctx, &pk).is_err());
    }};
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    #[test]
    fn same_bytes_as_rustcrypto_ml_dsa(
        seed in proptest::array::uniform32(any::<u8>()),
        msg in proptest::collection::vec(any::<u8>(), 0..200),
        ctx in proptest::collection::vec(any::<u8>(), 0..=255),
        rnd in proptest::array::uniform32(any::<u8>()),
        flip in any::<usize>(),
    ) {
        against_ml_dsa!(ml_dsa_44, MlDsa44, seed, &msg, &ctx, rnd, flip);
        against_ml_dsa!(ml_dsa_65, MlDsa65, seed, &msg, &ctx, rnd, flip);
        against_ml_dsa!(ml_dsa_87, MlDsa87, seed, &msg, &ctx, rnd, flip);
    }
}

#[test]
fn interoperates_with_pqclean() {
    for _ in 0..4 {
        against_pqclean!(ml_dsa_44, mldsa44);
        against_pqclean!(ml_dsa_65, mldsa65);
        against_pqclean!(ml_dsa_87, mldsa87);
    }
}
