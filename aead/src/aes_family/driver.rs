//! The single-message driver: associated data, message and tag over a one-lane state.
//!
//! The `*_from` functions start at an offset into the associated data and the message, so
//! the batch driver can hand a lane over here once the lanes stop moving in lockstep.

use core::marker::PhantomData;

use mamori_primitives::aes_round::{AesJob, AesWord, Block};
use mamori_primitives::ct::{self, ConstantTimeEq};

use super::{Core, KEY_LEN, State};

/// Bytes `16 i .. 16 i + 16` of `bytes` (the caller guarantees they exist).
#[inline(always)]
pub(super) fn block16(bytes: &[u8], i: usize) -> Block {
    let mut out = [0u8; 16];
    out.copy_from_slice(&bytes[16 * i..16 * i + 16]);
    out
}

/// The key as two words and the nonce as two words (the second zero for 16-byte nonces),
/// lane `i` taken from `key(i)` / `nonce(i)`.
#[inline(always)]
pub(super) fn init<'a, C: Core, W: AesWord>(
    w: W,
    key: impl Fn(usize) -> &'a [u8; KEY_LEN],
    nonce: impl Fn(usize) -> &'a [u8],
) -> C::State<W> {
    let k = [
        w.gather(|i| block16(key(i), 0)),
        w.gather(|i| block16(key(i), 1)),
    ];
    let n0 = w.gather(|i| block16(nonce(i), 0));
    let n1 = if C::NONCE_LEN == 32 {
        w.gather(|i| block16(nonce(i), 1))
    } else {
        w.zero()
    };
    C::State::<W>::init(w, k, [n0, n1])
}

/// One block of `C::RATE` bytes from every lane: lane `i` reads `bytes(i)`.
#[inline(always)]
pub(super) fn gather_block<'a, C: Core, W: AesWord>(
    w: W,
    bytes: impl Fn(usize) -> &'a [u8],
) -> [W; 2] {
    let w0 = w.gather(|i| block16(bytes(i), 0));
    let w1 = if C::RATE == 32 {
        w.gather(|i| block16(bytes(i), 1))
    } else {
        w.zero()
    };
    [w0, w1]
}

/// Writes one block of every lane: lane `i` goes to `out(i, bytes)`.
#[inline(always)]
pub(super) fn scatter_block<C: Core, W: AesWord>(
    block: [W; 2],
    mut out: impl FnMut(usize, usize, Block),
) {
    block[0].scatter(|i, b| out(i, 0, b));
    if C::RATE == 32 {
        block[1].scatter(|i, b| out(i, 1, b));
    }
}

/// One block of a single lane.
#[inline(always)]
fn load<C: Core, W: AesWord>(w: W, bytes: &[u8]) -> [W; 2] {
    gather_block::<C, W>(w, |_| bytes)
}

/// Writes one block of a single lane.
#[inline(always)]
fn store<C: Core, W: AesWord>(block: [W; 2], out: &mut [u8]) {
    scatter_block::<C, W>(block, |_, half, b| {
        out[16 * half..16 * half + 16].copy_from_slice(&b);
    });
}

/// `bytes` zero-padded to one block.
#[inline(always)]
pub(super) fn padded(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out[..bytes.len()].copy_from_slice(bytes);
    out
}

/// The mask keeping the first `len` bytes of a block.
#[inline(always)]
pub(super) fn mask(len: usize) -> [u8; 32] {
    let mut out = [0u8; 32];
    out[..len].fill(0xff);
    out
}

/// Absorbs `ad[from..]` (`from` a multiple of the rate), the last block zero-padded.
#[inline(always)]
pub(super) fn absorb_from<C: Core, W: AesWord>(w: W, s: &mut C::State<W>, ad: &[u8], from: usize) {
    let mut blocks = ad[from..].chunks_exact(C::RATE);
    for b in &mut blocks {
        s.absorb(load::<C, W>(w, b));
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        s.absorb(load::<C, W>(w, &padded(tail)));
    }
}

/// Runs `msg[from..]` (`from` a multiple of the rate) through `block` in place, the last
/// partial block zero-padded and given to `last` with its length.
#[inline(always)]
fn transform_from<C: Core, W: AesWord>(
    w: W,
    s: &mut C::State<W>,
    msg: &mut [u8],
    from: usize,
    block: impl Fn(&mut C::State<W>, [W; 2]) -> [W; 2],
    last: impl FnOnce(&mut C::State<W>, [W; 2], usize) -> [W; 2],
) {
    let mut blocks = msg[from..].chunks_exact_mut(C::RATE);
    for b in &mut blocks {
        let out = block(s, load::<C, W>(w, b));
        store::<C, W>(out, b);
    }
    let tail = blocks.into_remainder();
    if !tail.is_empty() {
        let mut buf = padded(tail);
        let out = last(s, load::<C, W>(w, &buf), tail.len());
        store::<C, W>(out, &mut buf);
        tail.copy_from_slice(&buf[..tail.len()]);
        ct::wipe(&mut buf);
    }
}

