//! Constant-time check of ML-KEM-512/768/1024 (FIPS 203): key generation, encapsulation,
//! and decapsulation of valid and of malformed ciphertexts (implicit rejection).
//!
//! Secret: the key-generation seed `d || z`, the encapsulation randomness `m`, the
//! decapsulation key's ŝ and z. Public: the encapsulation key (and the ρ and H(ek) inside
//! the decapsulation key, which the library declassifies itself), the ciphertext.
//! Declassified after each call: the outputs a caller publishes (ek, ciphertext) and, to
//! compare them with the reference run, the shared secrets.

use mamori_ct::{assert_secret, bytes, classify, declassify, done};
use mamori_ct_ops::{self as ops, MlKem};

const NAME: &str = "ct_ml_kem";

fn main() {
    mamori_ct::require_valgrind(NAME);
    let mut cases = 0;
    for (i, set) in [MlKem::K512, MlKem::K768, MlKem::K1024]
        .into_iter()
        .enumerate()
    {
        for round in 0..2u8 {
            let seed: [u8; 64] = bytes(64, 17 * i as u8 + round).try_into().expect("64");
            let m: [u8; 32] = bytes(32, 99 + round).try_into().expect("32");

            // Reference run, nothing secret.
            let (mut ek, mut dk) = ([0u8; 1568], [0u8; 3168]);
            let (ek_len, dk_len) = ops::ml_kem_keygen(set, &seed, &mut ek, &mut dk);
            let mut ct = [0u8; 1568];
            let (ct_len, ss) = ops::ml_kem_encaps(set, &ek[..ek_len], &m, &mut ct).expect("ek");
            let mut bad_ct = ct;
            bad_ct[round as usize * 100] ^= 0x10;
            let rejected = ops::ml_kem_decaps(set, &dk[..dk_len], &bad_ct[..ct_len]).expect("dk");
            assert_ne!(rejected, ss);

            // Key generation from a secret seed.
            let mut s = seed;
            classify(&mut s);
            let (mut ek2, mut dk2) = ([0u8; 1568], [0u8; 3168]);
            ops::ml_kem_keygen(set, &s, &mut ek2, &mut dk2);
            // ŝ and z are secret; the ek and H(ek) inside dk are public (ρ declassified).
            assert_secret("decapsulation key's s", &dk2[..dk_len - ek_len - 64]);
            assert_secret("decapsulation key's z", &dk2[dk_len - 32..dk_len]);
            declassify(&mut ek2);
            declassify(&mut dk2);
            assert_eq!(ek2[..ek_len], ek[..ek_len]);
            assert_eq!(dk2[..dk_len], dk[..dk_len]);
            cases += 1;

            // Encapsulation with secret randomness.
            let mut mm = m;
            classify(&mut mm);
            let mut ct2 = [0u8; 1568];
            let (_, mut ss2) = ops::ml_kem_encaps(set, &ek[..ek_len], &mm, &mut ct2).expect("ek");
            assert_secret("shared secret", &ss2);
            declassify(&mut ct2);
            declassify(&mut ss2);
            assert_eq!(ct2[..ct_len], ct[..ct_len]);
            assert_eq!(ss2, ss);
            cases += 1;

            // Decapsulation under a secret key: a valid and a malformed ciphertext.
            // Through the key object, and in one call from the encoding.
            for decaps in [ops::ml_kem_decaps, ops::ml_kem_decaps_encoded] {
                for (c, want) in [(&ct, ss), (&bad_ct, rejected)] {
                    let mut key = dk;
                    classify(&mut key[..dk_len]);
                    let mut got = decaps(set, &key[..dk_len], &c[..ct_len]).expect("dk");
                    assert_secret("shared secret", &got);
                    declassify(&mut got);
                    assert_eq!(got, want);
                    cases += 1;
                }
            }
        }
    }
    done(
        NAME,
        cases,
        "ML-KEM-512/768/1024 x 2 seeds: keygen, encaps, decaps (key object and one call from the \
         encoding) of a valid and of a malformed ciphertext",
    );
}
