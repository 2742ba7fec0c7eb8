//! Writes LWC-format KAT files with pseudo-random keys, nonces, lengths and XOF output
//! lengths, computed by the independent RustCrypto implementations (`ascon-aead128` 0.1.1
//! for Ascon-AEAD128, `ascon-hash` 0.4 for Ascon-Hash256 and Ascon-XOF128), so Mamori's
//! KAT engine and implementations are tested on vectors other than the official ones.
//!
//! ```text
//! cargo run -p mamori-kat --example gen_lwc_fixture [OUT_DIR]    # default: kat/tests/data
//! ```
//!
//! The PRNG is SplitMix64 with a fixed seed: the output is the same on every run, so the
//! files under `tests/data/` can be regenerated and compared byte for byte.
//!
//! (No Ascon-CXOF128 file: the RustCrypto CXOF lives in `ascon-xof128`, which needs a
//! version of the `ascon` crate that cannot share this workspace's lock file with
//! `ascon-aead128` 0.1.1.)

use ascon_aead128::AsconAead128;
use ascon_aead128::aead::{AeadInOut, KeyInit, Nonce};
use ascon_hash::{AsconHash256, AsconXof128, Digest, ExtendableOutput, Update, XofReader};
use std::fmt::Write as _;
use std::path::PathBuf;

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fixed-seed, good enough for test data.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform-enough length in `0..=max`.
    fn len(&mut self, max: usize) -> usize {
        (self.next_u64() % (max as u64 + 1)) as usize
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }
}

fn hex(b: &[u8]) -> String {
    hex::encode_upper(b)
}

/// Ascon-AEAD128: random key, nonce, plaintext and associated-data lengths (crossing the
/// 16-byte rate several times); `CT` is ciphertext || tag.
fn aead(rng: &mut SplitMix64, records: usize) -> String {
    let mut out = String::new();
    for count in 1..=records {
        let key = rng.bytes(16);
        let nonce = rng.bytes(16);
        let pt_len = rng.len(80);
        let pt = rng.bytes(pt_len);
        let ad_len = rng.len(48);
        let ad = rng.bytes(ad_len);
        let cipher = AsconAead128::new_from_slice(&key).expect("16-byte key");
        let nonce_arr = Nonce::<AsconAead128>::try_from(nonce.as_slice()).expect("16-byte nonce");
        let mut buf = pt.clone();
        let tag = cipher
            .encrypt_inout_detached(&nonce_arr, &ad, buf.as_mut_slice().into())
            .expect("lengths within limits");
        buf.extend_from_slice(&tag);
        writeln!(
            out,
            "Count = {count}\nKey = {}\nNonce = {}\nPT = {}\nAD = {}\nCT = {}\n",
            hex(&key),
            hex(&nonce),
            hex(&pt),
            hex(&ad),
            hex(&buf)
        )
        .expect("write to String");
    }
    out
}

/// Ascon-Hash256 of random messages of random lengths.
fn hash(rng: &mut SplitMix64, records: usize) -> String {
    let mut out = String::new();
    for count in 1..=records {
        let msg_len = rng.len(200);
        let msg = rng.bytes(msg_len);
        let md = AsconHash256::digest(&msg);
        writeln!(
            out,
            "Count = {count}\nMsg = {}\nMD = {}\n",
            hex(&msg),
            hex(&md)
        )
        .expect("write to String");
    }
    out
}

/// Ascon-XOF128 of random messages, squeezing a random number of bytes (1..=100).
fn xof(rng: &mut SplitMix64, records: usize) -> String {
    let mut out = String::new();
    for count in 1..=records {
        let msg_len = rng.len(200);
        let msg = rng.bytes(msg_len);
        let out_len = 1 + rng.len(99);
        let mut md = vec![0u8; out_len];
        let mut x = AsconXof128::default();
        x.update(&msg);
        x.finalize_xof().read(&mut md);
        writeln!(
            out,
            "Count = {count}\nMsg = {}\nMD = {}\n",
            hex(&msg),
            hex(&md)
        )
        .expect("write to String");
    }
    out
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir)?;
    let mut rng = SplitMix64(0x6d61_6d6f_7269_6b61); // "mamorika"
    let files = [
        ("asconaead128_LWC_AEAD_KAT_random.txt", aead(&mut rng, 64)),
        ("asconhash256_LWC_HASH_KAT_random.txt", hash(&mut rng, 64)),
        ("asconxof128_LWC_XOF_KAT_random.txt", xof(&mut rng, 64)),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
