//! Constant-time check of Ascon-XOF128.
//!
//! Secret: the input. Public: its length and the output lengths.
//! Declassified: the output, after the call (it is the function's output).

use mamori_ct::{LENGTHS, assert_public, assert_secret, bytes, classify, declassify, done};
use mamori_ct_ops as ops;

const NAME: &str = "ct_ascon_xof128";

fn main() {
    mamori_ct::require_valgrind(NAME);
    let mut cases = 0;
    for (i, &len) in LENGTHS.iter().enumerate() {
        let input = bytes(len, i as u8);
        let mut reference = [0u8; 64];
        ops::ascon_xof128(&input, &mut reference, &mut []);
        // Two reads of various lengths: squeezing across and within 8-byte words.
        for (n1, n2) in [(0, 0), (1, 0), (16, 16), (7, 9), (9, 24), (33, 31)] {
            let mut secret = input.clone();
            classify(&mut secret);
            let (mut out1, mut out2) = (vec![0u8; n1], vec![0u8; n2]);
            ops::ascon_xof128(&secret, &mut out1, &mut out2);
            for out in [&out1, &out2] {
                if len > 0 {
                    assert_secret("XOF output", out);
                } else {
                    assert_public("XOF output of the empty input", out);
                }
            }
            // Declassify: the XOF output is the function's output.
            declassify(&mut out1);
            declassify(&mut out2);
            assert_eq!(
                [out1, out2].concat(),
                reference[..n1 + n2],
                "len {len}, reads {n1}+{n2}"
            );
            cases += 1;
        }
    }
    done(
        NAME,
        cases,
        "input lengths 0,1,15,16,17,33,100 x 6 output splits",
    );
}
