//! The draft vectors (kat/vectors/, copied untouched from the drafts) on every backend this
//! CPU has, single messages and batches. The KAT engine runs the same files through
//! `mamori kat`; these tests pin the algorithms themselves.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use mamori_aead::aes_family::{Core, Message};
use mamori_aead::{Aegis256, Aegis256T256, AesAead, RoccaS};
use mamori_primitives::Backend;
use mamori_primitives::aes_round::AesBackend;

struct Vector {
    name: String,
    key: Vec<u8>,
    nonce: Vec<u8>,
    ad: Vec<u8>,
    msg: Vec<u8>,
    ct: Vec<u8>,
    tag: Vec<u8>,
    tag_bits: Option<u64>,
    valid: bool,
}

fn load(text: &str) -> Vec<Vector> {
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    let h = |o: &serde_json::Value, k: &str| hex::decode(o[k].as_str().unwrap_or("")).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|o| Vector {
            name: o["name"].as_str().unwrap().to_owned(),
            key: h(o, "key"),
            nonce: h(o, "nonce"),
            ad: h(o, "ad"),
            msg: h(o, "msg"),
            ct: h(o, "ct"),
            tag: h(o, "tag"),
            tag_bits: o.get("tag_bits").and_then(serde_json::Value::as_u64),
            valid: o
                .get("valid")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(true),
        })
        .collect()
}

const ROCCA: &str = include_str!("../../kat/vectors/rocca-s/draft-nakano-rocca-s-05.json");
const AEGIS: &str = include_str!("../../kat/vectors/aegis256/draft-irtf-cfrg-aegis-aead-18.json");

fn backends() -> Vec<Backend> {
    AesBackend::available().map(|b| b.backend()).collect()
}

/// Single seal/open of every vector, then the whole file as one batch.
fn check<C: Core>(vectors: &[&Vector]) -> usize
where
    AesAead<C>: Clone,
{
    let mut checked = 0;
    for backend in backends() {
        let keys: Vec<AesAead<C>> = vectors
            .iter()
            .map(|v| {
                AesAead::<C>::with_backend(v.key.as_slice().try_into().unwrap(), backend).unwrap()
            })
            .collect();
        for (v, key) in vectors.iter().zip(&keys) {
            let mut buf = v.msg.clone();
            let mut tag = vec![0u8; C::TAG_LEN];
            key.seal(&v.nonce, &v.ad, &mut buf, &mut tag).unwrap();
            if v.valid {
                assert_eq!(buf, v.ct, "{} seal ct on {backend}", v.name);
                assert_eq!(tag, v.tag, "{} seal tag on {backend}", v.name);
            }
            let mut buf = v.ct.clone();
            let r = key.open(&v.nonce, &v.ad, &mut buf, &v.tag);
            if v.valid {
                r.unwrap();
                assert_eq!(buf, v.msg, "{} open on {backend}", v.name);
            } else {
                assert!(r.is_err(), "{} must not open", v.name);
                assert!(buf.iter().all(|&b| b == 0), "{} released plaintext", v.name);
            }
            checked += 1;
        }
        // Batch: every vector in one call (lengths differ), sealed then opened.
        let mut bufs: Vec<Vec<u8>> = vectors.iter().map(|v| v.msg.clone()).collect();
        let mut tags: Vec<Vec<u8>> = vectors.iter().map(|_| vec![0u8; C::TAG_LEN]).collect();
        let mut batch: Vec<Message<'_, C>> = vectors
            .iter()
            .zip(&keys)
            .zip(bufs.iter_mut().zip(tags.iter_mut()))
            .map(|((v, key), (buf, tag))| Message {
                key,
                nonce: &v.nonce,
                ad: &v.ad,
                buffer: buf,
                tag,
            })
            .collect();
        keys[0].seal_batch(&mut batch).unwrap();
        drop(batch);
        for ((v, buf), tag) in vectors.iter().zip(&bufs).zip(&tags) {
            if v.valid {
                assert_eq!(buf, &v.ct, "{} batch ct on {backend}", v.name);
                assert_eq!(tag, &v.tag, "{} batch tag on {backend}", v.name);
            }
        }
        let mut bufs: Vec<Vec<u8>> = vectors.iter().map(|v| v.ct.clone()).collect();
        let mut tags: Vec<Vec<u8>> = vectors.iter().map(|v| v.tag.clone()).collect();
        let mut results = vec![Ok(()); vectors.len()];
        let mut batch: Vec<Message<'_, C>> = vectors
            .iter()
            .zip(&keys)
            .zip(bufs.iter_mut().zip(tags.iter_mut()))
            .map(|((v, key), (buf, tag))| Message {
                key,
                nonce: &v.nonce,
                ad: &v.ad,
                buffer: buf,
                tag,
            })
            .collect();
        keys[0].open_batch(&mut batch, &mut results).unwrap();
        drop(batch);
        for ((v, buf), r) in vectors.iter().zip(&bufs).zip(&results) {
            if v.valid {
                assert!(r.is_ok(), "{} batch open on {backend}", v.name);
                assert_eq!(buf, &v.msg, "{} batch open on {backend}", v.name);
            } else {
                assert!(r.is_err(), "{} batch must not open", v.name);
                assert!(
                    buf.iter().all(|&b| b == 0),
                    "{} batch released plaintext",
                    v.name
                );
            }
        }
    }
    eprintln!(
        "{}: {} vectors on {:?}",
        std::any::type_name::<C>(),
        vectors.len(),
        backends()
    );
    checked
}

#[test]
fn rocca_s_draft_vectors() {
    let v = load(ROCCA);
    assert_eq!(v.len(), 7);
    let all: Vec<&Vector> = v.iter().collect();
    assert_eq!(
        check::<mamori_aead::rocca_s::RoccaSCore>(&all),
        7 * backends().len()
    );
    let _ = RoccaS::new(&[0; 32]);
}

#[test]
fn aegis256_draft_vectors() {
    let v = load(AEGIS);
    let short: Vec<&Vector> = v.iter().filter(|v| v.tag_bits == Some(128)).collect();
    let long: Vec<&Vector> = v.iter().filter(|v| v.tag_bits == Some(256)).collect();
    assert_eq!(short.len() + long.len(), v.len());
    assert!(v.iter().any(|v| !v.valid), "the file has invalid entries");
    check::<mamori_aead::aegis256::Aegis256Core<16>>(&short);
    check::<mamori_aead::aegis256::Aegis256Core<32>>(&long);
    let _ = (Aegis256::new(&[0; 32]), Aegis256T256::new(&[0; 32]));
}
