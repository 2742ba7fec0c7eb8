use crate::{Algorithm, InputError};

/// A block cipher keyed once, encrypting whole blocks in place (ECB over the slice: a
/// building block for modes, not a mode).
pub trait BlockCipher: Algorithm + Sized {
    /// Key length in bytes.
    const KEY_LEN: usize;
    /// Block length in bytes.
    const BLOCK_LEN: usize;

    /// Sets up a key (and its schedule).
    ///
    /// # Errors
    /// [`InputError::Length`] if `key` is not [`KEY_LEN`](BlockCipher::KEY_LEN) bytes.
    fn new(key: &[u8]) -> Result<Self, InputError>;

    /// Encrypts each block of `blocks` in place.
    ///
    /// # Errors
    /// [`InputError::NotMultiple`] if the length is not a whole number of blocks (nothing is
    /// written).
    fn encrypt_blocks(&self, blocks: &mut [u8]) -> Result<(), InputError>;

    /// Decrypts each block of `blocks` in place.
    ///
    /// # Errors
    /// [`InputError::NotMultiple`] if the length is not a whole number of blocks (nothing is
    /// written).
    fn decrypt_blocks(&self, blocks: &mut [u8]) -> Result<(), InputError>;
}

/// A synchronous stream cipher: key and IV set up a keystream that is XORed into data.
pub trait StreamCipher: Algorithm + Sized {
    /// Key length in bytes.
    const KEY_LEN: usize;
    /// IV length in bytes.
    const IV_LEN: usize;

    /// Sets up the keystream for `key` and `iv`.
    ///
    /// # Errors
    /// [`InputError::Length`] if `key` or `iv` has the wrong length.
    fn new(key: &[u8], iv: &[u8]) -> Result<Self, InputError>;

    /// XORs the next `buffer.len()` keystream bytes into `buffer`.
    fn apply_keystream(&mut self, buffer: &mut [u8]);
}
