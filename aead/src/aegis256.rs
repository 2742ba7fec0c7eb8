//! AEGIS-256 (IRTF draft-irtf-cfrg-aegis-aead-18): 256-bit key, 256-bit nonce, six 128-bit
//! state words, 128-bit rate, 128- or 256-bit tag ([`Aegis256`], [`Aegis256T256`]).
//!
//! Written once over the AES-round word (see `mamori_primitives::aes_round`); the six AES
//! rounds of an update are one independent group. The keystream uses no AES, so
//! decryption runs at encryption speed.

use mamori_primitives::aes_round::AesWord;
use mamori_primitives::{AlgorithmInfo, Cryptrec, Family, Security, Standard};

use crate::aes_family::{self, AesAead, Core, State, wipe_word};

/// Nonce length in bytes.
pub const NONCE_LEN: usize = 32;
pub use crate::aes_family::KEY_LEN;

/// C0 = 0x000101020305080d1522375990e97962 (draft §6.1; Fibonacci numbers mod 256).
const C0: [u8; 16] = [
    0x00, 0x01, 0x01, 0x02, 0x03, 0x05, 0x08, 0x0d, 0x15, 0x22, 0x37, 0x59, 0x90, 0xe9, 0x79, 0x62,
];
/// C1 = 0xdb3d18556dc22ff12011314273b528dd (draft §6.1).
const C1: [u8; 16] = [
    0xdb, 0x3d, 0x18, 0x55, 0x6d, 0xc2, 0x2f, 0xf1, 0x20, 0x11, 0x31, 0x42, 0x73, 0xb5, 0x28, 0xdd,
];

/// The AEGIS-256 algorithm with a `TAG_LEN`-byte tag (16 or 32), a marker for [`AesAead`].
#[derive(Clone, Copy, Debug)]
pub enum Aegis256Core<const TAG_LEN: usize> {}

/// An AEGIS-256 key with 128-bit tags.
pub type Aegis256 = AesAead<Aegis256Core<16>>;
/// An AEGIS-256 key with 256-bit tags.
pub type Aegis256T256 = AesAead<Aegis256Core<32>>;

/// One message of an AEGIS-256 batch (`TAG_LEN` 16 or 32).
pub type Message<'a, const TAG_LEN: usize> = aes_family::Message<'a, Aegis256Core<TAG_LEN>>;

/// The AEGIS-256 state `S0..S5` over the word `W`, squeezing a `TAG_LEN`-byte tag.
pub struct AegisState<W: AesWord, const TAG_LEN: usize> {
    s: [W; 6],
}

impl<W: AesWord, const TAG_LEN: usize> AegisState<W, TAG_LEN> {
    /// Update(M) of draft §6.2: `S'0 = AES(S5, S0) ⊕ M` (the draft's `AESRound(S5, S0 ⊕ M)`,
    /// with `M` XORed in after the round so the AES never waits for it), `S'i = AES(S(i-1), Si)`.
    #[inline(always)]
    fn update(&mut self, m: W) {
        self.update_late(|_| m);
    }

    /// Update with a message word computed from the state (decryption: the keystream XOR
    /// the ciphertext), taken before the state changes. Returns the message word.
    #[inline(always)]
    fn update_late(&mut self, m: impl FnOnce(&Self) -> W) -> W {
        let [s0, s1, s2, s3, s4, s5] = self.s;
        let [a0, a1, a2, a3, a4, a5] =
            W::aes_many([s5, s0, s1, s2, s3, s4], [s0, s1, s2, s3, s4, s5]);
        let m = m(self);
        self.s = [a0.xor(m), a1, a2, a3, a4, a5];
        m
    }

    /// The keystream `S1 ⊕ S4 ⊕ S5 ⊕ (S2 & S3)`.
    #[inline(always)]
    fn keystream(&self) -> W {
        let [_, s1, s2, s3, s4, s5] = self.s;
        s1.xor(s4).xor(s5).xor(s2.and(s3))
    }
}

