//! The batch driver: independent messages side by side, one per lane of a wide word.
//!
//! Messages are taken `LANES` at a time. A group starts in lockstep (key setup always, then
//! the blocks every lane has); as soon as the lanes' inputs stop lining up (different
//! associated-data or message lengths), each lane is taken out of the wide state and
//! finished alone by the single-message driver. A group smaller than `LANES` fills the
//! spare lanes with copies of its last message, whose outputs are dropped. Every lane's
//! output is exactly the single-message result.

use mamori_primitives::CryptoError;
use mamori_primitives::aes_round::{AesJob, AesWord};
use mamori_primitives::ct;

use super::driver::{self, gather_block, padded, scatter_block};
use super::{AesAead, Core, State};

/// Most lanes any backend has (VAES-512).
const MAX_LANES: usize = 4;

/// One message of a batch: its key, nonce, associated data, buffer (plaintext for
/// sealing, ciphertext for opening, transformed in place) and tag (written when sealing,
/// read when opening).
pub struct Message<'a, C: Core> {
    /// The key.
    pub key: &'a AesAead<C>,
    /// The nonce (`C::NONCE_LEN` bytes).
    pub nonce: &'a [u8],
    /// Associated data.
    pub ad: &'a [u8],
    /// The message, encrypted or decrypted in place.
    pub buffer: &'a mut [u8],
    /// The tag (`C::TAG_LEN` bytes).
    pub tag: &'a mut [u8],
}

impl<C: Core> core::fmt::Debug for Message<'_, C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Message")
            .field("ad_len", &self.ad.len())
            .field("len", &self.buffer.len())
            .finish_non_exhaustive()
    }
}

/// How far a group got in lockstep.
enum Progress {
    /// Every lane is done.
    Done,
    /// Lanes continue alone from these offsets into their associated data and message.
    Split { ad: usize, msg: usize },
}

/// Whether the lanes are sealing or opening.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Seal,
    Open,
}

