//! The portable AES round: bitsliced, four blocks at a time in eight 64-bit words (the
//! design of Thomas Pornin's BearSSL `aes_ct64`, with the Boyar–Peralta S-box circuit).
//!
//! **Constant time:** the S-box is a circuit of AND/XOR/NOT on whole words and ShiftRows and
//! MixColumns are fixed shifts and masks, so no table is read, no branch is taken and no
//! address is computed from the data; loop bounds depend only on how many rounds are asked
//! for. The round key is added by XOR after the keyless round (`AES(x, k) = A(x) ⊕ k`).
//!
//! Speed: one call costs the same for 1 to 4 blocks, so [`AesWord::aes_many`] packs the
//! independent rounds of an algorithm step four at a time (Rocca-S: 8 per block, AEGIS-256:
//! 6 per update).

use super::{AesWord, Block};
use crate::Backend;

/// One 128-bit lane, as bytes.
#[derive(Clone, Copy, Debug)]
pub struct Portable(Block);

impl Portable {
    pub(super) const ZERO: Portable = Portable([0; 16]);
}

/// Spreads four 32-bit columns into two interleaved 64-bit words (BearSSL
/// `br_aes_ct64_interleave_in`).
#[inline(always)]
fn interleave_in(w: [u32; 4]) -> (u64, u64) {
    let mut x = w.map(u64::from);
    for v in &mut x {
        *v |= *v << 16;
        *v &= 0x0000_ffff_0000_ffff;
        *v |= *v << 8;
        *v &= 0x00ff_00ff_00ff_00ff;
    }
    (x[0] | (x[2] << 8), x[1] | (x[3] << 8))
}

/// The inverse of [`interleave_in`].
#[inline(always)]
fn interleave_out(q0: u64, q1: u64) -> [u32; 4] {
    let mut x = [
        q0 & 0x00ff_00ff_00ff_00ff,
        q1 & 0x00ff_00ff_00ff_00ff,
        (q0 >> 8) & 0x00ff_00ff_00ff_00ff,
        (q1 >> 8) & 0x00ff_00ff_00ff_00ff,
    ];
    for v in &mut x {
        *v |= *v >> 8;
        *v &= 0x0000_ffff_0000_ffff;
    }
    x.map(|v| (v as u32) | ((v >> 16) as u32))
}

/// Transposes the eight words into bit planes and back (an involution).
#[inline(always)]
fn ortho(q: &mut [u64; 8]) {
    #[inline(always)]
    fn swap(q: &mut [u64; 8], i: usize, j: usize, lo: u64, s: u32) {
        let hi = !lo;
        let (a, b) = (q[i], q[j]);
        q[i] = (a & lo) | ((b & lo) << s);
        q[j] = ((a & hi) >> s) | (b & hi);
    }
    for (i, j) in [(0, 1), (2, 3), (4, 5), (6, 7)] {
        swap(q, i, j, 0x5555_5555_5555_5555, 1);
    }
    for (i, j) in [(0, 2), (1, 3), (4, 6), (5, 7)] {
        swap(q, i, j, 0x3333_3333_3333_3333, 2);
    }
    for (i, j) in [(0, 4), (1, 5), (2, 6), (3, 7)] {
        swap(q, i, j, 0x0f0f_0f0f_0f0f_0f0f, 4);
    }
}

