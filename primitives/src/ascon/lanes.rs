//! How the Ascon modes hold the 320-bit state between permutations.
//!
//! The modes (Ascon-AEAD128, the hash family) are written once against [`Lanes`]; two
//! representations implement it, both portable, constant-time Rust:
//!
//! * [`Native`]: five `u64` words, the standard's view. Best on 64-bit CPUs.
//! * [`Interleaved`]: each 64-bit word split into its even and odd bits (two `u32`), the
//!   bit-interleaving technique of the Ascon designers' `bi32` implementations. A 64-bit
//!   rotation becomes two 32-bit rotations, which 32-bit CPUs do for free or nearly (on
//!   Cortex-M the barrel shifter folds them into the XORs). Data words are converted on the
//!   way in and out, with shifts and masks only.
//!
//! [`Selected`] is [`Interleaved`] on targets with 32-bit (or smaller) pointers and [`Native`]
//! elsewhere; `--cfg mamori_ascon="native"` or `--cfg mamori_ascon="bi32"` forces one (CI runs
//! the Ascon tests both ways).

use super::permutation::{self, State, sbox};
use crate::Backend;

/// The Ascon state as the modes use it. `i` is always a constant index `0..5`.
pub trait Lanes: Copy {
    /// The backend name this representation reports.
    const BACKEND: Backend;
    /// The state whose words are `w`.
    fn from_words(w: State) -> Self;
    /// Word `S_i`.
    fn word(&self, i: usize) -> u64;
    /// `S_i ← S_i ⊕ w`.
    fn xor_word(&mut self, i: usize, w: u64);
    /// `S_i ← w`.
    fn set_word(&mut self, i: usize, w: u64);
    /// Ascon-p\[12\].
    fn p12(&mut self);
    /// Ascon-p\[8\].
    fn p8(&mut self);
    /// Overwrites the state with zeros (not optimised away).
    fn wipe(&mut self);
}

/// Five 64-bit words.
#[derive(Clone, Copy)]
pub struct Native(State);

