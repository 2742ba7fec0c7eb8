//! K-PKE (FIPS 203 §5) and the internal ML-KEM algorithms (§6), written once over
//! [`Lanes`] and the module rank `K`.
//!
//! Keys arrive parsed (coefficient arrays, independent of the backend) and results leave as
//! bytes. Secret intermediates are wiped before returning. Byte offsets are computed by
//! multiplication: `chunks_exact(384)` divides by 384, which stays a `div` at opt-level s/z
//! (the CT gate's division scan).

use subtle::{ConditionallySelectable, ConstantTimeEq};

use super::lanes::Lanes;
use super::sample::{self, wipe_i16};
use super::{Params, poly};

/// A parsed encapsulation key: t̂ (NTT domain, canonical coefficients), ρ and H(ek).
#[derive(Clone)]
pub(crate) struct PublicKey<const K: usize> {
    pub(crate) t_hat: [[i16; 256]; K],
    pub(crate) rho: [u8; 32],
    pub(crate) hash: [u8; 32],
}

/// A parsed decapsulation key: ŝ (NTT domain, canonical), the public key, and z.
#[derive(Clone)]
pub(crate) struct SecretKey<const K: usize> {
    pub(crate) s_hat: [[i16; 256]; K],
    pub(crate) pk: PublicKey<K>,
    pub(crate) z: [u8; 32],
}

impl<const K: usize> SecretKey<K> {
    pub(crate) fn wipe(&mut self) {
        for s in &mut self.s_hat {
            wipe_i16(s);
        }
        mamori_primitives::ct::wipe(&mut self.z);
    }
}

/// Encapsulation-key length: `384 K + 32`.
/// The 384 bytes of polynomial `i` in an encoding of 12-bit polynomials (callers pass
/// buffers of at least `384 * (i + 1)` bytes, checked by their length checks).
#[inline(always)]
fn poly_bytes(b: &[u8], i: usize) -> &[u8; 384] {
    match b[384 * i..].first_chunk::<384>() {
        Some(c) => c,
        None => unreachable!("callers pass whole encodings"),
    }
}

/// [`poly_bytes`], writable.
#[inline(always)]
fn poly_bytes_mut(b: &mut [u8], i: usize) -> &mut [u8; 384] {
    match b[384 * i..].first_chunk_mut::<384>() {
        Some(c) => c,
        None => unreachable!("callers pass whole encodings"),
    }
}

pub(crate) const fn ek_len(k: usize) -> usize {
    384 * k + 32
}

/// Parses an encapsulation key with the modulus check of FIPS 203 §7.2 (every 12-bit
/// value below q). `None` if the check fails; `bytes` has the right length.
#[inline(always)]
pub(crate) fn parse_ek<V: Lanes, const K: usize>(bytes: &[u8]) -> Option<PublicKey<K>> {
    let mut t_hat = [[0i16; 256]; K];
    let mut bad = 0u16;
    for (i, t) in t_hat.iter_mut().enumerate() {
        super::lanes::decode12_scalar(poly_bytes(bytes, i), t);
        for &x in t.iter() {
            // Public data; accumulated without branching all the same.
            bad |= (super::arith::Q as u16)
                .wrapping_sub(1)
                .wrapping_sub(x as u16)
                >> 15;
        }
    }
    if bad != 0 {
        return None;
    }
    let mut rho = [0u8; 32];
    rho.copy_from_slice(&bytes[384 * K..]);
    Some(PublicKey {
        t_hat,
        rho,
        hash: sample::h(bytes),
    })
}

/// Writes the encoding of `pk`: `ByteEncode_12(t̂) || ρ`.
#[inline(always)]
pub(crate) fn encode_ek<const K: usize>(pk: &PublicKey<K>, out: &mut [u8]) {
    for (i, t) in pk.t_hat.iter().enumerate() {
        super::lanes::encode12_scalar(t, poly_bytes_mut(out, i));
    }
    out[384 * K..].copy_from_slice(&pk.rho);
}

