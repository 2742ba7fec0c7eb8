//! Constant-time check of Rocca-S and AEGIS-256 open (authentic input), on the portable
//! and the AES-NI backends.
//!
//! Secret: the key (and so the plaintext and the expected tag). Public: nonce, associated
//! data, ciphertext, tag, lengths, backend. Declassified inside the library: the "tag
//! matched" bit only. Here: the plaintext, after checking the key's taint reached it.

use mamori_ct::{AesFamilyInputs, aes_family_inputs, assert_secret, classify, declassify, done};
use mamori_ct_ops as ops;

const NAME: &str = "ct_aes_family_open";

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
        let mut ciphertext = message.clone();
        let mut tag = vec![0u8; alg.tag_len()];
        ops::aes_aead_seal(
            alg,
            backend,
            &key_public,
            &nonce,
            &ad,
            &mut ciphertext,
            &mut tag,
        )
        .expect("backend available")
        .expect("correct lengths rejected");
        let mut key = key_public;
        classify(&mut key);
        let mut buffer = ciphertext.clone();
        let r = ops::aes_aead_open(alg, backend, &key, &nonce, &ad, &mut buffer, &tag)
            .expect("backend available");
        assert!(
            r.is_ok(),
            "{} on {backend}: authentic message rejected",
            alg.name()
        );
        assert_secret("plaintext", &buffer);
        // Declassify: the released plaintext, to compare it with the message.
        declassify(&mut buffer);
        assert_eq!(buffer, message, "{} on {backend}: open", alg.name());
        cases += 1;
    }
    done(
        NAME,
        cases,
        "rocca-s, aegis-256 x portable, aesni x lengths 0..71 (message x AD)",
    );
}