/// SubBytes on the bit planes: the Boyar–Peralta circuit (113 gates).
#[inline(always)]
#[allow(clippy::many_single_char_names)]
fn sbox(q: &mut [u64; 8]) {
    let [x7, x6, x5, x4, x3, x2, x1, x0] = *q;

    // Top linear transformation.
    let y14 = x3 ^ x5;
    let y13 = x0 ^ x6;
    let y9 = x0 ^ x3;
    let y8 = x0 ^ x5;
    let t0 = x1 ^ x2;
    let y1 = t0 ^ x7;
    let y4 = y1 ^ x3;
    let y12 = y13 ^ y14;
    let y2 = y1 ^ x0;
    let y5 = y1 ^ x6;
    let y3 = y5 ^ y8;
    let t1 = x4 ^ y12;
    let y15 = t1 ^ x5;
    let y20 = t1 ^ x1;
    let y6 = y15 ^ x7;
    let y10 = y15 ^ t0;
    let y11 = y20 ^ y9;
    let y7 = x7 ^ y11;
    let y17 = y10 ^ y11;
    let y19 = y10 ^ y8;
    let y16 = t0 ^ y11;
    let y21 = y13 ^ y16;
    let y18 = x0 ^ y16;

    // Non-linear section.
    let t2 = y12 & y15;
    let t3 = y3 & y6;
    let t4 = t3 ^ t2;
    let t5 = y4 & x7;
    let t6 = t5 ^ t2;
    let t7 = y13 & y16;
    let t8 = y5 & y1;
    let t9 = t8 ^ t7;
    let t10 = y2 & y7;
    let t11 = t10 ^ t7;
    let t12 = y9 & y11;
    let t13 = y14 & y17;
    let t14 = t13 ^ t12;
    let t15 = y8 & y10;
    let t16 = t15 ^ t12;
    let t17 = t4 ^ t14;
    let t18 = t6 ^ t16;
    let t19 = t9 ^ t14;
    let t20 = t11 ^ t16;
    let t21 = t17 ^ y20;
    let t22 = t18 ^ y19;
    let t23 = t19 ^ y21;
    let t24 = t20 ^ y18;
    let t25 = t21 ^ t22;
    let t26 = t21 & t23;
    let t27 = t24 ^ t26;
    let t28 = t25 & t27;
    let t29 = t28 ^ t22;
    let t30 = t23 ^ t24;
    let t31 = t22 ^ t26;
    let t32 = t31 & t30;
    let t33 = t32 ^ t24;
    let t34 = t23 ^ t33;
    let t35 = t27 ^ t33;
    let t36 = t24 & t35;
    let t37 = t36 ^ t34;
    let t38 = t27 ^ t36;
    let t39 = t29 & t38;
    let t40 = t25 ^ t39;
    let t41 = t40 ^ t37;
    let t42 = t29 ^ t33;
    let t43 = t29 ^ t40;
    let t44 = t33 ^ t37;
    let t45 = t42 ^ t41;
    let z0 = t44 & y15;
    let z1 = t37 & y6;
    let z2 = t33 & x7;
    let z3 = t43 & y16;
    let z4 = t40 & y1;
    let z5 = t29 & y7;
    let z6 = t42 & y11;
    let z7 = t45 & y17;
    let z8 = t41 & y10;
    let z9 = t44 & y12;
    let z10 = t37 & y3;
    let z11 = t33 & y4;
    let z12 = t43 & y13;
    let z13 = t40 & y5;
    let z14 = t29 & y2;
    let z15 = t42 & y9;
    let z16 = t45 & y14;
    let z17 = t41 & y8;

    // Bottom linear transformation.
    let t46 = z15 ^ z16;
    let t47 = z10 ^ z11;
    let t48 = z5 ^ z13;
    let t49 = z9 ^ z10;
    let t50 = z2 ^ z12;
    let t51 = z2 ^ z5;
    let t52 = z7 ^ z8;
    let t53 = z0 ^ z3;
    let t54 = z6 ^ z7;
    let t55 = z16 ^ z17;
    let t56 = z12 ^ t48;
    let t57 = t50 ^ t53;
    let t58 = z4 ^ t46;
    let t59 = z3 ^ t54;
    let t60 = t46 ^ t57;
    let t61 = z14 ^ t57;
    let t62 = t52 ^ t58;
    let t63 = t49 ^ t58;
    let t64 = z4 ^ t59;
    let t65 = t61 ^ t62;
    let t66 = z1 ^ t63;
    let s0 = t59 ^ t63;
    let s6 = t56 ^ !t62;
    let s7 = t48 ^ !t60;
    let t67 = t64 ^ t65;
    let s3 = t53 ^ t66;
    let s4 = t51 ^ t66;
    let s5 = t47 ^ t65;
    let s1 = t64 ^ !s3;
    let s2 = t55 ^ !t67;

    *q = [s7, s6, s5, s4, s3, s2, s1, s0];
}

/// ShiftRows on the bit planes.
#[inline(always)]
fn shift_rows(q: &mut [u64; 8]) {
    for x in q.iter_mut() {
        let v = *x;
        *x = (v & 0x0000_0000_0000_ffff)
            | ((v & 0x0000_0000_fff0_0000) >> 4)
            | ((v & 0x0000_0000_000f_0000) << 12)
            | ((v & 0x0000_ff00_0000_0000) >> 8)
            | ((v & 0x0000_00ff_0000_0000) << 8)
            | ((v & 0xf000_0000_0000_0000) >> 12)
            | ((v & 0x0fff_0000_0000_0000) << 4);
    }
}

