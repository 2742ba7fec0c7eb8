//! Four Keccak-f\[1600\] permutations side by side, and a sponge over four states.
//!
//! ML-KEM and ML-DSA sample many independent matrix entries and noise polynomials, each
//! from its own SHAKE instance; four of them run in lockstep here, one 64-bit lane of each
//! state in each of four slots of a vector register.
//!
//! * [`StateX4`]: the four states interleaved, lane `i` of instance `j` at `s[i][j]`.
//! * [`KeccakX4`]: a backend permuting the four states. A value of a backend is the proof
//!   that it runs on this CPU; only [`PortableX4`] can be made without a check.
//! * [`PortableX4`]: plain Rust, on every target.
//! * `Avx2X4` (x86-64): the four states in 25 `__m256i` (AVX2), made by `Avx2X4::detect`.
//! * `Avx512X4` (x86-64): the same on AVX-512VL (rotate and ternary-logic instructions),
//!   made by `Avx512X4::detect`.
//! * [`SpongeX4`]: four byte-oriented sponges of one rate, equal to four
//!   [`Sponge`](super::Sponge)s byte for byte, fed inputs of equal lengths.
//! * [`hash_x4`]: up to four one-shot hashes of one rate over messages of different
//!   lengths, each with its own domain byte (SHA3-256 of one message and SHAKE256 of
//!   another, say), returning each one's first output block.
//!
//! Every backend is constant-time: no branch or index depends on the state.

use zeroize::Zeroize;

use super::permutation::RC;

/// Four Keccak-f\[1600\] states, interleaved: lane `i` of instance `j` is `s[i][j]`.
pub type StateX4 = [[u64; 4]; 25];

/// One round of Keccak-f\[1600\] on `$a`, an array of 25 lane values of any type, given
/// the backend's operations as macros: `$xor!(x, y)`, `$xor5!(v, w, x, y, z)`,
/// `$chi!(x, y, z)` (`x ^ (!y & z)`), `$rol!(x, N)` (rotation left by the literal `N` in
/// each 64-bit slot) and the round constant `$rc` as a lane value. Written out with
/// constant indices only, so the lanes stay in registers.
macro_rules! keccak_round {
    ($a:ident, $rc:expr, $xor:ident, $xor5:ident, $chi:ident, $rol:ident) => {{
        // θ: column parities, and what each column adds to its lanes.
        let c0 = $xor5!($a[0], $a[5], $a[10], $a[15], $a[20]);
        let c1 = $xor5!($a[1], $a[6], $a[11], $a[16], $a[21]);
        let c2 = $xor5!($a[2], $a[7], $a[12], $a[17], $a[22]);
        let c3 = $xor5!($a[3], $a[8], $a[13], $a[18], $a[23]);
        let c4 = $xor5!($a[4], $a[9], $a[14], $a[19], $a[24]);
        let d0 = $xor!(c4, $rol!(c1, 1));
        let d1 = $xor!(c0, $rol!(c2, 1));
        let d2 = $xor!(c1, $rol!(c3, 1));
        let d3 = $xor!(c2, $rol!(c4, 1));
        let d4 = $xor!(c3, $rol!(c0, 1));
        // θ's addition, ρ and π: lane (x, y) moves to (y, 2x + 3y), rotated by its offset;
        // `bK` is the lane arriving at index K.
        let b0 = $xor!($a[0], d0);
        let b1 = $rol!($xor!($a[6], d1), 44);
        let b2 = $rol!($xor!($a[12], d2), 43);
        let b3 = $rol!($xor!($a[18], d3), 21);
        let b4 = $rol!($xor!($a[24], d4), 14);
        let b5 = $rol!($xor!($a[3], d3), 28);
        let b6 = $rol!($xor!($a[9], d4), 20);
        let b7 = $rol!($xor!($a[10], d0), 3);
        let b8 = $rol!($xor!($a[16], d1), 45);
        let b9 = $rol!($xor!($a[22], d2), 61);
        let b10 = $rol!($xor!($a[1], d1), 1);
        let b11 = $rol!($xor!($a[7], d2), 6);
        let b12 = $rol!($xor!($a[13], d3), 25);
        let b13 = $rol!($xor!($a[19], d4), 8);
        let b14 = $rol!($xor!($a[20], d0), 18);
        let b15 = $rol!($xor!($a[4], d4), 27);
        let b16 = $rol!($xor!($a[5], d0), 36);
        let b17 = $rol!($xor!($a[11], d1), 10);
        let b18 = $rol!($xor!($a[17], d2), 15);
        let b19 = $rol!($xor!($a[23], d3), 56);
        let b20 = $rol!($xor!($a[2], d2), 62);
        let b21 = $rol!($xor!($a[8], d3), 55);
        let b22 = $rol!($xor!($a[14], d4), 39);
        let b23 = $rol!($xor!($a[15], d0), 41);
        let b24 = $rol!($xor!($a[21], d1), 2);
        // χ row by row, and ι.
        $a = [
            $xor!($chi!(b0, b1, b2), $rc),
            $chi!(b1, b2, b3),
            $chi!(b2, b3, b4),
            $chi!(b3, b4, b0),
            $chi!(b4, b0, b1),
            $chi!(b5, b6, b7),
            $chi!(b6, b7, b8),
            $chi!(b7, b8, b9),
            $chi!(b8, b9, b5),
            $chi!(b9, b5, b6),
            $chi!(b10, b11, b12),
            $chi!(b11, b12, b13),
            $chi!(b12, b13, b14),
            $chi!(b13, b14, b10),
            $chi!(b14, b10, b11),
            $chi!(b15, b16, b17),
            $chi!(b16, b17, b18),
            $chi!(b17, b18, b19),
            $chi!(b18, b19, b15),
            $chi!(b19, b15, b16),
            $chi!(b20, b21, b22),
            $chi!(b21, b22, b23),
            $chi!(b22, b23, b24),
            $chi!(b23, b24, b20),
            $chi!(b24, b20, b21),
        ];
    }};
}

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
mod avx512;
#[cfg(target_arch = "x86_64")]
pub use avx2::Avx2X4;
#[cfg(target_arch = "x86_64")]
pub use avx512::Avx512X4;

