//! Rocca-S and AEGIS-256 (128- and 256-bit tags): the generic AEAD conformance suite, every
//! AES-round backend against the portable one on random inputs that cross every block
//! boundary, and the batch API against single calls (equal and unequal lengths, mixed
//! keys, forged tags). The draft vectors are in `draft_vectors.rs` and `mamori kat`.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use mamori_aead::aegis256::Aegis256Core;
use mamori_aead::aes_family::{AesAead, Core, Message};
use mamori_aead::rocca_s::RoccaSCore;
use mamori_aead::{Aegis256, Aegis256T256, RoccaS};
use mamori_primitives::aes_round::AesBackend;
use mamori_primitives::{Algorithm, Backend, CryptoError};
use proptest::prelude::*;

mod rocca_s {
    use super::common;
    crate::aead_suite!(mamori_aead::RoccaS);
}
mod aegis256 {
    use super::common;
    crate::aead_suite!(mamori_aead::Aegis256);
}
mod aegis256_t256 {
    use super::common;
    crate::aead_suite!(mamori_aead::Aegis256T256);
}

#[test]
fn metadata_and_backend() {
    assert_eq!(RoccaS::INFO.name, "rocca-s");
    assert_eq!(RoccaS::INFO.size("tag"), Some(32));
    assert_eq!(Aegis256::INFO.name, "aegis-256");
    assert_eq!(Aegis256::INFO.size("nonce"), Some(32));
    assert_eq!(Aegis256T256::INFO.size("tag"), Some(32));
    let k = RoccaS::new(&[1; 32]);
    assert_eq!(k.backend(), AesBackend::detect().backend());
    assert_eq!(k.batch_backend().0, AesBackend::detect_wide().backend());
    // The forcing knob: portable always; a backend the CPU lacks is refused.
    let p = RoccaS::with_backend(&[1; 32], Backend::Portable).unwrap();
    assert_eq!(
        (p.backend(), p.batch_backend()),
        (Backend::Portable, (Backend::Portable, 1))
    );
    assert!(RoccaS::with_backend(&[1; 32], Backend::Avx2).is_none());
    let debug = format!("{k:?}");
    assert!(
        !debug.contains("1, 1"),
        "Debug must not print the key: {debug}"
    );
}

/// One message of a test batch: key index, associated data, plaintext, forge the tag.
type Item = (usize, Vec<u8>, Vec<u8>, bool);

fn backends() -> Vec<Backend> {
    let b: Vec<Backend> = AesBackend::available().map(|b| b.backend()).collect();
    eprintln!("AES-round backends on this CPU: {b:?}");
    b
}

fn seal_with<C: Core>(
    b: Backend,
    key: &[u8; 32],
    nonce: &[u8],
    ad: &[u8],
    msg: &[u8],
) -> (Vec<u8>, Vec<u8>) {
    let k = AesAead::<C>::with_backend(key, b).unwrap();
    let mut buf = msg.to_vec();
    let mut tag = vec![0; C::TAG_LEN];
    k.seal(nonce, ad, &mut buf, &mut tag).unwrap();
    (buf, tag)
}

/// Every backend seals like portable and opens its own output.
fn backends_agree<C: Core>(key: [u8; 32], nonce: &[u8], ad: &[u8], msg: &[u8]) {
    let nonce = &nonce[..C::NONCE_LEN];
    let reference = seal_with::<C>(Backend::Portable, &key, nonce, ad, msg);
    for b in AesBackend::available().map(|b| b.backend()) {
        let got = seal_with::<C>(b, &key, nonce, ad, msg);
        assert_eq!(
            got,
            reference,
            "{} on {b}, ad {} msg {}",
            C::INFO.name,
            ad.len(),
            msg.len()
        );
        let k = AesAead::<C>::with_backend(&key, b).unwrap();
        let mut buf = got.0.clone();
        k.open(nonce, ad, &mut buf, &got.1).unwrap();
        assert_eq!(buf, msg);
    }
}