/// The parts `(ek, z)` of a decapsulation key `dk_pke || ek || H(ek) || z` (`bytes` has
/// the right length).
#[inline(always)]
fn dk_ek_z<const K: usize>(bytes: &[u8]) -> (&[u8], &[u8]) {
    let (ek, rest) = bytes[384 * K..].split_at(ek_len(K));
    (ek, &rest[32..])
}

/// Parses a decapsulation key `dk_pke || ek || H(ek) || z` with the hash check of FIPS 203
/// §7.3. `None` if `H(ek)` does not match; `bytes` has the right length.
#[inline(always)]
pub(crate) fn parse_dk<V: Lanes, const K: usize>(bytes: &[u8]) -> Option<SecretKey<K>> {
    let (ek, _) = dk_ek_z::<K>(bytes);
    parse_dk_hashed::<K>(bytes, sample::h(ek))
}

/// [`parse_dk`] given `computed`, the hash `H(ek)` of the embedded encapsulation key.
#[inline(always)]
fn parse_dk_hashed<const K: usize>(bytes: &[u8], computed: [u8; 32]) -> Option<SecretKey<K>> {
    let (dk_pke, rest) = bytes.split_at(384 * K);
    let (ek, rest) = rest.split_at(ek_len(K));
    let (hash, z) = rest.split_at(32);
    // The embedded ek and H(ek) are public; ŝ and z stay secret.
    mamori_primitives::ct::declassify_bytes(ek);
    mamori_primitives::ct::declassify_bytes(hash);
    let mut s_hat = [[0i16; 256]; K];
    for (i, s) in s_hat.iter_mut().enumerate() {
        super::lanes::decode12_scalar(poly_bytes(dk_pke, i), s);
        for x in s.iter_mut() {
            *x = super::arith::cond_sub_q(*x);
        }
    }
    // The embedded ek is only hashed and reduced mod q, as FIPS 203 §7.3 asks no more of it.
    let mut t_hat = [[0i16; 256]; K];
    for (i, t) in t_hat.iter_mut().enumerate() {
        super::lanes::decode12_scalar(poly_bytes(ek, i), t);
        for x in t.iter_mut() {
            *x = super::arith::cond_sub_q(*x);
        }
    }
    let mut rho = [0u8; 32];
    rho.copy_from_slice(&ek[384 * K..]);
    let mut zz = [0u8; 32];
    zz.copy_from_slice(z);
    let mut key = SecretKey {
        s_hat,
        pk: PublicKey {
            t_hat,
            rho,
            hash: computed,
        },
        z: zz,
    };
    // Whether the key is well formed is public: it decides between a key and an error.
    if mamori_primitives::ct::declassify(computed.ct_eq(hash)) {
        Some(key)
    } else {
        key.wipe();
        None
    }
}

/// Writes the expanded encoding of `sk`: `ByteEncode_12(ŝ) || ek || H(ek) || z`.
#[inline(always)]
pub(crate) fn encode_dk<const K: usize>(sk: &SecretKey<K>, out: &mut [u8]) {
    let (dk_pke, rest) = out.split_at_mut(384 * K);
    for (i, s) in sk.s_hat.iter().enumerate() {
        super::lanes::encode12_scalar(s, poly_bytes_mut(dk_pke, i));
    }
    let (ek, rest) = rest.split_at_mut(ek_len(K));
    encode_ek(&sk.pk, ek);
    rest[..32].copy_from_slice(&sk.pk.hash);
    rest[32..].copy_from_slice(&sk.z);
}

