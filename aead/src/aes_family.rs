//! What Rocca-S and AEGIS-256 share: a state of 128-bit words updated with AES rounds, a
//! rate of one or two words, a keystream read from the state, and a tag squeezed after
//! absorbing the lengths.
//!
//! Each algorithm describes its state once ([`Core`], [`State`]), generic over the AES word
//! of `mamori_primitives::aes_round`. This module drives it: one driver for single messages
//! (the one-lane words: portable and AES-NI), one for batches (several messages in the lanes
//! of a wide word: VAES-256, VAES-512), and the key type [`AesAead`] with its APIs (typed,
//! Mamori [`Aead`], RustCrypto `aead`).

mod batch;
mod driver;

use core::marker::PhantomData;

use mamori_primitives::aes_round::{AesBackend, AesWord};
use mamori_primitives::{
    Aead, Algorithm, AlgorithmInfo, Backend, CryptoError, Error, InputError, Param,
};
use zeroize::{Zeroize, ZeroizeOnDrop};

pub use batch::Message;

/// Key length of both algorithms, in bytes.
pub const KEY_LEN: usize = 32;

/// An AES-round AEAD: its sizes, its metadata and its state.
pub trait Core: 'static {
    /// Bytes absorbed per state update: 16 or 32.
    const RATE: usize;
    /// Nonce length in bytes (16 or 32).
    const NONCE_LEN: usize;
    /// Tag length in bytes (16 or 32).
    const TAG_LEN: usize;
    /// Name, standard, sizes.
    const INFO: AlgorithmInfo;
    /// The state over the word `W`.
    type State<W: AesWord>: State<W>;
    /// Lane `i` of a multi-lane state, as a one-lane state.
    fn lane<W: AesWord>(state: &Self::State<W>, i: usize) -> Self::State<W::Single>;
}

/// The state of an AES-round AEAD over the word `W`. Blocks are two words; when the rate
/// is 16 bytes the second word is zero and ignored.
pub trait State<W: AesWord>: Sized {
    /// Key and nonce setup (the nonce's second word is zero for 16-byte nonces).
    fn init(w: W, key: [W; 2], nonce: [W; 2]) -> Self;
    /// Absorbs one (padded) block of associated data.
    fn absorb(&mut self, x: [W; 2]);
    /// Encrypts one (padded) plaintext block and absorbs it.
    fn encrypt(&mut self, m: [W; 2]) -> [W; 2];
    /// Decrypts one full ciphertext block and absorbs the plaintext.
    fn decrypt(&mut self, c: [W; 2]) -> [W; 2];
    /// Decrypts a zero-padded partial block: the plaintext is `(keystream ⊕ c) & mask`,
    /// which is what is absorbed and returned.
    fn decrypt_last(&mut self, c: [W; 2], mask: [W; 2]) -> [W; 2];
    /// Absorbs the lengths (`lens(lane) = (ad bytes, message bytes)`) and returns the tag
    /// words (the second is unused for 16-byte tags).
    fn finalize(&mut self, w: W, lens: impl Fn(usize) -> (u64, u64)) -> [W; 2];
    /// Overwrites the state with zeros.
    fn wipe(&mut self);
}

/// Overwrites a state word with zero when the call ends.
///
/// Best effort by design: the fast backends keep the whole state in registers, and forcing
/// it to memory so that a wipe could be made to stick (taking its address for
/// `black_box` or a volatile write) spills it on every block and costs 2-3x in speed.
/// What does reach memory is wiped for certain: the key (on drop), the padded
/// partial-block buffers and the computed tag.
#[inline(always)]
pub(crate) fn wipe_word<W: AesWord>(slot: &mut W) {
    *slot = slot.zero();
}

/// A key for the AES-round AEAD `C`, with the backends chosen for it.
///
/// The key bytes are zeroized on drop. Single messages run on the fastest one-lane backend
/// (AES-NI, else portable); batches on the widest backend (VAES-512, VAES-256, ...).
pub struct AesAead<C: Core> {
    key: [u8; KEY_LEN],
    single: AesBackend,
    wide: AesBackend,
    core: PhantomData<C>,
}

impl<C: Core> Clone for AesAead<C> {
    fn clone(&self) -> Self {
        Self {
            key: self.key,
            single: self.single,
            wide: self.wide,
            core: PhantomData,
        }
    }
}

