//! Mamori's ML-DSA-65 (FIPS 204) on a Cortex-M4F (QEMU mps2-an386, `-icount shift=10`),
//! portable backend:
//! 1. NIST ACVP cases of `kat/vectors/ml-dsa/`, embedded at build time (`build.rs`): every
//!    ML-DSA-65 keyGen case (seed → pk, sk bytes, and the sk parsed back), the first
//!    [`SIGGEN_PER_GROUP`] sigGen cases of each group other than external μ (pure, pre-hash
//!    with SHA-3 / SHAKE, internal on `M'`; deterministic and hedged) and every sigVer case
//!    without a SHA-2 pre-hash, through the public API of the matching interface;
//! 2. the ACVP sigGen external-μ cases (deterministic and hedged) signed by every
//!    implementation of `ml_dsa::SIGNERS`, each call timed and its signature checked: the
//!    per-vector instruction counts of the signing loop, their minimum / median / mean, and
//!    the number of iterations of each, derived from the counts (see [`series`]);
//! 3. instruction counts per call (each measured twice: the counts must agree) and peak
//!    stack of key generation (seed → pk, sk bytes), deterministic signing of a 59-byte
//!    message (pqm4's test length) by a parsed key, the same from the expanded key bytes,
//!    and verification from pk bytes, as a Markdown table.
//!
//! Exit status: 0 if every KAT passed, 1 if any failed, 3 if a count was not repeatable,
//! 101 on panic, 102 on HardFault.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use mamori_embedded::kat::DsaInterface;
use mamori_embedded::ml_dsa::{
    self, EXPECTED_ITERATIONS_X10, KAT_NAME, NAME, PK, SET, SIG, SIGNERS, SK, Signer,
};
use mamori_embedded::{PAINT_WINDOW, Tally, Timer, exit, fill, hprintln, kat, stack_usage};
use mamori_sign::ml_dsa_65::{Signature, SigningKey, VerifyingKey};
use mamori_sign::{PreHash, PreHashed};

/// sigGen cases run per ACVP group (other than external μ, which the timed series runs in
/// full): a signature costs 40 M instructions on average (46 M with the key check), so one
/// per group keeps the run, and CI, short.
const SIGGEN_PER_GROUP: usize = 1;
/// External-μ sigGen cases of ML-DSA-65 (15 deterministic, 15 hedged).
const SERIES_LEN: usize = 30;
/// Cases [`kat`] runs: 25 keyGen, [`SIGGEN_PER_GROUP`] of each of the 6 sigGen groups
/// (pure, pre-hash, internal; deterministic and hedged), and the 51 sigVer cases of
/// ML-DSA-65 without a SHA-2 pre-hash (4 × 15, less 9).
const KAT_CASES: u32 = 25 + 6 * SIGGEN_PER_GROUP as u32 + 51;

/// `HashML-DSA`'s digest of `msg` under the ACVP `hashAlg` name (SHA-3 / SHAKE: the blobs
/// hold no SHA-2 case).
fn prehash(name: &[u8], msg: &[u8]) -> Option<PreHashed> {
    let alg = PreHash::from_name(core::str::from_utf8(name).ok()?)?;
    PreHashed::hash(alg, msg)
}

/// `rnd` of a sigGen case: empty = deterministic (all zero).
fn randomness(rnd: &[u8]) -> Option<[u8; 32]> {
    if rnd.is_empty() {
        Some([0; 32])
    } else {
        rnd.try_into().ok()
    }
}

