//! ML-DSA-44/65/87 verification on arbitrary bytes: never panics, and every malformed input
//! is the documented `Err`.
//!
//! Checks: `VerifyingKey::from_bytes` is `Ok` exactly for the right length (`pkDecode`
//! accepts every string of it), else `Err(Length)`; `verify` with a context longer than 255
//! bytes is `Err(Input(TooLong))`; a signature of the wrong length is `Err(Crypto)`, as is
//! one that does not verify (wrong `‖z‖∞`, malformed hint encoding, wrong `c̃`); `verify`,
//! `verify_mu` on `mu(message, context)` and `Signature::from_bytes` agree. With flag bit 0
//! the key is a genuine one (from the first 32 key bytes as a seed) and the signature is its
//! deterministic signature of the message XORed with the fuzzer's signature bytes, so the
//! checks past `c̃` (the `z` bound, the hint decoder) see near-valid inputs: an all-zero
//! XOR must verify.
//!
//! Input: `set flags vk_len sig_len ctx_len[2] vk sig ctx message…` (`set % 3` picks the
//! parameter set; a length byte < 0x80 means the right length, else the right length plus
//! `(byte & 0x7f) - 64`; `ctx_len` is a little-endian u16 modulo 300).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_aead_fuzz::Input;
use mamori_primitives::{Error, InputError, Param};

/// The length a length byte selects (see the module header).
fn length(right: usize, b: u8) -> usize {
    if b < 0x80 {
        right
    } else {
        (right + usize::from(b & 0x7f)).saturating_sub(64)
    }
}

macro_rules! case {
    ($m:ident, $input:expr) => {{
        use mamori_sign::$m::{
            SIGNATURE_LEN, Signature, SigningKey, VERIFYING_KEY_LEN, VerifyingKey,
        };
        let mut input: Input = $input;
        let flags = input.byte();
        let vk_len = length(VERIFYING_KEY_LEN, input.byte());
        let sig_len = length(SIGNATURE_LEN, input.byte());
        let ctx_len = usize::from(input.u16()) % 300;
        let vk_bytes = input.take(vk_len);
        let sig_in = input.take(sig_len);
        let ctx = input.take(ctx_len);
        let message = input.rest();

        // A genuine key and a perturbed genuine signature, or arbitrary bytes for both.
        let mut sig = sig_in.to_vec();
        let vk = if flags & 1 == 1 {
            let mut seed = [0u8; 32];
            let n = vk_bytes.len().min(32);
            seed[..n].copy_from_slice(&vk_bytes[..n]);
            let sk = SigningKey::from_seed(&seed);
            if ctx.len() <= 255 {
                let genuine = sk.sign_deterministic(message, ctx).expect("context length");
                sig.resize(sig_len, 0);
                for (s, g) in sig.iter_mut().zip(genuine.as_bytes()) {
                    *s ^= g;
                }
                if sig_in.len() == SIGNATURE_LEN && sig_in.iter().all(|&b| b == 0) {
                    assert!(sk.verifying_key().verify(message, ctx, &sig).is_ok());
                }
            }
            sk.verifying_key()
        } else {
            match VerifyingKey::from_bytes(vk_bytes) {
                Ok(vk) => {
                    assert_eq!(vk_bytes.len(), VERIFYING_KEY_LEN);
                    assert_eq!(vk.as_bytes()[..], vk_bytes[..]);
                    vk
                }
                Err(e) => {
                    assert_ne!(vk_bytes.len(), VERIFYING_KEY_LEN);
                    assert_eq!(
                        e,
                        InputError::Length {
                            param: Param::VerifyingKey,
                            expected: VERIFYING_KEY_LEN,
                            actual: vk_bytes.len(),
                        }
                    );
                    return;
                }
            }
        };

        let verdict = vk.verify(message, ctx, &sig);
        assert_eq!(
            Signature::from_bytes(&sig).is_ok(),
            sig.len() == SIGNATURE_LEN
        );
        match vk.mu(message, ctx) {
            Ok(mu) => {
                assert!(ctx.len() <= 255);
                let by_mu = vk.verify_mu(&mu, &sig);
                assert_eq!(verdict.is_ok(), by_mu.is_ok());
                match verdict {
                    Ok(()) => assert_eq!(sig.len(), SIGNATURE_LEN),
                    Err(e) => assert!(matches!(e, Error::Crypto(_)), "{e:?}"),
                }
            }
            Err(e) => {
                assert!(ctx.len() > 255);
                assert_eq!(
                    e,
                    InputError::TooLong {
                        param: Param::Context,
                        max: 255
                    }
                );
                assert_eq!(verdict, Err(Error::Input(e)));
            }
        }
    }};
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    match input.byte() % 3 {
        0 => case!(ml_dsa_44, input),
        1 => case!(ml_dsa_65, input),
        _ => case!(ml_dsa_87, input),
    }
});
