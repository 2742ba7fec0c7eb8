//! `ML-DSA.Sign_internal` from `μ` on (FIPS 204 Algorithm 7) in a few KiB of stack, for
//! microcontrollers: the signing path of the "small stack" variants (pqm4's `m4fstack`;
//! Bos, Renes and Sprenkels, "Dilithium for memory constrained devices", 2022), written
//! over [`Lanes`] like [`super::dsa`] and giving the same signatures byte for byte.
//!
//! [`super::dsa::sign_mu`] holds `3K + 2L` polynomials of 1 KiB (ŝ1, ŝ2, t̂0, y, ŷ, w0):
//! about 50 KB of stack for ML-DSA-65 on the portable backend, more than many Cortex-M
//! parts have. Here no vector is held, only single polynomials, and what a vector would
//! have held is recomputed:
//!
//! * s1, s2 and t0 are unpacked from the key bytes one polynomial at a time, where used;
//! * `y_j = ExpandMask(ρ'', κ + j)` is squeezed again (640 bytes of SHAKE256 at most) each
//!   time it is needed, and `Â[i][j]` is sampled from `ρ` a block at a time and multiplied
//!   into the row sum a unit (`N` coefficients) at a time as it comes, never held;
//! * `w` is computed row by row, twice: the first pass absorbs `w1Encode` of each row into
//!   the sponge of `c̃ = H(μ || w1Encode(w1))`, the second recomputes each row for its
//!   low part `r0`, `ct0` and the hint;
//! * `z_j = y_j + c s1_j` is checked and packed straight into the caller's signature
//!   buffer (a rejected iteration's `z` is overwritten by the next one's, and the loop
//!   only ends with an accepted one); the hints are kept as bits (`32 K` bytes) and
//!   encoded once accepted.
//!
//! **Stack.** Each step is a function of its own, `#[inline(never)]`, holding its own
//! polynomial: its frame is popped when it returns, so the peak is the deepest chain of
//! calls, not the sum of everything the steps hold (with the steps inlined into one
//! function LLVM overlapped their polynomials only partly: one 8.3 KiB frame for
//! ML-DSA-65). The deepest chain is the second pass over `w`: `ĉ` (1 KiB), `w0_i`, `ŷ_j`,
//! one SHAKE state and Keccak-f's frame. Masks are squeezed a unit (`N` coefficients) at a
//! time and the matrix a SHAKE128 block at a time, so no sampler holds a 640-byte or 1 KiB
//! buffer, and polynomials are filled in place (one returned by value, or assigned from
//! `V::zero_poly()`, costs a 1 KiB temporary on Thumb). Measured peak (`examples/
//! small_stack.rs`, x86-64 release): 5.9 KB for each of ML-DSA-44, -65 and -87 (the chain
//! does not depend on K or L), against 39 / 50 / 65 KB for [`super::dsa::sign_mu`] on the
//! portable backend; the thumbv7em frames of the chain (static sizes plus saved registers)
//! add up to about 5.7 KB at opt-level 3 and 5.8 KB at opt-level s.
//!
//! The price is time: each iteration squeezes `2 K L` masks and samples `2 K L` matrix
//! entries instead of `L` and `K L` (about 3.4 times the Keccak-f calls for ML-DSA-65),
//! with `2 K L` forward NTTs instead of `L`: 3 to 9 times the signing time of the normal
//! path on the same (portable) backend in x86-64 medians on a heavily loaded machine,
//! mostly 5 to 7 for ML-DSA-65 and -87; Keccak-f is about half of it, the NTTs of the
//! recomputed `ŷ_j` much of the rest. (The Cortex-M4 cycle counts are `embedded/`'s.)
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
//! **Backends.** Generic over [`Lanes`] like [`super::dsa`], but instantiated with the
//! portable backend only (the microcontroller case): the `#[inline(never)]` steps could
//! not inherit a SIMD backend's `#[target_feature]` entry point, and a four-way Keccak
//! would need four polynomials of room per sampled group, which is the point not to have.

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
const T0_BYTES: usize = 416;
/// Bytes of the longest packed w1 polynomial (6 bits a coefficient, ML-DSA-44).
const W1_POLY_MAX: usize = 32 * 6;

/// Zeroes `p` in place, past the optimizer. (`*p = V::zero_poly()`, as `poly::wipe` does,
/// builds the zero polynomial in a 1 KiB temporary and copies it on Thumb.)
#[inline(always)]
fn clear<V: Lanes>(p: &mut V::Poly) {
    for x in p.as_mut() {
        *x = V::splat(0);
    }
    core::hint::black_box(&mut *p);
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}

