//! `no_std`, no-`alloc` link-and-run test of the Mamori library crates.
//!
//! There is no `#[global_allocator]`: any use of `alloc` in `mamori-primitives`,
//! `mamori-aead`, `mamori-kem` or `mamori-sign` (default features) fails to link. Every public operation is called with
//! `black_box`ed inputs, so it is compiled for the target, not folded away, and under QEMU
//! (mps2-an386 for the Cortex-M4F, microbit for the Cortex-M0) its output is checked
//! against vectors from `kat/vectors/ascon/*.txt`. Exit status (semihosting): 0 if every
//! check passed, 1 otherwise or on panic.
#![no_std]
#![no_main]

use core::hint::black_box;
use core::panic::PanicInfo;

use cortex_m_rt::entry;
use cortex_m_semihosting::{debug, hprintln};
use mamori_aead::{Aegis256, AsconAead128, RoccaS};
use mamori_primitives::ascon::{AsconCxof128, AsconHash256, AsconXof128, permutation};
#[cfg(target_abi = "eabihf")]
use mamori_primitives::keccak::Sha3_256;
use mamori_primitives::reexport::{aead as rc_aead, digest as rc_digest};
use mamori_primitives::{Aead, Algorithm, Backend, Error, Hash, InputError, Xof, XofReader};

/// Decodes a hex string at compile time.
const fn hex<const N: usize>(s: &str) -> [u8; N] {
    const fn nib(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => panic!("not a hex digit"),
        }
    }
    let b = s.as_bytes();
    assert!(b.len() == 2 * N, "hex length");
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = (nib(b[2 * i]) << 4) | nib(b[2 * i + 1]);
        i += 1;
    }
    out
}

/// `start, start+1, ...`: the LWC KAT files' messages, associated data and customizations.
const fn seq<const N: usize>(start: u8) -> [u8; N] {
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = start.wrapping_add(i as u8);
        i += 1;
    }
    out
}

const KEY: [u8; 16] = seq(0x00);
const NONCE: [u8; 16] = seq(0x10);

/// An Ascon-AEAD128 vector: PT = 20 21 .., AD = 30 31 .. (asconaead128_LWC_AEAD_KAT_128_128.txt).
struct AeadKat {
    count: u32,
    pt_len: usize,
    ad_len: usize,
    ct: &'static [u8],
}

const AEAD_KATS: [AeadKat; 3] = [
    AeadKat {
        count: 1,
        pt_len: 0,
        ad_len: 0,
        ct: &hex::<16>("4F9C278211BEC9316BF68F46EE8B2EC6"),
    },
    AeadKat {
        count: 545,
        pt_len: 16,
        ad_len: 16,
        ct: &hex::<32>("6373EBB28BE97C9BAC090CF399C13EF13ABFC0D209E8F4844C90814D13F32C59"),
    },
    AeadKat {
        count: 1089,
        pt_len: 32,
        ad_len: 32,
        ct: &hex::<48>(
            "CB34D04660A66DBFBE9C856601F5B8AA51A499B55AC8F7FBEFBC331A613EE9CD\
             FD191750A47F211C0A15ED28173D7CAA",
        ),
    },
];

/// Hash / XOF vectors: Msg = 00 01 .. of `msg_len` bytes.
const HASH_KATS: [(usize, [u8; 32]); 3] = [
    (
        0,
        hex("0B3BE5850F2F6B98CAF29F8FDEA89B64A1FA70AA249B8F839BD53BAA304D92B2"),
    ),
    (
        17,
        hex("F149E99DD0F429599BB89B8079BF3F4DCA3F298EFEFCF9B1EA16FE84F9B8B6E2"),
    ),
    (
        32,
        hex("BD9D3D60A66B53868EAB2A5C74539A518A1F60F01EB176C60E43DEE81680B33E"),
    ),
];

const XOF_KATS: [(usize, [u8; 64]); 2] = [
    (
        0,
        hex(
            "473D5E6164F58B39DFD84AACDB8AE42EC2D91FED33388EE0D960D9B3993295C6\
             AD77855A5D3B13FE6AD9E6098988373AF7D0956D05A8F1665D2C67D1A3AD10FF",
        ),
    ),
    (
        17,
        hex(
            "233AF64F97CA9BD97BAE06270571E57215C5CB5BA4038536C5C128DA1D3A379A\
             E13DA3E54546A1499014CA03F2EEE10B7AA930FAA58A3994FD4BCC71F6CB1927",
        ),
    ),
];

