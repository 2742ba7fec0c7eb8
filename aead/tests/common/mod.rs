//! Conformance checks every Mamori AEAD must pass, generic over the trait layer. Used by
//! `aead_suite!` in each algorithm's test file.
#![allow(clippy::unwrap_used)] // test support: a failed unwrap is a failed test

use mamori_primitives::{Aead, Error, InputError, Param};

/// Deterministic test pattern.
pub fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

pub fn seal<A: Aead>(a: &A, nonce: &[u8], ad: &[u8], msg: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let mut buf = msg.to_vec();
    let mut tag = vec![0u8; A::TAG_LEN];
    a.seal_in_place(nonce, ad, &mut buf, &mut tag)
        .expect("valid lengths");
    (buf, tag)
}

/// Round trip over every length 0..=max (message and AD), crossing every block boundary.
pub fn roundtrip_all_lengths<A: Aead>(max: usize) {
    let a = A::new(&pattern(A::KEY_LEN, 1)).unwrap();
    let nonce = pattern(A::NONCE_LEN, 2);
    for len in 0..=max {
        let msg = pattern(len, 3);
        let ad = pattern(max - len, 4);
        let (mut ct, tag) = seal(&a, &nonce, &ad, &msg);
        if len > 0 {
            assert_ne!(ct, msg, "len {len}: ciphertext equals plaintext");
        }
        a.open_in_place(&nonce, &ad, &mut ct, &tag).unwrap();
        assert_eq!(ct, msg, "len {len}");
    }
}

/// Any single-bit change of ciphertext, tag, AD or nonce is rejected, and the buffer is
/// zeroed (no unauthenticated plaintext is released).
pub fn tampering_rejected_and_wiped<A: Aead>() {
    let a = A::new(&pattern(A::KEY_LEN, 5)).unwrap();
    let nonce = pattern(A::NONCE_LEN, 6);
    let ad = pattern(21, 7);
    let msg = pattern(45, 8);
    let (ct, tag) = seal(&a, &nonce, &ad, &msg);
    let expect_fail = |nonce: &[u8], ad: &[u8], ct: &[u8], tag: &[u8], what: &str| {
        let mut buf = ct.to_vec();
        let r = a.open_in_place(nonce, ad, &mut buf, tag);
        assert!(matches!(r, Err(Error::Crypto(_))), "{what}: {r:?}");
        assert!(buf.iter().all(|&b| b == 0), "{what}: buffer not wiped");
    };
    for bit in 0..ct.len() * 8 {
        let mut c = ct.clone();
        c[bit / 8] ^= 1 << (bit % 8);
        expect_fail(&nonce, &ad, &c, &tag, &format!("ct bit {bit}"));
    }
    for bit in 0..tag.len() * 8 {
        let mut t = tag.clone();
        t[bit / 8] ^= 1 << (bit % 8);
        expect_fail(&nonce, &ad, &ct, &t, &format!("tag bit {bit}"));
    }
    for bit in (0..ad.len() * 8).step_by(7) {
        let mut d = ad.clone();
        d[bit / 8] ^= 1 << (bit % 8);
        expect_fail(&nonce, &d, &ct, &tag, &format!("ad bit {bit}"));
    }
    for bit in (0..nonce.len() * 8).step_by(5) {
        let mut n = nonce.clone();
        n[bit / 8] ^= 1 << (bit % 8);
        expect_fail(&n, &ad, &ct, &tag, &format!("nonce bit {bit}"));
    }
    // Truncated or extended ciphertext with the original tag.
    expect_fail(&nonce, &ad, &ct[..ct.len() - 1], &tag, "truncated ct");
    let mut longer = ct.clone();
    longer.push(0);
    expect_fail(&nonce, &ad, &longer, &tag, "extended ct");
}

