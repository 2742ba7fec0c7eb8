#!/usr/bin/env bash
# The AVX-512 (VAES-512) and VAES-256 backends, the AVX2 and AVX-512 Keccak x4, and ML-KEM's
# and ML-DSA's AVX-512 backends under Miri,
# with the AVX-512 target features switched on, so they are verified on machines without
# AVX-512 (see ../shared/AVX512.md; the recipe is repeated here so the project stands alone).
#
# Miri interprets the x86 intrinsics (VAES on zmm included), reports undefined behaviour
# in the `unsafe` backends, and makes runtime detection take the VAES-512 path. Expected
# values come from the AES-NI and portable backends, which the native tests check. (The
# lattice backends are compared with their portable backends inside Miri itself, on few
# inputs: one key and one message; for ML-DSA, the whole scheme of ML-DSA-44 only, as the
# other sets run the same lane code, which the lane tests cover.)
#
#   bash .ci/miri.sh
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLCHAIN=nightly-2026-05-20   # pinned: later nightlies break some AVX-512 intrinsics in Miri
FEATURES="+aes,+ssse3,+avx,+avx2,+avx512f,+avx512bw,+avx512vl,+vaes,+vpclmulqdq,+gfni"

say() { printf '\n==> %s\n' "$*"; }

say "toolchain $TOOLCHAIN with Miri"
rustup toolchain install "$TOOLCHAIN" --profile minimal -c miri,rust-src
cargo +"$TOOLCHAIN" miri setup
# A cached failed compiler probe makes Miri fail with "unknown start of token"; start clean.
rm -f target/miri/.rustc_info.json

# RUSTFLAGS, not MIRIFLAGS: the library's detection reads the compile-time target
# features under Miri (it has no `cpuid`), and MIRIFLAGS reach only the crate Miri runs,
# not the libraries it links. (RUSTFLAGS replaces the root .cargo/config.toml flags, which
# only matter to the `rocca` peer, not built here.)
export RUSTFLAGS="-Ctarget-feature=$FEATURES"

say "AES round: every backend against portable (mamori-primitives, test aes_round_miri)"
cargo +"$TOOLCHAIN" miri test --locked -p mamori-primitives --test aes_round_miri -- --nocapture

say "Keccak x4: AVX2 and AVX-512VL backends against the scalar permutation and sponge (mamori-primitives, test keccak_x4_miri)"
cargo +"$TOOLCHAIN" miri test --locked -p mamori-primitives --test keccak_x4_miri -- --nocapture

say "Rocca-S and AEGIS-256: VAES-512 and VAES-256, single and batch, against AES-NI"
cargo +"$TOOLCHAIN" miri test --locked -p mamori-aead --test miri_backends -- --nocapture

say "ML-KEM: the AVX-512 backend (mamori-kem, lib tests avx512_*) against the scalar reference and portable"
cargo +"$TOOLCHAIN" miri test --locked -p mamori-kem --lib avx512_ -- --nocapture

say "ML-DSA: the AVX-512 backend (mamori-sign, lib tests avx512_*) against the scalar reference and portable"
cargo +"$TOOLCHAIN" miri test --locked -p mamori-sign --lib avx512_ -- --nocapture

say "Miri: all passed"