impl<W: AesWord, const TAG_LEN: usize> State<W> for AegisState<W, TAG_LEN> {
    #[inline(always)]
    fn init(w: W, [k0, k1]: [W; 2], [n0, n1]: [W; 2]) -> Self {
        let (c0, c1) = (w.splat(&C0), w.splat(&C1));
        let (kn0, kn1) = (k0.xor(n0), k1.xor(n1));
        let mut st = AegisState {
            s: [kn0, kn1, c1, c0, k0.xor(c0), k1.xor(c1)],
        };
        for _ in 0..4 {
            st.update(k0);
            st.update(k1);
            st.update(kn0);
            st.update(kn1);
        }
        st
    }

    #[inline(always)]
    fn absorb(&mut self, [a, _]: [W; 2]) {
        self.update(a);
    }

    #[inline(always)]
    fn encrypt(&mut self, [m, z]: [W; 2]) -> [W; 2] {
        let c = self.keystream().xor(m);
        self.update(m);
        [c, z]
    }

    #[inline(always)]
    fn decrypt(&mut self, [c, z]: [W; 2]) -> [W; 2] {
        [self.update_late(|s| s.keystream().xor(c)), z]
    }

    #[inline(always)]
    fn decrypt_last(&mut self, [c, z]: [W; 2], [mask, _]: [W; 2]) -> [W; 2] {
        [self.update_late(|s| s.keystream().xor(c).and(mask)), z]
    }

    #[inline(always)]
    fn finalize(&mut self, w: W, lens: impl Fn(usize) -> (u64, u64)) -> [W; 2] {
        // t = S3 ⊕ (LE64(ad bits) ∥ LE64(msg bits)), then 7 updates (draft §6.6).
        let t = w.gather(|i| {
            let (ad, msg) = lens(i);
            let mut b = [0u8; 16];
            b[..8].copy_from_slice(&(ad << 3).to_le_bytes());
            b[8..].copy_from_slice(&(msg << 3).to_le_bytes());
            b
        });
        let t = t.xor(self.s[3]);
        for _ in 0..7 {
            self.update(t);
        }
        let [s0, s1, s2, s3, s4, s5] = self.s;
        let lo = s0.xor(s1).xor(s2);
        let hi = s3.xor(s4).xor(s5);
        if TAG_LEN == 32 {
            [lo, hi]
        } else {
            [lo.xor(hi), w.zero()]
        }
    }

    #[inline(always)]
    fn wipe(&mut self) {
        self.s.iter_mut().for_each(wipe_word);
    }
}

impl<const TAG_LEN: usize> Core for Aegis256Core<TAG_LEN> {
    const RATE: usize = 16;
    const NONCE_LEN: usize = NONCE_LEN;
    const TAG_LEN: usize = {
        assert!(
            TAG_LEN == 16 || TAG_LEN == 32,
            "AEGIS-256 tags are 16 or 32 bytes"
        );
        TAG_LEN
    };
    const INFO: AlgorithmInfo = AlgorithmInfo {
        name: if TAG_LEN == 32 {
            "aegis-256-t256"
        } else {
            "aegis-256"
        },
        aliases: if TAG_LEN == 32 {
            &["AEGIS-256/256", "AEGIS-256-256", "aegis256-t256"]
        } else {
            &["AEGIS-256", "aegis256", "AEGIS-256/128"]
        },
        family: Family::Aead,
        standard: Standard {
            document: "IRTF draft-irtf-cfrg-aegis-aead-18",
            section: if TAG_LEN == 32 {
                "§6 AEGIS-256, 256-bit tag"
            } else {
                "§6 AEGIS-256, 128-bit tag"
            },
        },
        security: Security {
            classical_bits: 256,
            pq_category: None,
        },
        sizes: if TAG_LEN == 32 {
            &[("key", KEY_LEN), ("nonce", NONCE_LEN), ("tag", 32)]
        } else {
            &[("key", KEY_LEN), ("nonce", NONCE_LEN), ("tag", 16)]
        },
        cryptrec: Cryptrec::NotListed,
    };
    type State<W: AesWord> = AegisState<W, TAG_LEN>;

    #[inline(always)]
    fn lane<W: AesWord>(
        state: &AegisState<W, TAG_LEN>,
        i: usize,
    ) -> AegisState<W::Single, TAG_LEN> {
        AegisState {
            s: state.s.map(|x| x.lane(i)),
        }
    }
}

aes_family::rustcrypto_aead!(Aegis256Core<16>, aead::consts::U32, aead::consts::U16);
aes_family::rustcrypto_aead!(Aegis256Core<32>, aead::consts::U32, aead::consts::U32);