/// The fastest four-way backend this x86-64 CPU runs: [`Avx512X4`] where AVX-512VL is
/// available (its rotate and ternary-logic instructions make the permutation about 1.9x
/// faster than [`Avx2X4`] on AMD Zen 4, see `examples/keccak_x4_speed.rs`), else
/// [`Avx2X4`]. Chosen once by [`FastestX4::detect`] (the feature tests are cached); each
/// permutation then dispatches on the stored choice, a branch on a constant of the run.
///
/// It lets code that is compiled for AVX2 only (the AVX2 lattice backends, which the
/// dispatchers prefer even on AVX-512 CPUs) hash with the AVX-512VL permutation: the
/// permutation is its own `#[target_feature]` function, called, not inlined.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy, Debug)]
pub struct FastestX4(Fastest);

#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy, Debug)]
enum Fastest {
    Avx512(Avx512X4),
    Avx2(Avx2X4),
}

#[cfg(target_arch = "x86_64")]
impl FastestX4 {
    /// [`Avx512X4`] if this CPU has it, else [`Avx2X4`] if it has that, else `None`.
    #[must_use]
    pub fn detect() -> Option<Self> {
        Avx512X4::detect()
            .map(Fastest::Avx512)
            .or_else(|| Avx2X4::detect().map(Fastest::Avx2))
            .map(FastestX4)
    }

    /// Whether the choice is the AVX-512VL backend.
    #[must_use]
    pub fn is_avx512(self) -> bool {
        matches!(self.0, Fastest::Avx512(_))
    }
}

#[cfg(target_arch = "x86_64")]
impl KeccakX4 for FastestX4 {
    #[inline]
    fn permute(self, s: &mut StateX4) {
        match self.0 {
            Fastest::Avx512(k) => k.permute(s),
            Fastest::Avx2(k) => k.permute(s),
        }
    }

