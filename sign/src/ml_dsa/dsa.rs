//! The internal ML-DSA algorithms (FIPS 204 §6: `ML-DSA.KeyGen_internal`,
//! `ML-DSA.Sign_internal` from `μ` on, `ML-DSA.Verify_internal` from `μ` on) and the key and
//! signature encodings (§7.2), written once over [`Lanes`] and the dimensions `K × L`.
//!
//! Keys and signatures arrive and leave as bytes; the caller checks lengths. Byte offsets
//! are computed by multiplication (no `chunks_exact` by a length that is not a power of
//! two: it stays a `div` at opt-level s/z, which the CT gate's division scan rejects).
//!
//! **Memory.** The matrix `Â` is never held: each entry `Â[i][j]` is sampled when it is
//! used, row by row: signing holds `3K + 2L` polynomials of 1 KiB (ŝ1, ŝ2, t̂0, y, ŷ, w0)
//! instead of another `K L` KiB (measured peak, release x86-64: about 72 / 58 / 48 KiB of
//! stack for ML-DSA-87 / 65 / 44 signing, 30 KiB for ML-DSA-87 verification). The price is
//! that signing samples `Â` again in every iteration of its rejection loop: for ML-DSA-65,
//! 2.1 M cycles per signature instead of 1.4 M with `Â` held. A cached-matrix API (a value
//! holding `Â` for a key, `K L` KiB, passed to [`sign_mu`]) would replace [`row_acc`]'s
//! calls to [`sample::matrix_entry`] with reads of that value; nothing else changes. A
//! backend with a four-way Keccak samples four entries at a time and holds them
//! ([`Matrix`], 4 KiB more; the portable backend holds none).
//!
//! **Constant time.** Inside a signing iteration no branch, index or division depends on
//! secret data, with two named exceptions: `c̃` is declassified (see
//! [`sample::sample_in_ball`]), and the accept/reject decision of the iteration, computed
//! from all four checks without early exit, is declassified once. Secret intermediates are
//! wiped before returning.

use mamori_primitives::ct;
use subtle::{Choice, ConstantTimeEq};

use super::Params;
use super::arith::{D, GAMMA2_88};
use super::lanes::Lanes;
use super::poly;
use super::sample;

/// Bytes of one packed t1 polynomial (10 bits a coefficient).
const T1_BYTES: usize = 320;
/// Bytes of one packed t0 polynomial (13 bits a coefficient).
const T0_BYTES: usize = 416;
/// The largest `w1Encode` output: `K * 32 * bits` (768 for ML-DSA-44 and -65, 1024 for -87).
const W1_MAX: usize = 1024;

impl Params {
    /// Bits of a packed coefficient of s1 or s2.
    pub(crate) const fn eta_bits(&self) -> u32 {
        if self.eta == 2 { 3 } else { 4 }
    }
    /// Bits of a coefficient of w1 (`bitlen((q - 1) / (2 γ2) - 1)`).
    pub(crate) const fn w1_bits(&self) -> u32 {
        if self.gamma2 == GAMMA2_88 { 6 } else { 4 }
    }
    /// Bits of a packed coefficient of z (`1 + bitlen(γ1 - 1)`).
    pub(crate) const fn z_bits(&self) -> u32 {
        self.gamma1_log + 1
    }
    /// `pkEncode` length: `32 + 320 K`.
    pub(crate) const fn pk_len(&self, k: usize) -> usize {
        32 + T1_BYTES * k
    }
    /// `skEncode` length: `128 + 32 ((K + L) bitlen(2 η) + 13 K)`.
    pub(crate) const fn sk_len(&self, k: usize, l: usize) -> usize {
        128 + 32 * ((k + l) * self.eta_bits() as usize + 13 * k)
    }
    /// `sigEncode` length: `λ/4 + 32 L (1 + bitlen(γ1 - 1)) + ω + K`.
    pub(crate) const fn sig_len(&self, k: usize, l: usize) -> usize {
        self.ctilde_len + 32 * l * self.z_bits() as usize + self.omega + k
    }
    fn eta_poly_bytes(&self) -> usize {
        32 * self.eta_bits() as usize
    }
    fn z_poly_bytes(&self) -> usize {
        32 * self.z_bits() as usize
    }
    fn w1_poly_bytes(&self) -> usize {
        32 * self.w1_bits() as usize
    }
    fn gamma1(&self) -> i32 {
        1 << self.gamma1_log
    }
}

