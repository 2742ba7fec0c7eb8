//! PLACEHOLDER (being replaced by the bitsliced backend): table-based, NOT constant time.
use super::{AesWord, Block};
use crate::Backend;

/// One 128-bit lane, portable.
#[derive(Clone, Copy, Debug)]
pub struct Portable(Block);

impl Portable {
    pub(super) const ZERO: Portable = Portable([0; 16]);
}

fn sbox(x: u8) -> u8 {
    // multiplicative inverse by exponentiation x^254, then affine map
    fn mul(mut a: u8, mut b: u8) -> u8 {
        let mut p = 0u8;
        for _ in 0..8 {
            p ^= a & 0u8.wrapping_sub(b & 1);
            let hi = a >> 7;
            a = (a << 1) ^ (0x1b & 0u8.wrapping_sub(hi));
            b >>= 1;
        }
        p
    }
    let mut r = 1u8;
    let mut base = x;
    let mut e = 254u8;
    while e > 0 {
        if e & 1 == 1 {
            r = mul(r, base);
        }
        base = mul(base, base);
        e >>= 1;
    }
    r ^ r.rotate_left(1) ^ r.rotate_left(2) ^ r.rotate_left(3) ^ r.rotate_left(4) ^ 0x63
}

fn xtime(a: u8) -> u8 {
    (a << 1) ^ (0x1b & 0u8.wrapping_sub(a >> 7))
}

impl AesWord for Portable {
    const LANES: usize = 1;
    const BACKEND: Backend = Backend::Portable;
    type Single = Portable;
    fn zero(self) -> Self { Portable([0; 16]) }
    fn splat(self, block: &Block) -> Self { Portable(*block) }
    fn gather(self, mut lane: impl FnMut(usize) -> Block) -> Self { Portable(lane(0)) }
    fn scatter(self, mut f: impl FnMut(usize, Block)) { f(0, self.0) }
    fn lane(self, _i: usize) -> Self { self }
    fn from_lanes(self, mut lane: impl FnMut(usize) -> Self) -> Self { lane(0) }
    fn single(self) -> Self { self }
    fn xor(self, o: Self) -> Self { Portable(core::array::from_fn(|i| self.0[i] ^ o.0[i])) }
    fn and(self, o: Self) -> Self { Portable(core::array::from_fn(|i| self.0[i] & o.0[i])) }
    fn aes(self, k: Self) -> Self {
        let s: [u8; 16] = core::array::from_fn(|i| sbox(self.0[i]));
        // ShiftRows: byte (r, c) at index 4c + r takes (r, c + r)
        let t: [u8; 16] = core::array::from_fn(|i| {
            let (c, r) = (i / 4, i % 4);
            s[4 * ((c + r) % 4) + r]
        });
        let mut out = [0u8; 16];
        for c in 0..4 {
            let a = &t[4 * c..4 * c + 4];
            for r in 0..4 {
                out[4 * c + r] = xtime(a[r]) ^ xtime(a[(r + 1) % 4]) ^ a[(r + 1) % 4] ^ a[(r + 2) % 4] ^ a[(r + 3) % 4];
            }
        }
        Portable(core::array::from_fn(|i| out[i] ^ k.0[i]))
    }
}