/// [`poly::unpack`] into `out` (no polynomial returned by value: a 1 KiB copy on Thumb).
/// The bytes are split off a unit at a time: indexing `bytes[i * step..]` let LLVM bound
/// the loop by `bytes.len() / step`, a `udiv` at opt-level s (the CT gate's division scan;
/// the lengths are public, but the gate flags every division).
#[inline(always)]
fn unpack_into<V: Lanes>(out: &mut V::Poly, bytes: &[u8], offset: i32, d: u32) {
    let step = (V::N * d as usize) >> 3;
    let off = V::splat(offset);
    let mut rest = bytes;
    for x in out.as_mut() {
        let (unit, r) = rest.split_at(step);
        *x = off.sub(V::decode(d, unit));
        rest = r;
    }
}

/// `ExpandMask`'s polynomial `index` (FIPS 204 Algorithm 34) into `out`: the bytes of
/// `H(ρ'' || IntegerToBytes(index, 2))` squeezed one unit's worth (`N (1 + log2 γ1) / 8`
/// bytes) at a time and unpacked as `γ1 - v`, as [`sample::mask_poly`] unpacks the whole
/// 640 bytes. Fixed length, constant time.
#[inline(never)]
fn mask_into<V: Lanes>(out: &mut V::Poly, rho2: &[u8; 64], index: u16, gamma1_log: u32) {
    let d = gamma1_log + 1;
    let step = (V::N * d as usize) >> 3;
    let mut sp = sample::shake256(&[rho2, &index.to_le_bytes()]);
    // The longest unit: 16 lanes (AVX-512) of 20 bits.
    let mut buf = [0u8; 40];
    let off = V::splat(1 << gamma1_log);
    for x in out.as_mut() {
        sp.squeeze(&mut buf[..step]);
        *x = off.sub(V::decode(d, &buf[..step]));
    }
    ct::wipe(&mut buf);
    // `sp` is wiped on drop.
}

/// `acc += Â[i][j] ∘ v̂` (NTT domain, factor `2^-32`, not reduced), with `Â[i][j] =
/// RejNTTPoly(ρ || j || i)` (FIPS 204 Algorithms 30 and 32) sampled as it is used: each
/// SHAKE128 block is parsed three bytes at a time, and every `N` accepted coefficients
/// make one unit of the entry, multiplied into `acc` at once. The same products as
/// [`poly::pointwise_acc`] of the whole entry, without its 1 KiB. The loop count depends on
/// `ρ` only (public); `v̂` is only computed on.
#[inline(never)]
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

/// Row `i` of `w = NTT^-1(Â ∘ NTT(y))` into `out`, in `[0, q)`, with `y =
/// ExpandMask(ρ'', κ)`: each `y_j` is squeezed again and transformed, then multiplied by
/// the freshly sampled `Â[i][j]` (the operations of `dsa::row_product`, in its order).
#[inline(never)]
fn w_row<V: Lanes, const L: usize>(
    out: &mut V::Poly,
    p: &Params,
    rho: &[u8; 32],
    rho2: &[u8; 64],
    kappa: u16,
    i: usize,
) {
    clear::<V>(out);
    let mut y_hat = V::zero_poly();
    for j in 0..L {
        mask_into::<V>(&mut y_hat, rho2, kappa.wrapping_add(j as u16), p.gamma1_log);
        poly::ntt::<V>(&mut y_hat);
        matrix_entry_acc::<V>(out, rho, i, j, &y_hat);
    }
    clear::<V>(&mut y_hat);
    poly::map::<V>(out, V::reduce32);
    poly::inv_ntt::<V>(out);
    poly::map::<V>(out, V::caddq);
}

/// `c̃ = H(μ || w1Encode(w1), λ/4)` of iteration `κ` into `ctilde`: `w` row by row, the
/// packed high bits of each row absorbed as they come.
#[inline(never)]
fn challenge<V: Lanes, const K: usize, const L: usize>(
    p: &Params,
    rho: &[u8; 32],
    rho2: &[u8; 64],
    kappa: u16,
    mu: &[u8; 64],
    ctilde: &mut [u8],
) {
    let w1b = 32 * p.w1_bits() as usize;
    let mut w = V::zero_poly();
    let mut w1 = [0u8; W1_POLY_MAX];
    let mut hs = Sponge::<SHAKE256_RATE>::new();
    hs.absorb(mu);
    for i in 0..K {
        w_row::<V, L>(&mut w, p, rho, rho2, kappa, i);
        poly::map::<V>(&mut w, |x| x.decompose(p.gamma2).0);
        poly::pack::<V>(&w, 0, p.w1_bits(), &mut w1[..w1b]);
        hs.absorb(&w1[..w1b]);
    }
    hs.finish(SHAKE_DS);
    hs.squeeze(ctilde);
    clear::<V>(&mut w);
    ct::wipe(&mut w1);
    // `hs` (it absorbed w1) is wiped on drop.
}