/// The matrix `Â` as its rows are read: the public seed `ρ`, and, on a backend with a
/// four-way Keccak, the last four entries sampled together. Groups run over the entries
/// in row-major order and may span two rows, so reading the rows in order samples
/// `ceil(K L / 4)` groups (ML-DSA-65: 8 rather than the 12 of four-entry groups per row).
struct Matrix<V: Lanes> {
    rho: [u8; 32],
    /// K.
    rows: usize,
    /// Entries `start..start + held` (row-major), when sampling four at a time.
    group: V::MatrixGroup,
    start: usize,
    held: usize,
}

impl<V: Lanes> Matrix<V> {
    #[inline(always)]
    fn new(rho: &[u8; 32], rows: usize) -> Self {
        Self {
            rho: *rho,
            rows,
            group: V::zero_matrix_group(),
            start: 0,
            held: 0,
        }
    }
}

/// `Σ_j Â[i][j] ∘ v̂_j` (NTT domain, factor `2^-32`, not reduced): row `i` of `Â v̂`, with
/// the entries of `Â` sampled from `ρ` one at a time (or four at a time, see [`Matrix`]).
/// The one place that reads `Â`.
#[inline(always)]
fn row_acc<V: Lanes, const L: usize>(a: &mut Matrix<V>, i: usize, v_hat: &[V::Poly; L]) -> V::Poly {
    let mut acc = V::zero_poly();
    if let Some(k) = V::keccak_x4() {
        for (j, v) in v_hat.iter().enumerate() {
            let f = i * L + j;
            if f < a.start || f >= a.start + a.held {
                let n = (a.rows * L - f).min(4);
                let group = &mut a.group.as_mut()[..n];
                sample::matrix_entries_x4::<V, _>(k, &a.rho, L, i, j, group);
                a.start = f;
                a.held = n;
            }
            poly::pointwise_acc::<V>(&mut acc, &a.group.as_ref()[f - a.start], v);
        }
        return acc;
    }
    for (j, v) in v_hat.iter().enumerate() {
        let e = sample::matrix_entry::<V>(&a.rho, i, j);
        poly::pointwise_acc::<V>(&mut acc, &e, v);
    }
    acc
}

/// `NTT^-1(Σ_j Â[i][j] ∘ v̂_j)` in `[0, q)`: row `i` of `Â v`.
#[inline(always)]
fn row_product<V: Lanes, const L: usize>(
    a: &mut Matrix<V>,
    i: usize,
    v_hat: &[V::Poly; L],
) -> V::Poly {
    let mut acc = row_acc::<V, L>(a, i, v_hat);
    poly::map::<V>(&mut acc, V::reduce32);
    poly::inv_ntt::<V>(&mut acc);
    poly::map::<V>(&mut acc, V::caddq);
    acc
}

/// Row `i` of `t = NTT^-1(Â ∘ ŝ1) + s2`, split by `Power2Round`: `(t1, t0)`.
#[inline(always)]
fn t_row<V: Lanes, const L: usize>(
    a: &mut Matrix<V>,
    i: usize,
    s1_hat: &[V::Poly; L],
    s2: &V::Poly,
) -> (V::Poly, V::Poly) {
    let mut t = row_acc::<V, L>(a, i, s1_hat);
    poly::map::<V>(&mut t, V::reduce32);
    poly::inv_ntt::<V>(&mut t);
    poly::zip::<V>(&mut t, s2, V::add);
    poly::map::<V>(&mut t, V::caddq);
    let (mut t1, mut t0) = (V::zero_poly(), V::zero_poly());
    for ((x, a), b) in t.as_ref().iter().zip(t1.as_mut()).zip(t0.as_mut()) {
        (*a, *b) = x.power2round();
    }
    poly::wipe::<V>(core::slice::from_mut(&mut t));
    (t1, t0)
}