/// CXOF vectors: (Msg length, Z = 10 11 .. length, MD).
const CXOF_KATS: [(usize, usize, [u8; 64]); 2] = [
    (
        0,
        0,
        hex(
            "4F50159EF70BB3DAD8807E034EAEBD44C4FA2CBBC8CF1F05511AB66CDCC52990\
             5CA12083FC186AD899B270B1473DC5F7EC88D1052082DCDFE69FB75D269E7B74",
        ),
    ),
    (
        16,
        16,
        hex(
            "161F6852D12E85ED7811867390BE83ABB52C9556456EAC96A3E51D600D491665\
             6087189E1B6E1B444D6D029FBE63B1208CB0C553854798F682F63314510B4B8E",
        ),
    ),
];

const MSG: [u8; 64] = seq(0x00);
const PT: [u8; 64] = seq(0x20);
const AD: [u8; 64] = seq(0x30);
const Z: [u8; 64] = seq(0x10);

struct Checks {
    passed: u32,
    failed: u32,
}

impl Checks {
    fn check(&mut self, what: &str, count: u32, ok: bool) {
        if ok {
            self.passed += 1;
        } else {
            self.failed += 1;
            hprintln!("FAIL {} (Count = {})", what, count);
        }
    }
}

fn aead(c: &mut Checks) {
    for v in &AEAD_KATS {
        let n = v.count;
        let key = black_box(KEY);
        let nonce = black_box(NONCE);
        let ad = black_box(&AD[..v.ad_len]);
        let pt = black_box(&PT[..v.pt_len]);
        let (ct, tag) = v.ct.split_at(v.pt_len);
        let mut buf = [0u8; 64];
        let buf = &mut buf[..v.pt_len];

        // Typed API.
        let cipher = AsconAead128::new(&key);
        buf.copy_from_slice(pt);
        let t = cipher.seal_in_place_detached(&nonce, ad, buf);
        c.check("typed seal", n, buf == ct && t == tag);
        let ok = cipher.open_in_place_detached(&nonce, ad, buf, &t).is_ok();
        c.check("typed open", n, ok && buf == pt);
        let mut bad = t;
        bad[15] ^= 0x80;
        buf.copy_from_slice(ct);
        let err = cipher
            .open_in_place_detached(&nonce, ad, buf, &bad)
            .is_err();
        c.check(
            "typed open, tampered tag",
            n,
            err && buf.iter().all(|&b| b == 0),
        );

        // mamori_primitives::Aead (slice API, misuse as Err).
        let cipher = match <AsconAead128 as Aead>::new(&key) {
            Ok(x) => x,
            Err(_) => {
                c.check("Aead::new", n, false);
                continue;
            }
        };
        let mut t = [0u8; 16];
        buf.copy_from_slice(pt);
        let ok = Aead::seal_in_place(&cipher, &nonce, ad, buf, &mut t).is_ok();
        c.check("Aead::seal_in_place", n, ok && buf == ct && t == tag);
        let ok = Aead::open_in_place(&cipher, &nonce, ad, buf, &t).is_ok();
        c.check("Aead::open_in_place", n, ok && buf == pt);
        buf.copy_from_slice(ct);
        t[0] ^= 1;
        let r = Aead::open_in_place(&cipher, &nonce, ad, buf, &t);
        c.check(
            "Aead::open_in_place, tampered tag",
            n,
            matches!(r, Err(Error::Crypto(_))) && buf.iter().all(|&b| b == 0),
        );
        let r = Aead::open_in_place(&cipher, &nonce[..15], ad, buf, &t);
        c.check(
            "Aead::open_in_place, short nonce",
            n,
            matches!(r, Err(Error::Input(_))),
        );
        let r = Aead::seal_in_place(&cipher, &nonce, ad, buf, &mut [0u8; 15]);
        c.check(
            "Aead::seal_in_place, short tag",
            n,
            matches!(r, Err(InputError::Length { .. })),
        );
        c.check(
            "Aead::new, short key",
            n,
            <AsconAead128 as Aead>::new(&key[..15]).is_err(),
        );
        c.check(
            "active_backend",
            n,
            cipher.active_backend() == <AsconAead128 as Algorithm>::backend(),
        );

        // RustCrypto aead 0.6: KeyInit + AeadInOut.
        use rc_aead::{AeadInOut, KeyInit, inout::InOutBuf};
        let cipher = <AsconAead128 as KeyInit>::new(&key.into());
        let rc_nonce = rc_aead::Nonce::<AsconAead128>::from(nonce);
        buf.copy_from_slice(pt);
        let t = cipher.encrypt_inout_detached(&rc_nonce, ad, buf.into());
        let t = match t {
            Ok(t) => t,
            Err(_) => {
                c.check("AeadInOut::encrypt_inout_detached (in place)", n, false);
                continue;
            }
        };
        c.check(
            "AeadInOut::encrypt_inout_detached (in place)",
            n,
            buf == ct && t[..] == *tag,
        );
        let ok = cipher
            .decrypt_inout_detached(&rc_nonce, ad, buf.into(), &t)
            .is_ok();
        c.check(
            "AeadInOut::decrypt_inout_detached (in place)",
            n,
            ok && buf == pt,
        );
        let mut out = [0u8; 64];
        let out = &mut out[..v.pt_len];
        let t2 = cipher.encrypt_inout_detached(
            &rc_nonce,
            ad,
            InOutBuf::new(pt, out).expect("same lengths"),
        );
        c.check(
            "AeadInOut::encrypt_inout_detached",
            n,
            t2 == Ok(t) && out == ct,
        );
        let mut bad = t;
        bad[3] ^= 4;
        let err = cipher
            .decrypt_inout_detached(&rc_nonce, ad, out.into(), &bad)
            .is_err();
        c.check(
            "AeadInOut::decrypt_inout_detached, tampered tag",
            n,
            err && out.iter().all(|&b| b == 0),
        );
        let cipher = <AsconAead128 as KeyInit>::new_from_slice(&key[..15]);
        c.check("KeyInit::new_from_slice, short key", n, cipher.is_err());
    }
}