/// `NTT(SampleInBall(c̃))` into `out`; `c̃` is public (see [`sample::sample_in_ball`]).
#[inline(never)]
fn challenge_poly<V: Lanes>(out: &mut V::Poly, ctilde: &[u8], tau: usize) {
    let c = sample::sample_in_ball(ctilde, tau);
    // Split a unit at a time: `chunks_exact(V::N)` zipped calls a `Zip::new` that divides
    // at opt-level z (see `unpack_into`).
    let mut rest = &c[..];
    for x in out.as_mut() {
        let (unit, r) = rest.split_at(V::N);
        *x = V::load(unit);
        rest = r;
    }
    poly::ntt::<V>(out);
}

/// `out = NTT^-1(ĉ ∘ NTT(s))` for the packed polynomial `bytes` (`offset - v` of `d`-bit
/// values `v`): [`poly::pointwise`]`(ĉ, ŝ)`'s products, in its order.
#[inline(always)]
fn c_times<V: Lanes>(out: &mut V::Poly, c_hat: &V::Poly, bytes: &[u8], offset: i32, d: u32) {
    unpack_into::<V>(out, bytes, offset, d);
    poly::ntt::<V>(out);
    for (x, c) in out.as_mut().iter_mut().zip(c_hat.as_ref()) {
        *x = c.mont_mul(*x);
    }
    poly::inv_ntt::<V>(out);
}

/// `acc = reduce32(acc + c s)` (`subtract`: `acc - c s`) for the packed `s`, then 1 if
/// some coefficient of `acc` has `|x| >= bound`, else 0. `subtract` is public.
#[inline(never)]
fn add_cs_check<V: Lanes>(
    acc: &mut V::Poly,
    c_hat: &V::Poly,
    s: &[u8],
    eta: i32,
    eta_bits: u32,
    subtract: bool,
    bound: i32,
) -> u32 {
    let mut cs = V::zero_poly();
    c_times::<V>(&mut cs, c_hat, s, eta, eta_bits);
    if subtract {
        poly::zip::<V>(acc, &cs, V::sub);
    } else {
        poly::zip::<V>(acc, &cs, V::add);
    }
    clear::<V>(&mut cs);
    poly::map::<V>(acc, V::reduce32);
    poly::exceeds::<V>(acc, bound)
}

/// `acc += ct0` with `ct0 = reduce32(c t0)` for the packed `t0`, and 1 if some coefficient
/// of `ct0` has `|x| >= γ2`, else 0.
#[inline(never)]
fn add_ct0_check<V: Lanes>(acc: &mut V::Poly, c_hat: &V::Poly, t0: &[u8], gamma2: i32) -> u32 {
    let mut ct0 = V::zero_poly();
    c_times::<V>(&mut ct0, c_hat, t0, 1 << (D - 1), D);
    poly::map::<V>(&mut ct0, V::reduce32);
    let bad = poly::exceeds::<V>(&ct0, gamma2);
    poly::zip::<V>(acc, &ct0, V::add);
    clear::<V>(&mut ct0);
    bad
}

/// `z_j = y_j + c s1_j` packed into `out` (`32 (1 + log2 γ1)` bytes); 1 if
/// `‖z_j‖∞ >= γ1 - β`, else 0.
#[inline(never)]
fn z_poly<V: Lanes>(
    p: &Params,
    rho2: &[u8; 64],
    index: u16,
    c_hat: &V::Poly,
    s1: &[u8],
    out: &mut [u8],
) -> u32 {
    let gamma1 = 1 << p.gamma1_log;
    let mut z = V::zero_poly();
    mask_into::<V>(&mut z, rho2, index, p.gamma1_log);
    let bad = add_cs_check::<V>(
        &mut z,
        c_hat,
        s1,
        p.eta,
        p.eta_bits(),
        false,
        gamma1 - p.beta,
    );
    poly::pack::<V>(&z, gamma1, p.z_bits(), out);
    clear::<V>(&mut z);
    bad
}

