//! `ML-DSA.Sign_internal` from `μ` on (FIPS 204 Algorithm 7) in a few KiB of stack, for
//! microcontrollers: the signing path of the "small stack" variants (pqm4's `m4fstack`;
//! Bos, Renes and Sprenkels, "Dilithium for memory constrained devices", 2022), written
//! over [`Lanes`] like [`super::dsa`] and giving the same signatures byte for byte.
//!
//! [`super::dsa::sign_mu`] holds `3K + 2L` polynomials of 1 KiB (ŝ1, ŝ2, t̂0, y, ŷ, w0):
//! 58 KiB of stack for ML-DSA-65, more than many Cortex-M parts have. Here no vector is
//! held, only single polynomials, and what a vector would have held is recomputed:
//!
//! * s1, s2 and t0 are unpacked from the key bytes one polynomial at a time, where used;
//! * `y_j = ExpandMask(ρ'', κ + j)` is squeezed again (640 bytes of SHAKE256 at most) each
//!   time it is needed, and `Â[i][j]` is sampled from `ρ` a block at a time and multiplied
//!   into the row sum eight coefficients at a time as it comes, never held;
//! * `w` is computed row by row, twice: the first pass absorbs `w1Encode` of each row into
//!   the sponge of `c̃ = H(μ || w1Encode(w1))`, the second recomputes each row for its
//!   low part `r0`, `ct0` and the hint;
//! * `z_j = y_j + c s1_j` is checked and packed straight into the caller's signature
//!   buffer (a rejected iteration's `z` is overwritten by the next one's, and the loop
//!   only ends with an accepted one); the hints are kept as bits (`32 K` bytes) and
//!   encoded once accepted.
//!
//! What stays live across the steps of an iteration is `ĉ` (1 KiB), `ρ''`, `c̃` and the
//! hint bits; the deepest step (a row of `w` while `ĉ` is held) holds four polynomials.
//! The price is time: each iteration squeezes `2 K L` masks and samples `2 K L` matrix
//! entries instead of `L` and `K L`, with `2 K L` forward NTTs instead of `L`.
//!
//! The arithmetic is [`super::dsa::sign_mu`]'s, in the same order on the same
//! representatives (the norm checks read representatives, not residues), so the two
//! agree byte for byte; `tests/small_stack.rs` checks it.
//!
//! **Constant time.** As in [`super::dsa`]: inside an iteration nothing branches on, or
//! indexes by, secret data; `c̃` is declassified (see [`sample::sample_in_ball`]); the
//! accept/reject decision, the OR of all four checks over the whole iteration (no early
//! exit), is declassified once per iteration; the hint bits are declassified only once
//! accepted, for their encoding. Secret intermediates are wiped before returning.
//!
//! **Backends.** Everything is `#[inline(always)]`, as in [`super::dsa`], so a SIMD
//! backend could instantiate it inside its `#[target_feature]` entry point; the public
//! entry point runs the portable backend (the microcontroller case; a four-way Keccak
//! would need four polynomials of room per sampled group, which is the point not to have).

use mamori_primitives::ct;
use mamori_primitives::keccak::Sponge;
use subtle::Choice;

use super::Params;
use super::arith::{D, Q};
use super::dsa::encode_hints;
use super::lanes::Lanes;
use super::poly;
use super::sample::{self, SHAKE_DS, SHAKE128_RATE, SHAKE256_RATE};

/// Bytes of one packed t0 polynomial (13 bits a coefficient).
const T0_BYTES: usize = 320 + 96;
/// Bytes of the longest packed w1 polynomial (6 bits a coefficient, ML-DSA-44).
const W1_POLY_MAX: usize = 32 * 6;

/// `acc += Â[i][j] ∘ v̂` (NTT domain, factor `2^-32`, not reduced), with `Â[i][j] =
/// RejNTTPoly(ρ || j || i)` (FIPS 204 Algorithms 30 and 32) sampled as it is used: each
/// SHAKE128 block is parsed three bytes at a time, and every `N` accepted coefficients
/// make one unit of the entry, multiplied into `acc` at once. The same products as
/// [`poly::pointwise_acc`] of the whole entry, without its 1 KiB. The loop count depends on
/// `ρ` only (public); `v̂` is only computed on.
#[inline(always)]
fn matrix_entry_acc<V: Lanes>(
    acc: &mut V::Poly,
    rho: &[u8; 32],
    i: usize,
    j: usize,
    v_hat: &V::Poly,
) {
    let mut sp = Sponge::<SHAKE128_RATE>::new();
    sp.absorb(rho);
    sp.absorb(&[j as u8, i as u8]);
    sp.finish(SHAKE_DS);
    let acc = acc.as_mut();
    let v_hat = v_hat.as_ref();
    let mut block = [0u8; SHAKE128_RATE];
    let mut unit = [0i32; 16];
    let mut filled = 0;
    let mut u = 0;
    while u < acc.len() {
        sp.squeeze(&mut block);
        // Three bytes at a time by splitting (no `chunks_exact(3)`: a `div`, see
        // `lanes::sample_uniform_scalar`).
        let mut bytes = &block[..];
        while let [b0, b1, b2, rest @ ..] = bytes {
            if u == acc.len() {
                break;
            }
            let t = u32::from(*b0) | (u32::from(*b1) << 8) | (u32::from(b2 & 0x7f) << 16);
            if t < Q as u32 {
                unit[filled] = t as i32;
                filled += 1;
                if filled == V::N {
                    let a = V::load(&unit[..V::N]);
                    acc[u] = acc[u].add(a.mont_mul(v_hat[u]));
                    u += 1;
                    filled = 0;
                }
            }
            bytes = rest;
        }
    }
}