fn hash(c: &mut Checks) {
    for (i, (len, md)) in HASH_KATS.iter().enumerate() {
        let n = i as u32;
        let msg = black_box(&MSG[..*len]);
        c.check("Hash::digest", n, AsconHash256::digest(msg) == *md);
        let mut h = AsconHash256::default();
        let (a, b) = msg.split_at(len / 3);
        Hash::update(&mut h, a);
        Hash::update(&mut h, b);
        c.check("Hash::update/finalize", n, h.finalize() == *md);
        let d = <AsconHash256 as rc_digest::Digest>::digest(msg);
        c.check("digest::Digest::digest", n, d[..] == md[..]);
        let mut h = <AsconHash256 as rc_digest::Digest>::new();
        rc_digest::Digest::update(&mut h, a);
        rc_digest::Digest::update(&mut h, b);
        c.check(
            "digest::Digest::finalize",
            n,
            rc_digest::Digest::finalize(h)[..] == md[..],
        );
    }
}

fn xof(c: &mut Checks) {
    use rc_digest::ExtendableOutput;
    for (i, (len, md)) in XOF_KATS.iter().enumerate() {
        let n = i as u32;
        let msg = black_box(&MSG[..*len]);
        let mut out = [0u8; 64];
        AsconXof128::xof(msg, &mut out);
        c.check("Xof::xof", n, out == *md);
        let mut x = <AsconXof128 as Xof>::new();
        Xof::update(&mut x, msg);
        let mut r = Xof::finalize_xof(x);
        let mut out = [0u8; 64];
        let (a, b) = out.split_at_mut(13);
        XofReader::read(&mut r, a);
        XofReader::read(&mut r, b);
        c.check("Xof incremental read", n, out == *md);
        let mut out = [0u8; 64];
        AsconXof128::digest_xof(msg, &mut out);
        c.check("digest::ExtendableOutput::digest_xof", n, out == *md);
        c.check(
            "Xof::new_customized rejects a customization",
            n,
            <AsconXof128 as Xof>::new_customized(b"z").is_err(),
        );
    }
    for (i, (mlen, zlen, md)) in CXOF_KATS.iter().enumerate() {
        let n = i as u32;
        let msg = black_box(&MSG[..*mlen]);
        let z = black_box(&Z[..*zlen]);
        let mut out = [0u8; 64];
        match AsconCxof128::new_customized(z) {
            Ok(mut x) => {
                Xof::update(&mut x, msg);
                XofReader::read(&mut Xof::finalize_xof(x), &mut out);
                c.check("Xof::new_customized (CXOF)", n, out == *md);
            }
            Err(_) => c.check("Xof::new_customized (CXOF)", n, false),
        }
        let mut out = [0u8; 64];
        match <AsconCxof128 as rc_digest::TryCustomizedInit>::try_new_customized(z) {
            Ok(mut x) => {
                rc_digest::Update::update(&mut x, msg);
                let mut r = ExtendableOutput::finalize_xof(x);
                rc_digest::XofReader::read(&mut r, &mut out);
                c.check("digest::TryCustomizedInit (CXOF)", n, out == *md);
            }
            Err(_) => c.check("digest::TryCustomizedInit (CXOF)", n, false),
        }
        c.check(
            "CXOF customization of 257 bytes rejected",
            n,
            AsconCxof128::new_customized(black_box(&[0u8; 257])).is_err(),
        );
    }
}

