//! Keccak-f\[1600\] (FIPS 202 §3) and a byte-oriented sponge over it.
//!
//! The state is 25 lanes `A[x + 5y]` of 64 bits, little-endian in the byte view (FIPS 202
//! §3.1.2 and Appendix B.1). Each of the 24 rounds is θ, ρ and π (combined, as one walk
//! along π's single 24-cycle), χ and ι. Every index and rotation is a constant: the
//! permutation is constant-time.

use zeroize::Zeroize;

/// Lanes of the state.
pub type State = [u64; 25];

/// ι round constants `RC[i]` (FIPS 202 §3.2.5).
pub(crate) const RC: [u64; 24] = [
    0x0000_0000_0000_0001,
    0x0000_0000_0000_8082,
    0x8000_0000_0000_808a,
    0x8000_0000_8000_8000,
    0x0000_0000_0000_808b,
    0x0000_0000_8000_0001,
    0x8000_0000_8000_8081,
    0x8000_0000_0000_8009,
    0x0000_0000_0000_008a,
    0x0000_0000_0000_0088,
    0x0000_0000_8000_8009,
    0x0000_0000_8000_000a,
    0x0000_0000_8000_808b,
    0x8000_0000_0000_008b,
    0x8000_0000_0000_8089,
    0x8000_0000_0000_8003,
    0x8000_0000_0000_8002,
    0x8000_0000_0000_0080,
    0x0000_0000_0000_800a,
    0x8000_0000_8000_000a,
    0x8000_0000_8000_8081,
    0x8000_0000_0000_8080,
    0x0000_0000_8000_0001,
    0x8000_0000_8000_8008,
];

/// π visits every lane but `A[0]` in one cycle starting from `A[1]`: `PI[t]` is the lane
/// the value of step `t` moves to, and `RHO[t]` its ρ rotation (`(t+1)(t+2)/2 mod 64`,
/// FIPS 202 §3.2.2).
const PI: [usize; 24] = [
    10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1,
];
const RHO: [u32; 24] = [
    1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44,
];

/// Keccak-f\[1600\]: the 24 rounds of Keccak-p\[1600, 24\] (FIPS 202 §3.3, §3.4).
#[inline]
pub fn keccak_f1600(state: &mut State) {
    // A local copy: the compiler keeps the lanes in registers (and spill slots) across the
    // rounds instead of loading and storing through the reference at every step.
    let mut lanes = *state;
    let a = &mut lanes;
    for rc in RC {
        // θ: every lane gets the parities of two neighbouring columns.
        let c: [u64; 5] =
            core::array::from_fn(|x| a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20]);
        for x in 0..5 {
            let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
            for y in 0..5 {
                a[x + 5 * y] ^= d;
            }
        }
        // ρ and π along π's cycle.
        let mut carry = a[1];
        for t in 0..24 {
            let next = a[PI[t]];
            a[PI[t]] = carry.rotate_left(RHO[t]);
            carry = next;
        }
        // χ, row by row.
        for y in 0..5 {
            let row: [u64; 5] = core::array::from_fn(|x| a[x + 5 * y]);
            for x in 0..5 {
                a[x + 5 * y] = row[x] ^ (!row[(x + 1) % 5] & row[(x + 2) % 5]);
            }
        }
        // ι.
        a[0] ^= rc;
    }
    *state = lanes;
    lanes.zeroize();
}

/// A Keccak sponge with rate `RATE` bytes (a multiple of 8, below 200): absorb any bytes,
/// pad with the domain-separation byte, squeeze any bytes (FIPS 202 §4, §6).
///
/// The state is wiped on drop.
#[derive(Clone)]
pub struct Sponge<const RATE: usize> {
    state: State,
    /// Absorbing: bytes buffered in the current block. Squeezing: bytes of the current
    /// block already read.
    pos: usize,
    squeezing: bool,
}

impl<const RATE: usize> Default for Sponge<RATE> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const RATE: usize> Sponge<RATE> {
    const RATE_OK: () = assert!(RATE.is_multiple_of(8) && RATE > 0 && RATE < 200);

    /// The all-zero state, absorbing.
    #[must_use]
    pub const fn new() -> Self {
        let () = Self::RATE_OK;
        Self {
            state: [0; 25],
            pos: 0,
            squeezing: false,
        }
    }

    /// XORs `bytes` into the state from byte `at` of the rate (`at + bytes.len() <= RATE`):
    /// whole lanes where aligned, single bytes at the edges.
    #[inline]
    fn xor_bytes(&mut self, mut at: usize, mut bytes: &[u8]) {
        while !at.is_multiple_of(8) && !bytes.is_empty() {
            self.state[at / 8] ^= u64::from(bytes[0]) << (8 * (at % 8));
            at += 1;
            bytes = &bytes[1..];
        }
        let (words, rest) = bytes.as_chunks::<8>();
        for (lane, w) in self.state[at / 8..].iter_mut().zip(words) {
            *lane ^= u64::from_le_bytes(*w);
        }
        at += 8 * words.len();
        for (i, &b) in rest.iter().enumerate() {
            self.state[at / 8] ^= u64::from(b) << (8 * i);
        }
    }

