//! The wide backends (VAES-256, VAES-512) against AES-NI, single messages and batches, on
//! short inputs that cross every block and lane boundary. Written to run under Miri with
//! the AVX-512 target features switched on (`.ci/miri.sh`), where the VAES-512 backend is
//! interpreted on machines without AVX-512; natively it runs on whatever the CPU has. The
//! AES-NI reference is itself checked against the portable backend by `aes_family.rs`.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use mamori_aead::aegis256::Aegis256Core;
use mamori_aead::aes_family::{AesAead, Core, Message};
use mamori_aead::rocca_s::RoccaSCore;
use mamori_primitives::Backend;

fn bytes(n: usize, seed: u8) -> Vec<u8> {
    (0..n)
        .map(|i| (i as u8).wrapping_mul(29).wrapping_add(seed))
        .collect()
}

/// Seals `(ad, msg)` pairs as one batch on `wide` and one by one on AES-NI; opens the batch.
fn check<C: Core>(wide: Backend, shapes: &[(usize, usize)]) -> bool {
    let (Some(w), Some(one)) = (
        AesAead::<C>::with_backend(&[7; 32], wide),
        AesAead::<C>::with_backend(&[7; 32], Backend::AesNi),
    ) else {
        eprintln!("{wide}: not available here, skipped");
        return false;
    };
    let nonce = bytes(C::NONCE_LEN, 1);
    let ads: Vec<Vec<u8>> = shapes.iter().map(|&(a, _)| bytes(a, 2)).collect();
    let msgs: Vec<Vec<u8>> = shapes.iter().map(|&(_, m)| bytes(m, 3)).collect();
    let mut bufs = msgs.clone();
    let mut tags = vec![vec![0u8; C::TAG_LEN]; shapes.len()];
    let mut batch: Vec<Message<'_, C>> = ads
        .iter()
        .zip(bufs.iter_mut().zip(tags.iter_mut()))
        .map(|(ad, (buffer, tag))| Message {
            key: &w,
            nonce: &nonce,
            ad,
            buffer,
            tag,
        })
        .collect();
    w.seal_batch(&mut batch).unwrap();
    drop(batch);
    for i in 0..shapes.len() {
        let mut buf = msgs[i].clone();
        let mut tag = vec![0u8; C::TAG_LEN];
        one.seal(&nonce, &ads[i], &mut buf, &mut tag).unwrap();
        assert_eq!(
            (&bufs[i], &tags[i]),
            (&buf, &tag),
            "{wide} batch message {i}"
        );
        let mut single = msgs[i].clone();
        let mut single_tag = vec![0u8; C::TAG_LEN];
        w.seal(&nonce, &ads[i], &mut single, &mut single_tag)
            .unwrap();
        assert_eq!(
            (&single, &single_tag),
            (&buf, &tag),
            "{wide} single message {i}"
        );
    }
    let mut results = vec![Ok(()); shapes.len()];
    let mut batch: Vec<Message<'_, C>> = ads
        .iter()
        .zip(bufs.iter_mut().zip(tags.iter_mut()))
        .map(|(ad, (buffer, tag))| Message {
            key: &w,
            nonce: &nonce,
            ad,
            buffer,
            tag,
        })
        .collect();
    w.open_batch(&mut batch, &mut results).unwrap();
    drop(batch);
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(bufs, msgs);
    true
}

/// Lockstep to the end (equal lengths with partial blocks), then lanes that split
/// (unequal AD and messages), and a group that leaves lanes empty.
const SHAPES: &[&[(usize, usize)]] = &[
    &[(17, 47), (17, 47), (17, 47), (17, 47)],
    &[(0, 0), (1, 15), (17, 33), (33, 16), (5, 1)],
];

#[test]
fn wide_backends_match_aesni() {
    let mut ran = Vec::new();
    for wide in [Backend::Vaes512, Backend::Vaes256] {
        for shapes in SHAPES {
            if check::<RoccaSCore>(wide, shapes) & check::<Aegis256Core<16>>(wide, shapes) {
                ran.push(wide);
            }
        }
    }
    eprintln!("checked against AES-NI: {ran:?}");
    if cfg!(all(
        miri,
        target_feature = "avx512f",
        target_feature = "vaes"
    )) {
        assert!(
            ran.contains(&Backend::Vaes512),
            "Miri with AVX-512 must run VAES-512"
        );
    }
}