/// The permutation itself is public: p12 of the Ascon-Hash256 IV is its initial state
/// (SP 800-232 Table 12); check it against Hash256 of the empty message, which squeezes
/// from the same sponge.
fn permutation(c: &mut Checks) {
    let mut s: permutation::State = black_box([0x0000_0801_00cc_0002, 0, 0, 0, 0]);
    permutation::p12(&mut s);
    // Absorb the empty message: pad byte 0x01 at position 0, then p12, squeeze 4 words.
    s[0] ^= permutation::pad(0);
    permutation::p12(&mut s);
    let mut out = [0u8; 32];
    for chunk in out.chunks_mut(8) {
        permutation::store_partial(s[0], chunk);
        permutation::p12(&mut s);
    }
    c.check(
        "permutation::p12 (Hash256 of empty)",
        0,
        out == HASH_KATS[0].1,
    );
    let mut p8 = black_box([1u64, 2, 3, 4, 5]);
    let mut p = p8;
    permutation::p8(&mut p8);
    permutation::permute::<8>(&mut p);
    c.check("permutation::p8 == permute::<8>", 0, p8 == p);
    c.check(
        "load_partial",
        0,
        permutation::load_partial(&[1, 2]) == 0x0201,
    );
}

/// Rocca-S test vector 2 of draft-nakano-rocca-s-05 (kat/vectors/rocca-s/): key, nonce and AD
/// all 01 bytes, a 64-byte all-zero message.
const ROCCA_TV2_CT: [u8; 64] = hex(
    "559ecb253bcfe26b483bf00e9c748345978ff921036a6c1fdcb712172836504fbc64d430a73fc67acd3c3b9c1976d80790f48357e7fe0c0682624569d3a658fb",
);
const ROCCA_TV2_TAG: [u8; 32] =
    hex("c1fdf39762eca77da8b0f1dae5fff75a92fb0adfa7940a28c8cadbbbe8e4ca8d");

/// AEGIS-256 test vector 3 (128-bit tag) of draft-irtf-cfrg-aegis-aead-18 (kat/vectors/aegis256/).
const AEGIS_TV3_KEY: [u8; 32] =
    hex("1001000000000000000000000000000000000000000000000000000000000000");
const AEGIS_TV3_NONCE: [u8; 32] =
    hex("1000020000000000000000000000000000000000000000000000000000000000");
const AEGIS_TV3_AD: [u8; 8] = hex("0001020304050607");
const AEGIS_TV3_MSG: [u8; 32] =
    hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const AEGIS_TV3_CT: [u8; 32] =
    hex("f373079ed84b2709faee373584585d60accd191db310ef5d8b11833df9dec711");
const AEGIS_TV3_TAG: [u8; 16] = hex("8d86f91ee606e9ff26a01b64ccbdd91d");

/// Rocca-S and AEGIS-256 on the portable backend (the only one on Cortex-M): seal gives the
/// draft's ciphertext and tag, open gives the message back, a flipped tag bit is rejected
/// with the buffer zeroed.
fn aes_family(c: &mut Checks) {
    let rocca = RoccaS::new(&black_box([1u8; 32]));
    c.check(
        "Rocca-S backend is portable",
        2,
        rocca.backend() == Backend::Portable,
    );
    let mut buf = [0u8; 64];
    let mut tag = [0u8; 32];
    let ok = rocca
        .seal(&[1u8; 16], &[1u8; 32], &mut buf, &mut tag)
        .is_ok();
    c.check(
        "Rocca-S TV2 seal",
        2,
        ok && buf == ROCCA_TV2_CT && tag == ROCCA_TV2_TAG,
    );
    let ok = rocca.open(&[1u8; 16], &[1u8; 32], &mut buf, &tag).is_ok();
    c.check("Rocca-S TV2 open", 2, ok && buf == [0u8; 64]);
    buf.copy_from_slice(&ROCCA_TV2_CT);
    tag[31] ^= 1;
    let rejected = rocca.open(&[1u8; 16], &[1u8; 32], &mut buf, &tag).is_err();
    c.check("Rocca-S TV2 forged tag", 2, rejected && buf == [0u8; 64]);

    let aegis = Aegis256::new(&black_box(AEGIS_TV3_KEY));
    let mut buf = AEGIS_TV3_MSG;
    let mut tag = [0u8; 16];
    let ok = aegis
        .seal(&AEGIS_TV3_NONCE, &AEGIS_TV3_AD, &mut buf, &mut tag)
        .is_ok();
    c.check(
        "AEGIS-256 TV3 seal",
        3,
        ok && buf == AEGIS_TV3_CT && tag == AEGIS_TV3_TAG,
    );
    let ok = aegis
        .open(&AEGIS_TV3_NONCE, &AEGIS_TV3_AD, &mut buf, &tag)
        .is_ok();
    c.check("AEGIS-256 TV3 open", 3, ok && buf == AEGIS_TV3_MSG);
    c.check(
        "AEGIS-256 wrong nonce length",
        3,
        aegis
            .seal(&AEGIS_TV3_NONCE[..16], &[], &mut buf, &mut tag)
            .is_err(),
    );
}

