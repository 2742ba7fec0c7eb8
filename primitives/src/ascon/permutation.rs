//! The Ascon permutation (NIST SP 800-232 §3).
//!
//! The S-box is the bitsliced 17-instruction circuit of Bellini, Gaudry et al. (BGC,
//! "Optimizing S-box Implementations Using SAT Solvers: Revisited", ePrint 2023/1721), which
//! computes exactly the Ascon S-box χ' ∘ χ ∘ χ'' of §3.3 with one NOT instead of five; the
//! linear layer is §3.4 verbatim.

/// The 320-bit Ascon state as five 64-bit words `S_0 .. S_4` (SP 800-232 §3.1).
pub type State = [u64; 5];

/// Round constants `c_i` for the 16-round table of SP 800-232 Table 5; p\[r\] uses the last
/// `r` entries of the 12 that Ascon needs (`0xf0, 0xe1, ..., 0x4b`).
pub(crate) const RC: [u64; 12] = [
    0xf0, 0xe1, 0xd2, 0xc3, 0xb4, 0xa5, 0x96, 0x87, 0x78, 0x69, 0x5a, 0x4b,
];

/// The bitsliced Ascon S-box circuit (17 operations) on five words of any integer width:
/// the 64-bit permutation here and the bit-interleaved 32-bit one in
/// [`lanes`](super::lanes) share this one definition. Evaluates to `[y0, .., y4]`.
macro_rules! sbox {
    ($x0:expr, $x1:expr, $x2:expr, $x3:expr, $x4:expr) => {{
        let (x0, x1, x2, x3, x4) = ($x0, $x1, $x2, $x3, $x4);
        let t0 = x0 ^ x4;
        let t1 = !x4;
        let t2 = t1 | x3;
        let t3 = x1 ^ x2;
        let t4 = x3 ^ x2;
        let t5 = x3 ^ x4;
        let t6 = t0 | x1;
        let t7 = x0 | t5;
        let t8 = t4 | t3;
        let t11 = x2 & t3;
        let t12 = t6 ^ t5;
        [t12 ^ t11, t0 ^ t8, t3 ^ t2, t3 ^ t7, t0 ^ t12]
    }};
}
pub(crate) use sbox;

/// One round p = p_L ∘ p_S ∘ p_C with round constant `c`.
#[inline(always)]
const fn round(s: &mut State, c: u64) {
    let [x0, x1, x2, x3, x4] = *s;
    // p_C: constant addition (§3.2), then p_S: substitution layer (§3.3), bitsliced.
    let [y0, y1, y2, y3, y4] = sbox!(x0, x1, x2 ^ c, x3, x4);
    // p_L: linear diffusion layer (§3.4).
    *s = [
        y0 ^ y0.rotate_right(19) ^ y0.rotate_right(28),
        y1 ^ y1.rotate_right(61) ^ y1.rotate_right(39),
        y2 ^ y2.rotate_right(1) ^ y2.rotate_right(6),
        y3 ^ y3.rotate_right(10) ^ y3.rotate_right(17),
        y4 ^ y4.rotate_right(7) ^ y4.rotate_right(41),
    ];
}

/// Ascon-p\[`ROUNDS`\] (`ROUNDS` ≤ 12), usable in `const` context (initial states of the
/// hash modes are computed at compile time with it).
#[inline(always)]
pub const fn permute<const ROUNDS: usize>(s: &mut State) {
    let mut i = 12 - ROUNDS;
    while i < 12 {
        round(s, RC[i]);
        i += 1;
    }
}

/// Ascon-p\[12\].
#[inline(always)]
pub const fn p12(s: &mut State) {
    permute::<12>(s);
}

/// Ascon-p\[8\].
#[inline(always)]
pub const fn p8(s: &mut State) {
    permute::<8>(s);
}

/// Ascon-p\[6\].
#[inline(always)]
pub const fn p6(s: &mut State) {
    permute::<6>(s);
}

/// Loads up to 8 bytes little-endian into a word (missing high bytes are zero).
#[inline(always)]
#[must_use]
pub fn load_partial(bytes: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    let n = bytes.len().min(8);
    b[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(b)
}

/// Stores the low `out.len()` (≤ 8) bytes of `w` little-endian.
#[inline(always)]
pub fn store_partial(w: u64, out: &mut [u8]) {
    let n = out.len().min(8);
    out[..n].copy_from_slice(&w.to_le_bytes()[..n]);
}

/// The padding word for a partial block of `len` (< 8) bytes: `0x01` at byte `len`.
#[inline(always)]
#[must_use]
pub const fn pad(len: usize) -> u64 {
    1u64 << (8 * len)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The "naive" S-box of SP 800-232 §3.3 (χ'' ∘ χ ∘ χ', Figure 3), word by word.
    fn reference_round(s: &mut State, c: u64) {
        let mut x = *s;
        x[2] ^= c;
        x[0] ^= x[4];
        x[4] ^= x[3];
        x[2] ^= x[1];
        let t: [u64; 5] = core::array::from_fn(|i| x[i] ^ (!x[(i + 1) % 5] & x[(i + 2) % 5]));
        x = t;
        x[1] ^= x[0];
        x[0] ^= x[4];
        x[3] ^= x[2];
        x[2] = !x[2];
        linear_layer(&mut x);
        *s = x;
    }

    /// The S-box of SP 800-232 Table 6, applied to one 5-bit column.
    const SBOX: [u8; 32] = [
        0x04, 0x0b, 0x1f, 0x14, 0x1a, 0x15, 0x09, 0x02, 0x1b, 0x05, 0x08, 0x12, 0x1d, 0x03, 0x06,
        0x1c, 0x1e, 0x13, 0x07, 0x0e, 0x00, 0x0d, 0x11, 0x18, 0x10, 0x0c, 0x01, 0x19, 0x16, 0x0a,
        0x0f, 0x17,
    ];

    /// Bit `p` of every word forms column `p`; column `p` holds the 5-bit value `p % 32`
    /// (x0 is its most significant bit), so one state covers the whole S-box.
    fn columns(f: impl Fn(u64) -> u64) -> State {
        let mut s: State = [0; 5];
        for p in 0..64u64 {
            let v = f(p % 32);
            for (i, w) in s.iter_mut().enumerate() {
                *w |= ((v >> (4 - i)) & 1) << p;
            }
        }
        s
    }

    fn linear_layer(s: &mut State) {
        let r = [(19, 28), (61, 39), (1, 6), (10, 17), (7, 41)];
        for (w, (a, b)) in s.iter_mut().zip(r) {
            *w ^= w.rotate_right(a) ^ w.rotate_right(b);
        }
    }

    #[test]
    fn bitsliced_sbox_matches_table() {
        let mut via_round = columns(|v| v);
        round(&mut via_round, 0);
        let mut expected = columns(|v| u64::from(SBOX[v as usize]));
        linear_layer(&mut expected);
        assert_eq!(via_round, expected);
    }

    #[test]
    fn optimised_round_equals_reference_round() {
        let mut x: u64 = 0x0123_4567_89ab_cdef;
        for c in RC {
            let mut s: State = core::array::from_fn(|_| {
                x = x
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                x
            });
            let mut r = s;
            round(&mut s, c);
            reference_round(&mut r, c);
            assert_eq!(s, r);
        }
    }
}