/// Runs one group of `1..=W::LANES` messages; `verified[i]` receives lane `i`'s verdict
/// when opening (always true when sealing).
#[inline(always)]
fn group<C: Core, W: AesWord>(
    w: W,
    dir: Direction,
    msgs: &mut [Message<'_, C>],
    verified: &mut [bool; MAX_LANES],
) {
    let n = msgs.len();
    let at = |i: usize| i.min(n - 1);
    let mut s = driver::init::<C, W>(w, |i| msgs[at(i)].key.key(), |i| msgs[at(i)].nonce);
    let progress = lockstep::<C, W>(w, dir, &mut s, msgs, verified);
    if let Progress::Split { ad, msg } = progress {
        for (i, m) in msgs.iter_mut().enumerate() {
            let mut lane = C::lane(&s, i);
            let single = w.single();
            verified[i] = match dir {
                Direction::Seal => {
                    driver::seal_from::<C, _>(
                        single,
                        &mut lane,
                        (m.ad, ad),
                        (m.buffer, msg),
                        m.tag,
                    );
                    true
                }
                Direction::Open => {
                    driver::open_from::<C, _>(single, &mut lane, (m.ad, ad), (m.buffer, msg), m.tag)
                }
            };
        }
    }
    s.wipe();
}

/// One block of every lane, in place: `blocks[i]` is lane `i`'s (`C::RATE` bytes).
#[inline(always)]
fn lane_blocks<C: Core, W: AesWord>(
    w: W,
    dir: Direction,
    s: &mut C::State<W>,
    mut blocks: [&mut [u8]; MAX_LANES],
) {
    let input = gather_block::<C, W>(w, |i| &*blocks[i]);
    let output = match dir {
        Direction::Seal => s.encrypt(input),
        Direction::Open => s.decrypt(input),
    };
    scatter_block::<C, W>(output, |i, half, bytes| {
        blocks[i][16 * half..16 * half + 16].copy_from_slice(&bytes);
    });
}

/// Advances every lane together as far as their inputs line up.
#[inline(always)]
fn lockstep<C: Core, W: AesWord>(
    w: W,
    dir: Direction,
    s: &mut C::State<W>,
    msgs: &mut [Message<'_, C>],
    verified: &mut [bool; MAX_LANES],
) -> Progress {
    let n = msgs.len();
    let at = |i: usize| i.min(n - 1);
    let rate = C::RATE;

    // Associated data: the full blocks every lane has, then the tail if all agree.
    let ad_len = msgs[0].ad.len();
    let ad_equal = msgs.iter().all(|m| m.ad.len() == ad_len);
    let ad_full = msgs.iter().map(|m| m.ad.len() / rate).min().unwrap_or(0);
    for b in 0..ad_full {
        s.absorb(gather_block::<C, W>(w, |i| &msgs[at(i)].ad[b * rate..]));
    }
    if !ad_equal {
        return Progress::Split {
            ad: ad_full * rate,
            msg: 0,
        };
    }
    if !ad_len.is_multiple_of(rate) {
        let tails: [[u8; 32]; MAX_LANES] =
            core::array::from_fn(|i| padded(&msgs[at(i)].ad[ad_full * rate..]));
        s.absorb(gather_block::<C, W>(w, |i| &tails[i]));
    }

    // Message: the same.
    let len = msgs[0].buffer.len();
    let equal = msgs.iter().all(|m| m.buffer.len() == len);
    let full = msgs
        .iter()
        .map(|m| m.buffer.len() / rate)
        .min()
        .unwrap_or(0);
    {
        // The lanes' full blocks as local slices, so the loop keeps their addresses in
        // registers instead of reloading them from `msgs` after every store.
        let mut bufs: [&mut [u8]; MAX_LANES] = Default::default();
        for (slot, m) in bufs.iter_mut().zip(msgs.iter_mut()) {
            *slot = &mut m.buffer[..full * rate];
        }
        let [b0, b1, b2, b3] = bufs.each_mut().map(|b| b.chunks_exact_mut(rate));
        if n == W::LANES && n == 2 {
            // A full group: the lanes' blocks walked by one zipped iterator (one index),
            // so the loop carries no per-block bounds checks or lane tests.
            for (x0, x1) in b0.zip(b1) {
                lane_blocks::<C, W>(w, dir, s, [x0, x1, &mut [], &mut []]);
            }
        } else if n == W::LANES && n == 4 {
            for ((x0, x1), (x2, x3)) in b0.zip(b1).zip(b2.zip(b3)) {
                lane_blocks::<C, W>(w, dir, s, [x0, x1, x2, x3]);
            }
        } else {
            // A short group (the batch's last): spare lanes repeat the last message and
            // their outputs are dropped.
            for b in 0..full {
                let off = b * rate;
                let input = gather_block::<C, W>(w, |i| &bufs[at(i)][off..]);
                let output = match dir {
                    Direction::Seal => s.encrypt(input),
                    Direction::Open => s.decrypt(input),
                };
                scatter_block::<C, W>(output, |i, half, bytes| {
                    if i < n {
                        let o = off + 16 * half;
                        bufs[i][o..o + 16].copy_from_slice(&bytes);
                    }
                });
            }
        }
    }
    if !equal {
        return Progress::Split {
            ad: ad_len,
            msg: full * rate,
        };
    }
    let tail = len % rate;
    if tail != 0 {
        let mut bufs: [[u8; 32]; MAX_LANES] =
            core::array::from_fn(|i| padded(&msgs[at(i)].buffer[full * rate..]));
        let input = gather_block::<C, W>(w, |i| &bufs[i]);
        let output = match dir {
            Direction::Seal => s.encrypt(input),
            Direction::Open => {
                let m = driver::mask(tail);
                s.decrypt_last(input, gather_block::<C, W>(w, |_| &m))
            }
        };
        scatter_block::<C, W>(output, |i, half, bytes| {
            if i < MAX_LANES {
                bufs[i][16 * half..16 * half + 16].copy_from_slice(&bytes);
            }
        });
        for (m, buf) in msgs.iter_mut().zip(&bufs) {
            m.buffer[full * rate..].copy_from_slice(&buf[..tail]);
        }
        ct::wipe(bufs.as_flattened_mut());
    }

    // Tags.
    let tag_words = s.finalize(w, |i| {
        let m = &msgs[at(i)];
        (m.ad.len() as u64, m.buffer.len() as u64)
    });
    let mut tags = [[0u8; 32]; MAX_LANES];
    tag_words[0].scatter(|i, b| {
        if i < MAX_LANES {
            tags[i][..16].copy_from_slice(&b);
        }
    });
    tag_words[1].scatter(|i, b| {
        if i < MAX_LANES {
            tags[i][16..].copy_from_slice(&b);
        }
    });
    for (i, m) in msgs.iter_mut().enumerate() {
        match dir {
            Direction::Seal => m.tag.copy_from_slice(&tags[i][..C::TAG_LEN]),
            Direction::Open => verified[i] = driver::verify::<C>(tags[i], m.tag, m.buffer),
        }
    }
    ct::wipe(tags.as_flattened_mut());
    Progress::Done
}

/// Runs a whole batch on the word `W`: groups of `W::LANES`, or one message at a time on a
/// one-lane word.
#[inline(always)]
fn run_batch<C: Core, W: AesWord>(
    w: W,
    dir: Direction,
    batch: &mut [Message<'_, C>],
    mut verdict: impl FnMut(usize, bool),
) {
    let lanes = W::LANES.clamp(1, MAX_LANES);
    for (g, msgs) in batch.chunks_mut(lanes).enumerate() {
        let mut verified = [true; MAX_LANES];
        if W::LANES == 1 {
            let single = w.single();
            for (i, m) in msgs.iter_mut().enumerate() {
                let mut s = driver::init::<C, _>(single, |_| m.key.key(), |_| m.nonce);
                verified[i] = match dir {
                    Direction::Seal => {
                        driver::seal_from::<C, _>(single, &mut s, (m.ad, 0), (m.buffer, 0), m.tag);
                        true
                    }
                    Direction::Open => {
                        driver::open_from::<C, _>(single, &mut s, (m.ad, 0), (m.buffer, 0), m.tag)
                    }
                };
            }
        } else {
            group::<C, W>(w, dir, msgs, &mut verified);
        }
        for (i, ok) in verified.iter().take(msgs.len()).enumerate() {
            verdict(g * lanes + i, *ok);
        }
    }
}

/// Seals a batch (lengths already checked).
pub(super) struct SealBatch<'a, 'b, C: Core> {
    pub batch: &'a mut [Message<'b, C>],
}

impl<C: Core> AesJob for SealBatch<'_, '_, C> {
    type Output = ();

    #[inline(always)]
    fn run<W: AesWord>(self, w: W) {
        run_batch::<C, W>(w, Direction::Seal, self.batch, |_, _| ());
    }
}

/// Opens a batch (lengths already checked), one verdict per message.
pub(super) struct OpenBatch<'a, 'b, 'r, C: Core> {
    pub batch: &'a mut [Message<'b, C>],
    pub results: &'r mut [Result<(), CryptoError>],
}

impl<C: Core> AesJob for OpenBatch<'_, '_, '_, C> {
    type Output = ();

    #[inline(always)]
    fn run<W: AesWord>(self, w: W) {
        let results = self.results;
        run_batch::<C, W>(w, Direction::Open, self.batch, |i, ok| {
            results[i] = if ok { Ok(()) } else { Err(CryptoError) };
        });
    }
}