/// Row `i` of `w = NTT^-1(Â ∘ NTT(y))` in `[0, q)`, with `y = ExpandMask(ρ'', κ)`: each
/// `y_j` is squeezed again and transformed, then multiplied by the freshly sampled
/// `Â[i][j]`. Holds two polynomials (the sum and `ŷ_j`).
#[inline(always)]
fn w_row<V: Lanes, const L: usize>(
    p: &Params,
    rho: &[u8; 32],
    rho2: &[u8; 64],
    kappa: u16,
    i: usize,
) -> V::Poly {
    let mut acc = V::zero_poly();
    for j in 0..L {
        let mut y_hat = sample::mask_poly::<V>(rho2, kappa.wrapping_add(j as u16), p.gamma1_log);
        poly::ntt::<V>(&mut y_hat);
        matrix_entry_acc::<V>(&mut acc, rho, i, j, &y_hat);
        poly::wipe::<V>(core::slice::from_mut(&mut y_hat));
    }
    poly::map::<V>(&mut acc, V::reduce32);
    poly::inv_ntt::<V>(&mut acc);
    poly::map::<V>(&mut acc, V::caddq);
    acc
}

/// `NTT^-1(ĉ ∘ NTT(s))` for the packed polynomial `bytes` (`offset - v` of `d`-bit values
/// `v`), in place of one polynomial: [`poly::pointwise`]`(ĉ, ŝ)`'s products in its order.
#[inline(always)]
fn c_times<V: Lanes>(c_hat: &V::Poly, bytes: &[u8], offset: i32, d: u32) -> V::Poly {
    let mut s = poly::unpack::<V>(bytes, offset, d);
    poly::ntt::<V>(&mut s);
    for (x, c) in s.as_mut().iter_mut().zip(c_hat.as_ref()) {
        *x = c.mont_mul(*x);
    }
    poly::inv_ntt::<V>(&mut s);
    s
}

