//! Constant-time check of Rocca-S and AEGIS-256 open rejecting forgeries, on the portable
//! and the AES-NI backends.
//!
//! Secret: the key (and so the unverified plaintext and the expected tag). Public: nonce,
//! associated data, ciphertext, received tag, lengths, backend, which field was forged.
//! Declassified inside the library: the "tag matched" bit only. Nothing is declassified
//! here: the rejected buffer must come back as zeros with no secret taint at all.

use mamori_ct::{AesFamilyInputs, aes_family_inputs, assert_public, classify, done};
use mamori_ct_ops as ops;
use mamori_primitives::Error;

const NAME: &str = "ct_aes_family_open_bad_tag";

fn main() {
    mamori_ct::require_valgrind(NAME);
    let mut cases = 0;
    for (
        n,
        AesFamilyInputs {
            alg,
            backend,
            key: key_public,
            nonce,
            ad,
            message,
        },
    ) in aes_family_inputs().enumerate()
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
        let flip = |v: &mut [u8]| {
            let k = (7 * n) % v.len();
            v[k] ^= 1 << (n % 8);
        };
        let mut forgeries = Vec::new();
        let mut t = tag.clone();
        flip(&mut t);
        forgeries.push(("tag", ciphertext.clone(), t));
        if !ciphertext.is_empty() {
            let mut c = ciphertext.clone();
            flip(&mut c);
            forgeries.push(("ciphertext", c, tag.clone()));
        }
        for (field, ct, tag) in forgeries {
            let mut key = key_public;
            classify(&mut key);
            let mut buffer = ct.clone();
            let r = ops::aes_aead_open(alg, backend, &key, &nonce, &ad, &mut buffer, &tag)
                .expect("backend available");
            assert!(
                matches!(r, Err(Error::Crypto(_))),
                "{}: forged {field} accepted",
                alg.name()
            );
            assert_public("rejected buffer", &buffer);
            assert!(
                buffer.iter().all(|&b| b == 0),
                "{}: rejected buffer not zeroed",
                alg.name()
            );
            cases += 1;
        }
    }
    done(
        NAME,
        cases,
        "forged tag/ciphertext; rocca-s, aegis-256 x portable, aesni x lengths 0..71",
    );
}
