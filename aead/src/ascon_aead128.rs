//! Ascon-AEAD128 (NIST SP 800-232 §4): 128-bit key, 128-bit nonce, 128-bit tag, 128-bit
//! rate, Ascon-p\[12\] for initialization and finalization and Ascon-p\[8\] per block.
//!
//! Portable and constant time: the only branches and indices depend on lengths. The state
//! lives in [`lanes::Selected`]: 64-bit words on 64-bit CPUs, bit-interleaved 32-bit halves
//! on 32-bit ones. The key
//! is zeroized on drop, the sponge state after every call, and a failed decryption zeroes
//! the buffer before returning the opaque error.

use mamori_primitives::ascon::lanes::{self, Lanes};
use mamori_primitives::ascon::permutation::{load_partial, pad, store_partial};
use mamori_primitives::{
    Aead, Algorithm, AlgorithmInfo, Backend, CryptoError, Cryptrec, Error, Family, InputError,
    Param, Security, Standard,
    ct::{self, ConstantTimeEq},
};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Key length in bytes.
pub const KEY_LEN: usize = 16;
/// Nonce length in bytes.
pub const NONCE_LEN: usize = 16;
/// Tag length in bytes.
pub const TAG_LEN: usize = 16;
/// Rate in bytes.
const RATE: usize = 16;

/// SP 800-232 §4.1, Table 12: the Ascon-AEAD128 initial value.
const IV: u64 = 0x0000_1000_808c_0001;
/// Domain separation between associated data and message: `S ← S ⊕ (0^319 ∥ 1)`, the most
/// significant bit of `S_4` in the standard's little-endian convention.
const DSEP: u64 = 1 << 63;

/// An Ascon-AEAD128 key, ready to seal and open.
#[derive(Clone)]
pub struct AsconAead128 {
    k: [u64; 2],
}

impl Drop for AsconAead128 {
    fn drop(&mut self) {
        self.k.zeroize();
    }
}

impl ZeroizeOnDrop for AsconAead128 {}

impl core::fmt::Debug for AsconAead128 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("AsconAead128").finish_non_exhaustive()
    }
}

#[inline(always)]
fn word(bytes: &[u8; 16], half: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[8 * half..8 * half + 8]);
    u64::from_le_bytes(w)
}

/// Loads a partial block of `< 16` bytes as two little-endian words, zero-extended.
#[inline(always)]
fn load_partial16(bytes: &[u8]) -> (u64, u64) {
    let (lo, hi) = bytes.split_at(bytes.len().min(8));
    (load_partial(lo), load_partial(hi))
}

/// Stores the first `out.len()` (< 16) bytes of the block `(w0, w1)`.
#[inline(always)]
fn store_partial16(w0: u64, w1: u64, out: &mut [u8]) {
    let (lo, hi) = out.split_at_mut(out.len().min(8));
    store_partial(w0, lo);
    store_partial(w1, hi);
}

/// The mask that keeps the first `len < 16` bytes of a block, as two words.
#[inline(always)]
fn mask16(len: usize) -> (u64, u64) {
    if len < 8 {
        (pad(len) - 1, 0)
    } else {
        (u64::MAX, pad(len - 8) - 1)
    }
}

/// The padding of a partial block of `len < 16` bytes, as two words.
#[inline(always)]
fn pad16(len: usize) -> (u64, u64) {
    if len < 8 {
        (pad(len), 0)
    } else {
        (0, pad(len - 8))
    }
}

impl AsconAead128 {
    /// Sets up a key.
    #[must_use]
    pub fn new(key: &[u8; KEY_LEN]) -> Self {
        Self {
            k: [word(key, 0), word(key, 1)],
        }
    }

    /// §4.1.1 steps 1-2: initialization, then associated data and domain separation.
    #[inline(always)]
    fn start(&self, nonce: &[u8; NONCE_LEN], ad: &[u8]) -> lanes::Selected {
        let [k0, k1] = self.k;
        let mut s = lanes::Selected::from_words([IV, k0, k1, word(nonce, 0), word(nonce, 1)]);
        s.p12();
        s.xor_word(3, k0);
        s.xor_word(4, k1);
        if !ad.is_empty() {
            let (blocks, rest) = ad.as_chunks::<RATE>();
            for b in blocks {
                s.xor_word(0, word(b, 0));
                s.xor_word(1, word(b, 1));
                s.p8();
            }
            let (a0, a1) = load_partial16(rest);
            let (d0, d1) = pad16(rest.len());
            s.xor_word(0, a0 ^ d0);
            s.xor_word(1, a1 ^ d1);
            s.p8();
        }
        s.xor_word(4, DSEP);
        s
    }

