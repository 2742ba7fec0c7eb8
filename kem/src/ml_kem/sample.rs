//! Sampling (FIPS 203 §4.2.2): the matrix Â from the public seed ρ by rejection sampling
//! on SHAKE128 (Algorithm 7), and the secret and error polynomials from the centred
//! binomial distribution on SHAKE256 output (Algorithm 8), plus the hash functions G, H, J.

use mamori_primitives::keccak::Sponge;

use super::lanes::Lanes;
use super::poly;

const SHAKE128_RATE: usize = 168;
const SHAKE256_RATE: usize = 136;
const SHA3_256_RATE: usize = 136;
const SHA3_512_RATE: usize = 72;
const SHA3_DS: u8 = 0x06;
const SHAKE_DS: u8 = 0x1f;

/// `G(input) = SHA3-512(parts...)`, split into two 32-byte halves.
#[inline(always)]
pub(crate) fn g(parts: &[&[u8]]) -> ([u8; 32], [u8; 32]) {
    let mut s = Sponge::<SHA3_512_RATE>::new();
    for p in parts {
        s.absorb(p);
    }
    s.finish(SHA3_DS);
    let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
    s.squeeze(&mut a);
    s.squeeze(&mut b);
    (a, b)
}

/// `H(input) = SHA3-256(input)`.
#[inline(always)]
pub(crate) fn h(input: &[u8]) -> [u8; 32] {
    let mut s = Sponge::<SHA3_256_RATE>::new();
    s.absorb(input);
    s.finish(SHA3_DS);
    let mut out = [0u8; 32];
    s.squeeze(&mut out);
    out
}

/// `J(z || c) = SHAKE256(z || c, 32 bytes)`.
#[inline(always)]
pub(crate) fn j(z: &[u8], c: &[u8]) -> [u8; 32] {
    let mut s = Sponge::<SHAKE256_RATE>::new();
    s.absorb(z);
    s.absorb(c);
    s.finish(SHAKE_DS);
    let mut out = [0u8; 32];
    s.squeeze(&mut out);
    out
}

/// Row `i` of Â (or of Âᵀ when `transpose`): `out[j] = SampleNTT(ρ || j || i)` (Âᵀ:
/// `ρ || i || j`), for `j < out.len()`. Reads only public data, so its loop counts may
/// depend on the bytes.
#[inline(always)]
pub(crate) fn matrix_row<V: Lanes>(rho: &[u8; 32], i: usize, transpose: bool, out: &mut [V::Poly]) {
    for (j, p) in out.iter_mut().enumerate() {
        let (a, b) = if transpose { (i, j) } else { (j, i) };
        let mut s = Sponge::<SHAKE128_RATE>::new();
        s.absorb(rho);
        s.absorb(&[a as u8, b as u8]);
        s.finish(SHAKE_DS);
        let mut c = [0i16; 256];
        let mut filled = 0;
        let mut buf = [0u8; 3 * SHAKE128_RATE];
        s.squeeze(&mut buf);
        V::sample_uniform(&buf, &mut c, &mut filled);
        while filled < 256 {
            let block = &mut buf[..SHAKE128_RATE];
            s.squeeze(block);
            V::sample_uniform(block, &mut c, &mut filled);
        }
        *p = poly::from_coeffs::<V>(&c);
    }
}

/// `SamplePolyCBD_eta(PRF_eta(sigma, nonce))` for `eta` in {2, 3}: coefficients in
/// `[-eta, eta]`, computed with bit arithmetic only (the bytes are secret).
#[inline(always)]
pub(crate) fn cbd<V: Lanes>(sigma: &[u8; 32], nonce: u8, eta: u32) -> V::Poly {
    let mut s = Sponge::<SHAKE256_RATE>::new();
    s.absorb(sigma);
    s.absorb(&[nonce]);
    s.finish(SHAKE_DS);
    let mut buf = [0u8; 3 * 64];
    let bytes = &mut buf[..64 * eta as usize];
    s.squeeze(bytes);
    let mut c = [0i16; 256];
    if eta == 2 {
        for (out, w) in c.chunks_exact_mut(8).zip(bytes.as_chunks::<4>().0) {
            let t = u32::from_le_bytes(*w);
            let d = (t & 0x5555_5555) + ((t >> 1) & 0x5555_5555);
            for (k, o) in out.iter_mut().enumerate() {
                let a = (d >> (4 * k)) & 3;
                let b = (d >> (4 * k + 2)) & 3;
                *o = a as i16 - b as i16;
            }
        }
    } else {
        // Three bytes give four coefficients; split, not `as_chunks::<3>` (which divides).
        let mut rest: &[u8] = bytes;
        for out in c.chunks_exact_mut(4) {
            let [b0, b1, b2, tail @ ..] = rest else { break };
            let t = u32::from(*b0) | u32::from(*b1) << 8 | u32::from(*b2) << 16;
            let d = (t & 0x24_9249) + ((t >> 1) & 0x24_9249) + ((t >> 2) & 0x24_9249);
            for (k, o) in out.iter_mut().enumerate() {
                let a = (d >> (6 * k)) & 7;
                let b = (d >> (6 * k + 3)) & 7;
                *o = a as i16 - b as i16;
            }
            rest = tail;
        }
    }
    let p = poly::from_coeffs::<V>(&c);
    mamori_primitives::ct::wipe(bytes);
    wipe_i16(&mut c);
    p
}

/// Overwrites secret coefficients.
#[inline(always)]
pub(crate) fn wipe_i16(c: &mut [i16]) {
    c.fill(0);
    core::hint::black_box(&mut *c);
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}