/// `ML-DSA.KeyGen_internal(ξ)` (FIPS 204 Algorithm 6): writes `pk` and `sk`.
#[inline(always)]
pub(crate) fn keygen<V: Lanes, const K: usize, const L: usize>(
    p: &Params,
    xi: &[u8; 32],
    pk: &mut [u8],
    sk: &mut [u8],
) {
    let mut seeds = [0u8; 128];
    sample::h(&[xi, &[K as u8, L as u8]], &mut seeds);
    let mut rho = [0u8; 32];
    rho.copy_from_slice(&seeds[..32]);
    // ρ is published in pk.
    ct::declassify_bytes(&rho);
    let mut rho_prime = [0u8; 64];
    rho_prime.copy_from_slice(&seeds[32..96]);
    pk[..32].copy_from_slice(&rho);
    sk[..32].copy_from_slice(&rho);
    sk[32..64].copy_from_slice(&seeds[96..]);
    ct::wipe(&mut seeds);

    let eb = p.eta_poly_bytes();
    let s1_at = 128;
    let s2_at = s1_at + L * eb;
    let t0_at = s2_at + K * eb;
    let mut s1_hat = [V::zero_poly(); L];
    sample::bounded_polys::<V>(&rho_prime, 0, p.eta, &mut s1_hat);
    for (j, s) in s1_hat.iter_mut().enumerate() {
        poly::pack::<V>(
            s,
            p.eta,
            p.eta_bits(),
            &mut sk[s1_at + j * eb..s1_at + (j + 1) * eb],
        );
        poly::ntt::<V>(s);
    }
    // With a four-way Keccak, s2 four polynomials at a time (the portable backend keeps
    // one at a time: `s2_group` is then unused and optimised away).
    let mut s2_group = [V::zero_poly(); 4];
    let mut a = Matrix::<V>::new(&rho, K);
    for i in 0..K {
        let mut s2 = if V::keccak_x4().is_some() {
            if i & 3 == 0 {
                let n = (K - i).min(4);
                sample::bounded_polys::<V>(&rho_prime, (L + i) as u16, p.eta, &mut s2_group[..n]);
            }
            s2_group[i & 3]
        } else {
            sample::bounded_poly::<V>(&rho_prime, (L + i) as u16, p.eta)
        };
        poly::pack::<V>(
            &s2,
            p.eta,
            p.eta_bits(),
            &mut sk[s2_at + i * eb..s2_at + (i + 1) * eb],
        );
        let (t1, mut t0) = t_row::<V, L>(&mut a, i, &s1_hat, &s2);
        // t1 is published in pk.
        poly::pack::<V>(
            &t1,
            0,
            10,
            &mut pk[32 + i * T1_BYTES..32 + (i + 1) * T1_BYTES],
        );
        poly::pack::<V>(
            &t0,
            1 << (D - 1),
            D,
            &mut sk[t0_at + i * T0_BYTES..t0_at + (i + 1) * T0_BYTES],
        );
        poly::wipe::<V>(core::slice::from_mut(&mut s2));
        poly::wipe::<V>(core::slice::from_mut(&mut t0));
    }
    if V::keccak_x4().is_some() {
        poly::wipe::<V>(&mut s2_group);
    }
    ct::declassify_bytes(pk);
    let mut tr = [0u8; 64];
    sample::h(&[pk], &mut tr);
    sk[64..128].copy_from_slice(&tr);
    poly::wipe::<V>(&mut s1_hat);
    ct::wipe(&mut rho_prime);
}