    #[inline]
    fn beats_scalar(self) -> bool {
        self.is_avx512()
    }
}

/// A backend that permutes four states at once. A value is the proof that the backend runs
/// on this CPU (like the AES-round words in [`crate::aes_round`]).
pub trait KeccakX4: Copy {
    /// Keccak-f\[1600\] on each of the four states.
    fn permute(self, s: &mut StateX4);

    /// Whether one permutation of four states here costs less than one scalar
    /// [`keccak_f1600`](super::keccak_f1600), so that even a single hash is faster on
    /// this backend with three lanes idle. True for AVX-512VL (about 530 against 680
    /// cycles on AMD Zen 4, `examples/keccak_x4_speed.rs`), false by default.
    fn beats_scalar(self) -> bool {
        false
    }
}

/// Portable: always available. Plain Rust on the interleaved layout: each round runs on
/// the four instances in a loop over the instance (one lane of it from each slot), a loop
/// the compiler vectorises where the target has vectors wide enough (four slots per AVX2
/// register when built with `-Ctarget-cpu=x86-64-v3`); without them it is still faster
/// than four calls of the scalar permutation (see `examples/keccak_x4_speed.rs`).
#[derive(Clone, Copy, Debug, Default)]
pub struct PortableX4;

impl KeccakX4 for PortableX4 {
    #[inline]
    fn permute(self, s: &mut StateX4) {
        macro_rules! xor {
            ($x:expr, $y:expr) => {
                $x ^ $y
            };
        }
        macro_rules! xor5 {
            ($v:expr, $w:expr, $x:expr, $y:expr, $z:expr) => {
                $v ^ $w ^ $x ^ $y ^ $z
            };
        }
        macro_rules! chi {
            ($x:expr, $y:expr, $z:expr) => {
                $x ^ (!$y & $z)
            };
        }
        macro_rules! rol {
            ($x:expr, $n:literal) => {
                u64::rotate_left($x, $n)
            };
        }
        // A local copy, as in the scalar permutation: the lanes stay out of the caller's
        // memory across the rounds.
        let mut a = *s;
        for rc in RC {
            // The instance loop inside the round (not the rounds inside an instance loop):
            // its iterations are independent with unit-stride loads and stores, the shape
            // the loop vectoriser turns into one vector iteration.
            for j in 0..4 {
                let mut l: [u64; 25] = core::array::from_fn(|i| a[i][j]);
                keccak_round!(l, rc, xor, xor5, chi, rol);
                for (lane, v) in a.iter_mut().zip(l) {
                    lane[j] = v;
                }
            }
        }
        *s = a;
        a.zeroize();
    }
}

/// A sponge over four Keccak states with the same rate `RATE` (bytes, a multiple of 8,
/// below 200), run in lockstep: instance `j` absorbs `data[j]` of every
/// [`absorb`](Self::absorb) and squeezes into `out[j]` of every [`squeeze`](Self::squeeze).
/// The four inputs of a call always have equal lengths (the array types enforce it), so
/// the four instances always need the permutation at the same time; each instance gives
/// exactly what a [`Sponge<RATE>`](super::Sponge) given the same calls gives.
///
/// The states are wiped on drop.
#[derive(Clone)]
pub struct SpongeX4<P: KeccakX4, const RATE: usize> {
    state: StateX4,
    /// Absorbing: bytes buffered in the current block. Squeezing: bytes of the current
    /// block already read.
    pos: usize,
    squeezing: bool,
    backend: P,
}

/// XORs `bytes` into instance `j` of `state` from byte `at` of the rate: whole lanes where
/// aligned, single bytes at the edges.
#[inline]
fn xor_instance(state: &mut StateX4, j: usize, mut at: usize, mut bytes: &[u8]) {
    while !at.is_multiple_of(8) && !bytes.is_empty() {
        state[at / 8][j] ^= u64::from(bytes[0]) << (8 * (at % 8));
        at += 1;
        bytes = &bytes[1..];
    }
    let (words, rest) = bytes.as_chunks::<8>();
    for (lane, w) in state[at / 8..].iter_mut().zip(words) {
        lane[j] ^= u64::from_le_bytes(*w);
    }
    at += 8 * words.len();
    for (i, &b) in rest.iter().enumerate() {
        state[at / 8][j] ^= u64::from(b) << (8 * i);
    }
}