/// `ML-KEM.KeyGen_internal(d, z)` (Algorithm 16) with K-PKE.KeyGen (Algorithm 13).
#[inline(always)]
pub(crate) fn keygen<V: Lanes, const K: usize>(
    p: &Params,
    d: &[u8; 32],
    z: &[u8; 32],
) -> SecretKey<K> {
    let (rho, mut sigma) = sample::g(&[d, &[K as u8]]);
    // ρ is public (it is part of ek); rejection sampling branches on bytes derived from it.
    mamori_primitives::ct::declassify_bytes(&rho);
    let mut s = [V::zero_poly(); K];
    let mut e = [V::zero_poly(); K];
    // s with nonces 0..K, e with K..2K.
    let noise = s.iter_mut().chain(e.iter_mut()).map(|x| (x, p.eta1));
    sample::cbd_many::<V>(&sigma, 0, noise);
    for x in s.iter_mut().chain(e.iter_mut()) {
        poly::ntt::<V>(x);
    }
    mamori_primitives::ct::wipe(&mut sigma);
    let mut t_hat = [[0i16; 256]; K];
    let mut rows = [[V::zero_poly(); K]; 2];
    for (i, t) in t_hat.iter_mut().enumerate() {
        let row = matrix_row::<V, K>(&rho, i, false, &mut rows);
        let mut acc = poly::dot::<V>(row, &s);
        poly::to_mont::<V>(&mut acc);
        poly::add_assign::<V>(&mut acc, &e[i]);
        poly::reduce::<V>(&mut acc);
        canonical_coeffs::<V>(&acc, t);
    }
    let mut s_hat = [[0i16; 256]; K];
    for (x, out) in s.iter().zip(&mut s_hat) {
        canonical_coeffs::<V>(x, out);
    }
    wipe_polys::<V>(&mut s);
    wipe_polys::<V>(&mut e);
    let mut pk = PublicKey {
        t_hat,
        rho,
        hash: [0; 32],
    };
    let mut ek = [0u8; 384 * 4 + 32];
    encode_ek(&pk, &mut ek[..ek_len(K)]);
    pk.hash = sample::h(&ek[..ek_len(K)]);
    SecretKey { s_hat, pk, z: *z }
}

/// Row `i` of Â (Âᵀ when `transpose`), for rows taken in order `0..K`: ML-KEM-512's two
/// rows are sampled together at `i = 0` (their four entries fill one four-way Keccak call
/// instead of half-filling two) and kept in `rows`; larger sets sample row by row into
/// `rows[0]`.
#[inline(always)]
fn matrix_row<'a, V: Lanes, const K: usize>(
    rho: &[u8; 32],
    i: usize,
    transpose: bool,
    rows: &'a mut [[V::Poly; K]; 2],
) -> &'a [V::Poly; K] {
    if K == 2 {
        if i == 0 {
            sample::matrix_rows::<V, K>(rho, 0, transpose, rows);
        }
        &rows[i]
    } else {
        sample::matrix_rows::<V, K>(rho, i, transpose, &mut rows[..1]);
        &rows[0]
    }
}

/// Stores `p` with coefficients in `[0, q)`.
#[inline(always)]
fn canonical_coeffs<V: Lanes>(p: &V::Poly, out: &mut [i16; 256]) {
    let mut u = *p;
    for x in u.as_mut() {
        *x = x.to_unsigned();
    }
    poly::to_coeffs::<V>(&u, out);
}

/// Overwrites secret polynomials.
#[inline(always)]
fn wipe_polys<V: Lanes>(p: &mut [V::Poly]) {
    for x in p.iter_mut() {
        *x = V::zero_poly();
    }
    core::hint::black_box(&mut *p);
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}

