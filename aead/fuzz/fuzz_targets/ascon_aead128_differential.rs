//! Mamori's Ascon-AEAD128 against RustCrypto's independent `ascon-aead128` 0.1.1.
//!
//! Checks: the same ciphertext and tag; each opens the other's output to the message; on a
//! forged input (the rest of the fuzzer's bytes taken as a ciphertext with the fuzzer's tag,
//! and the genuine ciphertext with one tag bit flipped) both reach the same verdict, the
//! same plaintext if they accept, and Mamori zeroes the buffer if it rejects.
//!
//! Input: `key[16] nonce[16] forged_tag[16] flip ad_len ad[ad_len] message...`.
#![no_main]

use ascon_aead128::aead::{AeadInOut, KeyInit};
use libfuzzer_sys::fuzz_target;
use mamori_aead::AsconAead128;
use mamori_aead_fuzz::Input;

fn both_open(
    ours: &AsconAead128,
    theirs: &ascon_aead128::AsconAead128,
    nonce: &[u8; 16],
    ad: &[u8],
    ciphertext: &[u8],
    tag: &[u8; 16],
) -> Option<Vec<u8>> {
    let mut a = ciphertext.to_vec();
    let ra = ours.open_in_place_detached(nonce, ad, &mut a, tag);
    let mut b = ciphertext.to_vec();
    let rb = theirs.decrypt_inout_detached(
        &(*nonce).into(),
        ad,
        b.as_mut_slice().into(),
        &(*tag).into(),
    );
    assert_eq!(
        ra.is_ok(),
        rb.is_ok(),
        "verdicts differ (mamori {ra:?}, RustCrypto {rb:?})"
    );
    if ra.is_ok() {
        assert_eq!(a, b, "accepted, but the plaintexts differ");
        Some(a)
    } else {
        assert!(
            a.iter().all(|&x| x == 0),
            "mamori: rejected buffer not zeroed"
        );
        None
    }
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let key: [u8; 16] = input.array();
    let nonce: [u8; 16] = input.array();
    let forged_tag: [u8; 16] = input.array();
    let flip = input.byte();
    let ad_len = usize::from(input.byte());
    let ad = input.take(ad_len);
    let message = input.rest();

    let ours = AsconAead128::new(&key);
    let theirs = ascon_aead128::AsconAead128::new(&key.into());

    let mut ct = message.to_vec();
    let tag = ours.seal_in_place_detached(&nonce, ad, &mut ct);
    let mut ct_ref = message.to_vec();
    let tag_ref = theirs
        .encrypt_inout_detached(&nonce.into(), ad, ct_ref.as_mut_slice().into())
        .expect("RustCrypto seal failed");
    assert_eq!(ct, ct_ref, "ciphertexts differ");
    assert_eq!(&tag[..], &tag_ref[..], "tags differ");

    assert_eq!(
        both_open(&ours, &theirs, &nonce, ad, &ct, &tag).as_deref(),
        Some(message)
    );

    // Forgeries: arbitrary ciphertext and tag, and the genuine one with a tag bit flipped.
    both_open(&ours, &theirs, &nonce, ad, message, &forged_tag);
    let mut bad = tag;
    bad[usize::from(flip / 8) % 16] ^= 1 << (flip % 8);
    assert_eq!(
        both_open(&ours, &theirs, &nonce, ad, &ct, &bad),
        None,
        "flipped tag accepted"
    );
});
