//! Sampling (FIPS 203 §4.2.2): the matrix Â from the public seed ρ by rejection sampling
//! on SHAKE128 (Algorithm 7), and the secret and error polynomials from the centred
//! binomial distribution on SHAKE256 output (Algorithm 8), plus the hash functions G, H, J.

use mamori_primitives::keccak::Sponge;
use mamori_primitives::keccak::{KeccakX4, SpongeX4, hash_x4};

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

/// `(H(ek), J(z || c))`: on the backend's four-way Keccak in one pass where it has one
/// (SHA3-256 and SHAKE256 share the rate 136), else [`h`] and [`j`] on the scalar sponge.
/// The lengths are public; `z` is secret, so is the second hash.
#[inline(always)]
pub(crate) fn h_and_j<V: Lanes>(ek: &[u8], z: &[u8], c: &[u8]) -> ([u8; 32], [u8; 32]) {
    const { assert!(SHA3_256_RATE == SHAKE256_RATE) };
    if let Some(k) = V::keccak_x4() {
        let [h, j] = hash_x4::<_, SHA3_256_RATE, 32, 2>(k, [(&[ek], SHA3_DS), (&[z, c], SHAKE_DS)]);
        return (h, j);
    }
    (h(ek), j(z, c))
}

/// Rows `first..first + rows.len()` of Â (or of Âᵀ when `transpose`): `rows[r][j] =
/// SampleNTT(ρ || j || i)` for `i = first + r` (Âᵀ: `ρ || i || j`). Reads only public
/// data, so its loop counts may depend on the bytes. Backends with a four-way Keccak sample
/// four entries at a time across the rows, so the callers pass ML-KEM-512's two rows
/// together (four entries, one four-way call) and the larger sets' rows one by one.
#[inline(always)]
pub(crate) fn matrix_rows<V: Lanes, const K: usize>(
    rho: &[u8; 32],
    first: usize,
    transpose: bool,
    rows: &mut [[V::Poly; K]],
) {
    // Entry n's index bytes, tabled by nested loops: computing (first + n / K, n % K) from
    // n leaves a `udiv` at opt-level z for K = 3 (LLVM also turns a subtraction loop back
    // into one), and the division scan admits none. At most 4 rows of K <= 4 entries.
    let mut table = [[0u8; 2]; 16];
    let mut n = 0;
    for r in 0..rows.len() {
        for j in 0..K {
            let i = first + r;
            table[n] = if transpose {
                [i as u8, j as u8]
            } else {
                [j as u8, i as u8]
            };
            n += 1;
        }
    }
    let index = |n: usize| table[n];
    let out = rows.as_flattened_mut();
    if let Some(k) = V::keccak_x4() {
        matrix_entries_x4::<V, _>(k, rho, index, out);
        return;
    }
    for (n, p) in out.iter_mut().enumerate() {
        let mut s = Sponge::<SHAKE128_RATE>::new();
        s.absorb(rho);
        s.absorb(&index(n));
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

/// The matrix entries `out[n] = SampleNTT(ρ || index(n))` on a four-way Keccak, four at a
/// time (a short last group repeats its first index in the unused instances, whose output
/// is dropped).
#[inline(always)]
pub(crate) fn matrix_entries_x4<V: Lanes, P: KeccakX4>(
    keccak: P,
    rho: &[u8; 32],
    index: impl Fn(usize) -> [u8; 2],
    out: &mut [V::Poly],
) {
    for (g, group) in out.chunks_mut(4).enumerate() {
        let idx: [[u8; 2]; 4] =
            core::array::from_fn(|l| index(4 * g + if l < group.len() { l } else { 0 }));
        let mut s = SpongeX4::<P, SHAKE128_RATE>::new(keccak);
        s.absorb([rho; 4]);
        s.absorb([&idx[0], &idx[1], &idx[2], &idx[3]]);
        s.finish(SHAKE_DS);
        let mut c = [[0i16; 256]; 4];
        let mut filled = [0usize; 4];
        let mut buf = [[0u8; 3 * SHAKE128_RATE]; 4];
        {
            let [b0, b1, b2, b3] = &mut buf;
            s.squeeze([b0, b1, b2, b3]);
        }
        let n = group.len();
        for l in 0..n {
            V::sample_uniform(&buf[l], &mut c[l], &mut filled[l]);
        }
        while filled[..n].iter().any(|&f| f < 256) {
            let mut block = [[0u8; SHAKE128_RATE]; 4];
            {
                let [b0, b1, b2, b3] = &mut block;
                s.squeeze([b0, b1, b2, b3]);
            }
            for l in 0..n {
                V::sample_uniform(&block[l], &mut c[l], &mut filled[l]);
            }
        }
        for (p, c) in group.iter_mut().zip(&c) {
            *p = poly::from_coeffs::<V>(c);
        }
    }
}

/// `SamplePolyCBD_eta(PRF_eta(sigma, nonce))` for each `(poly, eta)` of `items`, with
/// nonces `nonce0, nonce0 + 1, ...` in order; `eta` in {2, 3}. Backends with a four-way
/// Keccak run four PRFs at a time.
#[inline(always)]
pub(crate) fn cbd_many<'a, V: Lanes + 'a>(
    sigma: &[u8; 32],
    nonce0: u8,
    items: impl Iterator<Item = (&'a mut V::Poly, u32)>,
) {
    if let Some(k) = V::keccak_x4() {
        cbd_many_x4::<V, _>(k, sigma, nonce0, items);
        return;
    }
    for (n, (p, eta)) in items.enumerate() {
        *p = cbd::<V>(sigma, nonce0.wrapping_add(n as u8), eta);
    }
}

/// [`cbd_many`] on a four-way Keccak.
#[inline(always)]
pub(crate) fn cbd_many_x4<'a, V: Lanes + 'a, P: KeccakX4>(
    keccak: P,
    sigma: &[u8; 32],
    nonce0: u8,
    items: impl Iterator<Item = (&'a mut V::Poly, u32)>,
) {
    let mut items = items.peekable();
    let mut nonce = nonce0;
    while items.peek().is_some() {
        let mut group: [Option<(&mut V::Poly, u32)>; 4] = [None, None, None, None];
        for slot in &mut group {
            *slot = items.next();
        }
        // A lone last polynomial: one scalar permutation costs less than a four-way one
        // (unless the four-way permutation beats the scalar one, AVX-512VL).
        if let [Some((p, eta)), None, None, None] = &mut group
            && !keccak.beats_scalar()
        {
            **p = cbd::<V>(sigma, nonce, *eta);
            break;
        }
        let nonces: [[u8; 1]; 4] = core::array::from_fn(|l| [nonce.wrapping_add(l as u8)]);
        nonce = nonce.wrapping_add(4);
        let mut s = SpongeX4::<P, SHAKE256_RATE>::new(keccak);
        s.absorb([sigma; 4]);
        s.absorb([&nonces[0], &nonces[1], &nonces[2], &nonces[3]]);
        s.finish(SHAKE_DS);
        // 64 eta bytes per polynomial: 128 for every instance, 64 more if one needs eta = 3.
        let mut head = [[0u8; 128]; 4];
        let mut tail = [[0u8; 64]; 4];
        {
            let [b0, b1, b2, b3] = &mut head;
            s.squeeze([b0, b1, b2, b3]);
        }
        if group.iter().flatten().any(|(_, eta)| *eta == 3) {
            let [b0, b1, b2, b3] = &mut tail;
            s.squeeze([b0, b1, b2, b3]);
        }
        for (slot, (h, t)) in group.into_iter().zip(head.iter().zip(&tail)) {
            if let Some((p, eta)) = slot {
                let mut bytes = [0u8; 3 * 64];
                bytes[..128].copy_from_slice(h);
                bytes[128..].copy_from_slice(t);
                *p = cbd_from_bytes::<V>(&bytes[..64 * eta as usize], eta);
                mamori_primitives::ct::wipe(&mut bytes);
            }
        }
        for (h, t) in head.iter_mut().zip(&mut tail) {
            mamori_primitives::ct::wipe(h);
            mamori_primitives::ct::wipe(t);
        }
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
    let p = cbd_from_bytes::<V>(bytes, eta);
    mamori_primitives::ct::wipe(bytes);
    p
}

/// `SamplePolyCBD_eta` (FIPS 203 Algorithm 8) of `64 * eta` bytes, `eta` in {2, 3}.
#[inline(always)]
fn cbd_from_bytes<V: Lanes>(bytes: &[u8], eta: u32) -> V::Poly {
    let mut c = [0i16; 256];
    if eta == 2 {
        // `as_chunks`, not `chunks_exact`: see `scalar::base_mul` in lanes.rs.
        for (out, w) in c
            .as_chunks_mut::<8>()
            .0
            .iter_mut()
            .zip(bytes.as_chunks::<4>().0)
        {
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
        for out in c.as_chunks_mut::<4>().0 {
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

#[cfg(test)]
mod tests {
    use mamori_primitives::keccak::PortableX4;

    use super::super::lanes::portable::Portable;
    use super::*;

    fn coeffs(p: &[Portable; 16]) -> [i16; 256] {
        let mut c = [0; 256];
        poly::to_coeffs::<Portable>(p, &mut c);
        c
    }

    /// The four-way matrix sampling equals the one-at-a-time sampling, for one row and for
    /// two rows at once, of every length up to 4 (a short last group included), in both
    /// orientations.
    #[test]
    fn matrix_entries_x4_equals_scalar() {
        fn check<const K: usize>(rho: &[u8; 32]) {
            for (first, transpose) in [(0, false), (0, true), (1, false), (2, true)] {
                for rows in 1..=2 {
                    let mut a = [[Portable::default(); 16]; 8];
                    let mut b = a;
                    let (a, b) = (&mut a[..K * rows], &mut b[..K * rows]);
                    let index = |n: usize| {
                        let (i, j) = ((first + n / K) as u8, (n % K) as u8);
                        if transpose { [i, j] } else { [j, i] }
                    };
                    let (a_rows, _) = a.as_chunks_mut::<K>();
                    matrix_rows::<Portable, K>(rho, first, transpose, a_rows);
                    matrix_entries_x4::<Portable, _>(PortableX4, rho, index, b);
                    for (n, (x, y)) in a.iter().zip(b.iter()).enumerate() {
                        assert_eq!(
                            coeffs(x),
                            coeffs(y),
                            "K {K} first {first} {transpose} n {n}"
                        );
                    }
                }
            }
        }
        for seed in 0..4u8 {
            let rho: [u8; 32] = core::array::from_fn(|i| (i as u8).wrapping_mul(31) ^ seed);
            check::<1>(&rho);
            check::<2>(&rho);
            check::<3>(&rho);
            check::<4>(&rho);
        }
    }

    /// The fast 12-bit key encodings equal the generic bit packer, both ways.
    #[test]
    fn encode12_decode12_equal_generic() {
        use super::super::lanes::{decode_scalar, decode12_scalar, encode_scalar, encode12_scalar};
        for seed in 0..64u32 {
            let c: [i16; 256] = core::array::from_fn(|i| {
                ((i as u32).wrapping_mul(2_654_435_761) ^ seed.wrapping_mul(40_503)) as i16 & 0xfff
            });
            let (mut a, mut b) = ([0u8; 384], [0u8; 384]);
            encode_scalar(&c, 12, &mut a);
            encode12_scalar(&c, &mut b);
            assert_eq!(a, b);
            let (mut x, mut y) = ([0i16; 256], [0i16; 256]);
            decode_scalar(&a, 12, &mut x);
            decode12_scalar(&a, &mut y);
            assert_eq!((x, y), (c, c));
        }
    }

    /// The four-way noise sampling equals [`cbd`] with consecutive nonces, for mixed
    /// `eta` in one group and groups of every size.
    #[test]
    fn cbd_many_x4_equals_scalar() {
        let sigma: [u8; 32] = core::array::from_fn(|i| i as u8 ^ 0xa5);
        for len in 1..=9 {
            for pattern in [[2u32; 9], [3; 9], [3, 3, 2, 2, 2, 3, 2, 3, 2]] {
                let mut polys = [[Portable::default(); 16]; 9];
                let items = polys[..len].iter_mut().zip(pattern);
                cbd_many_x4::<Portable, _>(PortableX4, &sigma, 7, items);
                for (n, (p, eta)) in polys[..len].iter().zip(pattern).enumerate() {
                    let want = cbd::<Portable>(&sigma, 7 + n as u8, eta);
                    assert_eq!(coeffs(p), coeffs(&want), "len {len} n {n} eta {eta}");
                }
            }
        }
    }
}
