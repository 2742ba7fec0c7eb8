//! Hashing and sampling (FIPS 204 §3.7, §7.3): `H` (SHAKE256) and `G` (SHAKE128), the
//! matrix entries of `ExpandA`, the secret vectors of `ExpandS`, the masks of
//! `ExpandMask`, and `SampleInBall`.

use mamori_primitives::keccak::{KeccakX4, Sponge, SpongeX4, hash_x4};

use super::lanes::Lanes;
use super::poly;

pub(crate) const SHAKE128_RATE: usize = 168;
pub(crate) const SHAKE256_RATE: usize = 136;
pub(crate) const SHAKE_DS: u8 = 0x1f;

/// A SHAKE256 sponge that has absorbed `parts`, ready to squeeze.
#[inline(always)]
pub(crate) fn shake256(parts: &[&[u8]]) -> Sponge<SHAKE256_RATE> {
    let mut s = Sponge::new();
    for p in parts {
        s.absorb(p);
    }
    s.finish(SHAKE_DS);
    s
}

/// `H(parts, out.len())`: SHAKE256 of the concatenation.
#[inline(always)]
pub(crate) fn h(parts: &[&[u8]], out: &mut [u8]) {
    shake256(parts).squeeze(out);
}

/// [`h`] for `out` of at most 128 bytes, on the backend's four-way Keccak (one lane of
/// it) where that permutation beats the scalar one ([`KeccakX4::beats_scalar`]:
/// AVX-512VL), else on the scalar sponge. The serial hashes of signing, verification and
/// key generation (`c̃`, `ρ''`, `tr`) take this.
#[inline(always)]
pub(crate) fn h_on<V: Lanes>(parts: &[&[u8]], out: &mut [u8]) {
    if let Some(k) = V::keccak_x4()
        && k.beats_scalar()
    {
        let [mut o] = hash_x4::<_, SHAKE256_RATE, 128, 1>(k, [(parts, SHAKE_DS)]);
        out.copy_from_slice(&o[..out.len()]);
        mamori_primitives::ct::wipe(&mut o);
        return;
    }
    h(parts, out);
}

/// `Â[r][s] = RejNTTPoly(ρ || s || r)` (FIPS 204 Algorithms 30 and 32): one entry of the
/// matrix, row `r`, column `s`. Reads only public data, so its loop count may depend on
/// the bytes.
#[inline(always)]
pub(crate) fn matrix_entry<V: Lanes>(rho: &[u8; 32], r: usize, s: usize) -> V::Poly {
    poly::from_coeffs::<V>(&matrix_entry_coeffs::<V>(rho, r, s))
}

/// [`matrix_entry`] as coefficients (the held matrix's form).
#[inline(always)]
pub(crate) fn matrix_entry_coeffs<V: Lanes>(rho: &[u8; 32], r: usize, s: usize) -> [i32; 256] {
    let mut sp = Sponge::<SHAKE128_RATE>::new();
    sp.absorb(rho);
    sp.absorb(&[s as u8, r as u8]);
    sp.finish(SHAKE_DS);
    let mut c = [0i32; 256];
    let mut filled = 0;
    let mut block = [0u8; SHAKE128_RATE];
    while filled < 256 {
        sp.squeeze(&mut block);
        V::sample_uniform(&block, &mut c, &mut filled);
    }
    c
}

/// `RejBoundedPoly(ρ' || IntegerToBytes(index, 2))` (FIPS 204 Algorithm 31): a secret
/// polynomial with coefficients in `[-η, η]`, as `ExpandS` (Algorithm 33) makes them.
#[inline(always)]
pub(crate) fn bounded_poly<V: Lanes>(rho_prime: &[u8; 64], index: u16, eta: i32) -> V::Poly {
    let mut sp = shake256(&[rho_prime, &index.to_le_bytes()]);
    let mut c = [0i32; 256];
    let mut filled = 0;
    let mut block = [0u8; SHAKE256_RATE];
    while filled < 256 {
        sp.squeeze(&mut block);
        V::sample_eta(&block, eta, &mut c, &mut filled);
    }
    let p = poly::from_coeffs::<V>(&c);
    mamori_primitives::ct::wipe(&mut block);
    wipe_i32(&mut c);
    p
}

/// `ExpandMask`'s polynomial `index` (FIPS 204 Algorithm 34): the `32 (1 + log2 γ1)` bytes
/// of `H(ρ'' || IntegerToBytes(index, 2))` unpacked as `γ1 - v`, coefficients in
/// `(-γ1, γ1]`. Fixed length, constant time.
#[inline(always)]
pub(crate) fn mask_poly<V: Lanes>(rho2: &[u8; 64], index: u16, gamma1_log: u32) -> V::Poly {
    let d = gamma1_log + 1;
    let mut buf = [0u8; 32 * 20];
    let buf = &mut buf[..32 * d as usize];
    h(&[rho2, &index.to_le_bytes()], buf);
    let p = poly::unpack::<V>(buf, 1 << gamma1_log, d);
    mamori_primitives::ct::wipe(buf);
    p
}