/// Checks an expanded signing key and recomputes its verifying key into `pk`: every
/// coefficient of s1 and s2 in `[-η, η]`, t0 equal to the low part of `Â s1 + s2`, and tr
/// equal to `H(pk)`. FIPS 204 requires none of this of `skDecode`; it catches corrupted or
/// mismatched keys before they sign. The answer is declassified (a key is valid or not).
#[inline(always)]
pub(crate) fn check_sk<V: Lanes, const K: usize, const L: usize>(
    p: &Params,
    sk: &[u8],
    pk: &mut [u8],
) -> bool {
    let mut rho = [0u8; 32];
    rho.copy_from_slice(&sk[..32]);
    // ρ is public (it is in pk); matrix sampling branches on bytes derived from it.
    ct::declassify_bytes(&rho);
    let eb = p.eta_poly_bytes();
    let s1_at = 128;
    let s2_at = s1_at + L * eb;
    let t0_at = s2_at + K * eb;
    let mut bad = 0u32;
    let mut s1_hat = [V::zero_poly(); L];
    for (j, s) in s1_hat.iter_mut().enumerate() {
        *s = poly::unpack::<V>(
            &sk[s1_at + j * eb..s1_at + (j + 1) * eb],
            p.eta,
            p.eta_bits(),
        );
        bad |= poly::exceeds::<V>(s, p.eta + 1);
        poly::ntt::<V>(s);
    }
    let mut same = Choice::from(1);
    let mut t0_bytes = [0u8; T0_BYTES];
    pk[..32].copy_from_slice(&rho);
    let mut a = Matrix::<V>::new(&rho, K);
    for i in 0..K {
        let mut s2 = poly::unpack::<V>(
            &sk[s2_at + i * eb..s2_at + (i + 1) * eb],
            p.eta,
            p.eta_bits(),
        );
        bad |= poly::exceeds::<V>(&s2, p.eta + 1);
        let (t1, mut t0) = t_row::<V, L>(&mut a, i, &s1_hat, &s2);
        poly::pack::<V>(
            &t1,
            0,
            10,
            &mut pk[32 + i * T1_BYTES..32 + (i + 1) * T1_BYTES],
        );
        poly::pack::<V>(&t0, 1 << (D - 1), D, &mut t0_bytes);
        same &= t0_bytes.ct_eq(&sk[t0_at + i * T0_BYTES..t0_at + (i + 1) * T0_BYTES]);
        poly::wipe::<V>(core::slice::from_mut(&mut s2));
        poly::wipe::<V>(core::slice::from_mut(&mut t0));
    }
    ct::wipe(&mut t0_bytes);
    poly::wipe::<V>(&mut s1_hat);
    let mut tr = [0u8; 64];
    sample::h(&[pk], &mut tr);
    same &= tr.ct_eq(&sk[64..128]);
    same &= Choice::from((bad ^ 1) as u8);
    ct::declassify(same)
}