/// Encrypts `msg[from..]` in place (`from` a multiple of the rate).
#[inline(always)]
pub(super) fn encrypt_from<C: Core, W: AesWord>(
    w: W,
    s: &mut C::State<W>,
    msg: &mut [u8],
    from: usize,
) {
    transform_from::<C, W>(w, s, msg, from, |s, m| s.encrypt(m), |s, m, _| s.encrypt(m));
}

/// Decrypts `msg[from..]` in place (`from` a multiple of the rate), unverified.
#[inline(always)]
pub(super) fn decrypt_from<C: Core, W: AesWord>(
    w: W,
    s: &mut C::State<W>,
    msg: &mut [u8],
    from: usize,
) {
    transform_from::<C, W>(
        w,
        s,
        msg,
        from,
        |s, c| s.decrypt(c),
        |s, c, len| s.decrypt_last(c, load::<C, W>(w, &mask(len))),
    );
}

/// The tag words of a single lane as bytes (the first `C::TAG_LEN` are the tag).
#[inline(always)]
pub(super) fn tag_bytes<W: AesWord>(t: [W; 2]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out[..16].copy_from_slice(&t[0].first());
    out[16..].copy_from_slice(&t[1].first());
    out
}

/// Finishes sealing one lane from `(ad_from, msg_from)`: returns the tag and wipes `s`.
#[inline(always)]
pub(super) fn seal_from<C: Core, W: AesWord>(
    w: W,
    s: &mut C::State<W>,
    (ad, ad_from): (&[u8], usize),
    (msg, msg_from): (&mut [u8], usize),
    tag: &mut [u8],
) {
    absorb_from::<C, W>(w, s, ad, ad_from);
    encrypt_from::<C, W>(w, s, msg, msg_from);
    let lens = (ad.len() as u64, msg.len() as u64);
    let mut t = tag_bytes::<W>(s.finalize(w, |_| lens));
    s.wipe();
    tag.copy_from_slice(&t[..C::TAG_LEN]);
    ct::wipe(&mut t);
}

/// Checks `expected` against `tag` (both `C::TAG_LEN` bytes) in constant time, as 64-bit
/// words OR-ed together; wipes `msg` on failure.
#[inline(always)]
pub(super) fn verify<C: Core>(mut expected: [u8; 32], tag: &[u8], msg: &mut [u8]) -> bool {
    let given = padded(tag);
    let (e, g) = (expected.as_chunks::<8>().0, given.as_chunks::<8>().0);
    let mut diff = 0u64;
    for i in 0..C::TAG_LEN / 8 {
        diff |= u64::from_le_bytes(e[i]) ^ u64::from_le_bytes(g[i]);
    }
    let ok = ct::declassify(diff.ct_eq(&0));
    ct::wipe(&mut expected);
    if !ok {
        ct::wipe(msg);
    }
    ok
}

/// Finishes opening one lane from `(ad_from, msg_from)`: true if `tag` matches (otherwise
/// `msg` is zeroed). Wipes `s`.
#[inline(always)]
pub(super) fn open_from<C: Core, W: AesWord>(
    w: W,
    s: &mut C::State<W>,
    (ad, ad_from): (&[u8], usize),
    (msg, msg_from): (&mut [u8], usize),
    tag: &[u8],
) -> bool {
    absorb_from::<C, W>(w, s, ad, ad_from);
    decrypt_from::<C, W>(w, s, msg, msg_from);
    let lens = (ad.len() as u64, msg.len() as u64);
    let t = tag_bytes::<W>(s.finalize(w, |_| lens));
    s.wipe();
    verify::<C>(t, tag, msg)
}

/// Seals one message (lengths already checked).
pub(super) struct Seal<'a, C: Core> {
    pub key: &'a [u8; KEY_LEN],
    pub nonce: &'a [u8],
    pub ad: &'a [u8],
    pub buffer: &'a mut [u8],
    pub tag: &'a mut [u8],
    pub core: PhantomData<C>,
}

impl<C: Core> AesJob for Seal<'_, C> {
    type Output = ();

    #[inline(always)]
    fn run<W: AesWord>(self, w: W) {
        let mut s = init::<C, W>(w, |_| self.key, |_| self.nonce);
        seal_from::<C, W>(w, &mut s, (self.ad, 0), (self.buffer, 0), self.tag);
    }
}

/// Opens one message (lengths already checked); true if it authenticated.
pub(super) struct Open<'a, C: Core> {
    pub key: &'a [u8; KEY_LEN],
    pub nonce: &'a [u8],
    pub ad: &'a [u8],
    pub buffer: &'a mut [u8],
    pub tag: &'a [u8],
    pub core: PhantomData<C>,
}

impl<C: Core> AesJob for Open<'_, C> {
    type Output = bool;

    #[inline(always)]
    fn run<W: AesWord>(self, w: W) -> bool {
        let mut s = init::<C, W>(w, |_| self.key, |_| self.nonce);
        open_from::<C, W>(w, &mut s, (self.ad, 0), (self.buffer, 0), self.tag)
    }
}
