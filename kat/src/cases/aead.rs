//! AEAD cases: seal, open, a tampered tag, and what a rejected case may leave behind.

use super::Expect;
use crate::dynamic::{DynAead, KeyedAead};
use crate::report::{Outcome, diff};
use mamori_primitives::Error;

/// One AEAD vector, ciphertext and tag detached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AeadCase {
    /// The id the file gives the case.
    pub id: String,
    /// Key.
    pub key: Vec<u8>,
    /// Nonce (IV).
    pub nonce: Vec<u8>,
    /// Associated data.
    pub ad: Vec<u8>,
    /// Plaintext; `None` when the file gives none (cases that must fail to open).
    pub msg: Option<Vec<u8>>,
    /// Ciphertext without the tag.
    pub ct: Vec<u8>,
    /// Tag.
    pub tag: Vec<u8>,
    /// What the file expects.
    pub expect: Expect,
}

/// The sizes of `c` that `aead` does not offer, e.g. `"96-bit nonce"`.
fn unsupported_sizes(aead: &dyn DynAead, c: &AeadCase) -> Option<String> {
    let mut what = Vec::new();
    for (label, len, supported) in [
        ("key", c.key.len(), aead.key_len()),
        ("nonce", c.nonce.len(), aead.nonce_len()),
        ("tag", c.tag.len(), aead.tag_len()),
    ] {
        if len != supported {
            what.push(format!("{}-bit {label}", len.saturating_mul(8)));
        }
    }
    (!what.is_empty()).then(|| what.join(", "))
}

/// After a failed open: an authentication failure must have zeroed the buffer; an input
/// error must have left it untouched (or zeroed it). Either way nothing is released.
fn released(err: &Error, buf: &[u8], original: &[u8]) -> Option<String> {
    let zeroed = buf.iter().all(|&b| b == 0);
    if err.is_crypto() {
        (!zeroed).then(|| "buffer not zeroed after open failed".to_owned())
    } else {
        (!zeroed && buf != original)
            .then(|| "buffer modified after open rejected its input".to_owned())
    }
}

/// Checks one AEAD case.
///
/// * Valid: seal reproduces ciphertext and tag, open recovers the plaintext, and the same
///   ciphertext with one tag bit flipped fails to open and leaves the buffer zeroed.
/// * Invalid: open fails and releases nothing. If the case's key, nonce or tag size is one
///   the algorithm does not offer, the API must reject it (that is what such cases test).
/// * Acceptable: open may succeed (then with the right plaintext) or fail (releasing
///   nothing); cases with sizes the algorithm does not offer are skipped.
pub(crate) fn check(aead: &dyn DynAead, c: &AeadCase) -> Outcome {
    if let Some(sizes) = unsupported_sizes(aead, c) {
        return match c.expect {
            Expect::Invalid => must_reject(aead, c, &sizes),
            Expect::Valid | Expect::Acceptable => {
                Outcome::Skip(format!("{}: {sizes} not supported", aead.info().name))
            }
        };
    }
    let keyed = match aead.with_key(&c.key) {
        Ok(k) => k,
        Err(e) => return Outcome::Fail(format!("key rejected: {e}")),
    };
    match c.expect {
        Expect::Valid => valid(&*keyed, c),
        Expect::Invalid => invalid(&*keyed, c),
        Expect::Acceptable => acceptable(&*keyed, c),
    }
}

fn valid(k: &dyn KeyedAead, c: &AeadCase) -> Outcome {
    let Some(msg) = &c.msg else {
        return Outcome::Fail("valid case without a plaintext".to_owned());
    };
    let mut buf = msg.clone();
    let mut tag = vec![0u8; c.tag.len()];
    if let Err(e) = k.seal(&c.nonce, &c.ad, &mut buf, &mut tag) {
        return Outcome::Fail(format!("seal rejected a valid case: {e}"));
    }
    if buf != c.ct {
        return Outcome::Fail(diff("ciphertext", &c.ct, &buf));
    }
    if tag != c.tag {
        return Outcome::Fail(diff("tag", &c.tag, &tag));
    }
    let mut buf = c.ct.clone();
    if let Err(e) = k.open(&c.nonce, &c.ad, &mut buf, &c.tag) {
        return Outcome::Fail(format!("open rejected a valid case: {e}"));
    }
    if &buf != msg {
        return Outcome::Fail(diff("decrypted plaintext", msg, &buf));
    }
    tampered_tag(k, c)
}

/// Flips one bit of the tag: open must fail with an authentication error and zero the buffer.
fn tampered_tag(k: &dyn KeyedAead, c: &AeadCase) -> Outcome {
    let mut bad = c.tag.clone();
    let Some(first) = bad.first_mut() else {
        return Outcome::Pass;
    };
    *first ^= 1;
    let mut buf = c.ct.clone();
    match k.open(&c.nonce, &c.ad, &mut buf, &bad) {
        Ok(()) => Outcome::Fail("open accepted the tag with one bit flipped".to_owned()),
        Err(e) if !e.is_crypto() => Outcome::Fail(format!(
            "open of a tampered tag: expected an authentication failure, got: {e}"
        )),
        Err(_) if buf.iter().any(|&b| b != 0) => Outcome::Fail(
            "buffer not zeroed after open failed on a tag with one bit flipped".to_owned(),
        ),
        Err(_) => Outcome::Pass,
    }
}

fn invalid(k: &dyn KeyedAead, c: &AeadCase) -> Outcome {
    let mut buf = c.ct.clone();
    match k.open(&c.nonce, &c.ad, &mut buf, &c.tag) {
        Ok(()) => Outcome::Fail("open accepted an invalid case".to_owned()),
        Err(e) => match released(&e, &buf, &c.ct) {
            Some(why) => Outcome::Fail(why),
            None => Outcome::Pass,
        },
    }
}

fn acceptable(k: &dyn KeyedAead, c: &AeadCase) -> Outcome {
    let mut buf = c.ct.clone();
    match k.open(&c.nonce, &c.ad, &mut buf, &c.tag) {
        Ok(()) => match &c.msg {
            Some(msg) if &buf != msg => Outcome::Fail(diff("decrypted plaintext", msg, &buf)),
            _ => Outcome::Pass,
        },
        Err(e) => match released(&e, &buf, &c.ct) {
            Some(why) => Outcome::Fail(why),
            None => Outcome::Pass,
        },
    }
}

/// An invalid case with sizes the algorithm does not offer: key setup, open and (given a
/// plaintext) seal must all refuse it.
fn must_reject(aead: &dyn DynAead, c: &AeadCase, sizes: &str) -> Outcome {
    let k = match aead.with_key(&c.key) {
        Err(_) => return Outcome::Pass,
        Ok(k) => k,
    };
    let mut buf = c.ct.clone();
    match k.open(&c.nonce, &c.ad, &mut buf, &c.tag) {
        Ok(()) => return Outcome::Fail(format!("open accepted a {sizes}")),
        Err(e) => {
            if let Some(why) = released(&e, &buf, &c.ct) {
                return Outcome::Fail(why);
            }
        }
    }
    if let Some(msg) = &c.msg {
        let mut buf = msg.clone();
        let mut tag = vec![0u8; c.tag.len()];
        if k.seal(&c.nonce, &c.ad, &mut buf, &mut tag).is_ok() {
            return Outcome::Fail(format!("seal accepted a {sizes}"));
        }
    }
    Outcome::Pass
}
