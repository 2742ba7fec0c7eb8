//! Mamori's ML-KEM-512/768/1024 (FIPS 203) on a Cortex-M4F (QEMU mps2-an386,
//! `-icount shift=10`), portable backend:
//! 1. every NIST ACVP case of `kat/vectors/ml-kem/` (keyGen; encapsulation, decapsulation,
//!    encapsulationKeyCheck, decapsulationKeyCheck: 80 per parameter set), embedded at build
//!    time, through the same byte-level functions that are measured;
//! 2. instruction counts per call (each measured twice: the counts must agree) and peak
//!    stack of key generation (seed → ek, dk bytes), encapsulation (ek bytes → ciphertext,
//!    shared secret) and decapsulation (expanded dk bytes, ciphertext → shared secret), and
//!    of encapsulation / decapsulation with an already parsed key, as a Markdown table.
//!
//! Exit status: 0 if every KAT passed, 1 if any failed, 3 if a count was not repeatable,
//! 101 on panic, 102 on HardFault.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use mamori_embedded::ml_kem::{CT_MAX, DK_MAX, EK_MAX, Kem512, Kem768, Kem1024, Set};
use mamori_embedded::{PAINT_WINDOW, Tally, Timer, exit, fill, hprintln, kat, stack_usage};

/// Every ACVP case of parameter set `P` (80: 25 keyGen, 25 encapsulation, 10 decapsulation,
/// 10 + 10 key checks). keyGen: ek and dk bytes, and the ek re-encoded from the parsed dk;
/// encapsulation: c and k; decapsulation (valid and modified ciphertexts, the latter giving
/// the implicit-rejection key): k; key checks: accepted exactly when `testPassed`.
fn kat<P: Set>() -> (u32, u32) {
    let mut t = Tally::new(P::KAT_NAME);
    let (mut ek, mut dk, mut ct, mut ss) = ([0u8; EK_MAX], [0u8; DK_MAX], [0u8; CT_MAX], [0u8; 32]);
    let (ek, dk, ct) = (&mut ek[..P::EK], &mut dk[..P::DK], &mut ct[..P::CT]);
    for v in kat::ml_kem_keygen().filter(|v| v.k == P::K) {
        let [d, z, want_ek, want_dk] = v.f;
        let mut seed = [0u8; 64];
        let mut ok = d.len() == 32 && z.len() == 32 && want_ek.len() == P::EK;
        if ok {
            seed[..32].copy_from_slice(d);
            seed[32..].copy_from_slice(z);
            P::keygen(&seed, ek, dk);
            ok = ek == want_ek && dk == want_dk;
            ek.fill(0);
            ok &= P::ek_of_dk(want_dk, ek) && ek == want_ek;
        }
        t.record(v.tc_id, "keyGen", ok);
    }
    for v in kat::ml_kem_encaps().filter(|v| v.k == P::K) {
        let [ek_in, m, want_c, want_k] = v.f;
        let ok = match <&[u8; 32]>::try_from(m) {
            Ok(m) => P::encaps(ek_in, m, ct, &mut ss) && ct == want_c && ss == want_k,
            Err(_) => false,
        };
        t.record(v.tc_id, "encapsulation", ok);
    }
    for v in kat::ml_kem_decaps().filter(|v| v.k == P::K) {
        let [dk_in, c, want_k, _] = v.f;
        let ok = P::decaps(dk_in, c, &mut ss) && ss == want_k;
        t.record(v.tc_id, "decapsulation", ok);
    }
    for v in kat::ml_kem_ek_check().filter(|v| v.k == P::K) {
        let [ek_in, passed, _, _] = v.f;
        t.record(
            v.tc_id,
            "encapsulationKeyCheck",
            passed.len() == 1 && P::parse_ek(ek_in).is_some() == (passed[0] == 1),
        );
    }
    for v in kat::ml_kem_dk_check().filter(|v| v.k == P::K) {
        let [dk_in, passed, _, _] = v.f;
        t.record(
            v.tc_id,
            "decapsulationKeyCheck",
            passed.len() == 1 && P::parse_dk(dk_in).is_some() == (passed[0] == 1),
        );
    }
    t.finish(80)
}

/// Inputs and outputs of the measured calls (sized for ML-KEM-1024, sliced per set).
struct State<P: Set> {
    seed: [u8; 64],
    m: [u8; 32],
    ek: [u8; EK_MAX],
    dk: [u8; DK_MAX],
    ct: [u8; CT_MAX],
    ss_enc: [u8; 32],
    ss_dec: [u8; 32],
    ek_parsed: P::Ek,
    dk_parsed: P::Dk,
    ok: bool,
}

