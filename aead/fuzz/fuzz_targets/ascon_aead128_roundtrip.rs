//! Ascon-AEAD128 seal then open, through every API Mamori offers.
//!
//! Checks: the slice trait API (`mamori_primitives::Aead`) and the RustCrypto `aead` 0.6
//! API seal to the same ciphertext and tag as the typed API; open recovers the message; a
//! single flipped bit anywhere in nonce ‖ associated data ‖ ciphertext ‖ tag (position chosen
//! by the fuzzer) is rejected, with the buffer zeroed.
//!
//! Input: `key[16] nonce[16] ad_len ad[ad_len] flip[2] message...`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_aead::AsconAead128;
use mamori_aead_fuzz::Input;
use mamori_primitives::Aead;
use mamori_primitives::reexport::aead::{AeadInOut, KeyInit};

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let key: [u8; 16] = input.array();
    let nonce: [u8; 16] = input.array();
    let ad_len = usize::from(input.byte());
    let ad = input.take(ad_len).to_vec();
    let flip = usize::from(input.u16());
    let message = input.rest();

    let cipher = AsconAead128::new(&key);
    let mut ciphertext = message.to_vec();
    let tag = cipher.seal_in_place_detached(&nonce, &ad, &mut ciphertext);

    let mut slice_ct = message.to_vec();
    let mut slice_tag = [0u8; 16];
    cipher
        .seal_in_place(&nonce, &ad, &mut slice_ct, &mut slice_tag)
        .expect("correct lengths rejected");
    assert_eq!(
        (&slice_ct, slice_tag),
        (&ciphertext, tag),
        "slice API differs"
    );

    let rc = <AsconAead128 as KeyInit>::new(&key.into());
    let mut rc_ct = message.to_vec();
    let rc_tag = rc
        .encrypt_inout_detached(&nonce.into(), &ad, rc_ct.as_mut_slice().into())
        .expect("RustCrypto API seal failed");
    assert_eq!(
        (&rc_ct, &rc_tag[..]),
        (&ciphertext, &tag[..]),
        "RustCrypto API differs"
    );

    let mut opened = ciphertext.clone();
    cipher
        .open_in_place_detached(&nonce, &ad, &mut opened, &tag)
        .expect("genuine ciphertext rejected");
    assert_eq!(opened, message, "open did not recover the message");

    // One flipped bit in nonce ‖ ad ‖ ciphertext ‖ tag.
    let (mut n, mut a, mut c, mut t) = (nonce, ad.clone(), ciphertext.clone(), tag);
    let total = 16 + a.len() + c.len() + 16;
    let (byte, mask) = ((flip / 8) % total, 1u8 << (flip % 8));
    let field = if byte < 16 {
        n[byte] ^= mask;
        "nonce"
    } else if byte < 16 + a.len() {
        a[byte - 16] ^= mask;
        "associated data"
    } else if byte < 16 + a.len() + c.len() {
        c[byte - 16 - a.len()] ^= mask;
        "ciphertext"
    } else {
        t[byte - 16 - a.len() - c.len()] ^= mask;
        "tag"
    };
    let r = cipher.open_in_place_detached(&n, &a, &mut c, &t);
    assert!(r.is_err(), "bit flip in the {field} accepted");
    assert!(
        c.iter().all(|&b| b == 0),
        "rejected buffer not zeroed ({field} flip)"
    );
});