/// keyGen (pk and sk bytes; the sk parsed back, with its checks, gives the same keys),
/// sigGen (a few per group, the external-μ ones are in [`series`]) and sigVer (accepted
/// exactly when `testPassed`).
fn kat() -> (u32, u32) {
    let mut t = Tally::new(KAT_NAME);
    for v in kat::ml_dsa_keygen().filter(|v| v.set == SET) {
        let [seed, want_pk, want_sk, ..] = v.f;
        let ok = match <&[u8; 32]>::try_from(seed) {
            Ok(seed) => {
                let (mut pk, mut sk) = ([0u8; PK], [0u8; SK]);
                ml_dsa::keygen(seed, &mut pk, &mut sk);
                pk[..] == *want_pk
                    && sk[..] == *want_sk
                    && SigningKey::from_expanded(want_sk)
                        .is_ok_and(|k| k.to_expanded() == sk && *k.verifying_key().as_bytes() == pk)
            }
            Err(_) => false,
        };
        t.record(v.tc_id, "keyGen", ok);
    }
    let mut per_group = [0usize; 8];
    for v in kat::ml_dsa_siggen().filter(|v| v.set == SET && v.iface != DsaInterface::ExternalMu) {
        let [sk, msg, ctx, rnd, hash, want] = v.f;
        let group = v.iface as usize * 2 + usize::from(!rnd.is_empty());
        if per_group[group] == SIGGEN_PER_GROUP {
            continue;
        }
        per_group[group] += 1;
        let got: Option<Signature> = match (SigningKey::from_expanded(sk), randomness(rnd)) {
            (Ok(key), Some(rnd)) => match v.iface {
                DsaInterface::Pure => key.sign_with_randomness(msg, ctx, &rnd).ok(),
                DsaInterface::PreHash => {
                    prehash(hash, msg).and_then(|d| key.sign_prehashed(&d, ctx, &rnd).ok())
                }
                DsaInterface::Internal => Some(key.sign_internal(msg, &rnd)),
                DsaInterface::ExternalMu => None,
            },
            _ => None,
        };
        t.record(
            v.tc_id,
            "sigGen",
            got.is_some_and(|s| s.as_bytes()[..] == *want),
        );
    }
    for v in kat::ml_dsa_sigver().filter(|v| v.set == SET) {
        let [pk, msg, ctx, hash, sig, passed] = v.f;
        let accepted = match v.iface {
            DsaInterface::Pure => Some(ml_dsa::verify(pk, msg, ctx, sig)),
            iface => VerifyingKey::from_bytes(pk)
                .ok()
                .and_then(|vk| match iface {
                    DsaInterface::PreHash => {
                        prehash(hash, msg).map(|d| vk.verify_prehashed(&d, ctx, sig).is_ok())
                    }
                    DsaInterface::Internal => Some(vk.verify_internal(msg, sig).is_ok()),
                    _ => <&[u8; 64]>::try_from(msg)
                        .ok()
                        .map(|mu| vk.verify_mu(mu, sig).is_ok()),
                }),
        };
        t.record(
            v.tc_id,
            "sigVer",
            passed.len() == 1 && accepted == Some(passed[0] == 1),
        );
    }
    t.finish(KAT_CASES)
}

/// One timed call of `op`: a single out-of-line copy per operation, so both measurements
/// run the very same machine code.
#[inline(never)]
fn count_op<S>(timer: &mut Timer, s: &mut S, op: &mut impl FnMut(&mut S)) -> u64 {
    timer.count(&mut || op(s))
}

/// Instructions of one signing-loop iteration and of the rest, derived from a series of
/// counts (see [`series`]): `None` if the counts do not show two distinct iteration counts.
struct Fit {
    /// Instructions of the work done once per signature.
    fixed: u64,
    /// Instructions of one iteration.
    per_iteration: u64,
}

impl Fit {
    /// Takes the cheapest count as one iteration and the smallest gap between counts that
    /// is more than a quarter of it as one more iteration (a count depends on the
    /// iterations and, by a few hundred instructions, on the rejection sampling of the
    /// challenge and of `Â`).
    fn new(counts: &[u64]) -> Option<Self> {
        let min = *counts.iter().min()?;
        let per_iteration = counts
            .iter()
            .flat_map(|&a| counts.iter().map(move |&b| b.wrapping_sub(a)))
            .filter(|&d| d > min / 4 && d <= min)
            .min()?;
        Some(Self {
            fixed: min - per_iteration,
            per_iteration,
        })
    }

    /// The iterations a count stands for, rounded.
    fn iterations(&self, count: u64) -> u64 {
        (count.saturating_sub(self.fixed) + self.per_iteration / 2) / self.per_iteration
    }