/// Row `i` of the hint, as bits into `h`: `w_i` again, `r0 = w0 - c s2_i` with
/// `‖r0‖∞ < γ2 - β`, `‖c t0_i‖∞ < γ2`, `h = MakeHint(r0 + c t0_i, w1)` (the form of
/// `dsa::sign_mu`). Returns (1 if a check failed else 0, the number of ones).
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn hint_row<V: Lanes, const L: usize>(
    p: &Params,
    rho: &[u8; 32],
    rho2: &[u8; 64],
    kappa: u16,
    i: usize,
    c_hat: &V::Poly,
    s2: &[u8],
    t0: &[u8],
    h: &mut [u8; 32],
) -> (u32, i32) {
    let w1_bits = p.w1_bits();
    // Bytes of one packed unit of w1 (N coefficients).
    let w1_step = (V::N * w1_bits as usize) >> 3;
    let mut w1 = [0u8; W1_POLY_MAX];
    let mut w0 = V::zero_poly();
    w_row::<V, L>(&mut w0, p, rho, rho2, kappa, i);
    // Split a unit at a time, as in `unpack_into` (no `udiv` bounding the loop).
    let mut rest = &mut w1[..];
    for x in w0.as_mut() {
        let (a1, a0) = x.decompose(p.gamma2);
        let (unit, r) = rest.split_at_mut(w1_step);
        a1.encode(w1_bits, unit);
        rest = r;
        *x = a0;
    }
    let mut bad = add_cs_check::<V>(
        &mut w0,
        c_hat,
        s2,
        p.eta,
        p.eta_bits(),
        true,
        p.gamma2 - p.beta,
    );
    bad |= add_ct0_check::<V>(&mut w0, c_hat, t0, p.gamma2);
    // Unit u holds coefficients uN..uN + N: bytes uN/8.. of the hint bits.
    let hb = V::N >> 3;
    let mut ones = 0i32;
    let (mut w1_rest, mut h_rest) = (&w1[..], &mut h[..]);
    for a0 in w0.as_ref() {
        let (unit, r) = w1_rest.split_at(w1_step);
        w1_rest = r;
        let a1 = V::decode(w1_bits, unit);
        let hint = V::make_hint(*a0, a1, p.gamma2);
        ones += hint.sum();
        let bits = hint.bits();
        let (hu, r) = h_rest.split_at_mut(hb);
        h_rest = r;
        for (k, b) in hu.iter_mut().enumerate() {
            *b = (bits >> (8 * k)) as u8;
        }
    }
    clear::<V>(&mut w0);
    ct::wipe(&mut w1);
    (bad, ones)
}

/// Everything of iteration `κ` after `c̃`: `z` packed into `sig`, the hint bits into
/// `hints`; 1 if the iteration is rejected (any check, or more than ω ones), else 0, from
/// all checks without early exit.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn respond<V: Lanes, const K: usize, const L: usize>(
    p: &Params,
    sk: &[u8],
    rho: &[u8; 32],
    rho2: &[u8; 64],
    kappa: u16,
    ctilde: &[u8],
    sig: &mut [u8],
    hints: &mut [[u8; 32]; K],
) -> u32 {
    let eb = 32 * p.eta_bits() as usize;
    let s1_at = 128;
    let s2_at = s1_at + L * eb;
    let t0_at = s2_at + K * eb;
    let zb = 32 * p.z_bits() as usize;
    let z_at = p.ctilde_len;

    let mut c_hat = V::zero_poly();
    challenge_poly::<V>(&mut c_hat, ctilde, p.tau);
    // z = y + cs1, ‖z‖∞ < γ1 - β, packed into the signature as it stands (a rejected z is
    // overwritten by the next iteration's; see the module documentation).
    let mut bad = 0u32;
    for j in 0..L {
        bad |= z_poly::<V>(
            p,
            rho2,
            kappa.wrapping_add(j as u16),
            &c_hat,
            &sk[s1_at + j * eb..s1_at + (j + 1) * eb],
            &mut sig[z_at + j * zb..z_at + (j + 1) * zb],
        );
    }
    let mut ones = 0i32;
    for (i, h) in hints.iter_mut().enumerate() {
        let (b, n) = hint_row::<V, L>(
            p,
            rho,
            rho2,
            kappa,
            i,
            &c_hat,
            &sk[s2_at + i * eb..s2_at + (i + 1) * eb],
            &sk[t0_at + i * T0_BYTES..t0_at + (i + 1) * T0_BYTES],
            h,
        );
        bad |= b;
        ones += n;
    }
    bad | ((p.omega as i32 - ones) as u32) >> 31
}

/// [`super::dsa::sign_mu`] in a few KiB of stack (see the module documentation): signs the
/// 64-byte message representative `mu` with randomness `rnd` into `sig`
/// (`sigEncode` length). `sk` is a checked expanded key.
#[inline(never)]
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
    let h_at = p.ctilde_len + L * 32 * p.z_bits() as usize;

    // ρ'' = H(K || rnd || μ, 64).
    let mut rho2 = [0u8; 64];
    sample::h(&[&sk[32..64], rnd, mu], &mut rho2);

    let mut hints = [[0u8; 32]; K];
    let mut ctilde = [0u8; 64];
    let ctilde = &mut ctilde[..p.ctilde_len];
    let mut kappa: u16 = 0;
    loop {
        challenge::<V, K, L>(p, &rho, &rho2, kappa, mu, ctilde);
        ct::declassify_bytes(ctilde);
        let bad = respond::<V, K, L>(p, sk, &rho, &rho2, kappa, ctilde, sig, &mut hints);
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
    for h in &mut hints {
        ct::wipe(h);
    }
}