/// K-PKE.Encrypt (Algorithm 14): writes the ciphertext of message `m` under randomness `r`.
#[inline(always)]
pub(crate) fn encrypt<V: Lanes, const K: usize>(
    p: &Params,
    pk: &PublicKey<K>,
    m: &[u8; 32],
    r: &[u8; 32],
    ct: &mut [u8],
) {
    let mut y = [V::zero_poly(); K];
    let mut e1 = [V::zero_poly(); K];
    let mut e2 = V::zero_poly();
    // y with nonces 0..K, e1 with K..2K, e2 with 2K.
    let noise = (y.iter_mut().map(|x| (x, p.eta1)))
        .chain(e1.iter_mut().map(|x| (x, p.eta2)))
        .chain(core::iter::once((&mut e2, p.eta2)));
    sample::cbd_many::<V>(r, 0, noise);
    for x in y.iter_mut() {
        poly::ntt::<V>(x);
    }
    let (c1, c2) = ct.split_at_mut(32 * p.du as usize * K);
    let c1_len = 32 * p.du as usize;
    let mut rows = [[V::zero_poly(); K]; 2];
    for i in 0..K {
        let row = matrix_row::<V, K>(&pk.rho, i, true, &mut rows);
        let mut u = poly::dot::<V>(row, &y);
        poly::inv_ntt::<V>(&mut u);
        poly::add_assign::<V>(&mut u, &e1[i]);
        poly::reduce::<V>(&mut u);
        poly::compress_encode::<V>(&u, p.du, &mut c1[i * c1_len..(i + 1) * c1_len]);
    }
    let mut t = [V::zero_poly(); K];
    for (x, c) in t.iter_mut().zip(&pk.t_hat) {
        *x = poly::from_coeffs::<V>(c);
    }
    let mut v = poly::dot::<V>(&t, &y);
    poly::inv_ntt::<V>(&mut v);
    poly::add_assign::<V>(&mut v, &e2);
    let mu = message_poly::<V>(m);
    poly::add_assign::<V>(&mut v, &mu);
    poly::reduce::<V>(&mut v);
    poly::compress_encode::<V>(&v, p.dv, c2);
    wipe_polys::<V>(&mut y);
    wipe_polys::<V>(&mut e1);
    wipe_polys::<V>(core::slice::from_mut(&mut e2));
}

/// `Decompress_1(ByteDecode_1(m))`: each bit to 0 or 1665 by a mask.
#[inline(always)]
fn message_poly<V: Lanes>(m: &[u8; 32]) -> V::Poly {
    poly::decode_decompress::<V>(m, 1)
}

/// K-PKE.Decrypt (Algorithm 15).
#[inline(always)]
pub(crate) fn decrypt<V: Lanes, const K: usize>(
    p: &Params,
    sk: &SecretKey<K>,
    ct: &[u8],
) -> [u8; 32] {
    let (c1, c2) = ct.split_at(32 * p.du as usize * K);
    let c1_len = 32 * p.du as usize;
    let mut u = [V::zero_poly(); K];
    for (i, x) in u.iter_mut().enumerate() {
        *x = poly::decode_decompress::<V>(&c1[i * c1_len..(i + 1) * c1_len], p.du);
        poly::ntt::<V>(x);
    }
    let mut s = [V::zero_poly(); K];
    for (x, c) in s.iter_mut().zip(&sk.s_hat) {
        *x = poly::from_coeffs::<V>(c);
    }
    let mut w = poly::dot::<V>(&s, &u);
    poly::inv_ntt::<V>(&mut w);
    let v = poly::decode_decompress::<V>(c2, p.dv);
    let mut w = poly::sub::<V>(&v, &w);
    poly::reduce::<V>(&mut w);
    let mut m = [0u8; 32];
    poly::compress_encode::<V>(&w, 1, &mut m);
    wipe_polys::<V>(&mut s);
    wipe_polys::<V>(core::slice::from_mut(&mut w));
    m
}

/// `ML-KEM.Encaps_internal(ek, m)` (Algorithm 17): writes the ciphertext, returns K.
#[inline(always)]
pub(crate) fn encaps<V: Lanes, const K: usize>(
    p: &Params,
    pk: &PublicKey<K>,
    m: &[u8; 32],
    ct: &mut [u8],
) -> [u8; 32] {
    let (key, mut r) = sample::g(&[m, &pk.hash]);
    encrypt::<V, K>(p, pk, m, &r, ct);
    mamori_primitives::ct::wipe(&mut r);
    key
}

