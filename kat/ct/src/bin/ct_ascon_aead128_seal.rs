//! Constant-time check of Ascon-AEAD128 seal (encryption).
//!
//! Secret: the key and the plaintext. Public: nonce, associated data, all lengths.
//! Declassified: the ciphertext and the tag, after the call (they are what seal publishes).

use mamori_ct::{AeadInputs, aead_inputs, assert_secret, classify, declassify, done};
use mamori_ct_ops as ops;

const NAME: &str = "ct_ascon_aead128_seal";

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

        let mut key = key_public;
        classify(&mut key);
        let mut buffer = message.clone();
        classify(&mut buffer);

        let mut tag = ops::ascon_aead128_seal(&key, &nonce, &ad, &mut buffer);

        // Non-vacuity: the secrets reached every output byte.
        assert_secret("tag", &tag);
        assert_secret("ciphertext", &buffer);
        // Declassify: ciphertext and tag are the public output of seal by design (what
        // goes on the wire); the gate covers how they were computed, which is done.
        declassify(&mut buffer);
        declassify(&mut tag);

        // Functional check, on public values: the public key opens it to the message.
        let mut opened = buffer.clone();
        ops::ascon_aead128_open(&key_public, &nonce, &ad, &mut opened, &tag)
            .expect("seal output does not open");
        assert_eq!(
            opened, message,
            "seal/open round trip (mlen {mlen}, adlen {adlen})"
        );

        // The slice trait API (length checks, then the same code), same secrets.
        let mut key = key_public;
        classify(&mut key);
        let mut buffer2 = message.clone();
        classify(&mut buffer2);
        let mut tag2 = [0u8; 16];
        ops::ascon_aead128_seal_slices(&key, &nonce, &ad, &mut buffer2, &mut tag2)
            .expect("correct lengths rejected");
        assert_secret("tag (slice API)", &tag2);
        assert_secret("ciphertext (slice API)", &buffer2);
        // Declassify: public output of seal, as above.
        declassify(&mut buffer2);
        declassify(&mut tag2);
        assert_eq!(
            (buffer2, tag2),
            (buffer, tag),
            "slice API differs from typed API"
        );
        cases += 2;
    }
    done(
        NAME,
        cases,
        "message x associated-data lengths 0,1,15,16,17,33,100; typed and slice APIs",
    );
}
