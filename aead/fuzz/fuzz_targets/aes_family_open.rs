//! Rocca-S and AEGIS-256 (both tag sizes) open on arbitrary input, through Mamori's slice
//! trait: never panics; a wrong key, nonce or tag length is an input error with the buffer
//! untouched; a failed authentication zeroes the buffer.
//!
//! Input: `alg key_hdr nonce_hdr tag_hdr ad_len key nonce tag ad ciphertext...`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_aead::{Aegis256, Aegis256T256, RoccaS};
use mamori_aead_fuzz::{Input, length};
use mamori_primitives::{Aead, Error};

fn check<A: Aead>(mut input: Input<'_>) {
    let key_len = length(input.byte(), A::KEY_LEN);
    let nonce_len = length(input.byte(), A::NONCE_LEN);
    let tag_len = length(input.byte(), A::TAG_LEN);
    let ad_len = usize::from(input.byte());
    let key = input.take(key_len);
    let nonce = input.take(nonce_len);
    let tag = input.take(tag_len);
    let ad = input.take(ad_len);
    let ciphertext = input.rest();
    let Ok(cipher) = A::new(key) else {
        assert_ne!(
            key.len(),
            A::KEY_LEN,
            "a key of the right length was rejected"
        );
        return;
    };
    let mut buffer = ciphertext.to_vec();
    match cipher.open_in_place(nonce, ad, &mut buffer, tag) {
        Ok(()) => {}
        Err(Error::Input(_)) => {
            assert!(nonce.len() != A::NONCE_LEN || tag.len() != A::TAG_LEN);
            assert_eq!(buffer, ciphertext, "input error, but the buffer changed");
        }
        Err(Error::Crypto(_)) => {
            assert!(buffer.iter().all(|&b| b == 0), "rejected buffer not zeroed");
        }
        Err(e) => panic!("unexpected error {e:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    match input.byte() % 3 {
        0 => check::<RoccaS>(input),
        1 => check::<Aegis256>(input),
        _ => check::<Aegis256T256>(input),
    }
});