/// Wrong key, nonce and tag lengths are `InputError`s that name the parameter, and nothing
/// is written to the (garbage-prefilled) buffers.
pub fn misuse_is_an_error_and_writes_nothing<A: Aead>() {
    for bad in [0, A::KEY_LEN - 1, A::KEY_LEN + 1] {
        let e = A::new(&vec![0u8; bad]).err();
        assert_eq!(
            e,
            Some(InputError::Length {
                param: Param::Key,
                expected: A::KEY_LEN,
                actual: bad
            })
        );
    }
    let a = A::new(&pattern(A::KEY_LEN, 9)).unwrap();
    let garbage = pattern(33, 0xA5);
    let nonce = pattern(A::NONCE_LEN, 1);
    for (n_len, t_len, param) in [
        (A::NONCE_LEN - 1, A::TAG_LEN, Param::Nonce),
        (A::NONCE_LEN + 1, A::TAG_LEN, Param::Nonce),
        (A::NONCE_LEN, A::TAG_LEN - 1, Param::Tag),
        (A::NONCE_LEN, A::TAG_LEN + 1, Param::Tag),
        (A::NONCE_LEN, 0, Param::Tag),
    ] {
        let n = pattern(n_len, 1);
        let mut buf = garbage.clone();
        let mut tag = pattern(t_len, 0x5A);
        let tag_before = tag.clone();
        let e = a.seal_in_place(&n, b"", &mut buf, &mut tag).unwrap_err();
        assert!(
            matches!(e, InputError::Length { param: p, .. } if p == param),
            "{e:?}"
        );
        assert_eq!(buf, garbage, "seal wrote despite {param:?} error");
        assert_eq!(tag, tag_before);
        let e = a.open_in_place(&n, b"", &mut buf, &tag).unwrap_err();
        assert!(
            matches!(e, Error::Input(InputError::Length { param: p, .. }) if p == param),
            "{e:?}"
        );
        assert_eq!(buf, garbage, "open wrote despite {param:?} error");
    }
    // Error messages say what was wrong.
    let msg = A::new(&[0u8; 3]).err().map(|e| e.to_string());
    assert_eq!(
        msg.as_deref(),
        Some(format!("wrong key length: expected {} bytes, got 3", A::KEY_LEN).as_str())
    );
    let _ = nonce;
}

/// In-place through the trait equals the RustCrypto `AeadInOut` path (in-place and
/// separate input/output buffers).
pub fn rustcrypto_traits_agree<A>()
where
    A: Aead + aead::AeadInOut + aead::KeyInit,
{
    use aead::{Aead as _, Nonce, Payload};
    let key = pattern(A::KEY_LEN, 11);
    let nonce_bytes = pattern(A::NONCE_LEN, 12);
    let ours = <A as Aead>::new(&key).unwrap();
    let theirs = <A as aead::KeyInit>::new_from_slice(&key).unwrap();
    let nonce = Nonce::<A>::try_from(&nonce_bytes[..]).unwrap();
    for len in [0, 1, 16, 17, 100] {
        let msg = pattern(len, 13);
        let (ct, tag) = seal(&ours, &nonce_bytes, b"ad", &msg);
        let attached = theirs
            .encrypt(
                &nonce,
                Payload {
                    msg: &msg,
                    aad: b"ad",
                },
            )
            .unwrap();
        assert_eq!(attached, [ct.clone(), tag].concat());
        let pt = theirs
            .decrypt(
                &nonce,
                Payload {
                    msg: &attached,
                    aad: b"ad",
                },
            )
            .unwrap();
        assert_eq!(pt, msg);
        let mut bad = attached.clone();
        bad[0] ^= 1;
        assert!(
            theirs
                .decrypt(
                    &nonce,
                    Payload {
                        msg: &bad,
                        aad: b"ad"
                    }
                )
                .is_err()
        );
    }
}

/// Generates the conformance tests for one AEAD type.
#[macro_export]
macro_rules! aead_suite {
    ($ty:ty) => {
        #[test]
        fn roundtrip_all_lengths() {
            common::roundtrip_all_lengths::<$ty>(130);
        }
        #[test]
        fn tampering_rejected_and_wiped() {
            common::tampering_rejected_and_wiped::<$ty>();
        }
        #[test]
        fn misuse_is_an_error_and_writes_nothing() {
            common::misuse_is_an_error_and_writes_nothing::<$ty>();
        }
        #[test]
        fn rustcrypto_traits_agree() {
            common::rustcrypto_traits_agree::<$ty>();
        }
    };
}
