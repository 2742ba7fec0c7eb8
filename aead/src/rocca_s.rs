//! Rocca-S (IETF draft-nakano-rocca-s-05; the algorithm is unchanged since -03): 256-bit
//! key, 128-bit nonce, 256-bit tag, seven 128-bit state words, 256-bit rate, 16
//! initialization and 16 finalization rounds, key feed-forward after initialization,
//! associated data and message zero-padded to 32-byte blocks, lengths absorbed in bits.
//!
//! Written once over the AES-round word, so it runs on every backend of
//! `mamori_primitives::aes_round` (portable bitsliced, AES-NI, and VAES-256/VAES-512 for
//! batches). Encryption does the 8 AES rounds of a block (2 keystream, 6 state update) as
//! one independent group. Decryption does the same: the recovered plaintext would be the
//! round key of two of them, so they run with a zero key and the plaintext is XORed in
//! after (`AES(x, k) = AES(x, 0) ⊕ k`), which keeps decryption off the AES latency chain.

use mamori_primitives::aes_round::AesWord;
use mamori_primitives::{AlgorithmInfo, Cryptrec, Family, Security, Standard};

use crate::aes_family::{self, AesAead, Core, State, wipe_word};

/// Nonce length in bytes.
pub const NONCE_LEN: usize = 16;
/// Tag length in bytes.
pub const TAG_LEN: usize = 32;
pub use crate::aes_family::KEY_LEN;

/// Z0 = 0x428a2f98d728ae227137449123ef65cd, stored little-endian (draft §2).
const Z0: [u8; 16] = [
    0xcd, 0x65, 0xef, 0x23, 0x91, 0x44, 0x37, 0x71, 0x22, 0xae, 0x28, 0xd7, 0x98, 0x2f, 0x8a, 0x42,
];
/// Z1 = 0xb5c0fbcfec4d3b2fe9b5dba58189dbbc, stored little-endian (draft §2).
const Z1: [u8; 16] = [
    0xbc, 0xdb, 0x89, 0x81, 0xa5, 0xdb, 0xb5, 0xe9, 0x2f, 0x3b, 0x4d, 0xec, 0xcf, 0xfb, 0xc0, 0xb5,
];

/// The Rocca-S algorithm (a marker for [`AesAead`]).
#[derive(Clone, Copy, Debug)]
pub enum RoccaSCore {}

/// A Rocca-S key, ready to seal and open single messages and batches.
pub type RoccaS = AesAead<RoccaSCore>;

/// One message of a Rocca-S batch.
pub type Message<'a> = aes_family::Message<'a, RoccaSCore>;

/// The Rocca-S state `S[0..7]` over the word `W`.
pub struct RoccaState<W: AesWord> {
    s: [W; 7],
    zero: W,
}

impl<W: AesWord> RoccaState<W> {
    /// The round function R(S, X0, X1) of draft §4: every new word from the old state.
    ///
    /// `S'[3] = A(S[2]) ⊕ S[6]` takes its key after the AES round (`AES(x, k) = A(x) ⊕ k`):
    /// the key operand of `AESENC` has the full AES latency, and `S[3] → S[4] → S[5] → S[6]
    /// → S[3]` is the longest cycle; as an XOR that edge costs one cycle.
    #[inline(always)]
    fn round(&mut self, x0: W, x1: W) {
        let [s0, s1, s2, s3, s4, s5, s6] = self.s;
        let [a1, a2, a3, a4, a5, a6] =
            W::aes_many([s0, s1, s2, s3, s4, s5], [x0, s0, self.zero, x1, s3, s4]);
        self.s = [s6.xor(s1), a1, a2, a3.xor(s6), a4, a5, a6];
    }

    /// Decryption of one block: keystream and state update. The ciphertext goes into the
    /// keystream rounds' key (`M = AES(x, k) ⊕ C = AES(x, k ⊕ C)`), and the plaintext, which
    /// would be the round key of `S'[1]` and `S'[4]`, is XORed in after their AES rounds
    /// (`AES(x, M) = AES(x, 0) ⊕ M`), so those rounds need not wait for it.
    /// `plain([m0, m1])` may mask the plaintext (for the last, partial block).
    #[inline(always)]
    fn decrypt_step(&mut self, [c0, c1]: [W; 2], plain: impl FnOnce([W; 2]) -> [W; 2]) -> [W; 2] {
        let [s0, s1, s2, s3, s4, s5, s6] = self.s;
        let z = self.zero;
        let [k0, k1, a1, a2, a3, a4, a5, a6] = W::aes_many(
            [s3.xor(s5), s4.xor(s6), s0, s1, s2, s3, s4, s5],
            [s0.xor(c0), s2.xor(c1), z, s0, s6, z, s3, s4],
        );
        let [m0, m1] = plain([k0, k1]);
        self.s = [s6.xor(s1), a1.xor(m0), a2, a3, a4.xor(m1), a5, a6];
        [m0, m1]
    }
}

