//! Constant-time check of SHA3-256/384/512 and SHAKE128/256 (Keccak-f[1600]).
//!
//! Secret: the message (hashing keys and seeds is what ML-KEM and ML-DSA do). Public: its
//! length, how it is split across `update` calls, and the output lengths.
//! Declassified: the digests and XOF outputs, after the call (they are the functions'
//! outputs).

use mamori_ct::{assert_public, assert_secret, bytes, classify, declassify, done};
use mamori_ct_ops as ops;

const NAME: &str = "ct_sha3";

/// Around every rate (72, 104, 136, 168 bytes) and the 8-byte lanes.
const LENGTHS: [usize; 12] = [0, 1, 7, 8, 71, 72, 104, 135, 136, 137, 168, 300];

fn check(what: &str, len: usize, out: &mut [u8], expected: &[u8]) {
    if len > 0 {
        assert_secret(what, out);
    } else {
        assert_public(what, out);
    }
    // Declassify: the output of the function.
    declassify(out);
    assert_eq!(out, expected, "{what}, len {len}");
}

fn main() {
    mamori_ct::require_valgrind(NAME);
    let mut cases = 0;
    for (i, &len) in LENGTHS.iter().enumerate() {
        let message = bytes(len, i as u8);
        let digests = ops::sha3_all(&message, &[]);
        for split in [0, len.min(5), len / 2, len] {
            let mut secret = message.clone();
            classify(&mut secret);
            let mut got = ops::sha3_all(&secret[..split], &secret[split..]);
            check("SHA3 digests", len, &mut got, &digests);
            cases += 1;
        }
        for wide in [false, true] {
            let mut reference = [0u8; 400];
            ops::shake(wide, &message, &mut reference, &mut []);
            for (n1, n2) in [(0, 0), (1, 31), (32, 32), (167, 233)] {
                let mut secret = message.clone();
                classify(&mut secret);
                let (mut out1, mut out2) = (vec![0u8; n1], vec![0u8; n2]);
                ops::shake(wide, &secret, &mut out1, &mut out2);
                let mut both = [out1, out2].concat();
                check("SHAKE output", len, &mut both, &reference[..n1 + n2]);
                cases += 1;
            }
        }
    }
    done(
        NAME,
        cases,
        "lengths around every rate x (4 update splits for SHA3-256/384/512, 4 output splits for SHAKE128 and SHAKE256)",
    );
}
