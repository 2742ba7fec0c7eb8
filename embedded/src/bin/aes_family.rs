//! Mamori's Rocca-S and AEGIS-256 on a Cortex-M4F (QEMU mps2-an386, `-icount shift=10`),
//! on the portable backend (the bitsliced AES round; Cortex-M has no AES instructions):
//! 1. every draft vector of `kat/vectors/rocca-s/` and `kat/vectors/aegis256/` (embedded
//!    at build time, parsed on target), sealed and opened, the must-fail ones rejected
//!    with the buffer zeroed;
//! 2. instruction counts per call at 0/16/64/1024/4096-byte messages, marginal
//!    instructions per byte (1 KiB → 4 KiB) and peak stack, as a Markdown table;
//! 3. instruction counts per call at 16 KiB, measured directly (each twice: the counts
//!    must agree), as a second table.
//!
//! Exit status: 0 if every KAT passed, 1 if any failed, 101 on panic, 102 on HardFault.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use mamori_aead::aegis256::Aegis256Core;
use mamori_aead::aes_family::{AesAead, Core};
use mamori_aead::rocca_s::RoccaSCore;
use mamori_embedded::{Bench, Tally, Timer, fill, hprintln};
use mamori_primitives::Backend;

const ROCCA: &str = include_str!("../../../kat/vectors/rocca-s/draft-nakano-rocca-s-05.json");
const AEGIS: &str =
    include_str!("../../../kat/vectors/aegis256/draft-irtf-cfrg-aegis-aead-18.json");

/// The value of `"name": ...` in one JSON object: the string's content, or `None` for
/// `null` or a missing field.
fn field<'a>(obj: &'a str, name: &str) -> Option<&'a str> {
    let mut key = [0u8; 24];
    let k = name.len() + 2;
    key[0] = b'"';
    key[1..k - 1].copy_from_slice(name.as_bytes());
    key[k - 1] = b'"';
    let key = core::str::from_utf8(&key[..k]).ok()?;
    let at = obj.find(key)? + k;
    let rest = obj[at..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    Some(&rest[..rest.find('"')?])
}

/// Hex into `out`; the number of bytes, or `None` for bad hex or too long.
fn hex(s: &str, out: &mut [u8]) -> Option<usize> {
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) || b.len() / 2 > out.len() {
        return None;
    }
    let nib = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    for (i, pair) in b.chunks(2).enumerate() {
        out[i] = nib(pair[0])? << 4 | nib(pair[1])?;
    }
    Some(b.len() / 2)
}

/// Runs every vector of `json` whose tag is `C::TAG_LEN` bytes; returns how many ran.
fn run_file<C: Core>(json: &str, t: &mut Tally) -> usize {
    let mut n = 0;
    for obj in json.split('{').skip(1) {
        let (mut key, mut nonce, mut ad, mut msg, mut ct, mut tag) = (
            [0u8; 32], [0u8; 32], [0u8; 64], [0u8; 128], [0u8; 128], [0u8; 32],
        );
        let valid = !obj.contains("\"valid\": false");
        let parsed = (|| {
            Some((
                hex(field(obj, "key")?, &mut key)?,
                hex(field(obj, "nonce")?, &mut nonce)?,
                hex(field(obj, "ad")?, &mut ad)?,
                field(obj, "msg").map_or(Some(0), |m| hex(m, &mut msg))?,
                hex(field(obj, "ct")?, &mut ct)?,
                hex(field(obj, "tag")?, &mut tag)?,
            ))
        })();
        let Some((kl, nl, al, ml, cl, tl)) = parsed else {
            t.record(n, "parse", false);
            continue;
        };
        if tl != C::TAG_LEN {
            continue;
        }
        let ok_sizes = kl == 32 && nl == C::NONCE_LEN && (ml == cl || !valid);
        let cipher = AesAead::<C>::with_backend(&key, Backend::Portable);
        let mut ok = ok_sizes && cipher.is_some();
        if let (true, Some(c)) = (ok, cipher) {
            let nonce = &nonce[..nl];
            let ad = &ad[..al];
            let mut buf = [0u8; 128];
            if valid {
                let mut got = [0u8; 32];
                buf[..ml].copy_from_slice(&msg[..ml]);
                ok &= c.seal(nonce, ad, &mut buf[..ml], &mut got[..tl]).is_ok();
                ok &= buf[..ml] == ct[..cl] && got[..tl] == tag[..tl];
                ok &=
                    c.open(nonce, ad, &mut buf[..ml], &tag[..tl]).is_ok() && buf[..ml] == msg[..ml];
                // A flipped tag bit must be rejected, the buffer zeroed.
                tag[n % tl] ^= 1 << (n % 8);
            }
            buf[..cl].copy_from_slice(&ct[..cl]);
            ok &= c.open(nonce, ad, &mut buf[..cl], &tag[..tl]).is_err();
            ok &= buf[..cl].iter().all(|&b| b == 0);
        }
        t.record(
            n,
            if valid {
                "seal/open/tamper"
            } else {
                "must fail"
            },
            ok,
        );
        n += 1;
    }
    n
}