impl<C: Core> Drop for AesAead<C> {
    fn drop(&mut self) {
        self.key.zeroize();
    }
}

impl<C: Core> ZeroizeOnDrop for AesAead<C> {}

impl<C: Core> core::fmt::Debug for AesAead<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct(C::INFO.name)
            .field("backend", &self.single.backend())
            .field("batch_backend", &self.wide.backend())
            .finish_non_exhaustive()
    }
}

fn length_error(param: Param, expected: usize, actual: usize) -> InputError {
    InputError::Length {
        param,
        expected,
        actual,
    }
}

impl<C: Core> AesAead<C> {
    /// Sets up a key; the backends are detected here, once.
    #[must_use]
    pub fn new(key: &[u8; KEY_LEN]) -> Self {
        Self {
            key: *key,
            single: AesBackend::detect(),
            wide: AesBackend::detect_wide(),
            core: PhantomData,
        }
    }

    /// Sets up a key on a forced backend (the knob tests and benchmarks use), or `None` if
    /// this CPU lacks it. Single messages run on its one-lane family (AES-NI for the VAES
    /// backends); batches use its lanes.
    #[must_use]
    pub fn with_backend(key: &[u8; KEY_LEN], backend: Backend) -> Option<Self> {
        let wide = AesBackend::force(backend)?;
        let single = match wide.backend() {
            Backend::Portable => wide,
            _ => AesBackend::force(Backend::AesNi)?,
        };
        Some(Self {
            key: *key,
            single,
            wide,
            core: PhantomData,
        })
    }

    /// The backend single messages run on.
    #[must_use]
    pub fn backend(&self) -> Backend {
        self.single.backend()
    }

    /// The backend batches run on, and its lanes (messages processed side by side).
    #[must_use]
    pub fn batch_backend(&self) -> (Backend, usize) {
        (self.wide.backend(), self.wide.lanes())
    }

    /// Encrypts `buffer` in place and writes the tag into `tag`.
    ///
    /// # Errors
    /// [`InputError::Length`] if `nonce` or `tag` has the wrong length; nothing is written.
    pub fn seal(
        &self,
        nonce: &[u8],
        associated_data: &[u8],
        buffer: &mut [u8],
        tag: &mut [u8],
    ) -> Result<(), InputError> {
        check::<C>(nonce, tag.len())?;
        self.single.run_single(driver::Seal::<C> {
            key: &self.key,
            nonce,
            ad: associated_data,
            buffer,
            tag,
            core: PhantomData,
        });
        Ok(())
    }

    /// Decrypts `buffer` in place if `tag` authenticates it; on failure `buffer` is zeroed.
    ///
    /// # Errors
    /// [`Error::Input`] for a wrong nonce or tag length (`buffer` untouched);
    /// [`Error::Crypto`] if authentication fails (`buffer` zeroed).
    pub fn open(
        &self,
        nonce: &[u8],
        associated_data: &[u8],
        buffer: &mut [u8],
        tag: &[u8],
    ) -> Result<(), Error> {
        check::<C>(nonce, tag.len())?;
        let ok = self.single.run_single(driver::Open::<C> {
            key: &self.key,
            nonce,
            ad: associated_data,
            buffer,
            tag,
            core: PhantomData,
        });
        if ok { Ok(()) } else { Err(CryptoError.into()) }
    }

