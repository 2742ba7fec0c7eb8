#!/usr/bin/env bash
# no_std / no-alloc gate: builds no_std_tests/ (mamori-primitives, -aead, -kem, -sign, default
# features, no global allocator) for Cortex-M4F (thumbv7em-none-eabihf) and Cortex-M0
# (thumbv6m-none-eabi), dev and release, and runs each under QEMU (mps2-an386 / microbit),
# checking known answers on target. Also proves a failing check exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "no_std.sh: FAILED: $*" >&2; exit 1; }

TARGETS=(thumbv7em-none-eabihf thumbv6m-none-eabi)
rustup target add "${TARGETS[@]}" >/dev/null 2>&1 || die "rustup target add ${TARGETS[*]}"
if ! command -v qemu-system-arm >/dev/null; then
  echo "no_std.sh: installing qemu-system-arm"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-system-arm >/dev/null \
    || die "apt-get install qemu-system-arm"
fi

cd no_std_tests
for target in "${TARGETS[@]}"; do
  for profile in dev release; do
    echo "== no_std_tests: $target ($profile)"
    cargo build --locked --profile "$profile" --target "$target" || die "build $target $profile"
    dir=$([ "$profile" = dev ] && echo debug || echo release)
    out=$(./run-qemu.sh "target/$target/$dir/no_std_tests" 2>&1) && rc=0 || rc=$?
    echo "$out"
    [ "$rc" -eq 0 ] || die "$target ($profile) exited $rc under QEMU"
    grep -Eq '^no_std: [0-9]+ passed, 0 failed$' <<<"$out" || die "$target ($profile): no pass line"
  done
done

echo "== no_std_tests: injected failure must exit non-zero"
cargo build --locked --release --target thumbv7em-none-eabihf --features inject-failure --target-dir target/inject \
  || die "build inject-failure"
if ./run-qemu.sh target/inject/thumbv7em-none-eabihf/release/no_std_tests >/dev/null 2>&1; then
  die "a failing check exited 0"
fi
echo "no_std.sh: OK (M4F and M0 build, link without alloc, and pass under QEMU)"
