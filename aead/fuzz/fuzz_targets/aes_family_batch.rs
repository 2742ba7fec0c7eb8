//! The batch API against single calls: a group of 1-9 Rocca-S or AEGIS-256 messages (two
//! keys, fuzzed lengths, some forged) sealed and opened as one batch on the widest backend
//! equals sealing and opening each alone; forged ones are rejected and zeroed.
//!
//! Input: `alg count key[32] key[32] then per message: key_sel ad_len msg_len forge ...`,
//! message bytes taken from the rest.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_aead::aegis256::Aegis256Core;
use mamori_aead::aes_family::{AesAead, Core, Message};
use mamori_aead::rocca_s::RoccaSCore;
use mamori_aead_fuzz::Input;
use mamori_primitives::CryptoError;

fn check<C: Core>(mut input: Input<'_>) {
    let count = usize::from(input.byte() % 9) + 1;
    let keys = [
        AesAead::<C>::new(&input.array::<32>()),
        AesAead::<C>::new(&input.array::<32>()),
    ];
    let mut items = Vec::new();
    for i in 0..count {
        let key = usize::from(input.byte() & 1);
        let ad_len = usize::from(input.byte() % 80);
        let ad = input.take(ad_len).to_vec();
        let msg_len = usize::from(input.u16() % 300);
        let msg = input.take(msg_len).to_vec();
        let forge = input.byte().is_multiple_of(5);
        let nonce: Vec<u8> = (0..C::NONCE_LEN).map(|j| (i * 31 + j) as u8).collect();
        items.push((key, nonce, ad, msg, forge));
    }
    // Single calls.
    let single: Vec<(Vec<u8>, Vec<u8>)> = items
        .iter()
        .map(|(k, n, ad, msg, _)| {
            let mut b = msg.clone();
            let mut t = vec![0u8; C::TAG_LEN];
            keys[*k].seal(n, ad, &mut b, &mut t).expect("lengths");
            (b, t)
        })
        .collect();
    // One batch.
    let mut bufs: Vec<Vec<u8>> = items.iter().map(|i| i.3.clone()).collect();
    let mut tags: Vec<Vec<u8>> = items.iter().map(|_| vec![0u8; C::TAG_LEN]).collect();
    let mut batch: Vec<Message<'_, C>> = items
        .iter()
        .zip(bufs.iter_mut().zip(tags.iter_mut()))
        .map(|((k, n, ad, _, _), (b, t))| Message {
            key: &keys[*k],
            nonce: n,
            ad,
            buffer: b,
            tag: t,
        })
        .collect();
    keys[0].seal_batch(&mut batch).expect("lengths");
    drop(batch);
    for (i, (b, t)) in single.iter().enumerate() {
        assert_eq!(
            (&bufs[i], &tags[i]),
            (b, t),
            "batch message {i} differs from the single call"
        );
    }
    for (t, item) in tags.iter_mut().zip(&items) {
        if item.4 {
            t[0] ^= 0x01;
        }
    }
    let mut results = vec![Ok(()); items.len()];
    let mut batch: Vec<Message<'_, C>> = items
        .iter()
        .zip(bufs.iter_mut().zip(tags.iter_mut()))
        .map(|((k, n, ad, _, _), (b, t))| Message {
            key: &keys[*k],
            nonce: n,
            ad,
            buffer: b,
            tag: t,
        })
        .collect();
    keys[0]
        .open_batch(&mut batch, &mut results)
        .expect("lengths");
    drop(batch);
    for (i, item) in items.iter().enumerate() {
        if item.4 {
            assert_eq!(results[i], Err(CryptoError), "forged message {i} accepted");
            assert!(
                bufs[i].iter().all(|&x| x == 0),
                "forged message {i} not zeroed"
            );
        } else {
            assert_eq!(results[i], Ok(()), "message {i} rejected");
            assert_eq!(bufs[i], item.3, "message {i} opened wrong");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    match input.byte() % 2 {
        0 => check::<RoccaSCore>(input),
        _ => check::<Aegis256Core<16>>(input),
    }
});