    /// §4.1.1 step 4: finalization; returns the tag as two words and wipes the state.
    #[inline(always)]
    fn finish(&self, mut s: lanes::Selected) -> (u64, u64) {
        let [k0, k1] = self.k;
        s.xor_word(2, k0);
        s.xor_word(3, k1);
        s.p12();
        let tag = (s.word(3) ^ k0, s.word(4) ^ k1);
        s.wipe();
        tag
    }

    /// Encrypts `buffer` in place and returns the tag (SP 800-232 Algorithm 3).
    #[must_use]
    pub fn seal_in_place_detached(
        &self,
        nonce: &[u8; NONCE_LEN],
        associated_data: &[u8],
        buffer: &mut [u8],
    ) -> [u8; TAG_LEN] {
        let mut s = self.start(nonce, associated_data);
        let (blocks, rest) = buffer.as_chunks_mut::<RATE>();
        for b in blocks {
            s.xor_word(0, word(b, 0));
            s.xor_word(1, word(b, 1));
            b[..8].copy_from_slice(&s.word(0).to_le_bytes());
            b[8..].copy_from_slice(&s.word(1).to_le_bytes());
            s.p8();
        }
        let (m0, m1) = load_partial16(rest);
        let (d0, d1) = pad16(rest.len());
        s.xor_word(0, m0 ^ d0);
        s.xor_word(1, m1 ^ d1);
        store_partial16(s.word(0), s.word(1), rest);
        let (t0, t1) = self.finish(s);
        let mut tag = [0u8; TAG_LEN];
        tag[..8].copy_from_slice(&t0.to_le_bytes());
        tag[8..].copy_from_slice(&t1.to_le_bytes());
        tag
    }

    /// Decrypts `buffer` in place and returns the tag it should carry, as two words
    /// (Algorithm 4 without the comparison). The caller must not release `buffer` unless
    /// the tag matches.
    #[inline(always)]
    fn decrypt_unverified(
        &self,
        nonce: &[u8; NONCE_LEN],
        associated_data: &[u8],
        buffer: &mut [u8],
    ) -> (u64, u64) {
        let mut s = self.start(nonce, associated_data);
        let (blocks, rest) = buffer.as_chunks_mut::<RATE>();
        for b in blocks {
            let (c0, c1) = (word(b, 0), word(b, 1));
            b[..8].copy_from_slice(&(s.word(0) ^ c0).to_le_bytes());
            b[8..].copy_from_slice(&(s.word(1) ^ c1).to_le_bytes());
            s.set_word(0, c0);
            s.set_word(1, c1);
            s.p8();
        }
        // Last partial block of n < 16 bytes: P = C ⊕ S[0..n]; S[0..n] = C; S ⊕= pad(n).
        // Computed as S ⊕= (P masked to n bytes) ⊕ pad(n), which sets the first n bytes to C.
        let n = rest.len();
        let (c0, c1) = load_partial16(rest);
        let (m0, m1) = mask16(n);
        let (p0, p1) = ((s.word(0) ^ c0) & m0, (s.word(1) ^ c1) & m1);
        store_partial16(p0, p1, rest);
        let (d0, d1) = pad16(n);
        s.xor_word(0, p0 ^ d0);
        s.xor_word(1, p1 ^ d1);
        self.finish(s)
    }

    /// Decrypts `buffer` in place if `tag` authenticates it; otherwise zeroes `buffer`.
    ///
    /// # Errors
    /// [`CryptoError`] if authentication fails (`buffer` is then all zero).
    pub fn open_in_place_detached(
        &self,
        nonce: &[u8; NONCE_LEN],
        associated_data: &[u8],
        buffer: &mut [u8],
        tag: &[u8; TAG_LEN],
    ) -> Result<(), CryptoError> {
        let (e0, e1) = self.decrypt_unverified(nonce, associated_data, buffer);
        let t = tag.as_chunks::<8>().0;
        let diff = (e0 ^ u64::from_le_bytes(t[0])) | (e1 ^ u64::from_le_bytes(t[1]));
        // Constant-time compare of the whole tag; the verdict is public by design.
        let ok = ct::declassify(diff.ct_eq(&0));
        if ok {
            Ok(())
        } else {
            buffer.zeroize();
            Err(CryptoError)
        }
    }
}