    /// Copies `out.len()` bytes of the state from byte `at` of the rate
    /// (`at + out.len() <= RATE`): whole lanes where aligned, single bytes at the edges.
    #[inline]
    fn read_bytes(&self, mut at: usize, mut out: &mut [u8]) {
        while !at.is_multiple_of(8) && !out.is_empty() {
            out[0] = (self.state[at / 8] >> (8 * (at % 8))) as u8;
            at += 1;
            out = &mut out[1..];
        }
        let (words, rest) = out.as_chunks_mut::<8>();
        let n = words.len();
        for (w, lane) in words.iter_mut().zip(&self.state[at / 8..]) {
            *w = lane.to_le_bytes();
        }
        at += 8 * n;
        for (i, o) in rest.iter_mut().enumerate() {
            *o = (self.state[at / 8] >> (8 * i)) as u8;
        }
    }

    /// Absorbs `data` (before [`Sponge::finish`]).
    #[inline]
    pub fn absorb(&mut self, mut data: &[u8]) {
        debug_assert!(!self.squeezing);
        if self.pos > 0 {
            let take = (RATE - self.pos).min(data.len());
            self.xor_bytes(self.pos, &data[..take]);
            self.pos += take;
            data = &data[take..];
            if self.pos < RATE {
                return;
            }
            keccak_f1600(&mut self.state);
            self.pos = 0;
        }
        // Whole blocks by splitting, not `chunks_exact(RATE)`: its length division by a
        // rate that is not a power of two stays a `div` at opt-level s/z (the CT gate's
        // division scan).
        while data.len() >= RATE {
            let (block, rest) = data.split_at(RATE);
            for (lane, word) in self.state.iter_mut().zip(block.as_chunks::<8>().0) {
                *lane ^= u64::from_le_bytes(*word);
            }
            keccak_f1600(&mut self.state);
            data = rest;
        }
        self.xor_bytes(0, data);
        self.pos = data.len();
    }

    /// Pads with the domain-separation bits `ds` (SHA-3: `0x06`, SHAKE: `0x1f`, which
    /// include the first bit of pad10*1) and the final `0x80`, permutes, and starts
    /// squeezing.
    #[inline]
    pub fn finish(&mut self, ds: u8) {
        debug_assert!(!self.squeezing);
        self.xor_bytes(self.pos, &[ds]);
        self.xor_bytes(RATE - 1, &[0x80]);
        keccak_f1600(&mut self.state);
        self.pos = 0;
        self.squeezing = true;
    }

    /// Squeezes `out.len()` bytes (after [`Sponge::finish`]); the permutation runs only
    /// when another block is needed.
    #[inline]
    pub fn squeeze(&mut self, mut out: &mut [u8]) {
        debug_assert!(self.squeezing);
        while !out.is_empty() {
            if self.pos == RATE {
                keccak_f1600(&mut self.state);
                self.pos = 0;
            }
            let take = (RATE - self.pos).min(out.len());
            self.read_bytes(self.pos, &mut out[..take]);
            self.pos += take;
            out = &mut out[take..];
        }
    }

    /// Zeroes the state.
    pub fn wipe(&mut self) {
        self.state.zeroize();
        self.pos = 0;
    }
}

impl<const RATE: usize> Drop for Sponge<RATE> {
    fn drop(&mut self) {
        self.wipe();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// π's cycle and ρ's offsets, recomputed from FIPS 202 §3.2.2-3.2.3 rather than trusted.
    #[test]
    fn rho_pi_tables_follow_the_definition() {
        let (mut x, mut y) = (1usize, 0usize);
        for t in 0..24 {
            // ρ: offset (t+1)(t+2)/2 for the lane visited at step t.
            assert_eq!(RHO[t], (((t + 1) * (t + 2) / 2) % 64) as u32, "rho {t}");
            // π: A'[x, y] = A[(x + 3y) mod 5, x], i.e. lane (x, y) moves to (y, 2x + 3y).
            let (nx, ny) = (y, (2 * x + 3 * y) % 5);
            assert_eq!(PI[t], nx + 5 * ny, "pi {t}");
            (x, y) = (nx, ny);
        }
    }

    /// ι constants from the LFSR of FIPS 202 §3.2.5 (Algorithm 5).
    #[test]
    fn round_constants_follow_the_lfsr() {
        let mut r: u8 = 1;
        let mut rc_bit = || {
            let bit = r & 1;
            r = if r & 0x80 != 0 {
                (r << 1) ^ 0x71
            } else {
                r << 1
            };
            u64::from(bit)
        };
        for (i, &expected) in RC.iter().enumerate() {
            let mut rc = 0u64;
            for j in 0..7 {
                rc |= rc_bit() << ((1 << j) - 1);
            }
            assert_eq!(rc, expected, "round {i}");
        }
    }
}