fn kat_rocca() -> (u32, u32) {
    let mut t = Tally::new("Rocca-S (draft-nakano-rocca-s-05)");
    let _ = run_file::<RoccaSCore>(ROCCA, &mut t);
    t.finish(7)
}

fn kat_aegis() -> (u32, u32) {
    let mut t = Tally::new("AEGIS-256 (draft-irtf-cfrg-aegis-aead-18, both tags)");
    let _ = run_file::<Aegis256Core<16>>(AEGIS, &mut t);
    let _ = run_file::<Aegis256Core<32>>(AEGIS, &mut t);
    t.finish(18)
}

/// Inputs and outputs of the measured calls.
struct State<C: Core> {
    cipher: AesAead<C>,
    nonce: [u8; 32],
    buf: [u8; BIG],
    tag: [u8; 32],
    ok: bool,
}

/// The direct measurement's message size.
const BIG: usize = 16384;

/// Instructions of one call of `op` at [`BIG`] bytes after `setup`, measured twice; `None`
/// if the two counts differ.
fn count_big<C: Core>(
    b: &mut Bench,
    s: &mut State<C>,
    setup: impl Fn(&mut State<C>),
    op: impl Fn(&mut State<C>),
) -> Option<u64> {
    let mut once = || {
        setup(s);
        b.timer().count(&mut || op(s))
    };
    let (first, second) = (once(), once());
    (first == second).then_some(first)
}

/// Seals `s.buf[..len]` in place (tag into `s.tag`).
fn seal<C: Core>(s: &mut State<C>, len: usize) {
    let (n, t) = (C::NONCE_LEN, C::TAG_LEN);
    s.ok &= s
        .cipher
        .seal(&s.nonce[..n], &[], &mut s.buf[..len], &mut s.tag[..t])
        .is_ok();
}

/// Opens `s.buf[..len]` in place against `s.tag`.
fn open<C: Core>(s: &mut State<C>, len: usize) {
    let (n, t) = (C::NONCE_LEN, C::TAG_LEN);
    let tag = s.tag;
    s.ok &= s
        .cipher
        .open(&s.nonce[..n], &[], &mut s.buf[..len], &tag[..t])
        .is_ok();
}

/// Table rows for seal and open; returns whether every call succeeded and the 16 KiB
/// instruction counts of seal and open (`None` if not reproducible).
fn rows<C: Core>(b: &mut Bench, name_seal: &str, name_open: &str) -> (bool, [Option<u64>; 2]) {
    let mut key = [0u8; 32];
    fill(&mut key, 1);
    let Some(cipher) = AesAead::<C>::with_backend(&key, Backend::Portable) else {
        return (false, [None, None]);
    };
    let mut s = State {
        cipher,
        nonce: [0; 32],
        buf: [0; BIG],
        tag: [0; 32],
        ok: true,
    };
    fill(&mut s.nonce, 2);
    b.run(name_seal, &mut s, |s, len| fill(&mut s.buf[..len], 3), seal);
    b.run(
        name_open,
        &mut s,
        |s, len| {
            fill(&mut s.buf[..len], 3);
            seal(s, len);
        },
        open,
    );
    let big_seal = count_big(b, &mut s, |s| fill(&mut s.buf, 3), |s| seal(s, BIG));
    let big_open = count_big(
        b,
        &mut s,
        |s| {
            fill(&mut s.buf, 3);
            seal(s, BIG);
        },
        |s| open(s, BIG),
    );
    (s.ok, [big_seal, big_open])
}

fn bench(timer: Timer) -> bool {
    let mut b = Bench::new(timer, "mamori (portable)");
    let (ok_r, big_r) = rows::<RoccaSCore>(&mut b, "Rocca-S seal", "Rocca-S open");
    let (ok_a, big_a) = rows::<Aegis256Core<16>>(&mut b, "AEGIS-256 seal", "AEGIS-256 open");
    let mut ok = ok_r && ok_a;
    hprintln!();
    hprintln!("| implementation | operation | 16384 B | i/B |");
    hprintln!("|---|---|---|---|");
    let names = [
        "Rocca-S seal",
        "Rocca-S open",
        "AEGIS-256 seal",
        "AEGIS-256 open",
    ];
    for (name, count) in names.iter().zip(big_r.iter().chain(&big_a)) {
        match count {
            Some(n) => {
                let x10 = (n * 10 + BIG as u64 / 2) / BIG as u64;
                hprintln!(
                    "| mamori (portable) | {} | {} | {}.{} |",
                    name,
                    n,
                    x10 / 10,
                    x10 % 10
                );
            }
            None => {
                hprintln!("NONDETERMINISTIC {} at {} B", name, BIG);
                ok = false;
            }
        }
    }
    if !ok {
        hprintln!("FAIL: a measured call failed");
    }
    ok
}

#[entry]
fn main() -> ! {
    mamori_embedded::kat_and_bench(
        "mamori rocca-s / aegis-256 on Cortex-M4F (QEMU mps2-an386), portable backend",
        &[kat_rocca, kat_aegis],
        bench,
    )
}