/// Copies `out.len()` bytes of instance `j` of `state` from byte `at` of the rate: whole
/// lanes where aligned, single bytes at the edges.
#[inline]
fn read_instance(state: &StateX4, j: usize, mut at: usize, mut out: &mut [u8]) {
    while !at.is_multiple_of(8) && !out.is_empty() {
        out[0] = (state[at / 8][j] >> (8 * (at % 8))) as u8;
        at += 1;
        out = &mut out[1..];
    }
    let (words, rest) = out.as_chunks_mut::<8>();
    let n = words.len();
    for (w, lane) in words.iter_mut().zip(&state[at / 8..]) {
        *w = lane[j].to_le_bytes();
    }
    at += 8 * n;
    for (i, o) in rest.iter_mut().enumerate() {
        *o = (state[at / 8][j] >> (8 * i)) as u8;
    }
}

impl<P: KeccakX4, const RATE: usize> SpongeX4<P, RATE> {
    const RATE_OK: () = assert!(RATE.is_multiple_of(8) && RATE > 0 && RATE < 200);

    /// Four all-zero states, absorbing, permuted by `backend`.
    #[must_use]
    pub fn new(backend: P) -> Self {
        let () = Self::RATE_OK;
        Self {
            state: [[0; 4]; 25],
            pos: 0,
            squeezing: false,
            backend,
        }
    }

    /// XORs `data[j]` into instance `j` from byte `at` of the rate (the four of equal
    /// length, `at + len <= RATE`).
    #[inline]
    fn xor_bytes(&mut self, at: usize, data: [&[u8]; 4]) {
        for (j, d) in data.into_iter().enumerate() {
            xor_instance(&mut self.state, j, at, d);
        }
    }

    /// Absorbs `data[j]` into instance `j` (before [`finish`](Self::finish)).
    #[inline]
    pub fn absorb<const L: usize>(&mut self, data: [&[u8; L]; 4]) {
        debug_assert!(!self.squeezing);
        let mut data: [&[u8]; 4] = data.map(|d| d.as_slice());
        if self.pos > 0 {
            let take = (RATE - self.pos).min(L);
            self.xor_bytes(self.pos, data.map(|d| &d[..take]));
            self.pos += take;
            data = data.map(|d| &d[take..]);
            if self.pos < RATE {
                return;
            }
            self.backend.permute(&mut self.state);
            self.pos = 0;
        }
        // Whole blocks by splitting, not `chunks_exact(RATE)` (no division by the rate; see
        // `Sponge::absorb`).
        while data[0].len() >= RATE {
            for (j, d) in data.iter_mut().enumerate() {
                let (block, rest) = d.split_at(RATE);
                for (lane, word) in self.state.iter_mut().zip(block.as_chunks::<8>().0) {
                    lane[j] ^= u64::from_le_bytes(*word);
                }
                *d = rest;
            }
            self.backend.permute(&mut self.state);
        }
        self.pos = data[0].len();
        self.xor_bytes(0, data);
    }

    /// Pads each instance with the domain-separation bits `ds` (SHA-3: `0x06`, SHAKE:
    /// `0x1f`, which include the first bit of pad10*1) and the final `0x80`, permutes, and
    /// starts squeezing.
    #[inline]
    pub fn finish(&mut self, ds: u8) {
        debug_assert!(!self.squeezing);
        self.xor_bytes(self.pos, [&[ds]; 4]);
        self.xor_bytes(RATE - 1, [&[0x80]; 4]);
        self.backend.permute(&mut self.state);
        self.pos = 0;
        self.squeezing = true;
    }

