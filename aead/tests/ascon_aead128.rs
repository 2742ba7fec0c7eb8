//! Ascon-AEAD128: the generic AEAD conformance suite, and differential property tests
//! against RustCrypto's independent `ascon-aead128` crate. (The official SP 800-232 KATs
//! run through `mamori-kat`.)

mod common;

use mamori_aead::AsconAead128;
use mamori_primitives::Algorithm;
use proptest::prelude::*;

aead_suite!(AsconAead128);

#[test]
fn metadata() {
    let info = AsconAead128::INFO;
    assert_eq!(info.name, "ascon-aead128");
    assert_eq!(info.size("key"), Some(16));
    assert_eq!(info.size("nonce"), Some(16));
    assert_eq!(info.size("tag"), Some(16));
    // 64-bit words or bit-interleaved 32-bit lanes, by target (or the mamori_ascon cfg).
    use mamori_primitives::Backend;
    assert!(matches!(
        AsconAead128::backend(),
        Backend::Portable | Backend::PortableBi32
    ));
    #[cfg(all(target_pointer_width = "64", not(mamori_ascon = "bi32")))]
    assert_eq!(AsconAead128::backend(), Backend::Portable);
}

#[test]
fn debug_does_not_print_the_key() {
    let s = format!("{:?}", AsconAead128::new(&[0x42; 16]));
    assert_eq!(s, "AsconAead128 { .. }");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn differential_vs_rustcrypto(
        key in any::<[u8; 16]>(),
        nonce in any::<[u8; 16]>(),
        ad in proptest::collection::vec(any::<u8>(), 0..600),
        msg in proptest::collection::vec(any::<u8>(), 0..600),
        flip in any::<prop::sample::Index>(),
    ) {
        use ascon_aead128::aead::{AeadInOut, KeyInit};
        let ours = AsconAead128::new(&key);
        let theirs = ascon_aead128::AsconAead128::new(&key.into());

        let mut ct = msg.clone();
        let tag = ours.seal_in_place_detached(&nonce, &ad, &mut ct);
        let mut ct_ref = msg.clone();
        let tag_ref = theirs
            .encrypt_inout_detached(&nonce.into(), &ad, ct_ref.as_mut_slice().into())
            .unwrap();
        prop_assert_eq!(&ct, &ct_ref);
        prop_assert_eq!(&tag[..], &tag_ref[..]);

        // Both open the other's output.
        let mut pt = ct_ref.clone();
        ours.open_in_place_detached(&nonce, &ad, &mut pt, &tag_ref.0).unwrap();
        prop_assert_eq!(&pt, &msg);

        // And both reject the same forgery (one flipped bit in ciphertext||tag).
        let mut forged = [ct.clone(), tag.to_vec()].concat();
        let bit = flip.index(forged.len() * 8);
        forged[bit / 8] ^= 1 << (bit % 8);
        let (fct, ftag) = forged.split_at(msg.len());
        let mut a = fct.to_vec();
        let ftag: [u8; 16] = ftag.try_into().unwrap();
        prop_assert!(ours.open_in_place_detached(&nonce, &ad, &mut a, &ftag).is_err());
        prop_assert!(a.iter().all(|&b| b == 0));
        let mut b = fct.to_vec();
        prop_assert!(theirs
            .decrypt_inout_detached(&nonce.into(), &ad, b.as_mut_slice().into(), &ftag.into())
            .is_err());
    }
}
