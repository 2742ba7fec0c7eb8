//! Constant-time check of Ascon-Hash256.
//!
//! Secret: the message (hashing a key or a password is a normal use). Public: its length
//! and how it is split across `update` calls.
//! Declassified: the digest, after the call (it is the function's output; what the caller
//! does with it is the caller's business).

use mamori_ct::{LENGTHS, assert_public, assert_secret, bytes, classify, declassify, done};
use mamori_ct_ops as ops;

const NAME: &str = "ct_ascon_hash256";

fn main() {
    mamori_ct::require_valgrind(NAME);
    let mut cases = 0;
    for (i, &len) in LENGTHS.iter().enumerate() {
        let message = bytes(len, i as u8);
        let one_shot = ops::ascon_hash256(&message, &[]);
        // Splits: one call, a split inside the first 8-byte block, at half, and at the end.
        for split in [0, len.min(3), len / 2, len] {
            let mut secret = message.clone();
            classify(&mut secret);
            let mut digest = ops::ascon_hash256(&secret[..split], &secret[split..]);
            if len > 0 {
                assert_secret("digest", &digest);
            } else {
                // An empty message has no secret: the digest is the public constant.
                assert_public("digest of the empty message", &digest);
            }
            // Declassify: the digest is the output of the hash.
            declassify(&mut digest);
            assert_eq!(digest, one_shot, "len {len}, split {split}");
            cases += 1;
        }
    }
    done(
        NAME,
        cases,
        "message lengths 0,1,15,16,17,33,100 x 4 update splits",
    );
}
