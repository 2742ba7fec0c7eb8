use crate::{Algorithm, Backend, Error, InputError};

/// Authenticated encryption with associated data, detached tag, in place.
///
/// Implementations check every length before touching `buffer`, compare tags in constant
/// time, and wipe `buffer` when [`open_in_place`](Aead::open_in_place) fails: unauthenticated
/// plaintext is never released. The key is zeroized when the value is dropped.
pub trait Aead: Algorithm + Sized {
    /// Key length in bytes.
    const KEY_LEN: usize;
    /// Nonce length in bytes.
    const NONCE_LEN: usize;
    /// Tag length in bytes.
    const TAG_LEN: usize;
    /// Largest message (and associated data) accepted, in bytes.
    const MAX_INPUT_LEN: u64 = u64::MAX;

    /// Sets up a key. The backend is chosen here, once.
    ///
    /// # Errors
    /// [`InputError::Length`] if `key` is not [`KEY_LEN`](Aead::KEY_LEN) bytes.
    fn new(key: &[u8]) -> Result<Self, InputError>;

    /// The backend this key runs on.
    fn active_backend(&self) -> Backend {
        Self::backend()
    }

    /// Encrypts `buffer` in place and writes the tag to `tag`.
    ///
    /// # Errors
    /// [`InputError`] if the nonce or tag buffer has the wrong length, or an input is longer
    /// than [`MAX_INPUT_LEN`](Aead::MAX_INPUT_LEN); `buffer` and `tag` are then untouched.
    fn seal_in_place(
        &self,
        nonce: &[u8],
        associated_data: &[u8],
        buffer: &mut [u8],
        tag: &mut [u8],
    ) -> Result<(), InputError>;

    /// Decrypts `buffer` in place if `tag` authenticates it.
    ///
    /// # Errors
    /// [`Error::Input`] for a wrong nonce or tag length (`buffer` untouched);
    /// [`Error::Crypto`] if authentication fails, in which case `buffer` is zeroed.
    fn open_in_place(
        &self,
        nonce: &[u8],
        associated_data: &[u8],
        buffer: &mut [u8],
        tag: &[u8],
    ) -> Result<(), Error>;
}
