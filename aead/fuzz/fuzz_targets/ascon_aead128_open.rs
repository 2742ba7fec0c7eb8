//! Arbitrary bytes into Ascon-AEAD128 open through Mamori's slice trait API
//! (`mamori_primitives::Aead`), so wrong key / nonce / tag lengths are exercised too.
//!
//! Checks: never panics; a wrong key length is `InputError::Length { param: Key, .. }`; on
//! `Error::Input` (wrong nonce or tag length, nonce checked first) the buffer is untouched;
//! on `Error::Crypto` the buffer is all zero; an accepted input (a genuine pair, e.g. from the
//! KAT seeds) seals back to exactly the same ciphertext and tag; the typed API agrees.
//!
//! Input: `key_len nonce_len tag_len ad_len key nonce tag ad ciphertext...`, where a length
//! header byte below 0x80 means the correct length and anything else 0..=32 bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_aead::AsconAead128;
use mamori_aead_fuzz::{Input, length};
use mamori_primitives::{Aead, Error, InputError, Param};

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let (kh, nh, th) = (input.byte(), input.byte(), input.byte());
    let ad_len = usize::from(input.byte());
    let key = input.take(length(kh, 16));
    let nonce = input.take(length(nh, 16));
    let tag = input.take(length(th, 16));
    let ad = input.take(ad_len);
    let ciphertext = input.rest();

    let cipher = match <AsconAead128 as Aead>::new(key) {
        Ok(c) => {
            assert_eq!(key.len(), 16, "key of {} bytes accepted", key.len());
            c
        }
        Err(e) => {
            let expected = InputError::Length {
                param: Param::Key,
                expected: 16,
                actual: key.len(),
            };
            assert_eq!(e, expected);
            return;
        }
    };

    let mut buffer = ciphertext.to_vec();
    let lengths_ok = nonce.len() == 16 && tag.len() == 16;
    match cipher.open_in_place(nonce, ad, &mut buffer, tag) {
        Ok(()) => {
            assert!(
                lengths_ok,
                "accepted nonce {} / tag {} bytes",
                nonce.len(),
                tag.len()
            );
            let mut again = buffer.clone();
            let mut tag2 = [0u8; 16];
            cipher
                .seal_in_place(nonce, ad, &mut again, &mut tag2)
                .expect("lengths accepted by open rejected by seal");
            assert_eq!(
                again, ciphertext,
                "accepted input does not re-seal to itself"
            );
            assert_eq!(&tag2[..], tag, "accepted input re-seals to another tag");
        }
        Err(Error::Crypto(_)) => {
            assert!(
                lengths_ok,
                "crypto error for nonce {} / tag {} bytes",
                nonce.len(),
                tag.len()
            );
            assert!(buffer.iter().all(|&b| b == 0), "rejected buffer not zeroed");
        }
        Err(Error::Input(e)) => {
            let expected = if nonce.len() != 16 {
                InputError::Length {
                    param: Param::Nonce,
                    expected: 16,
                    actual: nonce.len(),
                }
            } else {
                InputError::Length {
                    param: Param::Tag,
                    expected: 16,
                    actual: tag.len(),
                }
            };
            assert!(!lengths_ok, "input error {e:?} with correct lengths");
            assert_eq!(e, expected);
            assert_eq!(buffer, ciphertext, "buffer modified by an input error");
        }
        Err(other) => panic!("unexpected error kind {other:?}"),
    }

    if lengths_ok {
        // The typed API reaches the same verdict and leaves the same buffer.
        let mut typed = ciphertext.to_vec();
        let key: &[u8; 16] = key.try_into().expect("checked");
        let r = AsconAead128::new(key).open_in_place_detached(
            nonce.try_into().expect("checked"),
            ad,
            &mut typed,
            tag.try_into().expect("checked"),
        );
        let mut slice = ciphertext.to_vec();
        let s = cipher.open_in_place(nonce, ad, &mut slice, tag);
        assert_eq!(r.is_ok(), s.is_ok(), "typed and slice APIs disagree");
        assert_eq!(typed, slice, "typed and slice APIs leave different buffers");
    }
});
