//! The reference RustCrypto implementations on the same harness as `ascon`:
//! ascon-aead128 0.1.1 (with the `ascon` 0.5.0-rc.0 permutation) and ascon-hash 0.4
//! (Ascon-Hash256, Ascon-XOF128; it has no CXOF128). Their KATs run first on target (AEAD
//! seal/open, Hash256, XOF128), so the comparison is between correct implementations.
//!
//! Exit status: 0 if every KAT passed, 1 otherwise, 101 panic, 102 HardFault.
#![no_std]
#![no_main]

use core::hint::black_box;

use ascon_aead128::AsconAead128;
use ascon_aead128::aead::{AeadInOut, KeyInit};
use ascon_hash::{AsconHash256, AsconXof128, Digest, ExtendableOutput};
use cortex_m_rt::entry;
use mamori_embedded::{Bench, Tally, Timer, fill, hprintln, kat};

type Nonce = ascon_aead128::AsconAead128Nonce;
type Tag = ascon_aead128::AsconAead128Tag;

fn kat_aead() -> (u32, u32) {
    let mut t = Tally::new("Ascon-AEAD128 (RustCrypto)");
    for v in kat::aead128() {
        let n = v.pt.len();
        let (ct, tag) = v.ct.split_at(n);
        let cipher = AsconAead128::new(&(*v.key).into());
        let nonce = Nonce::from(*v.nonce);
        let mut buf = [0u8; 64];
        let buf = &mut buf[..n];
        buf.copy_from_slice(v.pt);
        let ok = match cipher.encrypt_inout_detached(&nonce, v.ad, buf.into()) {
            Ok(got) => {
                let mut ok = buf == ct && got[..] == *tag;
                ok &= cipher
                    .decrypt_inout_detached(&nonce, v.ad, buf.into(), &got)
                    .is_ok();
                ok &= buf == v.pt;
                let mut bad = got;
                bad[v.count % 16] ^= 1 << (v.count % 8);
                buf.copy_from_slice(ct);
                ok & cipher
                    .decrypt_inout_detached(&nonce, v.ad, buf.into(), &bad)
                    .is_err()
            }
            Err(_) => false,
        };
        t.record(v.count, "seal/open/tamper", ok);
    }
    t.finish(1089)
}

fn kat_hash256() -> (u32, u32) {
    let mut t = Tally::new("Ascon-Hash256 (RustCrypto)");
    for v in kat::hash256() {
        t.record(v.count, "digest", AsconHash256::digest(v.msg)[..] == *v.md);
    }
    t.finish(1025)
}

fn kat_xof128() -> (u32, u32) {
    let mut t = Tally::new("Ascon-XOF128 (RustCrypto)");
    for v in kat::xof128() {
        let mut out = [0u8; 64];
        AsconXof128::digest_xof(v.msg, &mut out);
        t.record(v.count, "xof", out[..] == *v.md);
    }
    t.finish(1025)
}

struct State {
    cipher: AsconAead128,
    nonce: Nonce,
    buf: [u8; 4096],
    tag: Tag,
    out: [u8; 32],
    ok: bool,
}

fn bench(timer: Timer) -> bool {
    let mut b = Bench::new(timer, "RustCrypto");
    let mut key = [0u8; 16];
    fill(&mut key, 1);
    let mut nonce = [0u8; 16];
    fill(&mut nonce, 2);
    let mut s = State {
        cipher: AsconAead128::new(&key.into()),
        nonce: nonce.into(),
        buf: [0; 4096],
        tag: Tag::default(),
        out: [0; 32],
        ok: true,
    };
    let msg = |s: &mut State, len: usize| fill(&mut s.buf[..len], 3);

    b.run("AEAD128 seal", &mut s, msg, |s, len| {
        let r = s
            .cipher
            .encrypt_inout_detached(&s.nonce, &[], (&mut s.buf[..len]).into());
        match r {
            Ok(t) => s.tag = t,
            Err(_) => s.ok = false,
        }
    });
    b.run(
        "AEAD128 open",
        &mut s,
        |s, len| {
            fill(&mut s.buf[..len], 3);
            let r = s
                .cipher
                .encrypt_inout_detached(&s.nonce, &[], (&mut s.buf[..len]).into());
            s.tag = r.unwrap_or_default();
        },
        |s, len| {
            let r =
                s.cipher
                    .decrypt_inout_detached(&s.nonce, &[], (&mut s.buf[..len]).into(), &s.tag);
            s.ok &= black_box(r.is_ok());
        },
    );
    b.run("Hash256", &mut s, msg, |s, len| {
        s.out = AsconHash256::digest(&s.buf[..len]).into();
    });
    b.run("XOF128 (32 B out)", &mut s, msg, |s, len| {
        AsconXof128::digest_xof(&s.buf[..len], &mut s.out);
    });
    if !s.ok {
        hprintln!("FAIL: a measured RustCrypto call failed");
    }
    s.ok
}

#[entry]
fn main() -> ! {
    mamori_embedded::kat_and_bench(
        "RustCrypto ascon-aead128 0.1.1 + ascon-hash 0.4 on Cortex-M4F (QEMU mps2-an386)",
        &[kat_aead, kat_hash256, kat_xof128],
        bench,
    )
}
