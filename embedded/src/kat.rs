//! Readers for the KAT blobs made by `build.rs` from `kat/vectors/ascon/*.txt` and the ACVP
//! vectors `kat/vectors/ml-kem/` and `kat/vectors/ml-dsa/` (layout documented there). Plain byte slicing; a
//! malformed blob panics (exit 101).

/// Ascon-AEAD128 vectors (1089).
pub static AEAD128: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kat_aead128.bin"));
/// Ascon-Hash256 vectors (1025).
pub static HASH256: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kat_hash256.bin"));
/// Ascon-XOF128 vectors (1025), 64-byte outputs.
pub static XOF128: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kat_xof128.bin"));
/// Ascon-CXOF128 vectors (1089), 64-byte outputs.
pub static CXOF128: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kat_cxof128.bin"));

/// ML-KEM ACVP keyGen cases (25 per parameter set).
pub static ML_KEM_KEYGEN: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/kat_ml_kem_keygen.bin"));
/// ML-KEM ACVP encapsulation cases (25 per parameter set).
pub static ML_KEM_ENCAPS: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/kat_ml_kem_encaps.bin"));
/// ML-KEM ACVP decapsulation cases (10 per parameter set).
pub static ML_KEM_DECAPS: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/kat_ml_kem_decaps.bin"));
/// ML-KEM ACVP encapsulationKeyCheck cases (10 per parameter set).
pub static ML_KEM_EK_CHECK: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/kat_ml_kem_ek_check.bin"));
/// ML-KEM ACVP decapsulationKeyCheck cases (10 per parameter set).
pub static ML_KEM_DK_CHECK: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/kat_ml_kem_dk_check.bin"));

/// ML-DSA ACVP keyGen cases (25 per embedded parameter set).
pub static ML_DSA_KEYGEN: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/kat_ml_dsa_keygen.bin"));
/// ML-DSA ACVP sigGen cases (SHA-2 pre-hash cases left out).
pub static ML_DSA_SIGGEN: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/kat_ml_dsa_siggen.bin"));
/// ML-DSA ACVP sigVer cases (SHA-2 pre-hash cases left out).
pub static ML_DSA_SIGVER: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/kat_ml_dsa_sigver.bin"));

/// Byte cursor over a blob.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> &'a [u8] {
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        a
    }
    fn u16(&mut self) -> usize {
        let b = self.take(2);
        usize::from(u16::from_le_bytes([b[0], b[1]]))
    }
}

/// Iterator over the records of a blob, each parsed by `F`.
pub struct Records<'a, T> {
    cur: Cursor<'a>,
    left: u32,
    parse: fn(&mut Cursor<'a>) -> T,
}

impl<T> Iterator for Records<'_, T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        Some((self.parse)(&mut self.cur))
    }
}

impl<T> Records<'_, T> {
    /// Number of records in the blob.
    pub fn total(&self) -> u32 {
        self.left
    }
}

fn records<'a, T>(blob: &'a [u8], parse: fn(&mut Cursor<'a>) -> T) -> Records<'a, T> {
    let (n, rest) = blob.split_at(4);
    Records {
        cur: Cursor(rest),
        left: u32::from_le_bytes([n[0], n[1], n[2], n[3]]),
        parse,
    }
}

/// An Ascon-AEAD128 vector; `ct` is ciphertext ‖ tag.
pub struct Aead<'a> {
    pub count: usize,
    pub key: &'a [u8; 16],
    pub nonce: &'a [u8; 16],
    pub pt: &'a [u8],
    pub ad: &'a [u8],
    pub ct: &'a [u8],
}

/// A hash / XOF / CXOF vector (`z` empty for hash and XOF).
pub struct Hash<'a> {
    pub count: usize,
    pub msg: &'a [u8],
    pub z: &'a [u8],
    pub md: &'a [u8],
}

fn arr16<'a>(c: &mut Cursor<'a>) -> &'a [u8; 16] {
    c.take(16).try_into().expect("16 bytes")
}

/// The Ascon-AEAD128 vectors.
pub fn aead128() -> Records<'static, Aead<'static>> {
    records(AEAD128, |c| {
        let count = c.u16();
        let key = arr16(c);
        let nonce = arr16(c);
        let (pt_len, ad_len) = (c.u16(), c.u16());
        let pt = c.take(pt_len);
        let ad = c.take(ad_len);
        let ct = c.take(pt_len + 16);
        Aead {
            count,
            key,
            nonce,
            pt,
            ad,
            ct,
        }
    })
}

fn hash_record<'a, const MD: usize>(c: &mut Cursor<'a>) -> Hash<'a> {
    let count = c.u16();
    let len = c.u16();
    let msg = c.take(len);
    let md = c.take(MD);
    Hash {
        count,
        msg,
        z: &[],
        md,
    }
}

/// The Ascon-Hash256 vectors (32-byte digests).
pub fn hash256() -> Records<'static, Hash<'static>> {
    records(HASH256, hash_record::<32>)
}

