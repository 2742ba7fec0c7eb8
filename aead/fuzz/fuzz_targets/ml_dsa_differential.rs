//! Mamori's ML-DSA-44/65/87 against RustCrypto's `ml-dsa` 0.1.2.
//!
//! Checks: from the same seed `ξ`, equal verifying keys and expanded signing keys; equal
//! deterministic signatures (external interface, fuzzer message and context) and equal
//! internal-interface signatures with the fuzzer's `rnd`; each accepts the other's
//! signature; for a signature changed at a fuzzer-chosen byte (XOR with a non-zero byte),
//! both give the same verdict.
//!
//! Input: `set seed[32] rnd[32] at[2] flip ctx_len message…` (`set % 3` picks the parameter
//! set; the context is the first `ctx_len` bytes of the rest, at most 255).
#![no_main]
// `ExpandedSigningKey` (the FIPS 204 expanded encoding compared here) is deprecated in
// `ml-dsa` 0.1.
#![allow(deprecated)]

use libfuzzer_sys::fuzz_target;
use mamori_aead_fuzz::Input;

macro_rules! case {
    ($ours:ident, $theirs:ident, $input:expr) => {{
        use mamori_sign::$ours::{SigningKey, VerifyingKey};
        type Sig = ml_dsa::Signature<ml_dsa::$theirs>;
        let mut input: Input = $input;
        let seed: [u8; 32] = input.array();
        let rnd: [u8; 32] = input.array();
        let at = usize::from(input.u16());
        let flip = input.byte().max(1);
        let ctx_len = usize::from(input.byte());
        let ctx = input.take(ctx_len);
        let msg = input.rest();

        let sk = SigningKey::from_seed(&seed);
        let vk = sk.verifying_key();
        let their_sk = ml_dsa::ExpandedSigningKey::<ml_dsa::$theirs>::from_seed(&seed.into());
        let their_vk = their_sk.verifying_key();
        assert_eq!(vk.to_bytes()[..], their_vk.encode()[..], "verifying key");
        assert_eq!(
            sk.to_expanded()[..],
            their_sk.to_expanded()[..],
            "signing key"
        );

        let sig = sk.sign_deterministic(msg, ctx).expect("context <= 255");
        let theirs = their_sk
            .sign_deterministic(msg, ctx)
            .expect("context <= 255");
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

        // Each accepts the other's signature.
        let their_vk2 = ml_dsa::VerifyingKey::<ml_dsa::$theirs>::decode(&vk.to_bytes().into());
        let parsed = Sig::try_from(&sig.as_bytes()[..]).expect("signature");
        assert!(their_vk2.verify_with_context(msg, ctx, &parsed));
        let vk2 = VerifyingKey::from_bytes(&their_vk.encode()).expect("verifying key");
        assert!(vk2.verify(msg, ctx, &theirs.encode()).is_ok());

        // A changed signature: the same verdict (their decoder refuses some encodings that
        // our verifier rejects later; both must reject).
        let mut bad = *sig.as_bytes();
        let n = bad.len();
        bad[at % n] ^= flip;
        let ours_ok = vk.verify(msg, ctx, &bad).is_ok();
        let theirs_ok =
            Sig::try_from(&bad[..]).is_ok_and(|s| their_vk.verify_with_context(msg, ctx, &s));
        assert_eq!(ours_ok, theirs_ok, "verdict on a changed signature");
    }};
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    match input.byte() % 3 {
        0 => case!(ml_dsa_44, MlDsa44, input),
        1 => case!(ml_dsa_65, MlDsa65, input),
        _ => case!(ml_dsa_87, MlDsa87, input),
    }
});
