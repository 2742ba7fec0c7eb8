//! Mamori's Rocca-S against `rocca` 0.3, and Mamori's AEGIS-256 (128- and 256-bit tags)
//! against libaegis through `aegis` 0.9: the same ciphertext and tag, each opens the
//! other's output, and a flipped tag bit is rejected by both (Mamori zeroing the buffer).
//!
//! Input: `alg key[32] nonce[32] flip ad_len ad[ad_len] message...`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_aead::{Aegis256, Aegis256T256, RoccaS};
use mamori_aead_fuzz::Input;

/// Mamori seal, peer seal, peer open of Mamori's output, Mamori open of the peer's, and a
/// forged tag on both.
fn compare<const T: usize>(
    ours_seal: impl Fn(&mut [u8]) -> [u8; T],
    ours_open: impl Fn(&mut [u8], &[u8; T]) -> bool,
    peer_seal: impl Fn(&mut [u8]) -> [u8; T],
    peer_open: impl Fn(&mut [u8], &[u8; T]) -> bool,
    message: &[u8],
    flip: u8,
) {
    let mut a = message.to_vec();
    let ta = ours_seal(&mut a);
    let mut b = message.to_vec();
    let tb = peer_seal(&mut b);
    assert_eq!(
        (&a, ta),
        (&b, tb),
        "ciphertext or tag differs from the peer"
    );
    let mut p = a.clone();
    assert!(peer_open(&mut p, &ta), "peer rejects Mamori's output");
    assert_eq!(p, message);
    let mut m = b.clone();
    assert!(ours_open(&mut m, &tb), "Mamori rejects the peer's output");
    assert_eq!(m, message);
    let mut forged = ta;
    forged[usize::from(flip) % T] ^= 1 << (flip % 8);
    let mut m = a.clone();
    assert!(!ours_open(&mut m, &forged), "Mamori accepted a forged tag");
    assert!(m.iter().all(|&x| x == 0), "rejected buffer not zeroed");
    let mut p = a;
    assert!(!peer_open(&mut p, &forged), "peer accepted a forged tag");
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let alg = input.byte() % 3;
    let key: [u8; 32] = input.array();
    let nonce: [u8; 32] = input.array();
    let flip = input.byte();
    let ad_len = usize::from(input.byte());
    let ad = input.take(ad_len);
    let message = input.rest();
    match alg {
        0 => {
            let n16: [u8; 16] = nonce[..16].try_into().unwrap_or([0; 16]);
            let ours = RoccaS::new(&key);
            compare::<32>(
                |b| {
                    let mut t = [0u8; 32];
                    ours.seal(&n16, ad, b, &mut t).expect("lengths");
                    t
                },
                |b, t| ours.open(&n16, ad, b, t).is_ok(),
                |b| rocca::Rocca::new(&n16, &key).encrypt_in_place(b, ad),
                |b, t| {
                    rocca::Rocca::new(&n16, &key)
                        .decrypt_in_place(b, t, ad)
                        .is_ok()
                },
                message,
                flip,
            );
        }
        1 => {
            let ours = Aegis256::new(&key);
            compare::<16>(
                |b| {
                    let mut t = [0u8; 16];
                    ours.seal(&nonce, ad, b, &mut t).expect("lengths");
                    t
                },
                |b, t| ours.open(&nonce, ad, b, t).is_ok(),
                |b| aegis::aegis256::Aegis256::<16>::new(&key, &nonce).encrypt_in_place(b, ad),
                |b, t| {
                    aegis::aegis256::Aegis256::<16>::new(&key, &nonce)
                        .decrypt_in_place(b, t, ad)
                        .is_ok()
                },
                message,
                flip,
            );
        }
        _ => {
            let ours = Aegis256T256::new(&key);
            compare::<32>(
                |b| {
                    let mut t = [0u8; 32];
                    ours.seal(&nonce, ad, b, &mut t).expect("lengths");
                    t
                },
                |b, t| ours.open(&nonce, ad, b, t).is_ok(),
                |b| aegis::aegis256::Aegis256::<32>::new(&key, &nonce).encrypt_in_place(b, ad),
                |b, t| {
                    aegis::aegis256::Aegis256::<32>::new(&key, &nonce)
                        .decrypt_in_place(b, t, ad)
                        .is_ok()
                },
                message,
                flip,
            );
        }
    }
});