/// ML-KEM (FIPS 203): key generation from the first ACVP keyGen seed of each parameter set,
/// checked against SHA3-256 of the ACVP `ek` and `dk` (computed from
/// `kat/vectors/ml-kem/ML-KEM-keyGen-FIPS203/expectedResults.json` with Python's hashlib,
/// so the keys need not be embedded), then an encapsulation / decapsulation round trip, the
/// expanded key parsed back, a wrong-length ciphertext refused, and implicit rejection.
#[cfg(target_abi = "eabihf")]
macro_rules! ml_kem_check {
    ($c:expr, $m:ident, $name:literal, $d:literal, $z:literal, $ek_hash:literal, $dk_hash:literal) => {{
        use mamori_kem::$m::{Ciphertext, DecapsulationKey};
        let mut seed = [0u8; 64];
        seed[..32].copy_from_slice(&hex::<32>($d));
        seed[32..].copy_from_slice(&hex::<32>($z));
        let dk = DecapsulationKey::from_seed(&black_box(seed));
        let ek = dk.encapsulation_key();
        let ek_ok = Sha3_256::digest(&ek.to_bytes()).as_ref() == hex::<32>($ek_hash);
        let expanded = dk.to_expanded();
        let dk_ok = Sha3_256::digest(&expanded).as_ref() == hex::<32>($dk_hash);
        $c.check(
            concat!($name, " ACVP keyGen (hashes of ek, dk)"),
            1,
            ek_ok && dk_ok,
        );
        let (ct, k) = ek.encapsulate_deterministic(&black_box([7u8; 32]));
        let parsed = DecapsulationKey::from_expanded(&expanded);
        let k2 = parsed.map(|p| *p.decapsulate(&ct).as_bytes());
        $c.check(concat!($name, " round trip"), 1, k2 == Ok(*k.as_bytes()));
        $c.check(
            concat!($name, " short ciphertext refused"),
            1,
            dk.decapsulate_bytes(&ct.as_bytes()[1..]).is_err(),
        );
        let mut bad = *ct.as_bytes();
        bad[0] ^= 1;
        let rejected = dk.decapsulate(&Ciphertext::from_bytes(&bad).unwrap_or(ct));
        $c.check(
            concat!($name, " implicit rejection"),
            1,
            rejected.as_bytes() != k.as_bytes(),
        );
    }};
}

/// Cortex-M4F only: the Cortex-M0 board (microbit) has 256 KiB of flash and 16 KiB of RAM,
/// less than the three ML-KEM parameter sets' code and stack here (the crate is still built
/// for thumbv6m; the embedded/ firmware measures stack and code size per operation).
#[cfg(target_abi = "eabihf")]
fn ml_kem(c: &mut Checks) {
    ml_kem_check!(
        c,
        ml_kem_512,
        "ML-KEM-512",
        "47B893474672BA92E4B12EE44FB32953AF8E8503B5FB471D1614FB8A021A660A",
        "1F8CB39E9E30BC458A0DC5408884B1187FB217018DF760FA57317703B844A0A9",
        "3a389831056ed8fd81476869245782689c84b3ce90fe6a9e78d0a380fd6a1573",
        "c26aff5b9f97b5b9ca824755d053a1b1aece2b965af6bfbd527b77ea22538468"
    );
    ml_kem_check!(
        c,
        ml_kem_768,
        "ML-KEM-768",
        "E582B7D75E6C80B05AE392A1FC9F7153B12390FD99930368CC67A768BAEBC8A0",
        "1CDACB8740C0B87C4A379575F187B367CBFA3B300BF591B109F79816E9CBE8F0",
        "81e66ef5a7a221619f6a64039cc369843e10df5c859f6959cc3fd8e5272330fd",
        "be81068c104cd6cf8efd800b294f4a15bb8a8050993fd54a2cc428841ef6ca44"
    );
    ml_kem_check!(
        c,
        ml_kem_1024,
        "ML-KEM-1024",
        "F3A706FAF090C03DB506863AB0B20BD8A1627956318E88C67EB875E8E7266009",
        "35D2BC43DD1CC879F765BF2A0C5E297889DDE910E57E2BB0EAE417B90AB7A275",
        "9370fe5b05ddc92c939f62cbde4c0fea36f45cd20c5748cf3ac891a4c2604496",
        "b8c683c71564ff8e2391c57b68c3a1ff186734b13e31d2a075b65307c8b80888"
    );
}

