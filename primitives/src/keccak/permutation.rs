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
#[cfg(any(test, not(target_pointer_width = "64")))]
const PI: [usize; 24] = [
    10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1,
];
#[cfg(any(test, not(target_pointer_width = "64")))]
const RHO: [u32; 24] = [
    1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44,
];

/// Keccak-f\[1600\]: the 24 rounds of Keccak-p\[1600, 24\] (FIPS 202 §3.3, §3.4).
///
/// On 64-bit targets this is the unrolled "opt64" form of the Keccak team's reference code
/// (XKCP): the lanes in 25 locals, two rounds per loop pass so that the second round writes
/// back into the first round's variables (no copies), θ's column parities accumulated while
/// χ writes the lanes, and lane complementing (below), about a quarter faster than the
/// compact form. Elsewhere (32-bit microcontrollers) the compact loop keeps the code small.
#[cfg(target_pointer_width = "64")]
#[inline]
pub fn keccak_f1600(state: &mut State) {
    unrolled::keccak_f1600(state);
}

/// Keccak-f\[1600\]: the 24 rounds of Keccak-p\[1600, 24\] (FIPS 202 §3.3, §3.4).
#[cfg(not(target_pointer_width = "64"))]
#[inline]
pub fn keccak_f1600(state: &mut State) {
    keccak_f1600_compact(state);
}