/// One timed call of `op`: a single out-of-line copy per operation, so both measurements
/// run the very same machine code.
#[inline(never)]
fn count_op<S>(timer: &mut Timer, s: &mut S, op: &mut impl FnMut(&mut S)) -> u64 {
    timer.count(&mut || op(s))
}

/// Measures `op` twice (the counts must agree, else exit 3) and its peak stack, and prints
/// a table row.
fn row<S>(timer: &mut Timer, set: &str, name: &str, s: &mut S, mut op: impl FnMut(&mut S)) {
    let first = count_op(timer, s, &mut op);
    let again = count_op(timer, s, &mut op);
    if first != again {
        hprintln!("NONDETERMINISTIC {} {}: {} vs {}", set, name, first, again);
        exit(3);
    }
    timer.stop();
    let stack = stack_usage(|| op(s));
    timer.restart();
    match stack {
        Some(b) => hprintln!(
            "| mamori (portable) | {} | {} | {} | {} |",
            set,
            name,
            first,
            b
        ),
        None => hprintln!(
            "| mamori (portable) | {} | {} | {} | >{} |",
            set,
            name,
            first,
            PAINT_WINDOW
        ),
    }
}

/// The rows of parameter set `P`; `false` if a call failed or the secrets disagree.
fn rows<P: Set>(timer: &mut Timer) -> bool {
    let (mut seed, mut m) = ([0u8; 64], [0u8; 32]);
    fill(&mut seed, 1);
    fill(&mut m, 2);
    let (mut ek, mut dk) = ([0u8; EK_MAX], [0u8; DK_MAX]);
    P::keygen(&seed, &mut ek[..P::EK], &mut dk[..P::DK]);
    let (Some(ek_parsed), Some(dk_parsed)) = (P::parse_ek(&ek[..P::EK]), P::parse_dk(&dk[..P::DK]))
    else {
        hprintln!("FAIL {}: the generated keys do not parse", P::NAME);
        return false;
    };
    let mut s = State::<P> {
        seed,
        m,
        ek,
        dk,
        ct: [0; CT_MAX],
        ss_enc: [0; 32],
        ss_dec: [1; 32],
        ek_parsed,
        dk_parsed,
        ok: true,
    };
    row(timer, P::NAME, "keygen", &mut s, |s| {
        P::keygen(&s.seed, &mut s.ek[..P::EK], &mut s.dk[..P::DK]);
    });
    row(timer, P::NAME, "encaps", &mut s, |s| {
        s.ok &= P::encaps(&s.ek[..P::EK], &s.m, &mut s.ct[..P::CT], &mut s.ss_enc);
    });
    row(timer, P::NAME, "decaps", &mut s, |s| {
        s.ok &= P::decaps(&s.dk[..P::DK], &s.ct[..P::CT], &mut s.ss_dec);
    });
    let agree = s.ss_enc == s.ss_dec;
    s.ss_dec = [1; 32];
    row(timer, P::NAME, "encaps (parsed key)", &mut s, |s| {
        P::encaps_parsed(&s.ek_parsed, &s.m, &mut s.ct[..P::CT], &mut s.ss_enc);
    });
    row(timer, P::NAME, "decaps (parsed key)", &mut s, |s| {
        s.ok &= P::decaps_parsed(&s.dk_parsed, &s.ct[..P::CT], &mut s.ss_dec);
    });
    let ok = s.ok && agree && s.ss_enc == s.ss_dec;
    if !ok {
        hprintln!(
            "FAIL {}: a measured call failed or the shared secrets differ",
            P::NAME
        );
    }
    ok
}

fn bench(mut timer: Timer) -> bool {
    hprintln!(
        "timer: empty region = {} ticks (subtracted from every count)",
        timer.overhead_ticks()
    );
    hprintln!();
    hprintln!("| implementation | parameter set | operation | instructions | stack B |");
    hprintln!("|---|---|---|---|---|");
    let a = rows::<Kem512>(&mut timer);
    let b = rows::<Kem768>(&mut timer);
    let c = rows::<Kem1024>(&mut timer);
    a && b && c
}

#[entry]
fn main() -> ! {
    mamori_embedded::kat_and_bench(
        "mamori ML-KEM on Cortex-M4F (QEMU mps2-an386), portable backend",
        &[kat::<Kem512>, kat::<Kem768>, kat::<Kem1024>],
        bench,
    )
}
