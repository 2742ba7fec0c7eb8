#!/usr/bin/env bash
# Cortex-M4F gate (embedded/, QEMU mps2-an386, method: shared/CORTEX-M.md):
#  1. harness self-tests: exact instruction count of a known loop, stack painting, and the
#     exit statuses of exit(7) / panic (101) / HardFault (102);
#  2. `ascon`: every Ascon KAT on target (1089 AEAD, 1025 Hash256, 1025 XOF128, 1089
#     CXOF128) + instruction counts and stack; run TWICE, outputs must be byte-identical;
#  3. `aes_family`: Rocca-S / AEGIS-256 draft KATs + measurements; run twice, diffed;
#  4. `ml_kem`: every NIST ACVP ML-KEM case on target (80 per parameter set: keyGen,
#     encapsulation, decapsulation, key checks) + instruction counts and stack of
#     ML-KEM-512/768/1024 keygen / encaps / decaps; run twice, diffed;
#  5. `ml_dsa`: NIST ACVP ML-DSA-65 cases on target (keyGen, sigGen, sigVer; the 30
#     external-μ sigGen cases signed, timed and checked by every signing implementation) +
#     instruction counts and stack of keygen / sign / verify; run once here, and again
#     under the TCG plugin by step 7: the two outputs are diffed;
#  6. `ascon_peer`: RustCrypto ascon-aead128 / ascon-hash KATs + the same measurements;
#  7. estimated cycles with the TCG plugin (plugin counts must equal the SysTick counts);
#  8. code size per operation (Ascon, ML-KEM, ML-DSA-65).
# Prints the result tables. Fails loudly on any KAT failure, non-zero QEMU exit or difference.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "embedded.sh: FAILED: $*" >&2; exit 1; }

if ! command -v qemu-system-arm >/dev/null; then
  echo "embedded.sh: installing qemu-system-arm"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-system-arm >/dev/null \
    || die "apt-get install qemu-system-arm"
fi
if ! command -v gcc >/dev/null; then
  echo "embedded.sh: installing gcc (builds the QEMU TCG plugin)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc libc6-dev >/dev/null \
    || die "apt-get install gcc"
fi
rustup target add thumbv7em-none-eabihf >/dev/null 2>&1 || die "rustup target add thumbv7em-none-eabihf"
rustup component add llvm-tools >/dev/null 2>&1 || die "rustup component add llvm-tools"

cd embedded
out=target/ci
mkdir -p "$out"
cargo build --locked --release --bins || die "cargo build"
bin=target/thumbv7em-none-eabihf/release

expect_exit() {  # expect_exit <status> <binary>
  local want=$1 b=$2 rc=0
  ./run-qemu.sh "$bin/$b" >"$out/$b.txt" 2>&1 || rc=$?
  [ "$rc" -eq "$want" ] || { cat "$out/$b.txt"; die "$b exited $rc, expected $want"; }
  echo "embedded.sh: $b exited $rc as expected"
}
echo "== harness self-tests"
expect_exit 0 selftest
cat "$out/selftest.txt"
expect_exit 7 selftest_exit7
expect_exit 101 selftest_panic
expect_exit 102 selftest_hardfault

run() {  # run <binary> <output file>: must exit 0 and report 0 KAT failures
  local b=$1 f=$2 rc=0
  ./run-qemu.sh "$bin/$b" >"$f" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] || { cat "$f"; die "$b exited $rc under QEMU"; }
  grep -Eq '^kat: [0-9]+ passed, 0 failed$' "$f" || { cat "$f"; die "$b: KAT failures"; }
}
echo "== ascon (Mamori): KATs on target + measurements, run twice"
run ascon "$out/ascon.1.txt"
run ascon "$out/ascon.2.txt"
diff -u "$out/ascon.1.txt" "$out/ascon.2.txt" || die "two runs of ascon differ: measurements are not deterministic"
echo "embedded.sh: two runs of ascon are byte-identical"
for n in 'Ascon-AEAD128: 1089' 'Ascon-Hash256: 1025' 'Ascon-XOF128: 1025' 'Ascon-CXOF128: 1089'; do
  grep -q "^KAT $n passed, 0 failed$" "$out/ascon.1.txt" || die "expected 'KAT $n passed, 0 failed'"
