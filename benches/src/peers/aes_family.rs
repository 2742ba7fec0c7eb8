//! Peers of Rocca-S and AEGIS-256 behind Mamori's [`Aead`] trait, and reference AEADs
//! (other algorithms) measured on the same inputs.

use core::marker::PhantomData;
use std::cell::RefCell;

use chacha20poly1305::{AeadInOut, KeyInit};
use mamori_primitives::{
    Aead, Algorithm, AlgorithmInfo, Backend, CryptoError, Error, InputError, Param,
};

fn array<const N: usize>(bytes: &[u8], param: Param) -> Result<[u8; N], InputError> {
    bytes.try_into().map_err(|_| InputError::Length {
        param,
        expected: N,
        actual: bytes.len(),
    })
}

/// A failed open: wipe like Mamori does, so both sides do the same work.
fn reject(buffer: &mut [u8]) -> Error {
    buffer.fill(0);
    CryptoError.into()
}

fn too_long() -> InputError {
    InputError::TooLong {
        param: Param::Message,
        max: u64::MAX,
    }
}

/// `rocca` 0.3: Rocca-S by Frank Denis.
pub struct RoccaCrate([u8; 32]);

impl Algorithm for RoccaCrate {
    const INFO: AlgorithmInfo = <mamori_aead::RoccaS as Algorithm>::INFO;

    fn backend() -> Backend {
        if cfg!(target_feature = "aes") {
            Backend::AesNi
        } else {
            Backend::Portable
        }
    }
}

impl Aead for RoccaCrate {
    const KEY_LEN: usize = 32;
    const NONCE_LEN: usize = 16;
    const TAG_LEN: usize = 32;

    fn new(key: &[u8]) -> Result<Self, InputError> {
        Ok(Self(array(key, Param::Key)?))
    }

    fn seal_in_place(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &mut [u8],
    ) -> Result<(), InputError> {
        let nonce = array::<16>(nonce, Param::Nonce)?;
        InputError::check_len(Param::Tag, 32, tag.len())?;
        let t = rocca::Rocca::new(&nonce, &self.0).encrypt_in_place(buffer, ad);
        tag.copy_from_slice(&t);
        Ok(())
    }

    fn open_in_place(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &[u8],
    ) -> Result<(), Error> {
        let nonce = array::<16>(nonce, Param::Nonce)?;
        let tag = array::<32>(tag, Param::Tag)?;
        rocca::Rocca::new(&nonce, &self.0)
            .decrypt_in_place(buffer, &tag, ad)
            .map_err(|_| reject(buffer))
    }
}

/// libaegis AEGIS-256 with a `T`-byte tag (16 or 32).
pub struct LibAegis256<const T: usize>([u8; 32]);

impl<const T: usize> Algorithm for LibAegis256<T> {
    const INFO: AlgorithmInfo =
        <mamori_aead::AesAead<mamori_aead::aegis256::Aegis256Core<T>> as Algorithm>::INFO;

    /// Chosen at run time by the C or Rust library itself (AES-NI or wider).
    fn backend() -> Backend {
        Backend::AesNi
    }
}

impl<const T: usize> Aead for LibAegis256<T> {
    const KEY_LEN: usize = 32;
    const NONCE_LEN: usize = 32;
    const TAG_LEN: usize = T;

    fn new(key: &[u8]) -> Result<Self, InputError> {
        Ok(Self(array(key, Param::Key)?))
    }

    fn seal_in_place(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &mut [u8],
    ) -> Result<(), InputError> {
        let nonce = array::<32>(nonce, Param::Nonce)?;
        InputError::check_len(Param::Tag, T, tag.len())?;
        let t = aegis::aegis256::Aegis256::<T>::new(&self.0, &nonce).encrypt_in_place(buffer, ad);
        tag.copy_from_slice(&t);
        Ok(())
    }

    fn open_in_place(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &[u8],
    ) -> Result<(), Error> {
        let nonce = array::<32>(nonce, Param::Nonce)?;
        let tag = array::<T>(tag, Param::Tag)?;
        aegis::aegis256::Aegis256::<T>::new(&self.0, &nonce)
            .decrypt_in_place(buffer, &tag, ad)
            .map_err(|_| reject(buffer))
    }
}

