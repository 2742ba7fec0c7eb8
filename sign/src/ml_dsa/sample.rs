//! Hashing and sampling (FIPS 204 §3.7, §7.3): `H` (SHAKE256) and `G` (SHAKE128), the
//! matrix entries of `ExpandA`, the secret vectors of `ExpandS`, the masks of
//! `ExpandMask`, and `SampleInBall`.

use mamori_primitives::keccak::Sponge;

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

/// `Â[r][s] = RejNTTPoly(ρ || s || r)` (FIPS 204 Algorithms 30 and 32): one entry of the
/// matrix, row `r`, column `s`. Reads only public data, so its loop count may depend on
/// the bytes.
#[inline(always)]
pub(crate) fn matrix_entry<V: Lanes>(rho: &[u8; 32], r: usize, s: usize) -> V::Poly {
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
    poly::from_coeffs::<V>(&c)
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
