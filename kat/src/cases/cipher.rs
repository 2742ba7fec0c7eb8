//! Block- and stream-cipher cases.

use crate::dynamic::{DynBlockCipher, DynStreamCipher};
use crate::report::{Outcome, compare};

/// One block-cipher vector (whole blocks, ECB over the slice).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockCase {
    /// The id the file gives the case.
    pub id: String,
    /// Key.
    pub key: Vec<u8>,
    /// Plaintext block(s).
    pub plaintext: Vec<u8>,
    /// Ciphertext block(s).
    pub ciphertext: Vec<u8>,
}

/// One stream-cipher vector: the keystream, i.e. the encryption of zeros.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamCase {
    /// The id the file gives the case.
    pub id: String,
    /// Key.
    pub key: Vec<u8>,
    /// IV.
    pub iv: Vec<u8>,
    /// Expected keystream.
    pub keystream: Vec<u8>,
}

/// Encrypts the plaintext and decrypts the ciphertext.
pub(crate) fn check_block(b: &dyn DynBlockCipher, c: &BlockCase) -> Outcome {
    let mut buf = c.plaintext.clone();
    if let Err(e) = b.process(&c.key, &mut buf, false) {
        return Outcome::Fail(format!("encryption rejected its input: {e}"));
    }
    let enc = compare("ciphertext", &c.ciphertext, &buf);
    if enc != Outcome::Pass {
        return enc;
    }
    let mut buf = c.ciphertext.clone();
    if let Err(e) = b.process(&c.key, &mut buf, true) {
        return Outcome::Fail(format!("decryption rejected its input: {e}"));
    }
    compare("decrypted plaintext", &c.plaintext, &buf)
}

/// Generates the keystream by encrypting zeros.
pub(crate) fn check_stream(s: &dyn DynStreamCipher, c: &StreamCase) -> Outcome {
    let mut buf = vec![0u8; c.keystream.len()];
    if let Err(e) = s.apply(&c.key, &c.iv, &mut buf) {
        return Outcome::Fail(format!("key or IV rejected: {e}"));
    }
    compare("keystream", &c.keystream, &buf)
}
