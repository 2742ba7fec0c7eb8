//! Constant-time check of Ascon-AEAD128 open (decryption) with a valid tag.
//!
//! Secret: the key (and so the plaintext and the expected tag computed from it). Public:
//! nonce, associated data, ciphertext, received tag, lengths.
//! Declassified inside the library: the "tag matched" bit (`mamori_primitives::ct::declassify`
//! in `open_in_place_detached`); the result may branch on it. Declassified here: the released
//! plaintext, after the call, before comparing it (handing it to the caller is what a
//! successful open does).

use mamori_ct::{AeadInputs, aead_inputs, assert_secret, classify, declassify, done};
use mamori_ct_ops as ops;

const NAME: &str = "ct_ascon_aead128_open";

fn main() {
    mamori_ct::require_valgrind(NAME);
    let mut cases = 0;
    for AeadInputs {
        key: key_public,
        nonce,
        ad,
        message,
        ..
    } in aead_inputs()
    {
        let (mlen, adlen) = (message.len(), ad.len());
        // Ciphertext and tag made with the public copy of the key: they are public.
        let mut ciphertext = message.clone();
        let tag = ops::ascon_aead128_seal(&key_public, &nonce, &ad, &mut ciphertext);

        for slice_api in [false, true] {
            let mut key = key_public;
            classify(&mut key);
            let mut buffer = ciphertext.clone();
            let result = if slice_api {
                ops::ascon_aead128_open_slices(&key, &nonce, &ad, &mut buffer, &tag)
                    .map_err(|e| e.to_string())
            } else {
                ops::ascon_aead128_open(&key, &nonce, &ad, &mut buffer, &tag)
                    .map_err(|e| e.to_string())
            };
            // `result` is public: it derives from the bit the library declassified.
            assert!(result.is_ok(), "valid tag rejected: {result:?}");
            // Non-vacuity: the plaintext came out of the secret key stream.
            assert_secret("plaintext", &buffer);
            // Declassify: the tag verified, so releasing the plaintext to the caller is
            // the contract of open; the gate's scope ends at the API boundary.
            declassify(&mut buffer);
            assert_eq!(buffer, message, "open (mlen {mlen}, adlen {adlen})");
            cases += 1;
        }
    }
    done(
        NAME,
        cases,
        "message x associated-data lengths 0,1,15,16,17,33,100; typed and slice APIs",
    );
}
