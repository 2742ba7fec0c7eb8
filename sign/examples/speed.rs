//! Median `rdtsc` cycles of ML-DSA-65 key generation (over 201 seeds), deterministic signing
//! (over 201 different messages: the rejection loop makes single runs vary a lot) and
//! verification (over their signatures), for Mamori and, for reference, RustCrypto
//! `ml-dsa` (same operations) and PQClean through `pqcrypto-mldsa` (its randomized
//! signing; AVX2 where the CPU has it).
//!
//! ```sh
//! cargo run --release -p mamori-sign --example speed
//! ```
//! (`rdtsc` counts reference cycles, which equal core cycles only at the nominal clock.)

#[cfg(target_arch = "x86_64")]
fn main() {
    use core::hint::black_box;
    use mamori_sign::ml_dsa_65::SigningKey;
    use pqcrypto_traits::sign::DetachedSignature as _;

    const RUNS: usize = 201;

    /// The time-stamp counter.
    #[allow(unsafe_code)]
    fn rdtsc() -> u64 {
        // SAFETY: `rdtsc` exists on every x86-64 CPU and has no preconditions.
        unsafe { core::arch::x86_64::_rdtsc() }
    }

    /// Median cycles of `f(i)` over `i in 0..RUNS`.
    fn median(mut f: impl FnMut(usize)) -> u64 {
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
        t[RUNS / 2]
    }

    fn seed(i: usize) -> [u8; 32] {
        let mut s = [0u8; 32];
        s[..8].copy_from_slice(&(i as u64).to_le_bytes());
        s
    }
    let msgs: Vec<[u8; 32]> = (0..RUNS).map(|i| seed(i + 1000)).collect();
    let row = |name: &str, keygen: u64, sign: u64, verify: u64| {
        println!("{name:<34} {keygen:>10} {sign:>10} {verify:>10}");
    };
    println!(
        "ML-DSA-65, median rdtsc cycles     {:>10} {:>10} {:>10}",
        "keygen", "sign", "verify"
    );

    let keygen = median(|i| {
        black_box(SigningKey::from_seed(black_box(&seed(i))));
    });
    let sk = SigningKey::from_seed(&seed(1));
    let vk = sk.verifying_key();
    let sigs: Vec<_> = msgs
        .iter()
        .map(|m| sk.sign_deterministic(m, b"").expect("ctx"))
        .collect();
    let sign = median(|i| {
        black_box(
            sk.sign_deterministic(black_box(&msgs[i]), b"")
                .expect("ctx"),
        );
    });
    let verify = median(|i| {
        vk.verify(black_box(&msgs[i]), b"", sigs[i].as_bytes())
            .expect("valid");
    });
    row(
        &format!(
            "mamori ({})",
            <mamori_sign::MlDsa65 as mamori_primitives::Algorithm>::backend()
        ),
        keygen,
        sign,
        verify,
    );

    {
        use ml_dsa::{ExpandedSigningKey, MlDsa65};
        let keygen = median(|i| {
            black_box(ExpandedSigningKey::<MlDsa65>::from_seed(&seed(i).into()));
        });
        let sk = ExpandedSigningKey::<MlDsa65>::from_seed(&seed(1).into());
        let vk = sk.verifying_key();
        let sigs: Vec<_> = msgs
            .iter()
            .map(|m| sk.sign_deterministic(m, b"").expect("ctx"))
            .collect();
        let sign = median(|i| {
            black_box(
                sk.sign_deterministic(black_box(&msgs[i]), b"")
                    .expect("ctx"),
            );
        });
        let verify = median(|i| {
            assert!(vk.verify_with_context(black_box(&msgs[i]), b"", &sigs[i]));
        });
        row("RustCrypto ml-dsa 0.1", keygen, sign, verify);
    }

    {
        use pqcrypto_mldsa::mldsa65 as pq;
        let keygen = median(|_| {
            black_box(pq::keypair());
        });
        let (pk, sk) = pq::keypair();
        let sigs: Vec<_> = msgs.iter().map(|m| pq::detached_sign(m, &sk)).collect();
        let sign = median(|i| {
            black_box(pq::detached_sign(black_box(&msgs[i]), &sk));
        });
        let verify = median(|i| {
            pq::verify_detached_signature(&sigs[i], &msgs[i], &pk).expect("valid");
        });
        let _ = sigs[0].as_bytes();
        row("PQClean (pqcrypto-mldsa, hedged)", keygen, sign, verify);
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn main() {
    println!("x86-64 only (rdtsc)");
}