/// `ML-DSA.Sign_internal` (FIPS 204 Algorithm 7) from `μ` on: signs the 64-byte message
/// representative `mu` with randomness `rnd` (all zero for deterministic signing) into
/// `sig`. `sk` is a checked expanded key.
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
    let eb = p.eta_poly_bytes();
    let s1_at = 128;
    let s2_at = s1_at + L * eb;
    let t0_at = s2_at + K * eb;

    // skDecode, then NTT of s1, s2 and t0.
    let mut s1_hat = [V::zero_poly(); L];
    for (j, s) in s1_hat.iter_mut().enumerate() {
        *s = poly::unpack::<V>(
            &sk[s1_at + j * eb..s1_at + (j + 1) * eb],
            p.eta,
            p.eta_bits(),
        );
        poly::ntt::<V>(s);
    }
    let mut s2_hat = [V::zero_poly(); K];
    let mut t0_hat = [V::zero_poly(); K];
    for (i, (s, t)) in s2_hat.iter_mut().zip(t0_hat.iter_mut()).enumerate() {
        *s = poly::unpack::<V>(
            &sk[s2_at + i * eb..s2_at + (i + 1) * eb],
            p.eta,
            p.eta_bits(),
        );
        poly::ntt::<V>(s);
        *t = poly::unpack::<V>(
            &sk[t0_at + i * T0_BYTES..t0_at + (i + 1) * T0_BYTES],
            1 << (D - 1),
            D,
        );
        poly::ntt::<V>(t);
    }

    // ρ'' = H(K || rnd || μ, 64).
    let mut rho2 = [0u8; 64];
    sample::h(&[&sk[32..64], rnd, mu], &mut rho2);

    let gamma1 = p.gamma1();
    let w1_bytes = p.w1_poly_bytes();
    let w1_len = K * w1_bytes;
    let mut y = [V::zero_poly(); L];
    let mut y_hat = [V::zero_poly(); L];
    let mut w0 = [V::zero_poly(); K];
    let mut w1_enc = [0u8; W1_MAX];
    let mut hints = [[0u8; 32]; K];
    let mut ctilde = [0u8; 64];
    let mut kappa: u16 = 0;
    loop {
        // y = ExpandMask(ρ'', κ); w = NTT^-1(Â ∘ NTT(y)); (w1, w0) = Decompose(w).
        sample::mask_polys::<V>(&rho2, kappa, p.gamma1_log, &mut y);
        for (y, yh) in y.iter().zip(y_hat.iter_mut()) {
            *yh = *y;
            poly::ntt::<V>(yh);
        }
        let mut a = Matrix::<V>::new(&rho, K);
        for (i, w0) in w0.iter_mut().enumerate() {
            let w = row_product::<V, L>(&mut a, i, &y_hat);
            let mut w1 = V::zero_poly();
            for ((x, a), b) in w.as_ref().iter().zip(w1.as_mut()).zip(w0.as_mut()) {
                (*a, *b) = x.decompose(p.gamma2);
            }
            poly::pack::<V>(
                &w1,
                0,
                p.w1_bits(),
                &mut w1_enc[i * w1_bytes..(i + 1) * w1_bytes],
            );
        }

        // c̃ = H(μ || w1Encode(w1), λ/4); c = SampleInBall(c̃).
        let ctilde = &mut ctilde[..p.ctilde_len];
        sample::h(&[mu, &w1_enc[..w1_len]], ctilde);
        ct::declassify_bytes(ctilde);
        let mut c_hat = poly::from_coeffs::<V>(&sample::sample_in_ball(ctilde, p.tau));
        poly::ntt::<V>(&mut c_hat);

        // z = y + cs1 (in place of y), ‖z‖∞ < γ1 - β.
        let mut bad = 0u32;
        for (z, s) in y.iter_mut().zip(&s1_hat) {
            let mut cs1 = poly::pointwise::<V>(&c_hat, s);
            poly::inv_ntt::<V>(&mut cs1);
            poly::zip::<V>(z, &cs1, V::add);
            poly::map::<V>(z, V::reduce32);
            bad |= poly::exceeds::<V>(z, gamma1 - p.beta);
        }
        // r0 = w0 - cs2, ‖r0‖∞ < γ2 - β; ‖ct0‖∞ < γ2; h = MakeHint(r0 + ct0, w1), at most
        // ω ones. (The reference implementation's form of Algorithm 7 lines 21-28.)
        let mut ones = 0i32;
        for (i, (w0, h)) in w0.iter_mut().zip(hints.iter_mut()).enumerate() {
            let mut cs2 = poly::pointwise::<V>(&c_hat, &s2_hat[i]);
            poly::inv_ntt::<V>(&mut cs2);
            poly::zip::<V>(w0, &cs2, V::sub);
            poly::map::<V>(w0, V::reduce32);
            bad |= poly::exceeds::<V>(w0, p.gamma2 - p.beta);
            let mut ct0 = poly::pointwise::<V>(&c_hat, &t0_hat[i]);
            poly::inv_ntt::<V>(&mut ct0);
            poly::map::<V>(&mut ct0, V::reduce32);
            bad |= poly::exceeds::<V>(&ct0, p.gamma2);
            poly::zip::<V>(w0, &ct0, V::add);
            let w1 = poly::unpack::<V>(&w1_enc[i * w1_bytes..(i + 1) * w1_bytes], 0, p.w1_bits());
            let mut hp = V::zero_poly();
            for ((x, a0), a1) in hp.as_mut().iter_mut().zip(w0.as_ref()).zip(w1.as_ref()) {
                *x = V::make_hint(*a0, *a1, p.gamma2);
                ones += x.sum();
            }
            for (b, w) in h.chunks_exact_mut(4).zip(poly::to_bits::<V>(&hp)) {
                b.copy_from_slice(&w.to_le_bytes());
            }
            poly::wipe::<V>(core::slice::from_mut(&mut cs2));
            poly::wipe::<V>(core::slice::from_mut(&mut ct0));
        }
        bad |= ((p.omega as i32 - ones) as u32) >> 31;

        if ct::declassify(Choice::from((bad ^ 1) as u8)) {
            // Accepted: c̃, z and h are the signature, public from here on.
            sig[..p.ctilde_len].copy_from_slice(ctilde);
            let zb = p.z_poly_bytes();
            let z_at = p.ctilde_len;
            for (j, z) in y.iter().enumerate() {
                poly::pack::<V>(
                    z,
                    gamma1,
                    p.z_bits(),
                    &mut sig[z_at + j * zb..z_at + (j + 1) * zb],
                );
            }
            let h_at = z_at + L * zb;
            for h in &hints {
                ct::declassify_bytes(h);
            }
            encode_hints(&hints, p.omega, &mut sig[h_at..]);
            break;
        }
        kappa = kappa.wrapping_add(L as u16);
    }

    poly::wipe::<V>(&mut s1_hat);
    poly::wipe::<V>(&mut s2_hat);
    poly::wipe::<V>(&mut t0_hat);
    poly::wipe::<V>(&mut y);
    poly::wipe::<V>(&mut y_hat);
    poly::wipe::<V>(&mut w0);
    ct::wipe(&mut rho2);
    ct::wipe(&mut w1_enc);
}