    /// `|count - (fixed + iterations × per_iteration)|`.
    fn residual(&self, count: u64) -> u64 {
        count.abs_diff(self.fixed + self.iterations(count) * self.per_iteration)
    }
}

/// Signs every ACVP external-μ sigGen case of ML-DSA-65 with `signer`, each call timed and
/// checked, and prints one row per case, then the minimum, median, mean and maximum, and
/// the iterations derived from the counts ([`Fit`]). `None` if a signature was wrong.
fn series(timer: &mut Timer, signer: &Signer) -> Option<Fit> {
    let mut counts = [0u64; SERIES_LEN];
    let mut ids = [(0usize, false); SERIES_LEN];
    let mut n = 0;
    let mut ok = true;
    let mut sig = [0u8; SIG];
    for v in kat::ml_dsa_siggen().filter(|v| v.set == SET && v.iface == DsaInterface::ExternalMu) {
        let [sk, mu, _, rnd, _, want] = v.f;
        let (Ok(key), Ok(mu), Some(r), true) = (
            SigningKey::from_expanded(sk),
            <&[u8; 64]>::try_from(mu),
            randomness(rnd),
            n < SERIES_LEN,
        ) else {
            hprintln!("FAIL {} tcId {}: malformed case", signer.label, v.tc_id);
            return None;
        };
        sig.fill(0);
        counts[n] = count_op(timer, &mut sig, &mut |sig| {
            (signer.sign_mu)(&key, mu, &r, sig);
        });
        if sig[..] != *want {
            hprintln!("FAIL {} tcId {}: wrong signature", signer.label, v.tc_id);
            ok = false;
        }
        ids[n] = (v.tc_id, !rnd.is_empty());
        n += 1;
    }
    if n != SERIES_LEN || !ok {
        hprintln!("FAIL {}: {} external-μ cases", signer.label, n);
        return None;
    }
    let fit = Fit::new(&counts)?;
    for (&c, &(id, hedged)) in counts.iter().zip(&ids) {
        hprintln!(
            "| {} | {} | sign_mu | {} | {} | {} | {} |",
            signer.label,
            NAME,
            id,
            if hedged { "hedged" } else { "deterministic" },
            c,
            fit.iterations(c)
        );
    }
    let mut sorted = counts;
    sorted.sort_unstable();
    let sum: u64 = counts.iter().sum();
    let iterations: u64 = counts.iter().map(|&c| fit.iterations(c)).sum();
    let residual = counts.iter().map(|&c| fit.residual(c)).max().unwrap_or(0);
    let len = SERIES_LEN as u64;
    hprintln!();
    hprintln!(
        "sign_mu over {} ACVP cases ({}, {}): min {}, median {}, mean {}, max {} instructions",
        SERIES_LEN,
        signer.label,
        NAME,
        sorted[0],
        (sorted[SERIES_LEN / 2 - 1] + sorted[SERIES_LEN / 2]) / 2,
        (sum + len / 2) / len,
        sorted[SERIES_LEN - 1]
    );
    hprintln!(
        "iterations (derived: count = {} + {} × iterations, within {} instructions): mean {}.{:02} (FIPS 204 expects {}.{}), min {}, max {}",
        fit.fixed,
        fit.per_iteration,
        residual,
        iterations / len,
        (iterations % len * 100 + len / 2) / len,
        EXPECTED_ITERATIONS_X10 / 10,
        EXPECTED_ITERATIONS_X10 % 10,
        fit.iterations(sorted[0]),
        fit.iterations(sorted[SERIES_LEN - 1])
    );
    hprintln!();
    Some(fit)
}

/// Measures `op` twice (the counts must agree, else exit 3) and its peak stack, prints a
/// table row and returns the count.
fn row<S>(
    timer: &mut Timer,
    label: &str,
    name: &str,
    s: &mut S,
    mut op: impl FnMut(&mut S),
) -> u64 {
    let first = count_op(timer, s, &mut op);
    let again = count_op(timer, s, &mut op);
    if first != again {
        hprintln!(
            "NONDETERMINISTIC {} {}: {} vs {}",
            label,
            name,
            first,
            again
        );
        exit(3);
    }
    timer.stop();
    let stack = stack_usage(|| op(s));
    timer.restart();
    match stack {
        Some(b) => hprintln!("| {} | {} | {} | {} | {} |", label, NAME, name, first, b),
        None => hprintln!(
            "| {} | {} | {} | {} | >{} |",
            label,
            NAME,
            name,
            first,
            PAINT_WINDOW
        ),
    }
    first
}