/// The compact form: one round per loop pass, the state as an array. The permutation on
/// 32-bit targets, and on 64-bit ones the reference the unrolled form is tested against.
#[cfg(any(test, not(target_pointer_width = "64")))]
fn keccak_f1600_compact(state: &mut State) {
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

/// The unrolled permutation of 64-bit targets.
///
/// Lane names follow XKCP: `A<y><x>` with rows `b g k m s` (y = 0..4) and columns
/// `a e i o u` (x = 0..4), so `aba` is `A[0]`, `abe` is `A[1]` and `asu` is `A[24]`.
///
/// **Lane complementing** (the "bebigokimisa" transform of the Keccak implementation
/// overview, §2.2): χ is `a ^ (!b & c)` per lane, 25 NOTs per round. Keeping six lanes
/// (`be bi go ki mi sa`) stored complemented across rounds turns all but one NOT per row
/// into an AND/OR with operands already complemented; the mask is applied on entry and
/// undone on exit. The complements pass through θ (a column parity is complemented when
/// its column holds an odd number of complemented lanes, and D = C ^ rot(C) then carries
/// the difference), which is why each row below has its own mix of `&`, `|` and `!`: every
/// formula is χ rewritten for the complement pattern its operands and its result have. The
/// unit tests compare against the compact form and the SHA-3 KATs; all operations are
/// data-independent, so the permutation stays constant-time.
#[cfg(target_pointer_width = "64")]
mod unrolled {
    use super::{RC, State};

    /// Indices of the complemented lanes: `be bi go ki mi sa`.
    const COMPLEMENTED: [usize; 6] = [1, 2, 8, 12, 17, 20];

    /// One round from the lanes `$a..` (with column parities `$c..` of those lanes) into
    /// `$e..`, leaving in `$c..` the column parities of `$e..` for the next round's θ.
    macro_rules! round {
        (
            $rc:expr;
            $ca:ident $ce:ident $ci:ident $co:ident $cu:ident;
            $aba:ident $abe:ident $abi:ident $abo:ident $abu:ident
            $aga:ident $age:ident $agi:ident $ago:ident $agu:ident
            $aka:ident $ake:ident $aki:ident $ako:ident $aku:ident
            $ama:ident $ame:ident $ami:ident $amo:ident $amu:ident
            $asa:ident $ase:ident $asi:ident $aso:ident $asu:ident;
            $eba:ident $ebe:ident $ebi:ident $ebo:ident $ebu:ident
            $ega:ident $ege:ident $egi:ident $ego:ident $egu:ident
            $eka:ident $eke:ident $eki:ident $eko:ident $eku:ident
            $ema:ident $eme:ident $emi:ident $emo:ident $emu:ident
            $esa:ident $ese:ident $esi:ident $eso:ident $esu:ident
        ) => {
            // θ.
            let da = $cu ^ $ce.rotate_left(1);
            let de = $ca ^ $ci.rotate_left(1);
            let di = $ce ^ $co.rotate_left(1);
            let d_o = $ci ^ $cu.rotate_left(1);
            let du = $co ^ $ca.rotate_left(1);

            // Row b: ρ, π, then χ (and ι on the first lane).
            let bba = $aba ^ da;
            let bbe = ($age ^ de).rotate_left(44);
            let bbi = ($aki ^ di).rotate_left(43);
            let bbo = ($amo ^ d_o).rotate_left(21);
            let bbu = ($asu ^ du).rotate_left(14);
            $eba = bba ^ (bbe | bbi) ^ $rc;
            $ca = $eba;
            $ebe = bbe ^ (!bbi | bbo);
            $ce = $ebe;
            $ebi = bbi ^ (bbo & bbu);
            $ci = $ebi;
            $ebo = bbo ^ (bbu | bba);
            $co = $ebo;
            $ebu = bbu ^ (bba & bbe);
            $cu = $ebu;

            // Row g.
            let bga = ($abo ^ d_o).rotate_left(28);
            let bge = ($agu ^ du).rotate_left(20);
            let bgi = ($aka ^ da).rotate_left(3);
            let bgo = ($ame ^ de).rotate_left(45);
            let bgu = ($asi ^ di).rotate_left(61);
            $ega = bga ^ (bge | bgi);
            $ca ^= $ega;
            $ege = bge ^ (bgi & bgo);
            $ce ^= $ege;
            $egi = bgi ^ (bgo | !bgu);
            $ci ^= $egi;
            $ego = bgo ^ (bgu | bga);
            $co ^= $ego;
            $egu = bgu ^ (bga & bge);
            $cu ^= $egu;

            // Row k.
            let bka = ($abe ^ de).rotate_left(1);
            let bke = ($agi ^ di).rotate_left(6);
            let bki = ($ako ^ d_o).rotate_left(25);
            let bko = ($amu ^ du).rotate_left(8);
            let bku = ($asa ^ da).rotate_left(18);
            $eka = bka ^ (bke | bki);
            $ca ^= $eka;
            $eke = bke ^ (bki & bko);
            $ce ^= $eke;
            $eki = bki ^ (!bko & bku);
            $ci ^= $eki;
            $eko = !bko ^ (bku | bka);
            $co ^= $eko;
            $eku = bku ^ (bka & bke);
            $cu ^= $eku;

            // Row m.
            let bma = ($abu ^ du).rotate_left(27);
            let bme = ($aga ^ da).rotate_left(36);
            let bmi = ($ake ^ de).rotate_left(10);
            let bmo = ($ami ^ di).rotate_left(15);
            let bmu = ($aso ^ d_o).rotate_left(56);
            $ema = bma ^ (bme & bmi);
            $ca ^= $ema;
            $eme = bme ^ (bmi | bmo);
            $ce ^= $eme;
            $emi = bmi ^ (!bmo | bmu);
            $ci ^= $emi;
            $emo = !bmo ^ (bmu & bma);
            $co ^= $emo;
            $emu = bmu ^ (bma | bme);
            $cu ^= $emu;

            // Row s.
            let bsa = ($abi ^ di).rotate_left(62);
            let bse = ($ago ^ d_o).rotate_left(55);
            let bsi = ($aku ^ du).rotate_left(39);
            let bso = ($ama ^ da).rotate_left(41);
            let bsu = ($ase ^ de).rotate_left(2);
            $esa = bsa ^ (!bse & bsi);
            $ca ^= $esa;
            $ese = !bse ^ (bsi | bso);
            $ce ^= $ese;
            $esi = bsi ^ (bso & bsu);
            $ci ^= $esi;
            $eso = bso ^ (bsu | bsa);
            $co ^= $eso;
            $esu = bsu ^ (bsa & bse);
            $cu ^= $esu;
        };
    }

    #[inline]
    pub(super) fn keccak_f1600(state: &mut State) {
        let mut s = *state;
        for i in COMPLEMENTED {
            s[i] = !s[i];
        }
        // The 5 x 5 layout of the lanes (rows b g k m s) reads better than one per line.
        #[rustfmt::skip]
        let [
            mut aba, mut abe, mut abi, mut abo, mut abu,
            mut aga, mut age, mut agi, mut ago, mut agu,
            mut aka, mut ake, mut aki, mut ako, mut aku,
            mut ama, mut ame, mut ami, mut amo, mut amu,
            mut asa, mut ase, mut asi, mut aso, mut asu,
        ] = s;
        // The odd rounds' lanes, written before they are read (a tuple of 25 named lanes is
        // the point here, not a type to factor out).
        #[rustfmt::skip]
        #[allow(clippy::type_complexity)]
        let (
            mut eba, mut ebe, mut ebi, mut ebo, mut ebu,
            mut ega, mut ege, mut egi, mut ego, mut egu,
            mut eka, mut eke, mut eki, mut eko, mut eku,
            mut ema, mut eme, mut emi, mut emo, mut emu,
            mut esa, mut ese, mut esi, mut eso, mut esu,
        ): (
            u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64,
            u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64,
        );
        let mut ca = aba ^ aga ^ aka ^ ama ^ asa;
        let mut ce = abe ^ age ^ ake ^ ame ^ ase;
        let mut ci = abi ^ agi ^ aki ^ ami ^ asi;
        let mut co = abo ^ ago ^ ako ^ amo ^ aso;
        let mut cu = abu ^ agu ^ aku ^ amu ^ asu;
        for rc in RC.as_chunks::<2>().0 {
            round!(rc[0]; ca ce ci co cu;
                aba abe abi abo abu aga age agi ago agu aka ake aki ako aku
                ama ame ami amo amu asa ase asi aso asu;
                eba ebe ebi ebo ebu ega ege egi ego egu eka eke eki eko eku
                ema eme emi emo emu esa ese esi eso esu);
            round!(rc[1]; ca ce ci co cu;
                eba ebe ebi ebo ebu ega ege egi ego egu eka eke eki eko eku
                ema eme emi emo emu esa ese esi eso esu;
                aba abe abi abo abu aga age agi ago agu aka ake aki ako aku
                ama ame ami amo amu asa ase asi aso asu);
        }
        s = [
            aba, abe, abi, abo, abu, aga, age, agi, ago, agu, aka, ake, aki, ako, aku, ama, ame,
            ami, amo, amu, asa, ase, asi, aso, asu,
        ];
        for i in COMPLEMENTED {
            s[i] = !s[i];
        }
        *state = s;
    }
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

    /// The permutation (unrolled, lane-complemented on 64-bit targets) against the compact
    /// round loop on states from a fixed pseudo-random sequence and on the all-zero and
    /// all-one states (every complemented lane then starts at an extreme), each iterated so
    /// outputs feed back as inputs.
    #[test]
    fn permutation_matches_the_compact_form() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            // SplitMix64.
            seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        for i in 0..66 {
            let start: State = match i {
                64 => [0; 25],
                65 => [u64::MAX; 25],
                _ => core::array::from_fn(|_| next()),
            };
            let (mut fast, mut compact) = (start, start);
            for round in 0..8 {
                keccak_f1600(&mut fast);
                keccak_f1600_compact(&mut compact);
                assert_eq!(fast, compact, "from {start:016x?}, call {round}");
            }
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