/// The expanded ML-DSA-44 signing key of ACVP sigGen test group 1 (deterministic, external
/// interface, pure), test case 7 (`kat/vectors/ml-dsa/ML-DSA-sigGen-FIPS204/prompt.json`),
/// chosen for its one-byte message.
#[cfg(target_abi = "eabihf")]
const ML_DSA_44_SK: [u8; 2560] = hex(
    "9914D942189AD1411BED635A9FC704BE1B028036FD96F4DD53EA610039B9E6716456E159D6A2ECECCAEC2E3A\
     38583D92B954918E96C93FCD946E3269ECFA33D06C4DBC021C2C65EF981C8BD0A5318D831483AB300FE3CDEE\
     4CF5B888D633F2495A10C207E829D8A5922D24D530A2A139B6C41D7DBC9A71D3A75B551A7C3A07F320475109\
     B40C14A844110446C2A8641C104A4C184484429280206110831080A8445232641C080618A511181009138804\
     1C2012A408701A02511B440DA3302601359022238C229605A4286688C064E1B6045C424E58242E60946C1001\
     855328104824881003811A30689A98400B24244C484A2447841319249C146613232014948C93346C64806D98\
     A641D4400D0BC310134891E1966124027094944C54900C1C28424C160E1129804CA22882C88C10C290E14482\
     1C3029D0364A40404E88A4910B4181C0C68501886401304644128189B86D8A2008E0282A23070A0904262409\
     08D9902C1B212E02972C480891223100DB20218912229C205258108443340C90C80988108413C54983206850\
     424E52C0450BC925C904212316519228400BA150104806E212254AB26C50806C101824A280645A108A18462E\
     648240A30872C3468C002585143524931064249585E39051E0188004186CC2A62D8C107121980DC2880D9244\
     6214334123C71154400D12A5611384910C03820BB21008A891A40672A0348ED2302A14906904913152002D40\
     C46D11A260199545981264C0B62DA2860449386D48064C00450511900921850D5A348912B48814084A022872\
     584608CBA265DA300821880CCB468EDC082923004E1113045B200161826C4C928D838029C4484C1B47818A82\
     9199A651CB08444A168AA13052A2084D53282E032564810081C8B271E406620B192194446624498D81122C93\
     128209C36D4A188AD4B6404896410A096E9AC48D224788E1128D58382EA228251822411382844BB62C5AC820\
     D8262042C0880A074659104E18B361D8182AD1864952A46090348C0CB54100058118910400330A982204CB46\
     0A0003205A264DA1402E019431E3B001D8968460146D98A28484321288080913B740001972211824C9022D24\
     152281C02DE3906DA414619C186801A27118000E18982864082C0C168C19858CC4C801D2C220E22029E20646\
     1C270CA04210212348C8224924472540A6480B064DA1448E1C058C23C845A120660031300B3280C806662241\
     4594246D13A26D4AA08811C30C190860514F93E252E3959A6552402B1434D8F61B31136AF40C1A8DE545B378\
     0DA1CD4599128EE29FCDB1B4CEA9409111189E64BD279A7D2D41F0642A3296B5B9AD00D4A5172570DCFD6A41\
     DAF9E06C779354FB7E892C2F58999C33A7811C919BE50D8B186E9D03E3CD91172A32A11EC5A3D0FD590FA43F\
     EB3686876F2E832CC6AD5B0436E4C2D3F5FE6B474EC90F8C2A97D17F2A6289F45E544AF7FA6235E75E69C987\
     5B76BACE713F0F3737DC19BF1D3D0E1D474497061081A467C19AA7635BD194BDE56E2574399AEE5E217AD9A2\
     6157A1FF72B8CD57021F7CF153A7D44DB0C72B4C840FA050785C3B9169ACE89C4156803D3C3C90E304A8F41D\
     127D92C0773A542129B969B9BACCA82EBB67384A45EB76381D342DB2F28CB64F067A7ECC3BB2905B9AC6A457\
     2487B53F72A8A32E4C31505705162F4B87E92D388BC46503A434190D75C4CB82F29F6F9E2F71717061F12D9E\
     EAC73C287D6CB84124825EF68B48208255F740E23F03A3EA095AAD3AC2823D1AF2C9C64C7B1F0F1F2C1BF279\
     88C2A42F7F1E08E42E76DF0F7EE96514629699643256EC44CF7B9709558E91542F0E37F0398624136C0D98AB\
     41F1C4DBAFA6315F4A3818D2D046F359902D8495A4F3F38D0D6BA58CFA556595ACF6B38FD94F4E81E5B2D02C\
     95ECF62839759CC8B614018B0759FD7D39BD1A590F862576692C07A27CCEF08C477F2F59E42D4B7A22AE8CC2\
     74885EED814FCF56BAF51B7FC165AA705CDF8FC6002662E973FEC7D8AFB457B2DCFE2419D6C0785F8EF45856\
     6C43EBEC499999350A6356D9E573ADEA3FEA875BA08BAFE23E4957EABBF0B4CE6DEE95D7C1D372C6460FCFFC\
     F661690A791B8D2FEA419DBFB76E3FD9105694975A712CC18AF1A38D2F67C1CDB0F84D39902F84E52C656C76\
     D378A978480725FC16AEA8B8EF82C3FEEA96B0AE8B42748384716A7C5BF08EC6387B48FA88DEE887BED22452\
     A0EC18960A5EB1206A4AB66E5AE4327E55962CAFC8C0B0E4F6E24CBABA02F9558DE7E19F27A7DF41116D1EC4\
     7627821DA2230F2FAD8393B4CF09CAB218146A5058B170C66AED49738393BBEF29D77BF5BDD9F4486CD3911F\
     7989167AD9F3B65AD28B5A9EB3B16EB5455A2750F100942A011B1FA8A741D4BDC3F3B913CC8C79CBDFB5B6C4\
     2BB1E1859D24574493C5D8599EA5EBC55ED8110C9A3F41EEDF736242C6273612244E311F7E7D326A19B5C09A\
     86A17FA5826D3CFBB9007A219DC10C76D7B4AD94808B7672033B69BE17350B96CABFC9622A3AEB3E2AD1DBCF\
     39B91AC12C334FADB591257A4F7CB992FA993E2720B1CE3FAC8C537362E78F50163DBC13500C5160432A9A4F\
     3FC20D12D21CEFF0AF6B2CB5E736B898F35C06CAFE9ED308CB56B441E3027BE2827438371AD01BD3A9291301\
     7FEA48E6DC82893B6D2EA147854BBD97C443B29B2FB30F656834FB3C90C3DDC558048680C4BF622889B4FF33\
     6FD8B5D2FF4D7C7F971C085A266E74CDA51915ECEC82BB089B09CDDA51D9F7016038AF2D11773211E5B5AD09\
     2276BBC10BF14634CA4FB1AFDBF5FEA6EE639751838F47A945E91F47E2CDA8D6F25C934DD2AF0063D2D4315E\
     F475B6A7E1DA373C6AC2306E22D488B070FB511C024B475B25F3C741D163BD8165AA8F675046FE5E9D5DC7F4\
     BA701367223B575C32DEC4D49614A12FBDC928C9CACFE3AF1AE40E12175B54739B94926728DCD3799BEA7B01\
     08DE9F1E71EB9B31CA628F71D178318211F56E2966C3E05475214D5429166DC4857A699F7C23406943601E01\
     4BED1DE197CAC1CF82EA9DC3CAF0FB2DCF44FD2CCC2ED8B9A999935354465B5278E1D8E80009F2A8958E977F\
     93A28FE8381161F7F06B0082B4C90FBED35505626C733E01DC51A0B88551EF60353FC9823F906FF64D136B30\
     69D26535E947ACBCB2EFA5367F9361B5F5636CC64C0E5D3E8B592F134EAF364FC7A4349DC711DDF5FD9D35CC\
     53B580CF5F27290B0676E522F45AB40CD4CCC1D7BF060BEFA5D108D925D7202E20C305B208E6B48C8912D725\
     17A8EA9BDA3F3A22A16BA803B6156280B047C10CCF65203CD31DE218E6648717CDA249257CDBD8FFE5D954E1\
     A632D97908CF1EF7C0930667A94A335087A01F98AC7285D1BB1345C1B4058F7BFA876608D6F0C7B735828DC4\
     67157B2F356BA8B957E18B65056B97892EB08188A866B7C3FCCE329C52B1CB649E8B29C3A71D115BB5D3BDC0\
     2FD1990A26295DC327C1E16DE066DF22F881C2F06B0F966B4F62854F02148D6F69F383F423CE331495AF2B5A\
     0DBCC80BB0E1ECEFF63190230EC2E2659E57344EF2B6F132AA1730B1602199D395F46A0ADBCB0B7836647609\
     BDD9B0C12102C96B",
);