/// libaegis AEGIS-256X4 (four AEGIS-256 lanes: a different algorithm), listed as a
/// reference next to the Mamori algorithm `A`. 16-byte tags.
pub struct Aegis256X4Ref<A>([u8; 32], PhantomData<A>);

impl<A: Algorithm> Algorithm for Aegis256X4Ref<A> {
    const INFO: AlgorithmInfo = A::INFO;

    /// Chosen at run time by the C or Rust library itself (AES-NI or wider).
    fn backend() -> Backend {
        Backend::AesNi
    }
}

impl<A: Algorithm> Aead for Aegis256X4Ref<A> {
    const KEY_LEN: usize = 32;
    const NONCE_LEN: usize = 32;
    const TAG_LEN: usize = 16;

    fn new(key: &[u8]) -> Result<Self, InputError> {
        Ok(Self(array(key, Param::Key)?, PhantomData))
    }

    fn seal_in_place(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &mut [u8],
    ) -> Result<(), InputError> {
        let nonce = array::<32>(nonce, Param::Nonce)?;
        InputError::check_len(Param::Tag, 16, tag.len())?;
        let t =
            aegis::aegis256x4::Aegis256X4::<16>::new(&self.0, &nonce).encrypt_in_place(buffer, ad);
        tag.copy_from_slice(&t);
        Ok(())
    }

    fn open_in_place(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &[u8],
    ) -> Result<(), Error> {
        let nonce = array::<32>(nonce, Param::Nonce)?;
        let tag = array::<16>(tag, Param::Tag)?;
        aegis::aegis256x4::Aegis256X4::<16>::new(&self.0, &nonce)
            .decrypt_in_place(buffer, &tag, ad)
            .map_err(|_| reject(buffer))
    }
}

/// `hiae` 0.3 (HiAE, a different algorithm), next to Rocca-S. Its API writes to a separate
/// buffer, so each call also copies the message once (about 0.02 cycles/byte at 16 KiB).
pub struct HiaeRef([u8; 32], RefCell<Vec<u8>>);

impl Algorithm for HiaeRef {
    const INFO: AlgorithmInfo = <mamori_aead::RoccaS as Algorithm>::INFO;

    /// Chosen at run time by the C or Rust library itself (AES-NI or wider).
    fn backend() -> Backend {
        Backend::AesNi
    }
}

impl Aead for HiaeRef {
    const KEY_LEN: usize = 32;
    const NONCE_LEN: usize = 16;
    const TAG_LEN: usize = 16;

    fn new(key: &[u8]) -> Result<Self, InputError> {
        Ok(Self(array(key, Param::Key)?, RefCell::new(Vec::new())))
    }

    fn seal_in_place(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &mut [u8],
    ) -> Result<(), InputError> {
        let nonce = array::<16>(nonce, Param::Nonce)?;
        InputError::check_len(Param::Tag, 16, tag.len())?;
        let mut out = self.1.borrow_mut();
        out.resize(buffer.len(), 0);
        let t =
            hiae::encrypt_into(buffer, ad, &self.0, &nonce, &mut out).map_err(|_| too_long())?;
        buffer.copy_from_slice(&out);
        tag.copy_from_slice(&t);
        Ok(())
    }

    fn open_in_place(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &[u8],
    ) -> Result<(), Error> {
        let nonce = array::<16>(nonce, Param::Nonce)?;
        let tag = array::<16>(tag, Param::Tag)?;
        let mut out = self.1.borrow_mut();
        out.resize(buffer.len(), 0);
        match hiae::decrypt_into(buffer, &tag, ad, &self.0, &nonce, &mut out) {
            Ok(()) => {
                buffer.copy_from_slice(&out);
                Ok(())
            }
            Err(_) => Err(reject(buffer)),
        }
    }
}

/// `ring` 0.17 AES-256-GCM (a different algorithm), next to Rocca-S.
pub struct RingAes256Gcm(ring::aead::LessSafeKey);

impl Algorithm for RingAes256Gcm {
    const INFO: AlgorithmInfo = <mamori_aead::RoccaS as Algorithm>::INFO;

    /// Chosen at run time by the C or Rust library itself (AES-NI or wider).
    fn backend() -> Backend {
        Backend::AesNi
    }
}

