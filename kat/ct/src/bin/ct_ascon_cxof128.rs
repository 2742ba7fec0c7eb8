//! Constant-time check of Ascon-CXOF128.
//!
//! Secret: the input, and also the *content* of the customization string. SP 800-232 treats
//! the customization string as public; classifying it costs nothing and shows that no code
//! path depends on its content (its length, public, is absorbed and branched on).
//! Declassified: the output, after the call (it is the function's output).

use mamori_ct::{LENGTHS, assert_public, assert_secret, bytes, classify, declassify, done};
use mamori_ct_ops as ops;

const NAME: &str = "ct_ascon_cxof128";

fn main() {
    mamori_ct::require_valgrind(NAME);
    let mut cases = 0;
    for (i, &len) in LENGTHS.iter().enumerate() {
        for (j, &zlen) in LENGTHS.iter().chain(&[256]).enumerate() {
            let input = bytes(len, i as u8);
            let z = bytes(zlen, 0x80 ^ j as u8);
            let mut reference = [0u8; 40];
            ops::ascon_cxof128(&z, &input, &mut reference).expect("customization <= 256 bytes");

            let mut secret = input.clone();
            classify(&mut secret);
            let mut secret_z = z.clone();
            classify(&mut secret_z);
            let mut out = [0u8; 40];
            ops::ascon_cxof128(&secret_z, &secret, &mut out).expect("customization <= 256 bytes");
            if len + zlen > 0 {
                assert_secret("CXOF output", &out);
            } else {
                assert_public("CXOF output of empty input and customization", &out);
            }
            // Declassify: the CXOF output is the function's output.
            declassify(&mut out);
            assert_eq!(out, reference, "len {len}, customization len {zlen}");
            cases += 1;
        }
    }
    done(
        NAME,
        cases,
        "input lengths 0,1,15,16,17,33,100 x customization lengths 0..100 and 256",
    );
}
