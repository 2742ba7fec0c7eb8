//! ML-KEM-512/768/1024 on arbitrary bytes: parsing keys and decapsulating never panics.
//!
//! Checks: `EncapsulationKey::from_bytes` and `DecapsulationKey::from_expanded` on arbitrary
//! bytes return `Ok` or the documented `Err` (wrong length → `Length`, failed check →
//! `Malformed`); a key generated from a fuzzer seed decapsulates any byte string: wrong
//! lengths are `Err(Length)`, right-length ciphertexts give a 32-byte secret, the honest one
//! for the honest ciphertext and `J(z || c)` (≠ it) for a changed one, and the same from the
//! expanded key parsed back.
//!
//! Input: `set seed[64] flags rest...` (`set % 3` picks the parameter set; `flags` bit 0: use
//! `rest` as the ciphertext, else an honest ciphertext with byte `rest[0]` flipped).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_aead_fuzz::Input;
use mamori_primitives::{InputError, Param};

macro_rules! case {
    ($m:ident, $seed:expr, $flags:expr, $rest:expr) => {{
        use mamori_kem::$m::{
            CIPHERTEXT_LEN, Ciphertext, DECAPSULATION_KEY_LEN, DecapsulationKey,
            ENCAPSULATION_KEY_LEN, EncapsulationKey,
        };
        let rest: &[u8] = $rest;
        // Arbitrary bytes as keys.
        match EncapsulationKey::from_bytes(rest) {
            Ok(ek) => assert_eq!(ek.to_bytes()[..], rest[..]),
            Err(InputError::Length {
                param: Param::EncapsulationKey,
                expected,
                actual,
            }) => {
                assert_eq!((expected, actual), (ENCAPSULATION_KEY_LEN, rest.len()));
            }
            Err(e) => assert_eq!(
                e,
                InputError::Malformed {
                    param: Param::EncapsulationKey
                }
            ),
        }
        match DecapsulationKey::from_expanded(rest) {
            Ok(dk) => assert_eq!(rest.len(), DECAPSULATION_KEY_LEN, "{dk:?}"),
            Err(InputError::Length {
                param: Param::DecapsulationKey,
                ..
            }) => {
                assert_ne!(rest.len(), DECAPSULATION_KEY_LEN)
            }
            Err(e) => assert_eq!(
                e,
                InputError::Malformed {
                    param: Param::DecapsulationKey
                }
            ),
        }
        // Decapsulation under a real key.
        let dk = DecapsulationKey::from_seed(&$seed);
        let (ct, k) = dk.encapsulation_key().encapsulate_deterministic(&[1; 32]);
        let expanded = DecapsulationKey::from_expanded(&dk.to_expanded()).expect("own key");
        if $flags & 1 == 1 {
            match dk.decapsulate_bytes(rest) {
                Ok(s) => {
                    assert_eq!(rest.len(), CIPHERTEXT_LEN);
                    let again = expanded.decapsulate_bytes(rest).expect("length");
                    assert_eq!(s.as_bytes(), again.as_bytes());
                    assert_eq!(rest == ct.as_bytes(), s.as_bytes() == k.as_bytes());
                }
                Err(e) => {
                    assert_ne!(rest.len(), CIPHERTEXT_LEN);
                    assert!(matches!(
                        e,
                        InputError::Length {
                            param: Param::Ciphertext,
                            ..
                        }
                    ));
                }
            }
        } else {
            let mut c = *ct.as_bytes();
            let at = usize::from(rest.first().copied().unwrap_or(0)) * 7 % CIPHERTEXT_LEN;
            c[at] ^= rest.get(1).copied().unwrap_or(1).max(1);
            let s = dk.decapsulate(&Ciphertext::from_bytes(&c).expect("length"));
            assert_ne!(s.as_bytes(), k.as_bytes());
            assert_eq!(dk.decapsulate(&ct).as_bytes(), k.as_bytes());
        }
    }};
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let set = input.byte() % 3;
    let seed: [u8; 64] = input.array();
    let flags = input.byte();
    let rest = input.rest();
    match set {
        0 => case!(ml_kem_512, seed, flags, rest),
        1 => case!(ml_kem_768, seed, flags, rest),
        _ => case!(ml_kem_1024, seed, flags, rest),
    }
});