impl Aead for RingAes256Gcm {
    const KEY_LEN: usize = 32;
    const NONCE_LEN: usize = 12;
    const TAG_LEN: usize = 16;

    fn new(key: &[u8]) -> Result<Self, InputError> {
        let k = ring::aead::UnboundKey::new(&ring::aead::AES_256_GCM, key).map_err(|_| {
            InputError::Length {
                param: Param::Key,
                expected: 32,
                actual: key.len(),
            }
        })?;
        Ok(Self(ring::aead::LessSafeKey::new(k)))
    }

    fn seal_in_place(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &mut [u8],
    ) -> Result<(), InputError> {
        let nonce = ring::aead::Nonce::assume_unique_for_key(array::<12>(nonce, Param::Nonce)?);
        InputError::check_len(Param::Tag, 16, tag.len())?;
        let t = self
            .0
            .seal_in_place_separate_tag(nonce, ring::aead::Aad::from(ad), buffer)
            .map_err(|_| too_long())?;
        tag.copy_from_slice(t.as_ref());
        Ok(())
    }

    fn open_in_place(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &[u8],
    ) -> Result<(), Error> {
        let nonce = ring::aead::Nonce::assume_unique_for_key(array::<12>(nonce, Param::Nonce)?);
        let tag = ring::aead::Tag::from(array::<16>(tag, Param::Tag)?);
        match self
            .0
            .open_in_place_separate_tag(nonce, ring::aead::Aad::from(ad), tag, buffer, 0..)
        {
            Ok(_) => Ok(()),
            Err(_) => Err(reject(buffer)),
        }
    }
}

/// RustCrypto `chacha20poly1305` 0.11 (a different algorithm), next to Rocca-S.
pub struct ChaCha20Poly1305Ref(chacha20poly1305::ChaCha20Poly1305);

impl Algorithm for ChaCha20Poly1305Ref {
    const INFO: AlgorithmInfo = <mamori_aead::RoccaS as Algorithm>::INFO;

    /// RustCrypto `chacha20` picks AVX2 at run time where the CPU has it.
    fn backend() -> Backend {
        Backend::Avx2
    }
}

impl Aead for ChaCha20Poly1305Ref {
    const KEY_LEN: usize = 32;
    const NONCE_LEN: usize = 12;
    const TAG_LEN: usize = 16;

    fn new(key: &[u8]) -> Result<Self, InputError> {
        let key = array::<32>(key, Param::Key)?;
        Ok(Self(chacha20poly1305::ChaCha20Poly1305::new(&key.into())))
    }

    fn seal_in_place(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &mut [u8],
    ) -> Result<(), InputError> {
        let nonce = array::<12>(nonce, Param::Nonce)?;
        InputError::check_len(Param::Tag, 16, tag.len())?;
        let t = self
            .0
            .encrypt_inout_detached(&nonce.into(), ad, buffer.into())
            .map_err(|_| too_long())?;
        tag.copy_from_slice(&t);
        Ok(())
    }

    fn open_in_place(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &[u8],
    ) -> Result<(), Error> {
        let nonce = array::<12>(nonce, Param::Nonce)?;
        let tag = array::<16>(tag, Param::Tag)?;
        self.0
            .decrypt_inout_detached(&nonce.into(), ad, (&mut *buffer).into(), &tag.into())
            .map_err(|_| reject(buffer))
    }
}

/// Mamori's own batch API as a contender: the message of each benchmark call is split into
/// `N` equal parts, sealed (or opened) as one batch of `N` independent messages on the
/// `N`-lane backend (VAES-256 for 2, VAES-512 for 4; the widest available if the CPU lacks
/// it). Its cycles/byte are directly comparable with the single-message row, and its
/// `ratio` is batch time / single time: the batch speed-up is `1 / ratio`.
pub struct MamoriBatch<C: mamori_aead::aes_family::Core, const N: usize> {
    key: mamori_aead::AesAead<C>,
    /// Tags of parts 1..N (part 0's is the caller's tag).
    tags: RefCell<Vec<[u8; 32]>>,
}

