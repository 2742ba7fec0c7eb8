//! Mamori's ML-KEM-512/768/1024 against RustCrypto's `ml-kem` 0.3 (deterministic API).
//!
//! Checks: from the same seed `d || z`, equal encapsulation and expanded decapsulation keys;
//! with the same `m`, equal ciphertexts and shared secrets; for a ciphertext changed at a
//! fuzzer-chosen byte, equal implicit-rejection secrets.
//!
//! Input: `set seed[64] m[32] at flip`.
#![no_main]
// The expanded key form is deprecated in `ml-kem` 0.3 but is the FIPS 203 encoding compared.
#![allow(deprecated)]

use libfuzzer_sys::fuzz_target;
use mamori_aead_fuzz::Input;
use ml_kem::{Decapsulate, ExpandedKeyEncoding, KeyExport};

macro_rules! case {
    ($m:ident, $seed:expr, $msg:expr, $at:expr, $flip:expr) => {{
        use mamori_kem::$m::{Ciphertext, DecapsulationKey};
        let dk = DecapsulationKey::from_seed(&$seed);
        let ek = dk.encapsulation_key();
        let theirs = ml_kem::$m::DecapsulationKey::from_seed($seed.into());
        assert_eq!(ek.to_bytes()[..], theirs.encapsulation_key().to_bytes()[..]);
        assert_eq!(dk.to_expanded()[..], theirs.to_expanded_bytes()[..]);
        let (ct, k) = ek.encapsulate_deterministic(&$msg);
        let (their_ct, their_k) = theirs
            .encapsulation_key()
            .encapsulate_deterministic(&$msg.into());
        assert_eq!(ct.as_bytes()[..], their_ct[..]);
        assert_eq!(k.as_bytes()[..], their_k[..]);
        let mut bad = *ct.as_bytes();
        let n = bad.len();
        bad[$at % n] ^= $flip;
        let ours = dk.decapsulate(&Ciphertext::from_bytes(&bad).expect("length"));
        assert_eq!(ours.as_bytes()[..], theirs.decapsulate(&bad.into())[..]);
    }};
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let set = input.byte() % 3;
    let seed: [u8; 64] = input.array();
    let m: [u8; 32] = input.array();
    let at = usize::from(input.u16());
    let flip = input.byte();
    match set {
        0 => case!(ml_kem_512, seed, m, at, flip),
        1 => case!(ml_kem_768, seed, m, at, flip),
        _ => case!(ml_kem_1024, seed, m, at, flip),
    }
});