/// The context string of that test case (180 bytes).
#[cfg(target_abi = "eabihf")]
const ML_DSA_44_CTX: [u8; 180] = hex(
    "27E7E36D694636A4A2E78D74E48E4CD84B227178CDA9BCF7641B866DE0FA75C7B55295B947FFA599079BED15\
     55F9535DC3EC93D563951CBDA02B6C0FDF3E408FFCE26D38EB0FC5DFF8D40DE9665D23D02B66AB208A72AA23\
     8B81C80DDE9E6D1584537379CA7EC36E0D1D480DB9A73E69394AAD4D53C4E3705B38B7AF7ED2FC40E1C790A4\
     C75D1BD9B3FFE56DE2055B423047DFDADE4FDC15F83BD6E557776DF28B2A1315E96FB118258C9C30DADBAB31\
     1D0E27EC",
);

/// ML-DSA-44 (FIPS 204): key generation from the first ACVP keyGen seed, checked against
/// SHA3-256 of the ACVP `pk` and `sk` (from
/// `kat/vectors/ml-dsa/ML-DSA-keyGen-FIPS204/expectedResults.json`, with Python's hashlib);
/// the ACVP sigGen case above signed deterministically from its expanded key, checked
/// against SHA3-256 of the expected signature; each signature verified, a changed one and a
/// short one rejected. Cortex-M4F only: signing needs about 48 KiB of stack, three times the
/// Cortex-M0 board's 16 KiB of RAM.
#[cfg(target_abi = "eabihf")]
fn ml_dsa(c: &mut Checks) {
    use mamori_sign::ml_dsa_44::SigningKey;
    let sk = SigningKey::from_seed(&black_box(hex::<32>(
        "7194B13C95231010AFD2C909992BD2003BA6F437C3886BDBE3F6B867A14BA161",
    )));
    let vk = sk.verifying_key();
    let pk_ok = Sha3_256::digest(vk.as_bytes()).as_ref()
        == hex::<32>("d8d9aa0403ddc91a7f2ab668fea9e85f59a6f519beb9499ffc937d6ed76442e3");
    let sk_ok = Sha3_256::digest(&sk.to_expanded()).as_ref()
        == hex::<32>("0772f7ccc3674b859c9ed70da44b3559cec44bbdf75b8ea31e04a23fa6871b24");
    c.check(
        "ML-DSA-44 ACVP keyGen (hashes of pk, sk)",
        1,
        pk_ok && sk_ok,
    );
    let sig = sk.sign_deterministic(black_box(b"no_std"), b"");
    c.check(
        "ML-DSA-44 sign/verify round trip",
        1,
        sig.is_ok_and(|s| vk.verify(b"no_std", b"", s.as_bytes()).is_ok()),
    );

    let Ok(sk) = SigningKey::from_expanded(&black_box(ML_DSA_44_SK)) else {
        c.check("ML-DSA-44 ACVP sigGen key parses", 1, false);
        return;
    };
    let vk = sk.verifying_key();
    let message = black_box([0xc9u8]);
    let Ok(sig) = sk.sign_deterministic(&message, &ML_DSA_44_CTX) else {
        c.check("ML-DSA-44 ACVP sigGen signs", 1, false);
        return;
    };
    c.check(
        "ML-DSA-44 ACVP sigGen (hash of the signature)",
        1,
        Sha3_256::digest(sig.as_bytes()).as_ref()
            == hex::<32>("ded2bcf3c7978440b44b63d9ef1e569b9a1f3c247995ed7542ccca7bde04d94e"),
    );
    c.check(
        "ML-DSA-44 verify",
        1,
        vk.verify(&message, &ML_DSA_44_CTX, sig.as_bytes()).is_ok(),
    );
    let mut bad = *sig.as_bytes();
    bad[100] ^= 4;
    c.check(
        "ML-DSA-44 changed signature rejected",
        1,
        vk.verify(&message, &ML_DSA_44_CTX, &bad).is_err(),
    );
    c.check(
        "ML-DSA-44 short signature rejected",
        1,
        vk.verify(&message, &ML_DSA_44_CTX, &sig.as_bytes()[1..])
            .is_err(),
    );
}