impl<W: AesWord> State<W> for RoccaState<W> {
    #[inline(always)]
    fn init(w: W, [k0, k1]: [W; 2], [n, _]: [W; 2]) -> Self {
        let (z0, z1) = (w.splat(&Z0), w.splat(&Z1));
        let zero = w.zero();
        let mut st = RoccaState {
            s: [k1, n, z0, k0, z1, n.xor(k1), zero],
            zero,
        };
        for _ in 0..16 {
            st.round(z0, z1);
        }
        let s = &mut st.s;
        s[0] = s[0].xor(k0);
        s[1] = s[1].xor(k0);
        s[2] = s[2].xor(k1);
        s[3] = s[3].xor(k0);
        s[4] = s[4].xor(k0);
        s[5] = s[5].xor(k1);
        s[6] = s[6].xor(k1);
        st
    }

    #[inline(always)]
    fn absorb(&mut self, [a0, a1]: [W; 2]) {
        self.round(a0, a1);
    }

    #[inline(always)]
    fn encrypt(&mut self, [m0, m1]: [W; 2]) -> [W; 2] {
        // The plaintext is known up front: it enters as the round key of S'[1] and S'[4],
        // and into the keystream rounds' key (`AES(x, k) ⊕ M = AES(x, k ⊕ M)`), so the
        // ciphertext is an AES output. (As a final XOR on a multi-lane word, the compiler
        // splits it into per-lane XORs and keeps the message halves live.)
        let [s0, s1, s2, s3, s4, s5, s6] = self.s;
        let [c0, c1, a1, a2, a3, a4, a5, a6] = W::aes_many(
            [s3.xor(s5), s4.xor(s6), s0, s1, s2, s3, s4, s5],
            [s0.xor(m0), s2.xor(m1), m0, s0, self.zero, m1, s3, s4],
        );
        self.s = [s6.xor(s1), a1, a2, a3.xor(s6), a4, a5, a6];
        [c0, c1]
    }

    #[inline(always)]
    fn decrypt(&mut self, c: [W; 2]) -> [W; 2] {
        self.decrypt_step(c, |m| m)
    }

    #[inline(always)]
    fn decrypt_last(&mut self, c: [W; 2], [mask0, mask1]: [W; 2]) -> [W; 2] {
        self.decrypt_step(c, |[m0, m1]| [m0.and(mask0), m1.and(mask1)])
    }

    #[inline(always)]
    fn finalize(&mut self, w: W, lens: impl Fn(usize) -> (u64, u64)) -> [W; 2] {
        // LE128 of the lengths in bits (draft §9).
        let bits = |bytes: u64| (u128::from(bytes) << 3).to_le_bytes();
        let l0 = w.gather(|i| bits(lens(i).0));
        let l1 = w.gather(|i| bits(lens(i).1));
        for _ in 0..16 {
            self.round(l0, l1);
        }
        let [s0, s1, s2, s3, s4, s5, s6] = self.s;
        [s0.xor(s1).xor(s2).xor(s3), s4.xor(s5).xor(s6)]
    }

    #[inline(always)]
    fn wipe(&mut self) {
        self.s.iter_mut().for_each(wipe_word);
    }
}

impl Core for RoccaSCore {
    const RATE: usize = 32;
    const NONCE_LEN: usize = NONCE_LEN;
    const TAG_LEN: usize = TAG_LEN;
    const INFO: AlgorithmInfo = AlgorithmInfo {
        name: "rocca-s",
        aliases: &["Rocca-S", "ROCCA-S", "roccas"],
        family: Family::Aead,
        standard: Standard {
            document: "IETF draft-nakano-rocca-s-05",
            section: "§4-§9 Rocca-S",
        },
        security: Security {
            classical_bits: 256,
            pq_category: None,
        },
        sizes: &[("key", KEY_LEN), ("nonce", NONCE_LEN), ("tag", TAG_LEN)],
        cryptrec: Cryptrec::NotListed,
    };
    type State<W: AesWord> = RoccaState<W>;

    #[inline(always)]
    fn lane<W: AesWord>(state: &RoccaState<W>, i: usize) -> RoccaState<W::Single> {
        RoccaState {
            s: state.s.map(|x| x.lane(i)),
            zero: state.zero.lane(i),
        }
    }
}

aes_family::rustcrypto_aead!(RoccaSCore, aead::consts::U16, aead::consts::U32);