/// `out.len()` (1 to 4) consecutive entries of `Â` in row-major order (rows of `cols`
/// entries), the first `Â[r0][s0]`, on a four-way Keccak: [`matrix_entry`] calls in
/// lockstep (a short group repeats its first index in the unused instances, whose output
/// is dropped). Public data only.
#[inline(always)]
pub(crate) fn matrix_entries_x4<V: Lanes, P: KeccakX4>(
    keccak: P,
    rho: &[u8; 32],
    cols: usize,
    r0: usize,
    s0: usize,
    out: &mut [V::Poly],
) {
    let mut c = [[0i32; 256]; 4];
    let n = out.len();
    matrix_coeffs_x4::<V, P>(keccak, rho, cols, r0, s0, &mut c[..n]);
    for (p, c) in out.iter_mut().zip(&c) {
        *p = poly::from_coeffs::<V>(c);
    }
}

/// [`matrix_entries_x4`] as coefficients (the held matrix's form).
#[inline(always)]
pub(crate) fn matrix_coeffs_x4<V: Lanes, P: KeccakX4>(
    keccak: P,
    rho: &[u8; 32],
    cols: usize,
    r0: usize,
    s0: usize,
    out: &mut [[i32; 256]],
) {
    let n = out.len();
    debug_assert!((1..=4).contains(&n));
    let mut idx = [[s0 as u8, r0 as u8]; 4];
    let (mut r, mut s) = (r0, s0);
    for x in idx.iter_mut().take(n).skip(1) {
        s += 1;
        if s == cols {
            s = 0;
            r += 1;
        }
        *x = [s as u8, r as u8];
    }
    let mut sp = SpongeX4::<P, SHAKE128_RATE>::new(keccak);
    sp.absorb([rho; 4]);
    sp.absorb([&idx[0], &idx[1], &idx[2], &idx[3]]);
    sp.finish(SHAKE_DS);
    let mut filled = [0usize; 4];
    let mut block = [[0u8; SHAKE128_RATE]; 4];
    while filled[..n].iter().any(|&f| f < 256) {
        {
            let [b0, b1, b2, b3] = &mut block;
            sp.squeeze([b0, b1, b2, b3]);
        }
        for (l, c) in out.iter_mut().enumerate() {
            V::sample_uniform(&block[l], c, &mut filled[l]);
        }
    }
}

/// `RejBoundedPoly(ρ' || IntegerToBytes(index0 + l, 2))` into `out[l]` (`ExpandS`'s
/// polynomials `index0..index0 + out.len()`), four at a time where the backend has a
/// four-way Keccak.
#[inline(always)]
pub(crate) fn bounded_polys<V: Lanes>(
    rho_prime: &[u8; 64],
    index0: u16,
    eta: i32,
    out: &mut [V::Poly],
) {
    if let Some(k) = V::keccak_x4() {
        for (g, group) in out.chunks_mut(4).enumerate() {
            let i = index0 + 4 * g as u16;
            if let [p] = group
                && !k.beats_scalar()
            {
                // A lone polynomial: one scalar sponge costs less than a four-way one
                // (unless the four-way permutation beats the scalar one, AVX-512VL).
                *p = bounded_poly::<V>(rho_prime, i, eta);
            } else {
                bounded_polys_x4::<V, _>(k, rho_prime, i, eta, group);
            }
        }
        return;
    }
    for (l, p) in out.iter_mut().enumerate() {
        *p = bounded_poly::<V>(rho_prime, index0 + l as u16, eta);
    }
}