    /// Squeezes `L` bytes of instance `j` into `out[j]` (after [`finish`](Self::finish));
    /// further calls continue the four streams. The permutation runs only when another
    /// block is needed.
    #[inline]
    pub fn squeeze<const L: usize>(&mut self, out: [&mut [u8; L]; 4]) {
        debug_assert!(self.squeezing);
        let mut out: [&mut [u8]; 4] = out.map(|o| o.as_mut_slice());
        let mut left = L;
        while left > 0 {
            if self.pos == RATE {
                self.backend.permute(&mut self.state);
                self.pos = 0;
            }
            let take = (RATE - self.pos).min(left);
            for (j, o) in out.iter_mut().enumerate() {
                let (head, rest) = core::mem::take(o).split_at_mut(take);
                read_instance(&self.state, j, self.pos, head);
                *o = rest;
            }
            self.pos += take;
            left -= take;
        }
    }

    /// Zeroes the four states.
    pub fn wipe(&mut self) {
        self.state.zeroize();
        self.pos = 0;
    }
}

impl<P: KeccakX4, const RATE: usize> Drop for SpongeX4<P, RATE> {
    fn drop(&mut self) {
        self.wipe();
    }
}

/// Up to four one-shot Keccak hashes at one rate `RATE` (bytes, a multiple of 8, below
/// 200), on one four-way state: message `j` is the concatenation of the parts `input[j].0`,
/// padded with its own domain-separation byte `input[j].1` (SHA-3: `0x06`, SHAKE: `0x1f`)
/// and the final `0x80`, and `out[j]` is its first `OUT <= RATE` output bytes: what
/// [`Sponge<RATE>`](super::Sponge) gives after `absorb` of the parts, `finish(ds)` and one
/// `squeeze` of `OUT` bytes. For example SHA3-256 of one message and SHAKE256 of another,
/// both at rate 136, or `N = 4` SHAKE128 hashes of different lengths.
///
/// The messages may have different lengths. All lanes absorb together, block by block; a
/// message that ends early has its output read right after the permutation of its last
/// block, and its lane is then permuted along with the others but no longer read. Lanes
/// beyond `N` are not used. The call runs `max_j floor(len_j / RATE) + 1` four-way
/// permutations.
///
/// Constant-time in the message bytes: the loop counts and branches depend on the lengths
/// only (which the caller must be allowed to reveal). The state is wiped before returning.
#[must_use]
#[inline]
pub fn hash_x4<P: KeccakX4, const RATE: usize, const OUT: usize, const N: usize>(
    backend: P,
    input: [(&[&[u8]], u8); N],
) -> [[u8; OUT]; N] {
    const {
        assert!(RATE.is_multiple_of(8) && RATE > 0 && RATE < 200);
        assert!(OUT <= RATE && N <= 4);
    }
    let lens: [usize; N] = input.map(|(parts, _)| parts.iter().map(|p| p.len()).sum());
    let mut state: StateX4 = [[0; 4]; 25];
    let mut out = [[0u8; OUT]; N];
    let mut done = [false; N];
    // Byte offset of the current block in every message. A lane that is not done has
    // `lens[j] >= off`: it would have taken its padding in an earlier block otherwise.
    let mut off = 0;
    while !done.iter().all(|&d| d) {
        let mut last = [false; N];
        for (j, (&(parts, ds), &len)) in input.iter().zip(&lens).enumerate() {
            if done[j] {
                continue;
            }
            // The bytes of every part within the block `[off, off + RATE)`.
            let mut start = 0;
            for part in parts {
                let lo = start.max(off);
                let hi = (start + part.len()).min(off + RATE);
                if lo < hi {
                    xor_instance(&mut state, j, lo - off, &part[lo - start..hi - start]);
                }
                start += part.len();
            }
            if len - off < RATE {
                xor_instance(&mut state, j, len - off, &[ds]);
                xor_instance(&mut state, j, RATE - 1, &[0x80]);
                last[j] = true;
            }
        }
        backend.permute(&mut state);
        for (j, o) in out.iter_mut().enumerate() {
            if last[j] {
                read_instance(&state, j, 0, o);
                done[j] = true;
            }
        }
        off += RATE;
    }
    state.zeroize();
    out
}