impl Algorithm for AsconAead128 {
    const INFO: AlgorithmInfo = AlgorithmInfo {
        name: "ascon-aead128",
        aliases: &["Ascon-AEAD128", "AsconAEAD128", "Ascon-AEAD128-SP800-232"],
        family: Family::Aead,
        standard: Standard {
            document: "NIST SP 800-232",
            section: "§4 Ascon-AEAD128",
        },
        security: Security {
            classical_bits: 128,
            pq_category: None,
        },
        sizes: &[("key", KEY_LEN), ("nonce", NONCE_LEN), ("tag", TAG_LEN)],
        cryptrec: Cryptrec::NotListed,
    };

    fn backend() -> Backend {
        lanes::Selected::BACKEND
    }
}

fn array<const N: usize>(param: Param, bytes: &[u8]) -> Result<&[u8; N], InputError> {
    bytes.try_into().map_err(|_| InputError::Length {
        param,
        expected: N,
        actual: bytes.len(),
    })
}

impl Aead for AsconAead128 {
    const KEY_LEN: usize = KEY_LEN;
    const NONCE_LEN: usize = NONCE_LEN;
    const TAG_LEN: usize = TAG_LEN;

    fn new(key: &[u8]) -> Result<Self, InputError> {
        Ok(Self::new(array(Param::Key, key)?))
    }

    fn seal_in_place(
        &self,
        nonce: &[u8],
        associated_data: &[u8],
        buffer: &mut [u8],
        tag: &mut [u8],
    ) -> Result<(), InputError> {
        let nonce = array(Param::Nonce, nonce)?;
        let actual = tag.len();
        let tag: &mut [u8; TAG_LEN] = tag.try_into().map_err(|_| InputError::Length {
            param: Param::Tag,
            expected: TAG_LEN,
            actual,
        })?;
        *tag = self.seal_in_place_detached(nonce, associated_data, buffer);
        Ok(())
    }

    fn open_in_place(
        &self,
        nonce: &[u8],
        associated_data: &[u8],
        buffer: &mut [u8],
        tag: &[u8],
    ) -> Result<(), Error> {
        let nonce = array(Param::Nonce, nonce)?;
        let tag = array(Param::Tag, tag)?;
        Ok(self.open_in_place_detached(nonce, associated_data, buffer, tag)?)
    }
}

// ---------------------------------------------------------------------------------------
// RustCrypto `aead` 0.6 traits.

mod rustcrypto {
    use super::AsconAead128;
    use aead::{
        AeadCore, AeadInOut, Key, KeyInit, KeySizeUser, Nonce, Tag, TagPosition, consts::U16,
        inout::InOutBuf,
    };

    impl KeySizeUser for AsconAead128 {
        type KeySize = U16;
    }

    impl KeyInit for AsconAead128 {
        fn new(key: &Key<Self>) -> Self {
            AsconAead128::new(&key.0)
        }
    }

    impl AeadCore for AsconAead128 {
        type NonceSize = U16;
        type TagSize = U16;
        const TAG_POSITION: TagPosition = TagPosition::Postfix;
    }

    impl AeadInOut for AsconAead128 {
        fn encrypt_inout_detached(
            &self,
            nonce: &Nonce<Self>,
            associated_data: &[u8],
            buffer: InOutBuf<'_, '_, u8>,
        ) -> aead::Result<Tag<Self>> {
            let buf = buffer.into_out_with_copied_in();
            Ok(self
                .seal_in_place_detached(&nonce.0, associated_data, buf)
                .into())
        }

        fn decrypt_inout_detached(
            &self,
            nonce: &Nonce<Self>,
            associated_data: &[u8],
            buffer: InOutBuf<'_, '_, u8>,
            tag: &Tag<Self>,
        ) -> aead::Result<()> {
            let buf = buffer.into_out_with_copied_in();
            self.open_in_place_detached(&nonce.0, associated_data, buf, &tag.0)
                .map_err(|_| aead::Error)
        }
    }
}
