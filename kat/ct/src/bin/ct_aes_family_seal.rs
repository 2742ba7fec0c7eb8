//! Constant-time check of Rocca-S and AEGIS-256 seal, on the portable (bitsliced) and the
//! AES-NI backends.
//!
//! Secret: the key and the plaintext. Public: nonce, associated data, lengths, backend.
//! Declassified: the ciphertext and the tag, after the call (what seal publishes).

use mamori_ct::{AesFamilyInputs, aes_family_inputs, assert_secret, classify, declassify, done};
use mamori_ct_ops as ops;

const NAME: &str = "ct_aes_family_seal";

fn main() {
    mamori_ct::require_valgrind(NAME);
    let mut cases = 0;
    for AesFamilyInputs {
        alg,
        backend,
        key: key_public,
        nonce,
        ad,
        message,
    } in aes_family_inputs()
    {
        let mut key = key_public;
        classify(&mut key);
        let mut buffer = message.clone();
        classify(&mut buffer);
        let mut tag = vec![0u8; alg.tag_len()];
        ops::aes_aead_seal(alg, backend, &key, &nonce, &ad, &mut buffer, &mut tag)
            .expect("backend available")
            .expect("correct lengths rejected");
        // Non-vacuity: the secrets reached every output byte.
        assert_secret("tag", &tag);
        assert_secret("ciphertext", &buffer);
        // Declassify: ciphertext and tag are the public output of seal by design.
        declassify(&mut buffer);
        declassify(&mut tag);
        let mut opened = buffer.clone();
        ops::aes_aead_open(alg, backend, &key_public, &nonce, &ad, &mut opened, &tag)
            .expect("backend available")
            .expect("seal output does not open");
        assert_eq!(opened, message, "{} on {backend}: round trip", alg.name());
        cases += 1;
    }
    done(
        NAME,
        cases,
        "rocca-s, aegis-256 x portable, aesni x lengths 0..71 (message x AD)",
    );
}