/// MixColumns on the bit planes.
#[inline(always)]
fn mix_columns(q: &mut [u64; 8]) {
    let r: [u64; 8] = q.map(|x| x.rotate_right(16));
    let rot32 = |x: u64| x.rotate_right(32);
    let [q0, q1, q2, q3, q4, q5, q6, q7] = *q;
    let [r0, r1, r2, r3, r4, r5, r6, r7] = r;
    *q = [
        q7 ^ r7 ^ r0 ^ rot32(q0 ^ r0),
        q0 ^ r0 ^ q7 ^ r7 ^ r1 ^ rot32(q1 ^ r1),
        q1 ^ r1 ^ r2 ^ rot32(q2 ^ r2),
        q2 ^ r2 ^ q7 ^ r7 ^ r3 ^ rot32(q3 ^ r3),
        q3 ^ r3 ^ q7 ^ r7 ^ r4 ^ rot32(q4 ^ r4),
        q4 ^ r4 ^ r5 ^ rot32(q5 ^ r5),
        q5 ^ r5 ^ r6 ^ rot32(q6 ^ r6),
        q6 ^ r6 ^ r7 ^ rot32(q7 ^ r7),
    ];
}

/// `A(x) = MixColumns(ShiftRows(SubBytes(x)))` on up to four blocks at once (the unused
/// slots of `blocks` are processed too and must be ignored by the caller).
#[inline(always)]
fn keyless_round4(blocks: &mut [Block; 4]) {
    let mut q = [0u64; 8];
    for (i, b) in blocks.iter().enumerate() {
        let w: [u32; 4] = core::array::from_fn(|j| {
            u32::from_le_bytes([b[4 * j], b[4 * j + 1], b[4 * j + 2], b[4 * j + 3]])
        });
        (q[i], q[i + 4]) = interleave_in(w);
    }
    ortho(&mut q);
    sbox(&mut q);
    shift_rows(&mut q);
    mix_columns(&mut q);
    ortho(&mut q);
    for (i, b) in blocks.iter_mut().enumerate() {
        let w = interleave_out(q[i], q[i + 4]);
        for (j, word) in w.iter().enumerate() {
            b[4 * j..4 * j + 4].copy_from_slice(&word.to_le_bytes());
        }
    }
}

#[inline(always)]
fn xor(a: Block, b: Block) -> Block {
    core::array::from_fn(|i| a[i] ^ b[i])
}

impl AesWord for Portable {
    const LANES: usize = 1;
    const BACKEND: Backend = Backend::Portable;
    type Single = Portable;

    #[inline(always)]
    fn zero(self) -> Self {
        Portable([0; 16])
    }
    #[inline(always)]
    fn splat(self, block: &Block) -> Self {
        Portable(*block)
    }
    #[inline(always)]
    fn gather(self, mut lane: impl FnMut(usize) -> Block) -> Self {
        Portable(lane(0))
    }
    #[inline(always)]
    fn scatter(self, mut f: impl FnMut(usize, Block)) {
        f(0, self.0);
    }
    #[inline(always)]
    fn lane(self, _i: usize) -> Self {
        self
    }
    #[inline(always)]
    fn from_lanes(self, mut lane: impl FnMut(usize) -> Self) -> Self {
        lane(0)
    }
    #[inline(always)]
    fn single(self) -> Self {
        self
    }
    #[inline(always)]
    fn xor(self, other: Self) -> Self {
        Portable(xor(self.0, other.0))
    }
    #[inline(always)]
    fn and(self, other: Self) -> Self {
        Portable(core::array::from_fn(|i| self.0[i] & other.0[i]))
    }
    #[inline(always)]
    fn aes(self, round_key: Self) -> Self {
        let mut b = [self.0; 4];
        keyless_round4(&mut b);
        Portable(xor(b[0], round_key.0))
    }
    #[inline(always)]
    fn aes_many<const K: usize>(x: [Self; K], k: [Self; K]) -> [Self; K] {
        // Groups of four by index (K is a constant: the loop unrolls, and no chunk
        // iterator brings a length division along).
        let mut out = x;
        let mut base = 0;
        while base < K {
            let mut b = [x[base].0; 4];
            for (j, slot) in b.iter_mut().enumerate() {
                if base + j < K {
                    *slot = x[base + j].0;
                }
            }
            keyless_round4(&mut b);
            for (j, r) in b.into_iter().enumerate() {
                if base + j < K {
                    out[base + j] = Portable(xor(r, k[base + j].0));
                }
            }
            base += 4;
        }
        out
    }
    #[inline(always)]
    fn first(self) -> Block {
        self.0
    }
}