/// Inputs and outputs of the measured calls.
struct State {
    seed: [u8; 32],
    msg: [u8; 59],
    pk: [u8; PK],
    sk: [u8; SK],
    key: SigningKey,
    sig: [u8; SIG],
    ok: bool,
}

#[entry]
fn main() -> ! {
    let Some(p) = cortex_m::Peripherals::take() else {
        hprintln!("peripherals already taken");
        exit(1)
    };
    hprintln!("mamori ML-DSA-65 on Cortex-M4F (QEMU mps2-an386), portable backend");
    let (passed, mut failed) = kat();
    let mut timer = Timer::new(p.SYST);
    hprintln!(
        "timer: empty region = {} ticks (subtracted from every count)",
        timer.overhead_ticks()
    );
    hprintln!();
    hprintln!(
        "| implementation | parameter set | operation | ACVP tcId | rnd | instructions | iterations |"
    );
    hprintln!("|---|---|---|---|---|---|---|");
    let mut fits: [Option<Fit>; SIGNERS.len()] = [const { None }; SIGNERS.len()];
    let mut series_passed = 0;
    for (s, fit) in SIGNERS.iter().zip(&mut fits) {
        *fit = series(&mut timer, s);
        match fit {
            Some(_) => series_passed += SERIES_LEN as u32,
            None => failed += 1,
        }
    }
    hprintln!(
        "KAT {} external μ, timed (every signer): {} passed, {} failed",
        NAME,
        series_passed,
        SIGNERS.len() as u32 * SERIES_LEN as u32 - series_passed
    );
    hprintln!("kat: {} passed, {} failed", passed + series_passed, failed);
    hprintln!();

    let mut seed = [0u8; 32];
    fill(&mut seed, 1);
    let mut s = State {
        seed,
        msg: [0; 59],
        pk: [0; PK],
        sk: [0; SK],
        key: SigningKey::from_seed(&seed),
        sig: [0; SIG],
        ok: true,
    };
    fill(&mut s.msg, 2);
    hprintln!("| implementation | parameter set | operation | instructions | stack B |");
    hprintln!("|---|---|---|---|---|");
    row(&mut timer, SIGNERS[0].label, "keygen", &mut s, |s| {
        ml_dsa::keygen(&s.seed, &mut s.pk, &mut s.sk);
    });
    let mut signed = [0u64; SIGNERS.len()];
    for (signer, count) in SIGNERS.iter().zip(&mut signed) {
        *count = row(&mut timer, signer.label, "sign (59 B)", &mut s, |s| {
            s.ok &= (signer.sign)(&s.key, &s.msg, &[], &mut s.sig);
        });
        s.ok &= ml_dsa::verify(&s.pk, &s.msg, &[], &s.sig);
    }
    row(
        &mut timer,
        SIGNERS[0].label,
        "sign (59 B, expanded sk bytes)",
        &mut s,
        |s| s.ok &= ml_dsa::sign_expanded(&s.sk, &s.msg, &[], &mut s.sig),
    );
    row(&mut timer, SIGNERS[0].label, "verify (59 B)", &mut s, |s| {
        s.ok &= ml_dsa::verify(&s.pk, &s.msg, &[], &s.sig);
    });
    hprintln!();
    for ((signer, fit), count) in SIGNERS.iter().zip(&fits).zip(&signed) {
        if let Some(f) = fit {
            hprintln!(
                "sign (59 B) ({}): {} iterations (derived as above)",
                signer.label,
                f.iterations(*count)
            );
        }
    }
    if !s.ok {
        hprintln!("FAIL {}: a measured call failed", NAME);
    }
    exit(u32::from(failed != 0 || !s.ok))
}