/// The Ascon-XOF128 vectors (64-byte outputs).
pub fn xof128() -> Records<'static, Hash<'static>> {
    records(XOF128, hash_record::<64>)
}

/// The Ascon-CXOF128 vectors (64-byte outputs).
pub fn cxof128() -> Records<'static, Hash<'static>> {
    records(CXOF128, |c| {
        let count = c.u16();
        let (mlen, zlen) = (c.u16(), c.u16());
        let msg = c.take(mlen);
        let z = c.take(zlen);
        let md = c.take(64);
        Hash { count, msg, z, md }
    })
}

/// One ML-KEM ACVP case: the rank `k` of its parameter set (2, 3, 4 for ML-KEM-512 / 768 /
/// 1024), its `tcId` and its fields in the order `build.rs` documents for the function
/// (unused trailing fields empty; a `testPassed` field is one byte, 0 or 1).
pub struct MlKem<'a> {
    pub k: u8,
    pub tc_id: usize,
    pub f: [&'a [u8]; 4],
}

fn ml_kem<const N: usize>(blob: &'static [u8]) -> Records<'static, MlKem<'static>> {
    records(blob, |c| {
        let k = c.take(1)[0];
        let tc_id = c.u16();
        let mut f: [&[u8]; 4] = [&[]; 4];
        for x in &mut f[..N] {
            let len = c.u16();
            *x = c.take(len);
        }
        MlKem { k, tc_id, f }
    })
}

/// keyGen cases: `[d, z, ek, dk]`.
pub fn ml_kem_keygen() -> Records<'static, MlKem<'static>> {
    ml_kem::<4>(ML_KEM_KEYGEN)
}

/// encapsulation cases: `[ek, m, c, k]`.
pub fn ml_kem_encaps() -> Records<'static, MlKem<'static>> {
    ml_kem::<4>(ML_KEM_ENCAPS)
}

/// decapsulation cases (valid and modified ciphertexts): `[dk, c, k]`.
pub fn ml_kem_decaps() -> Records<'static, MlKem<'static>> {
    ml_kem::<3>(ML_KEM_DECAPS)
}

/// encapsulationKeyCheck cases: `[ek, testPassed]`.
pub fn ml_kem_ek_check() -> Records<'static, MlKem<'static>> {
    ml_kem::<2>(ML_KEM_EK_CHECK)
}

/// decapsulationKeyCheck cases: `[dk, testPassed]`.
pub fn ml_kem_dk_check() -> Records<'static, MlKem<'static>> {
    ml_kem::<2>(ML_KEM_DK_CHECK)
}

/// The signature interface of an ML-DSA ACVP case (`build.rs`'s `Iface`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DsaInterface {
    /// External, pure ML-DSA: message and context.
    Pure,
    /// External, HashML-DSA: message hashed with `hashAlg`, and context.
    PreHash,
    /// Internal interface on the formatted message `M'`.
    Internal,
    /// Internal interface on an external `μ`.
    ExternalMu,
}

/// One ML-DSA ACVP case: its parameter set (44, 65, 87), `tcId`, interface and fields in the
/// order `build.rs` documents for its mode (unused trailing fields empty; `testPassed` is one
/// byte, 0 or 1).
pub struct MlDsa<'a> {
    pub set: u8,
    pub tc_id: usize,
    pub iface: DsaInterface,
    pub f: [&'a [u8]; 6],
}

fn ml_dsa<const N: usize>(blob: &'static [u8]) -> Records<'static, MlDsa<'static>> {
    records(blob, |c| {
        let set = c.take(1)[0];
        let tc_id = c.u16();
        let iface = match c.take(1)[0] {
            0 => DsaInterface::Pure,
            1 => DsaInterface::PreHash,
            2 => DsaInterface::Internal,
            3 => DsaInterface::ExternalMu,
            other => panic!("ML-DSA blob: interface byte {other}"),
        };
        let mut f: [&[u8]; 6] = [&[]; 6];
        for x in &mut f[..N] {
            let len = c.u16();
            *x = c.take(len);
        }
        MlDsa {
            set,
            tc_id,
            iface,
            f,
        }
    })
}

/// keyGen cases: `[seed, pk, sk]`.
pub fn ml_dsa_keygen() -> Records<'static, MlDsa<'static>> {
    ml_dsa::<3>(ML_DSA_KEYGEN)
}

/// sigGen cases: `[sk, message (M, M' or μ), context, rnd (empty: deterministic), hashAlg,
/// signature]`.
pub fn ml_dsa_siggen() -> Records<'static, MlDsa<'static>> {
    ml_dsa::<6>(ML_DSA_SIGGEN)
}

/// sigVer cases: `[pk, message (M, M' or μ), context, hashAlg, signature, testPassed]`.
pub fn ml_dsa_sigver() -> Records<'static, MlDsa<'static>> {
    ml_dsa::<6>(ML_DSA_SIGVER)
}