/// `HintBitPack` (FIPS 204 Algorithm 20): the positions of the ones of each polynomial,
/// then the running counts. `out` is `ω + K` bytes; at most `ω` ones.
pub(crate) fn encode_hints<const K: usize>(hints: &[[u8; 32]; K], omega: usize, out: &mut [u8]) {
    out.fill(0);
    let mut idx = 0;
    for (i, h) in hints.iter().enumerate() {
        for j in 0..256 {
            if (h[j >> 3] >> (j & 7)) & 1 == 1 {
                out[idx] = j as u8;
                idx += 1;
            }
        }
        out[omega + i] = idx as u8;
    }
}

/// `HintBitUnpack` (FIPS 204 Algorithm 21), strictly: counts non-decreasing and at most ω,
/// positions strictly increasing within each polynomial, unused position bytes zero.
/// `None` if malformed.
fn decode_hints<const K: usize>(bytes: &[u8], omega: usize) -> Option<[[u8; 32]; K]> {
    let mut h = [[0u8; 32]; K];
    let mut idx = 0;
    for (i, h) in h.iter_mut().enumerate() {
        let end = usize::from(bytes[omega + i]);
        if end < idx || end > omega {
            return None;
        }
        let first = idx;
        while idx < end {
            if idx > first && bytes[idx - 1] >= bytes[idx] {
                return None;
            }
            let j = usize::from(bytes[idx]);
            h[j >> 3] |= 1 << (j & 7);
            idx += 1;
        }
    }
    if bytes[idx..omega].iter().any(|&b| b != 0) {
        return None;
    }
    Some(h)
}