/// One batch: `(key index, ad, msg, tamper)` per message; sealed and opened as a batch on
/// `backend`, compared with single portable calls.
fn batch_agrees<C: Core>(backend: Backend, keys: &[[u8; 32]], items: &[Item]) {
    let Some(any) = AesAead::<C>::with_backend(&keys[0], backend) else {
        return;
    };
    let ciphers: Vec<AesAead<C>> = keys
        .iter()
        .map(|k| AesAead::<C>::with_backend(k, backend).unwrap())
        .collect();
    let nonces: Vec<Vec<u8>> = (0..items.len())
        .map(|i| (0..C::NONCE_LEN).map(|j| (i * 7 + j) as u8).collect())
        .collect();
    let expected: Vec<(Vec<u8>, Vec<u8>)> = items
        .iter()
        .zip(&nonces)
        .map(|((k, ad, msg, _), n)| seal_with::<C>(Backend::Portable, &keys[*k], n, ad, msg))
        .collect();

    let mut bufs: Vec<Vec<u8>> = items.iter().map(|(_, _, m, _)| m.clone()).collect();
    let mut tags: Vec<Vec<u8>> = items.iter().map(|_| vec![0; C::TAG_LEN]).collect();
    let mut batch: Vec<Message<'_, C>> = items
        .iter()
        .zip(&nonces)
        .zip(bufs.iter_mut().zip(tags.iter_mut()))
        .map(|(((k, ad, _, _), nonce), (buffer, tag))| Message {
            key: &ciphers[*k],
            nonce,
            ad,
            buffer,
            tag,
        })
        .collect();
    any.seal_batch(&mut batch).unwrap();
    drop(batch);
    for (i, e) in expected.iter().enumerate() {
        assert_eq!(
            (&bufs[i], &tags[i]),
            (&e.0, &e.1),
            "seal_batch message {i} on {backend}"
        );
    }

    for ((_, _, _, tamper), tag) in items.iter().zip(tags.iter_mut()) {
        if *tamper {
            tag[0] ^= 0x80;
        }
    }
    let mut results = vec![Ok(()); items.len()];
    let mut batch: Vec<Message<'_, C>> = items
        .iter()
        .zip(&nonces)
        .zip(bufs.iter_mut().zip(tags.iter_mut()))
        .map(|(((k, ad, _, _), nonce), (buffer, tag))| Message {
            key: &ciphers[*k],
            nonce,
            ad,
            buffer,
            tag,
        })
        .collect();
    any.open_batch(&mut batch, &mut results).unwrap();
    drop(batch);
    for (i, (_, _, msg, tamper)) in items.iter().enumerate() {
        if *tamper {
            assert_eq!(
                results[i],
                Err(CryptoError),
                "forged message {i} on {backend}"
            );
            assert!(
                bufs[i].iter().all(|&b| b == 0),
                "forged message {i} not wiped"
            );
        } else {
            assert_eq!(results[i], Ok(()), "message {i} on {backend}");
            assert_eq!(&bufs[i], msg, "open_batch message {i} on {backend}");
        }
    }
}

fn batch_all_backends<C: Core>(keys: &[[u8; 32]], items: &[Item]) {
    for b in AesBackend::available().map(|b| b.backend()) {
        batch_agrees::<C>(b, keys, items);
    }
}

#[test]
fn batch_shapes() {
    let _ = backends();
    let keys = [[1u8; 32], [2u8; 32], [3u8; 32]];
    let v = |n: usize, s: u8| common::pattern(n, s);
    // Equal lengths (lockstep to the end), unequal messages, unequal AD, partial blocks,
    // empty messages, a group that does not fill the lanes, forged tags in the middle.
    let shapes: Vec<Vec<Item>> = vec![
        vec![(0, v(0, 1), v(0, 2), false)],
        (0..4)
            .map(|i| (i % 3, v(13, 1), v(100, i as u8), false))
            .collect(),
        (0..8)
            .map(|i| (i % 3, v(32, 1), v(64 * i + 7, i as u8), i == 5))
            .collect(),
        (0..5).map(|i| (0, v(i * 17, 3), v(33, 4), false)).collect(),
        (0..7)
            .map(|i| (i % 2, v(i, 5), v(i * 31, 6), i % 3 == 0))
            .collect(),
        (0..3).map(|_| (1, v(0, 0), v(0, 0), false)).collect(),
    ];
    for items in &shapes {
        batch_all_backends::<RoccaSCore>(&keys, items);
        batch_all_backends::<Aegis256Core<16>>(&keys, items);
        batch_all_backends::<Aegis256Core<32>>(&keys, items);
    }
}

#[test]
fn batch_rejects_bad_lengths_and_writes_nothing() {
    let k = RoccaS::new(&[9; 32]);
    let mut buf = [5u8; 40];
    let mut tag = [0u8; 32];
    let mut batch = [Message {
        key: &k,
        nonce: &[0; 15],
        ad: b"",
        buffer: &mut buf,
        tag: &mut tag,
    }];
    assert!(k.seal_batch(&mut batch).is_err());
    let mut results = [Ok(()); 2];
    assert!(k.open_batch(&mut batch, &mut results).is_err());
    assert_eq!((buf, tag), ([5u8; 40], [0u8; 32]));
}

fn arb_input() -> impl Strategy<Value = ([u8; 32], Vec<u8>, Vec<u8>, Vec<u8>)> {
    (
        any::<[u8; 32]>(),
        proptest::collection::vec(any::<u8>(), 32),
        proptest::collection::vec(any::<u8>(), 0..100),
        proptest::collection::vec(any::<u8>(), 0..200),
    )
}

fn arb_batch() -> impl Strategy<Value = Vec<Item>> {
    proptest::collection::vec(
        (
            0usize..3,
            proptest::collection::vec(any::<u8>(), 0..70),
            proptest::collection::vec(any::<u8>(), 0..130),
            proptest::bool::weighted(0.2),
        ),
        1..10,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn rocca_s_backends_agree_with_portable((key, nonce, ad, msg) in arb_input()) {
        backends_agree::<RoccaSCore>(key, &nonce, &ad, &msg);
    }

    #[test]
    fn aegis256_backends_agree_with_portable((key, nonce, ad, msg) in arb_input()) {
        backends_agree::<Aegis256Core<16>>(key, &nonce, &ad, &msg);
        backends_agree::<Aegis256Core<32>>(key, &nonce, &ad, &msg);
    }

    #[test]
    fn batches_agree_with_single_calls(items in arb_batch(), keys in any::<[[u8; 32]; 3]>()) {
        batch_all_backends::<RoccaSCore>(&keys, &items);
        batch_all_backends::<Aegis256Core<16>>(&keys, &items);
    }
}
