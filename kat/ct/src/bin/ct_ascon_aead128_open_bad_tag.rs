//! Constant-time check of Ascon-AEAD128 open rejecting forgeries.
//!
//! Secret: the key (and so the unverified plaintext and the expected tag). Public: nonce,
//! associated data, ciphertext, received tag, lengths, and which field was forged.
//! Declassified inside the library: the "tag matched" bit only. Nothing is declassified
//! here: the rejected buffer must come back as zeros that carry no secret taint at all,
//! which `assert_public` checks byte by byte (a wipe that missed a byte would leave
//! key-dependent plaintext there).

use mamori_ct::{AeadInputs, aead_inputs, assert_public, classify, done};
use mamori_ct_ops as ops;
use mamori_primitives::Error;

const NAME: &str = "ct_ascon_aead128_open_bad_tag";

fn main() {
    mamori_ct::require_valgrind(NAME);
    let mut cases = 0;
    for AeadInputs {
        i,
        j,
        key: key_public,
        nonce,
        ad,
        message,
    } in aead_inputs()
    {
        let (mlen, adlen) = (message.len(), ad.len());
        let mut ciphertext = message.clone();
        let tag = ops::ascon_aead128_seal(&key_public, &nonce, &ad, &mut ciphertext);

        // One forgery per public field: a single flipped bit, at a position that moves
        // with the case (first, middle and last bytes all get hit).
        let mut forgeries = Vec::new();
        let flip = |v: &mut [u8]| {
            let k = (7 * i + 3 * j) % v.len();
            v[k] ^= 1 << ((i + j) % 8);
        };
        let mut t = tag;
        flip(&mut t);
        forgeries.push(("tag", nonce, ad.clone(), ciphertext.clone(), t));
        let mut n = nonce;
        flip(&mut n);
        forgeries.push(("nonce", n, ad.clone(), ciphertext.clone(), tag));
        if adlen > 0 {
            let mut a = ad.clone();
            flip(&mut a);
            forgeries.push(("associated data", nonce, a, ciphertext.clone(), tag));
        }
        if mlen > 0 {
            let mut c = ciphertext.clone();
            flip(&mut c);
            forgeries.push(("ciphertext", nonce, ad.clone(), c, tag));
        }

        for (field, nonce, ad, ct, tag) in forgeries {
            for slice_api in [false, true] {
                let mut key = key_public;
                classify(&mut key);
                let mut buffer = ct.clone();
                // The Err/Ok outcome is public: it derives from the declassified bit.
                let rejected = if slice_api {
                    matches!(
                        ops::ascon_aead128_open_slices(&key, &nonce, &ad, &mut buffer, &tag),
                        Err(Error::Crypto(_))
                    )
                } else {
                    ops::ascon_aead128_open(&key, &nonce, &ad, &mut buffer, &tag).is_err()
                };
                assert!(
                    rejected,
                    "forged {field} accepted (mlen {mlen}, adlen {adlen})"
                );
                assert_public("rejected buffer", &buffer);
                assert!(
                    buffer.iter().all(|&b| b == 0),
                    "rejected buffer not zeroed (forged {field}, mlen {mlen}, adlen {adlen})"
                );
                cases += 1;
            }
        }

        // A tag of the wrong length is an input error, reported before any secret work,
        // with the buffer untouched (it still holds the public ciphertext).
        let mut key = key_public;
        classify(&mut key);
        let mut buffer = ciphertext.clone();
        let r = ops::ascon_aead128_open_slices(&key, &nonce, &ad, &mut buffer, &tag[..15]);
        assert!(matches!(r, Err(Error::Input(_))), "short tag: {r:?}");
        assert_public("buffer after an input error", &buffer);
        assert_eq!(buffer, ciphertext, "buffer changed by an input error");
        cases += 1;
    }
    done(
        NAME,
        cases,
        "forged tag/nonce/AD/ciphertext x lengths 0,1,15,16,17,33,100; typed and slice APIs",
    );
}