impl Lanes for Native {
    const BACKEND: Backend = Backend::Portable;
    #[inline(always)]
    fn from_words(w: State) -> Self {
        Native(w)
    }
    #[inline(always)]
    fn word(&self, i: usize) -> u64 {
        self.0[i]
    }
    #[inline(always)]
    fn xor_word(&mut self, i: usize, w: u64) {
        self.0[i] ^= w;
    }
    #[inline(always)]
    fn set_word(&mut self, i: usize, w: u64) {
        self.0[i] = w;
    }
    #[inline(always)]
    fn p12(&mut self) {
        permutation::p12(&mut self.0);
    }
    #[inline(always)]
    fn p8(&mut self) {
        permutation::p8(&mut self.0);
    }
    #[inline(always)]
    fn wipe(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

/// Bit-interleaved state: `[e0, o0, e1, o1, ..., e4, o4]`, where `e_i` holds the even bits
/// (0, 2, ..., 62) of `S_i` and `o_i` its odd bits.
#[derive(Clone, Copy)]
pub struct Interleaved([u32; 10]);

/// Separates the even bits (to the low half) and odd bits (to the high half) of `x`
/// (Hacker's Delight §7-2, "unshuffle").
#[inline(always)]
const fn unshuffle32(mut x: u32) -> u32 {
    let mut t = (x ^ (x >> 1)) & 0x2222_2222;
    x ^= t ^ (t << 1);
    t = (x ^ (x >> 2)) & 0x0c0c_0c0c;
    x ^= t ^ (t << 2);
    t = (x ^ (x >> 4)) & 0x00f0_00f0;
    x ^= t ^ (t << 4);
    t = (x ^ (x >> 8)) & 0x0000_ff00;
    x ^= t ^ (t << 8);
    x
}

/// Inverse of [`unshuffle32`].
#[inline(always)]
const fn shuffle32(mut x: u32) -> u32 {
    let mut t = (x ^ (x >> 8)) & 0x0000_ff00;
    x ^= t ^ (t << 8);
    t = (x ^ (x >> 4)) & 0x00f0_00f0;
    x ^= t ^ (t << 4);
    t = (x ^ (x >> 2)) & 0x0c0c_0c0c;
    x ^= t ^ (t << 2);
    t = (x ^ (x >> 1)) & 0x2222_2222;
    x ^= t ^ (t << 1);
    x
}

/// `w` → (even bits, odd bits).
#[inline(always)]
const fn interleave(w: u64) -> (u32, u32) {
    let lo = unshuffle32(w as u32);
    let hi = unshuffle32((w >> 32) as u32);
    ((lo & 0xffff) | (hi << 16), (lo >> 16) | (hi & 0xffff_0000))
}

/// (even bits, odd bits) → `w`.
#[inline(always)]
const fn deinterleave(e: u32, o: u32) -> u64 {
    let lo = shuffle32((e & 0xffff) | (o << 16));
    let hi = shuffle32((e >> 16) | (o & 0xffff_0000));
    ((hi as u64) << 32) | lo as u64
}

/// Rotates the 64-bit word `(e, o)` right by `r` bits, in the interleaved domain.
#[inline(always)]
const fn ror(e: u32, o: u32, r: u32) -> (u32, u32) {
    if r.is_multiple_of(2) {
        (e.rotate_right(r / 2), o.rotate_right(r / 2))
    } else {
        (o.rotate_right((r - 1) / 2), e.rotate_right(r.div_ceil(2)))
    }
}

/// `x ⊕ (x ⋙ a) ⊕ (x ⋙ b)` on an interleaved word.
#[inline(always)]
const fn diffuse(e: u32, o: u32, a: u32, b: u32) -> (u32, u32) {
    let (ea, oa) = ror(e, o, a);
    let (eb, ob) = ror(e, o, b);
    (e ^ ea ^ eb, o ^ oa ^ ob)
}

/// Interleaved round constants, for rounds 0..12 of the 12-round schedule.
const RC_BI: [(u32, u32); 12] = {
    let mut out = [(0u32, 0u32); 12];
    let mut i = 0;
    while i < 12 {
        out[i] = interleave(permutation::RC[i]);
        i += 1;
    }
    out
};

#[inline(always)]
fn round_bi(s: &mut [u32; 10], (ce, co): (u32, u32)) {
    let [e0, o0, e1, o1, e2, o2, e3, o3, e4, o4] = *s;
    let [e0, e1, e2, e3, e4] = sbox!(e0, e1, e2 ^ ce, e3, e4);
    let [o0, o1, o2, o3, o4] = sbox!(o0, o1, o2 ^ co, o3, o4);
    let (e0, o0) = diffuse(e0, o0, 19, 28);
    let (e1, o1) = diffuse(e1, o1, 61, 39);
    let (e2, o2) = diffuse(e2, o2, 1, 6);
    let (e3, o3) = diffuse(e3, o3, 10, 17);
    let (e4, o4) = diffuse(e4, o4, 7, 41);
    *s = [e0, o0, e1, o1, e2, o2, e3, o3, e4, o4];
}

/// The last `ROUNDS` rounds, written out: on 32-bit CPUs an unrolled permutation keeps the
/// ten state words in registers across rounds instead of shuffling them for a loop.
#[inline(always)]
fn permute_bi<const ROUNDS: usize>(s: &mut [u32; 10]) {
    macro_rules! rounds {
        ($($i:literal)*) => {$(
            if $i >= 12 - ROUNDS {
                round_bi(s, RC_BI[$i]);
            }
        )*};
    }
    rounds!(0 1 2 3 4 5 6 7 8 9 10 11);
}

impl Lanes for Interleaved {
    const BACKEND: Backend = Backend::PortableBi32;
    #[inline(always)]
    fn from_words(w: State) -> Self {
        let mut s = [0u32; 10];
        for (i, &w) in w.iter().enumerate() {
            (s[2 * i], s[2 * i + 1]) = interleave(w);
        }
        Interleaved(s)
    }
    #[inline(always)]
    fn word(&self, i: usize) -> u64 {
        deinterleave(self.0[2 * i], self.0[2 * i + 1])
    }
    #[inline(always)]
    fn xor_word(&mut self, i: usize, w: u64) {
        let (e, o) = interleave(w);
        self.0[2 * i] ^= e;
        self.0[2 * i + 1] ^= o;
    }
    #[inline(always)]
    fn set_word(&mut self, i: usize, w: u64) {
        (self.0[2 * i], self.0[2 * i + 1]) = interleave(w);
    }
    #[inline(always)]
    fn p12(&mut self) {
        p12_bi(&mut self.0);
    }
    #[inline(always)]
    fn p8(&mut self) {
        p8_bi(&mut self.0);
    }
    #[inline(always)]
    fn wipe(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

// One out-of-line copy of each unrolled permutation: inlining them at every call site of
// the modes multiplies code size (about 4x for Ascon-AEAD128 on Cortex-M4) for a few
// percent of speed.
#[inline(never)]
fn p12_bi(s: &mut [u32; 10]) {
    round_bi(s, RC_BI[0]);
    round_bi(s, RC_BI[1]);
    round_bi(s, RC_BI[2]);
    round_bi(s, RC_BI[3]);
    p8_bi(s);
}

#[inline(never)]
fn p8_bi(s: &mut [u32; 10]) {
    permute_bi::<8>(s);
}

/// The representation the Ascon modes use on this target (see the module docs).
#[cfg(any(
    mamori_ascon = "bi32",
    all(not(mamori_ascon = "native"), not(target_pointer_width = "64"))
))]
pub type Selected = Interleaved;

/// The representation the Ascon modes use on this target (see the module docs).
#[cfg(not(any(
    mamori_ascon = "bi32",
    all(not(mamori_ascon = "native"), not(target_pointer_width = "64"))
)))]
pub type Selected = Native;

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_interleave(w: u64) -> (u32, u32) {
        let (mut e, mut o) = (0u32, 0u32);
        for k in 0..32 {
            e |= (((w >> (2 * k)) & 1) as u32) << k;
            o |= (((w >> (2 * k + 1)) & 1) as u32) << k;
        }
        (e, o)
    }

    fn rng(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        *seed ^ (*seed >> 29)
    }

    #[test]
    fn interleave_is_the_even_odd_split_and_inverts() {
        let mut seed = 1;
        for w in [
            0,
            1,
            2,
            u64::MAX,
            0x8000_0000_0000_0000,
            0x0123_4567_89ab_cdef,
        ]
        .into_iter()
        .chain((0..1000).map(|_| rng(&mut seed)))
        {
            assert_eq!(interleave(w), naive_interleave(w), "{w:#x}");
            let (e, o) = interleave(w);
            assert_eq!(deinterleave(e, o), w);
        }
    }

    #[test]
    fn interleaved_rotation_equals_64_bit_rotation() {
        let mut seed = 2;
        for _ in 0..200 {
            let w = rng(&mut seed);
            let (e, o) = interleave(w);
            for r in 0..64 {
                let (re, ro) = ror(e, o, r);
                assert_eq!(deinterleave(re, ro), w.rotate_right(r), "r={r}");
            }
        }
    }

    #[test]
    fn interleaved_permutation_equals_native() {
        let mut seed = 3;
        for _ in 0..200 {
            let words: State = core::array::from_fn(|_| rng(&mut seed));
            let (mut n, mut b) = (Native::from_words(words), Interleaved::from_words(words));
            n.p8();
            b.p8();
            n.xor_word(2, 0x55);
            b.xor_word(2, 0x55);
            n.p12();
            b.p12();
            for i in 0..5 {
                assert_eq!(b.word(i), n.word(i), "word {i}");
            }
            n.set_word(4, 7);
            b.set_word(4, 7);
            assert_eq!(b.word(4), n.word(4));
        }
    }
}