/// [`bounded_poly`] for indices `index0 + l`, `l < out.len()` (1 to 4), on a four-way
/// Keccak (a short group repeats its first index in the unused instances). The rejection
/// positions show in the timing exactly as in [`bounded_poly`] (see
/// [`super::lanes::sample_eta_scalar`]).
#[inline(always)]
pub(crate) fn bounded_polys_x4<V: Lanes, P: KeccakX4>(
    keccak: P,
    rho_prime: &[u8; 64],
    index0: u16,
    eta: i32,
    out: &mut [V::Poly],
) {
    let n = out.len();
    debug_assert!((1..=4).contains(&n));
    let idx: [[u8; 2]; 4] = core::array::from_fn(|l| {
        index0
            .wrapping_add(if l < n { l as u16 } else { 0 })
            .to_le_bytes()
    });
    let mut sp = SpongeX4::<P, SHAKE256_RATE>::new(keccak);
    sp.absorb([rho_prime; 4]);
    sp.absorb([&idx[0], &idx[1], &idx[2], &idx[3]]);
    sp.finish(SHAKE_DS);
    let mut c = [[0i32; 256]; 4];
    let mut filled = [0usize; 4];
    let mut block = [[0u8; SHAKE256_RATE]; 4];
    while filled[..n].iter().any(|&f| f < 256) {
        {
            let [b0, b1, b2, b3] = &mut block;
            sp.squeeze([b0, b1, b2, b3]);
        }
        for l in 0..n {
            V::sample_eta(&block[l], eta, &mut c[l], &mut filled[l]);
        }
    }
    for (p, c) in out.iter_mut().zip(&c) {
        *p = poly::from_coeffs::<V>(c);
    }
    for (b, c) in block.iter_mut().zip(&mut c) {
        mamori_primitives::ct::wipe(b);
        wipe_i32(c);
    }
}

/// The longest mask in bytes (γ1 = 2^19: 256 coefficients of 20 bits).
const MASK_MAX: usize = 32 * 20;

/// `ExpandMask`'s polynomials (FIPS 204 Algorithm 34) as one stream over the indices
/// `κ, κ + 1, ...` of the rejection loop, four at a time where the backend has a four-way
/// Keccak: a group of four consecutive indices may span two iterations, so `n` iterations
/// sample `ceil(n L / 4)` groups rather than `n ceil(L / 4)` (ML-DSA-65, L = 5: 7 groups
/// in 5 iterations instead of 10, and no lone fifth polynomial; ML-DSA-87: 7 in 4 instead
/// of 8). The work done depends only on the number of iterations. The held outputs are
/// secret: wiped on drop.
pub(crate) struct MaskStream<'a> {
    rho2: &'a [u8; 64],
    /// The outputs of indices `start..start + 4` (the first `32 (γ1_log + 1)` bytes each),
    /// once `held`.
    buf: [[u8; MASK_MAX]; 4],
    start: u16,
    held: bool,
}

impl<'a> MaskStream<'a> {
    #[inline(always)]
    pub(crate) fn new(rho2: &'a [u8; 64]) -> Self {
        Self {
            rho2,
            buf: [[0; MASK_MAX]; 4],
            start: 0,
            held: false,
        }
    }

    /// `ExpandMask(ρ'', index0)` for `γ1 = 2^gamma1_log` (the same in every call): the
    /// polynomials `index0 + l` into `out[l]`.
    #[inline(always)]
    pub(crate) fn fill<V: Lanes>(&mut self, index0: u16, gamma1_log: u32, out: &mut [V::Poly]) {
        if let Some(k) = V::keccak_x4() {
            return self.fill_x4::<V, _>(k, index0, gamma1_log, out);
        }
        for (l, p) in out.iter_mut().enumerate() {
            *p = mask_poly::<V>(self.rho2, index0.wrapping_add(l as u16), gamma1_log);
        }
    }

    /// [`fill`](Self::fill) on the four-way Keccak `keccak`.
    #[inline(always)]
    pub(crate) fn fill_x4<V: Lanes, P: KeccakX4>(
        &mut self,
        keccak: P,
        index0: u16,
        gamma1_log: u32,
        out: &mut [V::Poly],
    ) {
        let d = gamma1_log + 1;
        for (l, p) in out.iter_mut().enumerate() {
            // Indices and offsets are public (κ counts iterations).
            let i = index0.wrapping_add(l as u16);
            let mut at = usize::from(i.wrapping_sub(self.start));
            if !self.held || at >= 4 {
                let idx = [0u16, 1, 2, 3].map(|l| i.wrapping_add(l).to_le_bytes());
                let mut sp = SpongeX4::<P, SHAKE256_RATE>::new(keccak);
                sp.absorb([self.rho2; 4]);
                sp.absorb([&idx[0], &idx[1], &idx[2], &idx[3]]);
                sp.finish(SHAKE_DS);
                // The longest mask; a shorter one is a prefix of the stream.
                let [b0, b1, b2, b3] = &mut self.buf;
                sp.squeeze([b0, b1, b2, b3]);
                (self.start, self.held, at) = (i, true, 0);
            }
            poly::unpack_into::<V>(&self.buf[at][..32 * d as usize], 1 << gamma1_log, d, p);
        }
    }
}

impl Drop for MaskStream<'_> {
    fn drop(&mut self) {
        for b in &mut self.buf {
            mamori_primitives::ct::wipe(b);
        }
    }
}

