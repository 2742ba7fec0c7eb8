//! `rdtsc` cycles of ML-DSA-44, -65 and -87: key generation (median over 201 seeds),
//! deterministic signing (median and mean over 201 different messages: the rejection
//! loop makes single runs vary a lot, and the mean is what a stream of signatures costs)
//! and verification (median over their signatures), for Mamori's byte-based keys and its
//! expanded keys (`ExpandedSigningKey` / `ExpandedVerifyingKey`, expanded once outside the
//! timing; their "keygen" column is the expansion), and, for reference, RustCrypto
//! `ml-dsa` (same operations) and PQClean through `pqcrypto-mldsa` (its randomized signing;
//! AVX2 where the CPU has it). The last line of each set gives Mamori's byte-based
//! figures over the fastest peer's.
//!
//! ```sh
//! cargo run --release -p mamori-sign --example speed
//! ```
//! (`rdtsc` counts reference cycles, which equal core cycles only at the nominal clock.)

#[cfg(target_arch = "x86_64")]
fn main() {
    use core::hint::black_box;
    use pqcrypto_traits::sign::DetachedSignature as _;

    const RUNS: usize = 201;

    /// The time-stamp counter.
    #[allow(unsafe_code)]
    fn rdtsc() -> u64 {
        // SAFETY: `rdtsc` exists on every x86-64 CPU and has no preconditions.
        unsafe { core::arch::x86_64::_rdtsc() }
    }

    /// Median and mean cycles of `f(i)` over `i in 0..RUNS`.
    fn time(mut f: impl FnMut(usize)) -> (u64, u64) {
        for i in 0..8 {
            f(i);
        }
        let mut t: Vec<u64> = (0..RUNS)
            .map(|i| {
                let start = rdtsc();
                f(i);
                rdtsc() - start
            })
            .collect();
        t.sort_unstable();
        (t[RUNS / 2], t.iter().sum::<u64>() / RUNS as u64)
    }

    fn seed(i: usize) -> [u8; 32] {
        let mut s = [0u8; 32];
        s[..8].copy_from_slice(&(i as u64).to_le_bytes());
        s
    }

    /// keygen median, sign median, sign mean, verify median.
    type Row = [u64; 4];
    fn row(name: &str, r: Row) {
        println!(
            "{name:<36} {:>10} {:>10} {:>10} {:>10}",
            r[0], r[1], r[2], r[3]
        );
    }

    let msgs: Vec<[u8; 32]> = (0..RUNS).map(|i| seed(i + 1000)).collect();

    macro_rules! set {
        ($title:literal, $module:ident, $marker:ident, $pq:ident, $rc:ident) => {{
            use mamori_sign::$module::{ExpandedSigningKey, ExpandedVerifyingKey, SigningKey};
            println!(
                "{:<36} {:>10} {:>10} {:>10} {:>10}",
                concat!($title, ", rdtsc cycles"),
                "keygen",
                "sign med",
                "sign mean",
                "verify"
            );

            let (keygen, _) = time(|i| {
                black_box(SigningKey::from_seed(black_box(&seed(i))));
            });
            let sk = SigningKey::from_seed(&seed(1));
            let vk = sk.verifying_key();
            let sigs: Vec<_> = msgs
                .iter()
                .map(|m| sk.sign_deterministic(m, b"").expect("ctx"))
                .collect();
            let (sign, sign_mean) = time(|i| {
                black_box(
                    sk.sign_deterministic(black_box(&msgs[i]), b"")
                        .expect("ctx"),
                );
            });
            let (verify, _) = time(|i| {
                vk.verify(black_box(&msgs[i]), b"", sigs[i].as_bytes())
                    .expect("valid");
            });
            let backend = <mamori_sign::$marker as mamori_primitives::Algorithm>::backend();
            let mamori = [keygen, sign, sign_mean, verify];
            row(&format!("mamori ({backend})"), mamori);

            let (expand, _) = time(|_| {
                black_box(ExpandedSigningKey::new(black_box(&sk)));
                black_box(ExpandedVerifyingKey::new(black_box(&vk)));
            });
            let esk = ExpandedSigningKey::new(&sk);
            let evk = ExpandedVerifyingKey::new(&vk);
            let (sign, sign_mean) = time(|i| {
                black_box(
                    esk.sign_deterministic(black_box(&msgs[i]), b"")
                        .expect("ctx"),
                );
            });
            let (verify, _) = time(|i| {
                evk.verify(black_box(&msgs[i]), b"", sigs[i].as_bytes())
                    .expect("valid");
            });
            row(
                &format!("mamori expanded keys ({backend})"),
                [expand, sign, sign_mean, verify],
            );

            let rustcrypto = {
                use ml_dsa::{ExpandedSigningKey, $rc};
                let (keygen, _) = time(|i| {
                    black_box(ExpandedSigningKey::<$rc>::from_seed(&seed(i).into()));
                });
                let sk = ExpandedSigningKey::<$rc>::from_seed(&seed(1).into());
                let vk = sk.verifying_key();
                let sigs: Vec<_> = msgs
                    .iter()
                    .map(|m| sk.sign_deterministic(m, b"").expect("ctx"))
                    .collect();
                let (sign, sign_mean) = time(|i| {
                    black_box(
                        sk.sign_deterministic(black_box(&msgs[i]), b"")
                            .expect("ctx"),
                    );
                });
                let (verify, _) = time(|i| {
                    assert!(vk.verify_with_context(black_box(&msgs[i]), b"", &sigs[i]));
                });
                [keygen, sign, sign_mean, verify]
            };
            row("RustCrypto ml-dsa 0.1", rustcrypto);

            let pqclean = {
                use pqcrypto_mldsa::$pq as pq;
                let (keygen, _) = time(|_| {
                    black_box(pq::keypair());
                });
                let (pk, sk) = pq::keypair();
                let sigs: Vec<_> = msgs.iter().map(|m| pq::detached_sign(m, &sk)).collect();
                let (sign, sign_mean) = time(|i| {
                    black_box(pq::detached_sign(black_box(&msgs[i]), &sk));
                });
                let (verify, _) = time(|i| {
                    pq::verify_detached_signature(&sigs[i], &msgs[i], &pk).expect("valid");
                });
                let _ = sigs[0].as_bytes();
                [keygen, sign, sign_mean, verify]
            };
            row("PQClean (pqcrypto-mldsa, hedged)", pqclean);

            let ratio: Vec<String> = (0..4)
                .map(|c| {
                    let best = rustcrypto[c].min(pqclean[c]);
                    format!("{:>10.2}", mamori[c] as f64 / best as f64)
                })
                .collect();
            println!("{:<36} {}\n", "mamori / fastest peer", ratio.join(" "));
        }};
    }

    set!("ML-DSA-44", ml_dsa_44, MlDsa44, mldsa44, MlDsa44);
    set!("ML-DSA-65", ml_dsa_65, MlDsa65, mldsa65, MlDsa65);
    set!("ML-DSA-87", ml_dsa_87, MlDsa87, mldsa87, MlDsa87);
}

#[cfg(not(target_arch = "x86_64"))]
fn main() {
    println!("x86-64 only (rdtsc)");
}
