//! Criterion benchmarks of the Ascon family: Mamori and its RustCrypto peers side by side,
//! on concrete types (no dynamic dispatch).
//!
//! Ids read `alg=<alg>,op=<op>/impl=<impl>,backend=<backend>/size=<bytes>`, e.g.
//! `alg=ascon-aead128,op=seal/impl=mamori,backend=portable/size=16384`, with
//! `Throughput::Bytes` so criterion reports bytes per second.
//!
//! `cargo bench -p mamori-bench --bench ascon -- --quick` for a short run.

#![allow(missing_docs)]

use ascon_aead128::aead::{AeadInOut, KeyInit};
use ascon_hash::{Digest, ExtendableOutput, Update, XofReader as _};
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, Throughput, measurement::WallTime};
use criterion::{criterion_group, criterion_main};
use mamori_primitives::ascon::{AsconCxof128, AsconHash256, AsconXof128};
use mamori_primitives::{Algorithm, Hash, Xof, XofReader};
use std::hint::black_box;

const SIZES: [usize; 4] = [16, 64, 1024, 16384];
const KEY: [u8; 16] = [1; 16];
const NONCE: [u8; 16] = [2; 16];

fn group<'a>(c: &'a mut Criterion, alg: &str, op: &str) -> BenchmarkGroup<'a, WallTime> {
    c.benchmark_group(format!("alg={alg},op={op}"))
}

fn function(impl_name: &str, backend: &str) -> String {
    format!("impl={impl_name},backend={backend}")
}

fn id(impl_name: &str, backend: &str, size: usize) -> BenchmarkId {
    BenchmarkId::new(function(impl_name, backend), format!("size={size}"))
}

fn mamori_backend<T: Algorithm>() -> &'static str {
    T::backend().name()
}

fn aead(c: &mut Criterion) {
    let ours = mamori_aead::AsconAead128::new(&KEY);
    let peer = ascon_aead128::AsconAead128::new(&KEY.into());
    let backend = mamori_backend::<mamori_aead::AsconAead128>();
    let peer_name = "ascon-aead128-0.1.1";

    let mut g = group(c, "ascon-aead128", "seal");
    for size in SIZES {
        g.throughput(Throughput::Bytes(size as u64));
        let mut buf = vec![0u8; size];
        g.bench_with_input(id("mamori", backend, size), &size, |b, _| {
            b.iter(|| black_box(ours.seal_in_place_detached(&NONCE, &[], black_box(&mut buf))));
        });
        g.bench_with_input(id(peer_name, "portable", size), &size, |b, _| {
            b.iter(|| {
                black_box(peer.encrypt_inout_detached(
                    &NONCE.into(),
                    &[],
                    black_box(&mut buf[..]).into(),
                ))
            });
        });
    }
    g.finish();

    let mut g = group(c, "ascon-aead128", "open");
    for size in SIZES {
        g.throughput(Throughput::Bytes(size as u64));
        let mut ct = vec![0u8; size];
        let tag = ours.seal_in_place_detached(&NONCE, &[], &mut ct);
        let mut buf = ct.clone();
        g.bench_with_input(id("mamori", backend, size), &size, |b, _| {
            b.iter(|| {
                buf.copy_from_slice(&ct);
                black_box(ours.open_in_place_detached(&NONCE, &[], black_box(&mut buf), &tag))
            });
        });
        g.bench_with_input(id(peer_name, "portable", size), &size, |b, _| {
            b.iter(|| {
                buf.copy_from_slice(&ct);
                black_box(peer.decrypt_inout_detached(
                    &NONCE.into(),
                    &[],
                    black_box(&mut buf[..]).into(),
                    &tag.into(),
                ))
            });
        });
    }
    g.finish();
}

fn hash(c: &mut Criterion) {
    let backend = mamori_backend::<AsconHash256>();
    let mut g = group(c, "ascon-hash256", "hash");
    for size in SIZES {
        g.throughput(Throughput::Bytes(size as u64));
        let data = vec![0u8; size];
        g.bench_with_input(id("mamori", backend, size), &data, |b, d| {
            b.iter(|| black_box(<AsconHash256 as Hash>::digest(black_box(d))));
        });
        g.bench_with_input(id("ascon-hash-0.4.0", "portable", size), &data, |b, d| {
            b.iter(|| black_box(ascon_hash::AsconHash256::digest(black_box(d))));
        });
    }
    g.finish();
}

fn xof(c: &mut Criterion) {
    let backend = mamori_backend::<AsconXof128>();
    let mut g = group(c, "ascon-xof128", "xof");
    for size in SIZES {
        g.throughput(Throughput::Bytes(size as u64));
        let data = vec![0u8; size];
        g.bench_with_input(id("mamori", backend, size), &data, |b, d| {
            b.iter(|| {
                let mut out = [0u8; 32];
                <AsconXof128 as Xof>::xof(black_box(d), &mut out);
                black_box(out)
            });
        });
        g.bench_with_input(id("ascon-hash-0.4.0", "portable", size), &data, |b, d| {
            b.iter(|| {
                let mut x = ascon_hash::AsconXof128::default();
                x.update(black_box(d));
                let mut out = [0u8; 32];
                x.finalize_xof().read(&mut out);
                black_box(out)
            });
        });
    }
    g.finish();

    // No peer: no RustCrypto Ascon-CXOF128 builds in this workspace.
    let backend = mamori_backend::<AsconCxof128>();
    let mut g = group(c, "ascon-cxof128", "xof");
    for size in SIZES {
        g.throughput(Throughput::Bytes(size as u64));
        let data = vec![0u8; size];
        g.bench_with_input(id("mamori", backend, size), &data, |b, d| {
            b.iter(|| {
                let mut x = <AsconCxof128 as Xof>::new();
                Xof::update(&mut x, black_box(d));
                let mut out = [0u8; 32];
                XofReader::read(&mut Xof::finalize_xof(x), &mut out);
                black_box(out)
            });
        });
    }
    g.finish();
}

criterion_group!(benches, aead, hash, xof);
criterion_main!(benches);