/// Constant-time equality of two equal-length byte strings, eight bytes at a time: the
/// differences are OR-ed together and only the total goes through `subtle` (whose per-byte
/// `black_box` barrier cost about 5 % of a decapsulation).
#[inline(always)]
fn ct_eq_words(a: &[u8], b: &[u8]) -> subtle::Choice {
    let (wa, ta) = a.as_chunks::<8>();
    let (wb, tb) = b.as_chunks::<8>();
    let mut diff = 0u64;
    for (x, y) in wa.iter().zip(wb) {
        diff |= u64::from_le_bytes(*x) ^ u64::from_le_bytes(*y);
    }
    for (x, y) in ta.iter().zip(tb) {
        diff |= u64::from(x ^ y);
    }
    diff.ct_eq(&0) & (a.len() as u64).ct_eq(&(b.len() as u64))
}

/// `ML-KEM.Decaps_internal(dk, c)` (Algorithm 18): the shared key, or J(z || c) if the
/// re-encryption differs, chosen in constant time.
#[inline(always)]
pub(crate) fn decaps<V: Lanes, const K: usize>(
    p: &Params,
    sk: &SecretKey<K>,
    ct: &[u8],
) -> [u8; 32] {
    let mut rejected = sample::j(&sk.z, ct);
    let key = decaps_rejecting::<V, K>(p, sk, ct, &rejected);
    mamori_primitives::ct::wipe(&mut rejected);
    key
}

/// Decapsulation from the expanded key encoding `dk` (the checks of FIPS 203 §7.3, then
/// Algorithm 18), `None` if the embedded `H(ek)` does not match: [`parse_dk`] and
/// [`decaps`] with the two hashes on the input, `H(ek)` (SHA3-256) and `J(z || c)`
/// (SHAKE256), computed together on the backend's four-way Keccak where it has one (both
/// at rate 136, of about equal lengths), one after the other on the scalar sponge
/// otherwise. `dk` and `ct` have the right lengths.
#[inline(always)]
pub(crate) fn decaps_expanded<V: Lanes, const K: usize>(
    p: &Params,
    dk: &[u8],
    ct: &[u8],
) -> Option<[u8; 32]> {
    let (ek, z) = dk_ek_z::<K>(dk);
    let (computed, mut rejected) = sample::h_and_j::<V>(ek, z, ct);
    // No `Option::map` here: a closure would not inherit the caller's target features,
    // and the backend's operations inlined into it would run as calls (twice as slow).
    let mut key = None;
    if let Some(mut sk) = parse_dk_hashed::<K>(dk, computed) {
        key = Some(decaps_rejecting::<V, K>(p, &sk, ct, &rejected));
        sk.wipe();
    }
    mamori_primitives::ct::wipe(&mut rejected);
    key
}

/// Algorithm 18 given `rejected = J(z || c)`, the implicit-rejection key.
#[inline(always)]
fn decaps_rejecting<V: Lanes, const K: usize>(
    p: &Params,
    sk: &SecretKey<K>,
    ct: &[u8],
    rejected: &[u8; 32],
) -> [u8; 32] {
    let mut m = decrypt::<V, K>(p, sk, ct);
    let (mut key, mut r) = sample::g(&[&m, &sk.pk.hash]);
    let mut buf = [0u8; 1568];
    let again = &mut buf[..ct.len()];
    encrypt::<V, K>(p, &sk.pk, &m, &r, again);
    let same = ct_eq_words(again, ct);
    for (k, &x) in key.iter_mut().zip(rejected) {
        *k = u8::conditional_select(&x, k, same);
    }
    mamori_primitives::ct::wipe(&mut m);
    mamori_primitives::ct::wipe(&mut r);
    mamori_primitives::ct::wipe(again);
    key
}