/// `SampleInBall(c̃)` (FIPS 204 Algorithm 29): `τ` coefficients ±1, the rest 0.
///
/// `c̃` must be public here: the loop rejects bytes of `H(c̃)` and writes at positions read
/// from them. The signer declassifies `c̃` of every iteration, rejected or not, as
/// mldsa-native does: `c̃ = H(μ || w1Encode(w1))` is a hash output, which with `H` modelled
/// as a random oracle reveals nothing about the key, also for rejected iterations (the
/// argument of the Fiat-Shamir-with-aborts security analyses mldsa-native cites).
#[inline(always)]
pub(crate) fn sample_in_ball(ctilde: &[u8], tau: usize) -> [i32; 256] {
    let mut sp = shake256(&[ctilde]);
    let mut block = [0u8; SHAKE256_RATE];
    sp.squeeze(&mut block);
    let mut signs = u64::from_le_bytes([
        block[0], block[1], block[2], block[3], block[4], block[5], block[6], block[7],
    ]);
    let mut pos = 8;
    let mut c = [0i32; 256];
    for i in 256 - tau..256 {
        let j = loop {
            if pos == SHAKE256_RATE {
                sp.squeeze(&mut block);
                pos = 0;
            }
            let j = usize::from(block[pos]);
            pos += 1;
            if j <= i {
                break j;
            }
        };
        c[i] = c[j];
        c[j] = 1 - 2 * (signs & 1) as i32;
        signs >>= 1;
    }
    c
}

/// Zeroes a coefficient array, past the optimizer.
#[inline(always)]
pub(crate) fn wipe_i32(c: &mut [i32]) {
    c.fill(0);
    core::hint::black_box(&mut *c);
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use mamori_primitives::keccak::PortableX4;

    use super::super::lanes::portable::Portable;
    use super::*;

    fn coeffs(p: &[Portable; 32]) -> [i32; 256] {
        let mut c = [0i32; 256];
        poly::to_coeffs::<Portable>(p, &mut c);
        c
    }

    /// The four-way samplers (portable Keccak) against the scalar ones, for every group
    /// size 1 to 4 and a few starting indices.
    #[test]
    fn x4_sampling_matches_scalar() {
        let rho: [u8; 32] = core::array::from_fn(|i| (i * 7 + 3) as u8);
        let rho64: [u8; 64] = core::array::from_fn(|i| (i * 13 + 1) as u8);
        for n in 1..=4 {
            // Groups within a row and across one (rows of 4, 5 or 7 entries).
            for (cols, r0, s0) in [
                (4, 0usize, 0usize),
                (5, 3, 1),
                (5, 2, 4),
                (7, 7, 5),
                (4, 1, 3),
            ] {
                let mut out = [[Portable::default(); 32]; 4];
                matrix_entries_x4::<Portable, _>(PortableX4, &rho, cols, r0, s0, &mut out[..n]);
                for (l, p) in out[..n].iter().enumerate() {
                    let (r, s) = (r0 + (s0 + l) / cols, (s0 + l) % cols);
                    let want = matrix_entry::<Portable>(&rho, r, s);
                    assert_eq!(coeffs(p), coeffs(&want), "n {n} r {r} s {s}");
                }
            }
            for eta in [2, 4] {
                for index0 in [0u16, 5, 0xfffe] {
                    let mut out = [[Portable::default(); 32]; 4];
                    bounded_polys_x4::<Portable, _>(PortableX4, &rho64, index0, eta, &mut out[..n]);
                    for (l, p) in out[..n].iter().enumerate() {
                        let i = index0.wrapping_add(l as u16);
                        let want = bounded_poly::<Portable>(&rho64, i, eta);
                        assert_eq!(coeffs(p), coeffs(&want), "n {n} eta {eta} index {i}");
                    }
                }
            }
        }
        // The mask stream, iteration after iteration, for each L and a start near the
        // wrap of κ: every polynomial as the scalar sampler gives it.
        for gamma1_log in [17, 19] {
            for l in [4usize, 5, 7] {
                for kappa0 in [0u16, 0xfff0] {
                    let mut stream = MaskStream::new(&rho64);
                    let mut y = [[Portable::default(); 32]; 7];
                    for it in 0..5u16 {
                        let kappa = kappa0.wrapping_add(it * l as u16);
                        stream.fill_x4::<Portable, _>(PortableX4, kappa, gamma1_log, &mut y[..l]);
                        for (j, p) in y[..l].iter().enumerate() {
                            let i = kappa.wrapping_add(j as u16);
                            let want = mask_poly::<Portable>(&rho64, i, gamma1_log);
                            assert_eq!(coeffs(p), coeffs(&want), "L {l} g1 {gamma1_log} index {i}");
                        }
                    }
                }
            }
        }
    }
}