/// [`super::dsa::sign_mu`] in a few KiB of stack (see the module documentation): signs the
/// 64-byte message representative `mu` with randomness `rnd` into `sig`
/// (`sigEncode` length). `sk` is a checked expanded key.
#[inline(always)]
pub(crate) fn sign_mu<V: Lanes, const K: usize, const L: usize>(
    p: &Params,
    sk: &[u8],
    mu: &[u8; 64],
    rnd: &[u8; 32],
    sig: &mut [u8],
) {
    let mut rho = [0u8; 32];
    rho.copy_from_slice(&sk[..32]);
    // ρ is public (it is in pk); matrix sampling branches on bytes derived from it.
    ct::declassify_bytes(&rho);
    let eb = 32 * p.eta_bits() as usize;
    let s1_at = 128;
    let s2_at = s1_at + L * eb;
    let t0_at = s2_at + K * eb;
    let gamma1 = 1 << p.gamma1_log;
    let w1_bits = p.w1_bits();
    let w1b = 32 * w1_bits as usize;
    // Bytes of one packed unit of w1 (N coefficients).
    let w1_step = (V::N * w1_bits as usize) >> 3;
    let zb = 32 * p.z_bits() as usize;
    let z_at = p.ctilde_len;
    let h_at = z_at + L * zb;

    // ρ'' = H(K || rnd || μ, 64).
    let mut rho2 = [0u8; 64];
    sample::h(&[&sk[32..64], rnd, mu], &mut rho2);

    let mut w1_row = [0u8; W1_POLY_MAX];
    let mut hints = [[0u8; 32]; K];
    let mut ctilde = [0u8; 64];
    let mut kappa: u16 = 0;
    loop {
        // c̃ = H(μ || w1Encode(w1), λ/4), w1 = HighBits(w) absorbed row by row.
        let ctilde = &mut ctilde[..p.ctilde_len];
        {
            let mut hs = Sponge::<SHAKE256_RATE>::new();
            hs.absorb(mu);
            for i in 0..K {
                let mut w = w_row::<V, L>(p, &rho, &rho2, kappa, i);
                poly::map::<V>(&mut w, |x| x.decompose(p.gamma2).0);
                poly::pack::<V>(&w, 0, w1_bits, &mut w1_row[..w1b]);
                hs.absorb(&w1_row[..w1b]);
                poly::wipe::<V>(core::slice::from_mut(&mut w));
            }
            hs.finish(SHAKE_DS);
            hs.squeeze(ctilde);
            // `hs` (it absorbed w1) is wiped on drop.
        }
        ct::declassify_bytes(ctilde);
        let mut c_hat = poly::from_coeffs::<V>(&sample::sample_in_ball(ctilde, p.tau));
        poly::ntt::<V>(&mut c_hat);

        // z_j = y_j + c s1_j, ‖z_j‖∞ < γ1 - β, packed into the signature as it stands (a
        // rejected z is overwritten by the next iteration's; see the module documentation).
        let mut bad = 0u32;
        for j in 0..L {
            let mut z = sample::mask_poly::<V>(&rho2, kappa.wrapping_add(j as u16), p.gamma1_log);
            let s1 = s1_at + j * eb;
            let mut cs1 = c_times::<V>(&c_hat, &sk[s1..s1 + eb], p.eta, p.eta_bits());
            poly::zip::<V>(&mut z, &cs1, V::add);
            poly::map::<V>(&mut z, V::reduce32);
            bad |= poly::exceeds::<V>(&z, gamma1 - p.beta);
            poly::pack::<V>(
                &z,
                gamma1,
                p.z_bits(),
                &mut sig[z_at + j * zb..z_at + (j + 1) * zb],
            );
            poly::wipe::<V>(core::slice::from_mut(&mut z));
            poly::wipe::<V>(core::slice::from_mut(&mut cs1));
        }

        // Row by row, w again: r0 = w0 - cs2, ‖r0‖∞ < γ2 - β; ‖ct0‖∞ < γ2;
        // h = MakeHint(r0 + ct0, w1), at most ω ones (the form of `dsa::sign_mu`).
        let mut ones = 0i32;
        for (i, h) in hints.iter_mut().enumerate() {
            let mut w0 = w_row::<V, L>(p, &rho, &rho2, kappa, i);
            for (u, x) in w0.as_mut().iter_mut().enumerate() {
                let (a1, a0) = x.decompose(p.gamma2);
                a1.encode(w1_bits, &mut w1_row[u * w1_step..(u + 1) * w1_step]);
                *x = a0;
            }
            let s2 = s2_at + i * eb;
            let mut cs2 = c_times::<V>(&c_hat, &sk[s2..s2 + eb], p.eta, p.eta_bits());
            poly::zip::<V>(&mut w0, &cs2, V::sub);
            poly::map::<V>(&mut w0, V::reduce32);
            bad |= poly::exceeds::<V>(&w0, p.gamma2 - p.beta);
            poly::wipe::<V>(core::slice::from_mut(&mut cs2));
            let t0 = t0_at + i * T0_BYTES;
            let mut ct0 = c_times::<V>(&c_hat, &sk[t0..t0 + T0_BYTES], 1 << (D - 1), D);
            poly::map::<V>(&mut ct0, V::reduce32);
            bad |= poly::exceeds::<V>(&ct0, p.gamma2);
            poly::zip::<V>(&mut w0, &ct0, V::add);
            poly::wipe::<V>(core::slice::from_mut(&mut ct0));
            // Unit u holds coefficients uN..uN + N: bytes uN/8.. of the hint bits.
            let hb = V::N >> 3;
            for (u, a0) in w0.as_ref().iter().enumerate() {
                let a1 = V::decode(w1_bits, &w1_row[u * w1_step..(u + 1) * w1_step]);
                let hint = V::make_hint(*a0, a1, p.gamma2);
                ones += hint.sum();
                let bits = hint.bits();
                for (k, b) in h[u * hb..(u + 1) * hb].iter_mut().enumerate() {
                    *b = (bits >> (8 * k)) as u8;
                }
            }
            poly::wipe::<V>(core::slice::from_mut(&mut w0));
        }
        bad |= ((p.omega as i32 - ones) as u32) >> 31;

        if ct::declassify(Choice::from((bad ^ 1) as u8)) {
            // Accepted: c̃, z (already in place) and h are the signature, public from here.
            sig[..p.ctilde_len].copy_from_slice(ctilde);
            for h in &hints {
                ct::declassify_bytes(h);
            }
            encode_hints(&hints, p.omega, &mut sig[h_at..]);
            break;
        }
        kappa = kappa.wrapping_add(L as u16);
    }

    ct::wipe(&mut rho2);
    ct::wipe(&mut w1_row);
    for h in &mut hints {
        ct::wipe(h);
    }
}