/// One part of a [`MamoriBatch`] as a batch message.
fn batch_message<'a, C: mamori_aead::aes_family::Core>(
    key: &'a mamori_aead::AesAead<C>,
    nonce: &'a [u8],
    ad: &'a [u8],
    (buffer, tag): (&'a mut [u8], &'a mut [u8; 32]),
) -> mamori_aead::aes_family::Message<'a, C> {
    mamori_aead::aes_family::Message {
        key,
        nonce,
        ad,
        buffer,
        tag: &mut tag[..C::TAG_LEN],
    }
}

impl<C: mamori_aead::aes_family::Core, const N: usize> MamoriBatch<C, N> {
    fn backend_wanted() -> Backend {
        if N == 4 {
            Backend::Vaes512
        } else {
            Backend::Vaes256
        }
    }

    /// The backend the batch runs on here.
    fn chosen() -> Backend {
        let wanted = Self::backend_wanted();
        if mamori_primitives::aes_round::AesBackend::force(wanted).is_some() {
            wanted
        } else {
            mamori_primitives::aes_round::AesBackend::detect_wide().backend()
        }
    }

    /// Runs one batch over the `N` parts of `buffer`.
    fn batch(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &mut [u8],
        seal: bool,
    ) -> bool {
        let part = buffer.len().div_ceil(N).max(1);
        let mut tags = self.tags.borrow_mut();
        tags.resize(N, [0u8; 32]);
        tags[0][..tag.len()].copy_from_slice(tag);
        let run = |batch: &mut [mamori_aead::aes_family::Message<'_, C>]| {
            if seal {
                self.key.seal_batch(batch).is_ok()
            } else {
                let mut results = [Ok(()); N];
                self.key
                    .open_batch(batch, &mut results[..batch.len()])
                    .is_ok()
                    && results[..batch.len()].iter().all(Result::is_ok)
            }
        };
        // N equal parts (every measured size): the batch on the stack, so the row times
        // the library, not an allocation.
        let equal = buffer.len() == part * N;
        let mut parts = buffer.chunks_mut(part).zip(tags.iter_mut());
        let ok = if equal {
            let mut batch: [_; N] = core::array::from_fn(|_| {
                batch_message(&self.key, nonce, ad, parts.next().expect("N equal parts"))
            });
            run(&mut batch)
        } else {
            let mut batch: Vec<_> = parts
                .map(|p| batch_message(&self.key, nonce, ad, p))
                .collect();
            run(&mut batch)
        };
        if seal {
            tag.copy_from_slice(&tags[0][..tag.len()]);
        }
        ok
    }
}

impl<C: mamori_aead::aes_family::Core, const N: usize> Algorithm for MamoriBatch<C, N> {
    const INFO: AlgorithmInfo = C::INFO;

    fn backend() -> Backend {
        Self::chosen()
    }
}

impl<C: mamori_aead::aes_family::Core, const N: usize> Aead for MamoriBatch<C, N> {
    const KEY_LEN: usize = 32;
    const NONCE_LEN: usize = C::NONCE_LEN;
    const TAG_LEN: usize = C::TAG_LEN;

    fn new(key: &[u8]) -> Result<Self, InputError> {
        let key = array::<32>(key, Param::Key)?;
        let key = mamori_aead::AesAead::<C>::with_backend(&key, Self::chosen())
            .unwrap_or_else(|| mamori_aead::AesAead::<C>::new(&key));
        Ok(Self {
            key,
            tags: RefCell::new(Vec::new()),
        })
    }

    fn seal_in_place(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &mut [u8],
    ) -> Result<(), InputError> {
        InputError::check_len(Param::Nonce, C::NONCE_LEN, nonce.len())?;
        InputError::check_len(Param::Tag, C::TAG_LEN, tag.len())?;
        self.batch(nonce, ad, buffer, tag, true);
        Ok(())
    }

    fn open_in_place(
        &self,
        nonce: &[u8],
        ad: &[u8],
        buffer: &mut [u8],
        tag: &[u8],
    ) -> Result<(), Error> {
        InputError::check_len(Param::Nonce, C::NONCE_LEN, nonce.len())?;
        InputError::check_len(Param::Tag, C::TAG_LEN, tag.len())?;
        let mut t = tag.to_vec();
        if self.batch(nonce, ad, buffer, &mut t, false) {
            Ok(())
        } else {
            Err(reject(buffer))
        }
    }
}