#[entry]
fn main() -> ! {
    let target = if cfg!(target_abi = "eabihf") {
        "thumbv7em-none-eabihf (Cortex-M4F)"
    } else {
        "thumbv6m-none-eabi (Cortex-M0)"
    };
    hprintln!("mamori no_std/no-alloc test on {}", target);
    hprintln!(
        "algorithms: {} {} {} {}",
        AsconAead128::INFO.name,
        AsconHash256::INFO.name,
        AsconXof128::INFO.name,
        AsconCxof128::INFO.name
    );
    let mut c = Checks {
        passed: 0,
        failed: 0,
    };
    aead(&mut c);
    hash(&mut c);
    xof(&mut c);
    permutation(&mut c);
    aes_family(&mut c);
    #[cfg(target_abi = "eabihf")]
    ml_kem(&mut c);
    #[cfg(target_abi = "eabihf")]
    ml_dsa(&mut c);
    #[cfg(not(target_abi = "eabihf"))]
    hprintln!("ML-KEM: not run on the Cortex-M0 (256 KiB flash, 16 KiB RAM)");
    #[cfg(not(target_abi = "eabihf"))]
    hprintln!("ML-DSA: not run on the Cortex-M0 (signing needs ~48 KiB of stack; 16 KiB RAM)");
    if cfg!(feature = "inject-failure") {
        // `.ci/no_std.sh` builds this once to prove a failed check exits non-zero.
        c.check("injected failure (feature inject-failure)", 0, false);
    }
    hprintln!("no_std: {} passed, {} failed", c.passed, c.failed);
    debug::exit(if c.failed == 0 {
        debug::EXIT_SUCCESS
    } else {
        debug::EXIT_FAILURE
    });
    #[allow(clippy::empty_loop)]
    loop {}
}

#[panic_handler]
fn panic(info: &PanicInfo<'_>) -> ! {
    hprintln!("PANIC: {}", info);
    debug::exit(debug::EXIT_FAILURE);
    #[allow(clippy::empty_loop)]
    loop {}
}