    /// Seals every message of `batch` (each with its own key, nonce and associated data;
    /// lengths may differ), several side by side in the lanes of the batch backend. Each
    /// result is byte-identical to [`seal`](Self::seal) of that message alone.
    ///
    /// # Errors
    /// [`InputError::Length`] if a nonce or tag has the wrong length; nothing is written.
    pub fn seal_batch(&self, batch: &mut [Message<'_, C>]) -> Result<(), InputError> {
        for m in batch.iter() {
            check::<C>(m.nonce, m.tag.len())?;
        }
        self.wide.run(batch::SealBatch { batch });
        Ok(())
    }

    /// Opens every message of `batch`; `results[i]` tells whether message `i`
    /// authenticated. A message that fails is zeroed; the others are released.
    ///
    /// # Errors
    /// [`InputError::Length`] if `results` is not as long as `batch`, or a nonce or tag has
    /// the wrong length; nothing is written then.
    pub fn open_batch(
        &self,
        batch: &mut [Message<'_, C>],
        results: &mut [Result<(), CryptoError>],
    ) -> Result<(), InputError> {
        if results.len() != batch.len() {
            return Err(length_error(Param::Output, batch.len(), results.len()));
        }
        for m in batch.iter() {
            check::<C>(m.nonce, m.tag.len())?;
        }
        self.wide.run(batch::OpenBatch { batch, results });
        Ok(())
    }

    /// The raw key, for the drivers.
    pub(crate) fn key(&self) -> &[u8; KEY_LEN] {
        &self.key
    }
}

/// Checks the nonce and tag lengths of one message.
fn check<C: Core>(nonce: &[u8], tag_len: usize) -> Result<(), InputError> {
    if nonce.len() != C::NONCE_LEN {
        return Err(length_error(Param::Nonce, C::NONCE_LEN, nonce.len()));
    }
    if tag_len != C::TAG_LEN {
        return Err(length_error(Param::Tag, C::TAG_LEN, tag_len));
    }
    Ok(())
}

impl<C: Core> Algorithm for AesAead<C> {
    const INFO: AlgorithmInfo = C::INFO;

    fn backend() -> Backend {
        AesBackend::detect().backend()
    }
}

impl<C: Core> Aead for AesAead<C> {
    const KEY_LEN: usize = KEY_LEN;
    const NONCE_LEN: usize = C::NONCE_LEN;
    const TAG_LEN: usize = C::TAG_LEN;

    fn new(key: &[u8]) -> Result<Self, InputError> {
        let key: &[u8; KEY_LEN] = key
            .try_into()
            .map_err(|_| length_error(Param::Key, KEY_LEN, key.len()))?;
        Ok(Self::new(key))
    }

    fn active_backend(&self) -> Backend {
        self.backend()
    }

    fn seal_in_place(
        &self,
        nonce: &[u8],
        associated_data: &[u8],
        buffer: &mut [u8],
        tag: &mut [u8],
    ) -> Result<(), InputError> {
        self.seal(nonce, associated_data, buffer, tag)
    }

    fn open_in_place(
        &self,
        nonce: &[u8],
        associated_data: &[u8],
        buffer: &mut [u8],
        tag: &[u8],
    ) -> Result<(), Error> {
        self.open(nonce, associated_data, buffer, tag)
    }
}

/// RustCrypto `aead` 0.6 (`KeyInit` + `AeadInOut`) for a concrete `AesAead<C>`.
macro_rules! rustcrypto_aead {
    ($core:ty, $nonce:ty, $tag:ty) => {
        const _: () = {
            use aead::{
                AeadCore, AeadInOut, Key, KeyInit, KeySizeUser, Nonce, Tag, TagPosition,
                consts::U32, inout::InOutBuf,
            };
            use $crate::aes_family::AesAead;

            impl KeySizeUser for AesAead<$core> {
                type KeySize = U32;
            }

            impl KeyInit for AesAead<$core> {
                fn new(key: &Key<Self>) -> Self {
                    AesAead::new(&key.0)
                }
            }

            impl AeadCore for AesAead<$core> {
                type NonceSize = $nonce;
                type TagSize = $tag;
                const TAG_POSITION: TagPosition = TagPosition::Postfix;
            }

            impl AeadInOut for AesAead<$core> {
                fn encrypt_inout_detached(
                    &self,
                    nonce: &Nonce<Self>,
                    associated_data: &[u8],
                    buffer: InOutBuf<'_, '_, u8>,
                ) -> aead::Result<Tag<Self>> {
                    let mut tag = Tag::<Self>::default();
                    let buf = buffer.into_out_with_copied_in();
                    self.seal(&nonce.0, associated_data, buf, &mut tag.0)
                        .map_err(|_| aead::Error)?;
                    Ok(tag)
                }

                fn decrypt_inout_detached(
                    &self,
                    nonce: &Nonce<Self>,
                    associated_data: &[u8],
                    buffer: InOutBuf<'_, '_, u8>,
                    tag: &Tag<Self>,
                ) -> aead::Result<()> {
                    let buf = buffer.into_out_with_copied_in();
                    self.open(&nonce.0, associated_data, buf, &tag.0)
                        .map_err(|_| aead::Error)
                }
            }
        };
    };
}
pub(crate) use rustcrypto_aead;