/// `ML-DSA.Verify_internal` (FIPS 204 Algorithm 8) from `μ` on. `pk` and `sig` have the
/// right lengths; everything here is public.
#[inline(always)]
pub(crate) fn verify_mu<V: Lanes, const K: usize, const L: usize>(
    p: &Params,
    pk: &[u8],
    mu: &[u8; 64],
    sig: &[u8],
) -> bool {
    let mut rho = [0u8; 32];
    rho.copy_from_slice(&pk[..32]);
    let ctilde = &sig[..p.ctilde_len];
    let zb = p.z_poly_bytes();
    let z_at = p.ctilde_len;
    let h_at = z_at + L * zb;

    // sigDecode with the norm check on z.
    let mut z_hat = [V::zero_poly(); L];
    let mut bad = 0u32;
    for (j, z) in z_hat.iter_mut().enumerate() {
        *z = poly::unpack::<V>(
            &sig[z_at + j * zb..z_at + (j + 1) * zb],
            p.gamma1(),
            p.z_bits(),
        );
        bad |= poly::exceeds::<V>(z, p.gamma1() - p.beta);
        poly::ntt::<V>(z);
    }
    let Some(hints) = decode_hints::<K>(&sig[h_at..], p.omega) else {
        return false;
    };
    if bad != 0 {
        return false;
    }

    let mut c_hat = poly::from_coeffs::<V>(&sample::sample_in_ball(ctilde, p.tau));
    poly::ntt::<V>(&mut c_hat);

    // w'1 = UseHint(h, NTT^-1(Â ∘ NTT(z) - NTT(c) ∘ NTT(t1 2^d))), row by row.
    let w1_bytes = p.w1_poly_bytes();
    let mut w1_enc = [0u8; W1_MAX];
    let mut a = Matrix::<V>::new(&rho, K);
    for (i, h) in hints.iter().enumerate() {
        let mut acc = row_acc::<V, L>(&mut a, i, &z_hat);
        let mut t1 = poly::unpack::<V>(&pk[32 + i * T1_BYTES..32 + (i + 1) * T1_BYTES], 0, 10);
        poly::map::<V>(&mut t1, |x| x.shl(D));
        poly::ntt::<V>(&mut t1);
        let ct1 = poly::pointwise::<V>(&c_hat, &t1);
        poly::zip::<V>(&mut acc, &ct1, V::sub);
        poly::map::<V>(&mut acc, V::reduce32);
        poly::inv_ntt::<V>(&mut acc);
        poly::map::<V>(&mut acc, V::caddq);
        let mut hc = [0i32; 256];
        for (j, x) in hc.iter_mut().enumerate() {
            *x = i32::from((h[j >> 3] >> (j & 7)) & 1);
        }
        let hp = poly::from_coeffs::<V>(&hc);
        poly::zip::<V>(&mut acc, &hp, |a, h| a.use_hint(h, p.gamma2));
        poly::pack::<V>(
            &acc,
            0,
            p.w1_bits(),
            &mut w1_enc[i * w1_bytes..(i + 1) * w1_bytes],
        );
    }
    let mut c2 = [0u8; 64];
    sample::h(&[mu, &w1_enc[..K * w1_bytes]], &mut c2[..p.ctilde_len]);
    bool::from(c2[..p.ctilde_len].ct_eq(ctilde))
}

/// `μ = H(tr || parts..., 64)`: the message representative of Algorithm 7 line 6.
#[inline(always)]
pub(crate) fn mu(tr: &[u8; 64], parts: &[&[u8]]) -> [u8; 64] {
    let mut s = mamori_primitives::keccak::Sponge::<{ sample::SHAKE256_RATE }>::new();
    s.absorb(tr);
    for p in parts {
        s.absorb(p);
    }
    s.finish(sample::SHAKE_DS);
    let mut out = [0u8; 64];
    s.squeeze(&mut out);
    out
}