done
cat "$out/ascon.1.txt"

echo "== aes_family (Rocca-S, AEGIS-256, portable backend): draft KATs on target + measurements, run twice"
run aes_family "$out/aes_family.1.txt"
run aes_family "$out/aes_family.2.txt"
diff -u "$out/aes_family.1.txt" "$out/aes_family.2.txt" || die "two runs of aes_family differ: measurements are not deterministic"
for n in 'Rocca-S (draft-nakano-rocca-s-05): 7' 'AEGIS-256 (draft-irtf-cfrg-aegis-aead-18, both tags): 18'; do
  grep -qF "KAT $n passed, 0 failed" "$out/aes_family.1.txt" || die "expected 'KAT $n passed, 0 failed'"
done
cat "$out/aes_family.1.txt"

echo "== ml_kem (ML-KEM-512/768/1024, portable backend): ACVP KATs on target + measurements, run twice"
run ml_kem "$out/ml_kem.1.txt"
run ml_kem "$out/ml_kem.2.txt"
diff -u "$out/ml_kem.1.txt" "$out/ml_kem.2.txt" || die "two runs of ml_kem differ: measurements are not deterministic"
echo "embedded.sh: two runs of ml_kem are byte-identical"
for n in 512 768 1024; do
  grep -qF "KAT ML-KEM-$n (ACVP FIPS 203): 80 passed, 0 failed" "$out/ml_kem.1.txt" \
    || die "expected 'KAT ML-KEM-$n (ACVP FIPS 203): 80 passed, 0 failed'"
done
[ "$(grep -c '^| mamori (portable) | ML-KEM-' "$out/ml_kem.1.txt")" -eq 15 ] || die "ml_kem: expected 15 measurement rows"
cat "$out/ml_kem.1.txt"

echo "== ml_dsa (ML-DSA-65, portable backend): ACVP KATs on target + measurements"
run ml_dsa "$out/ml_dsa.1.txt"
grep -qF "KAT ML-DSA-65 (ACVP FIPS 204): 82 passed, 0 failed" "$out/ml_dsa.1.txt" \
  || die "expected 'KAT ML-DSA-65 (ACVP FIPS 204): 82 passed, 0 failed'"
grep -Eq '^KAT ML-DSA-65 external μ, timed \(every signer\): [1-9][0-9]* passed, 0 failed$' "$out/ml_dsa.1.txt" \
  || die "ml_dsa: external-μ signing series failed"
[ "$(grep -c '^| mamori (portable) | ML-DSA-65 | sign_mu | ' "$out/ml_dsa.1.txt")" -eq 30 ] || die "ml_dsa: expected 30 signing-series rows"
[ "$(grep -c '^| mamori (portable) | ML-DSA-65 | [a-z]* (59 B\|^| mamori (portable) | ML-DSA-65 | keygen |' "$out/ml_dsa.1.txt")" -eq 4 ] \
  || die "ml_dsa: expected 4 measurement rows"
cat "$out/ml_dsa.1.txt"

echo "== ascon_peer (RustCrypto ascon-aead128 0.1.1 / ascon-hash 0.4)"
run ascon_peer "$out/ascon_peer.txt"
cat "$out/ascon_peer.txt"

echo "== estimated cycles (TCG plugin)"
./cycles.sh | tee "$out/cycles.txt" || die "cycles.sh"
# cycles.sh ran ml_dsa a second time (with the plugin, which does not change the guest).
diff -u "$out/ml_dsa.1.txt" target/plugin/ml_dsa.stdout || die "two runs of ml_dsa differ: measurements are not deterministic"
echo "embedded.sh: two runs of ml_dsa are byte-identical"

echo "== code size"
./size.sh | tee "$out/size.txt" || die "size.sh"
echo "embedded.sh: OK"
