//! Mamori's Ascon on a Cortex-M4F (QEMU mps2-an386, `-icount shift=10`):
//! 1. every Ascon KAT of `kat/vectors/ascon/` (embedded at build time) on target;
//! 2. instruction counts per call at 0/16/64/1024/4096-byte messages, marginal
//!    instructions per byte (1 KiB → 4 KiB) and peak stack, as a Markdown table.
//!
//! Exit status: 0 if every KAT passed, 1 if any failed, 101 on panic, 102 on HardFault.
#![no_std]
#![no_main]

use core::hint::black_box;

use cortex_m_rt::entry;
use mamori_aead::AsconAead128;
use mamori_embedded::{Bench, Tally, Timer, fill, hprintln, kat};
use mamori_primitives::ascon::{AsconCxof128, AsconHash256, AsconXof128};
use mamori_primitives::{Aead, Error, Hash, Xof, XofReader};

/// All 1089 Ascon-AEAD128 vectors: seal (typed API) must give CT ‖ tag, open must give PT
/// back; a flipped tag bit and (for non-empty PT) a flipped ciphertext bit must be rejected,
/// through both the typed API and the `Aead` trait, with the buffer zeroed.
fn kat_aead() -> (u32, u32) {
    let mut t = Tally::new("Ascon-AEAD128");
    for v in kat::aead128() {
        let n = v.pt.len();
        let (ct, tag) = v.ct.split_at(n);
        let cipher = AsconAead128::new(v.key);
        let mut buf = [0u8; 64];
        let buf = &mut buf[..n];
        buf.copy_from_slice(v.pt);
        let got = cipher.seal_in_place_detached(v.nonce, v.ad, buf);
        let mut ok = buf == ct && got == tag;
        ok &= cipher
            .open_in_place_detached(v.nonce, v.ad, buf, &got)
            .is_ok()
            && buf == v.pt;

        let mut bad = got;
        bad[v.count % 16] ^= 1 << (v.count % 8);
        buf.copy_from_slice(ct);
        ok &= cipher
            .open_in_place_detached(v.nonce, v.ad, buf, &bad)
            .is_err();
        ok &= buf.iter().all(|&b| b == 0);
        buf.copy_from_slice(ct);
        let r = Aead::open_in_place(&cipher, v.nonce, v.ad, buf, &bad);
        ok &= matches!(r, Err(Error::Crypto(_))) && buf.iter().all(|&b| b == 0);
        if n > 0 {
            buf.copy_from_slice(ct);
            buf[v.count % n] ^= 0x80;
            ok &= cipher
                .open_in_place_detached(v.nonce, v.ad, buf, &got)
                .is_err();
            ok &= buf.iter().all(|&b| b == 0);
        }
        t.record(v.count, "seal/open/tamper", ok);
    }
    t.finish(1089)
}

fn kat_hash256() -> (u32, u32) {
    let mut t = Tally::new("Ascon-Hash256");
    for v in kat::hash256() {
        t.record(
            v.count,
            "digest",
            <AsconHash256 as Hash>::digest(v.msg)[..] == *v.md,
        );
    }
    t.finish(1025)
}

fn kat_xof128() -> (u32, u32) {
    let mut t = Tally::new("Ascon-XOF128");
    for v in kat::xof128() {
        let mut out = [0u8; 64];
        AsconXof128::xof(v.msg, &mut out);
        t.record(v.count, "xof", out[..] == *v.md);
    }
    t.finish(1025)
}

fn kat_cxof128() -> (u32, u32) {
    let mut t = Tally::new("Ascon-CXOF128");
    for v in kat::cxof128() {
        let mut out = [0u8; 64];
        let ok = match AsconCxof128::new_customized(v.z) {
            Ok(mut x) => {
                x.update(v.msg);
                XofReader::read(&mut x.finalize_xof(), &mut out);
                out[..] == *v.md
            }
            Err(_) => false,
        };
        t.record(v.count, "cxof", ok);
    }
    t.finish(1089)
}

/// Inputs and outputs of the measured calls.
struct State {
    cipher: AsconAead128,
    nonce: [u8; 16],
    buf: [u8; 4096],
    tag: [u8; 16],
    out: [u8; 32],
    ok: bool,
}

fn bench(timer: Timer) -> bool {
    let mut b = Bench::new(timer, "mamori");
    let mut key = [0u8; 16];
    fill(&mut key, 1);
    let mut s = State {
        cipher: AsconAead128::new(&key),
        nonce: [0; 16],
        buf: [0; 4096],
        tag: [0; 16],
        out: [0; 32],
        ok: true,
    };
    fill(&mut s.nonce, 2);
    let msg = |s: &mut State, len: usize| fill(&mut s.buf[..len], 3);

    b.run("AEAD128 seal", &mut s, msg, |s, len| {
        s.tag = s
            .cipher
            .seal_in_place_detached(&s.nonce, &[], &mut s.buf[..len]);
    });
    b.run(
        "AEAD128 open",
        &mut s,
        |s, len| {
            fill(&mut s.buf[..len], 3);
            s.tag = s
                .cipher
                .seal_in_place_detached(&s.nonce, &[], &mut s.buf[..len]);
        },
        |s, len| {
            let r = s
                .cipher
                .open_in_place_detached(&s.nonce, &[], &mut s.buf[..len], &s.tag);
            s.ok &= black_box(r.is_ok());
        },
    );
    b.run("Hash256", &mut s, msg, |s, len| {
        s.out = <AsconHash256 as Hash>::digest(&s.buf[..len]);
    });
    b.run("XOF128 (32 B out)", &mut s, msg, |s, len| {
        AsconXof128::xof(&s.buf[..len], &mut s.out);
    });
    b.run("CXOF128 (Z empty, 32 B out)", &mut s, msg, |s, len| {
        AsconCxof128::xof(&s.buf[..len], &mut s.out);
    });
    if !s.ok {
        hprintln!("FAIL: a measured open rejected a valid tag");
    }
    s.ok
}

#[entry]
fn main() -> ! {
    mamori_embedded::kat_and_bench(
        "mamori ascon on Cortex-M4F (QEMU mps2-an386)",
        &[kat_aead, kat_hash256, kat_xof128, kat_cxof128],
        bench,
    )
}
