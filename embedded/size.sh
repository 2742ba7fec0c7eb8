#!/usr/bin/env bash
# Code size per operation (shared/CORTEX-M.md §7): builds the size_* binaries (release:
# opt-level 3, LTO, one codegen unit), runs each once under QEMU (must exit 0), and prints
# text size (.vector_table + .text + .rodata) minus that of size_base, as a Markdown table.
# Needs llvm-size: `rustup component add llvm-tools` (or arm-none-eabi-size on PATH).
set -euo pipefail
cd "$(dirname "$0")"

sysroot_bin="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin"
if [ -x "$sysroot_bin/llvm-size" ]; then SIZE="$sysroot_bin/llvm-size"
elif command -v arm-none-eabi-size >/dev/null; then SIZE=arm-none-eabi-size
else echo "size.sh: need llvm-size (rustup component add llvm-tools) or arm-none-eabi-size" >&2; exit 1
fi

bins=(size_base size_aead_seal size_aead_open size_aead size_hash256 size_xof128 size_cxof128
      size_peer_aead_seal size_peer_aead_open size_peer_aead size_peer_hash256 size_peer_xof128
      size_ml_kem_768_keygen size_ml_kem_768_encaps size_ml_kem_768_decaps size_ml_kem_768
      size_ml_dsa_65_keygen size_ml_dsa_65_sign size_ml_dsa_65_sign_small size_ml_dsa_65_verify
      size_ml_dsa_65)
build_args=()
for b in "${bins[@]}"; do build_args+=(--bin "$b"); done
cargo build --locked --release -q "${build_args[@]}"

dir=target/thumbv7em-none-eabihf/release
text() {  # .vector_table + .text + .rodata, bytes
  "$SIZE" -A "$dir/$1" | awk '$1==".vector_table"||$1==".text"||$1==".rodata"{s+=$2} END{print s}'
}
for b in "${bins[@]}"; do
  ./run-qemu.sh "$dir/$b" >/dev/null || { echo "size.sh: $b exited $? under QEMU" >&2; exit 1; }
done

base=$(text size_base)
label() {
  case "$1" in
    size_aead_seal) echo "mamori | AEAD128 key setup + seal" ;;
    size_aead_open) echo "mamori | AEAD128 key setup + open" ;;
    size_aead) echo "mamori | AEAD128 seal + open" ;;
    size_hash256) echo "mamori | Hash256" ;;
    size_xof128) echo "mamori | XOF128" ;;
    size_cxof128) echo "mamori | CXOF128 (with customization)" ;;
    size_peer_aead_seal) echo "RustCrypto | AEAD128 key setup + seal" ;;
    size_peer_aead_open) echo "RustCrypto | AEAD128 key setup + open" ;;
    size_peer_aead) echo "RustCrypto | AEAD128 seal + open" ;;
    size_peer_hash256) echo "RustCrypto | Hash256" ;;
    size_peer_xof128) echo "RustCrypto | XOF128" ;;
    size_ml_kem_768_keygen) echo "mamori | ML-KEM-768 keygen (seed → ek, dk bytes)" ;;
    size_ml_kem_768_encaps) echo "mamori | ML-KEM-768 encaps (from ek bytes)" ;;
    size_ml_kem_768_decaps) echo "mamori | ML-KEM-768 decaps (from expanded dk bytes)" ;;
    size_ml_kem_768) echo "mamori | ML-KEM-768 keygen + encaps + decaps" ;;
    size_ml_dsa_65_keygen) echo "mamori | ML-DSA-65 keygen (seed → pk, sk bytes)" ;;
    size_ml_dsa_65_sign) echo "mamori | ML-DSA-65 sign (from expanded sk bytes, key check included)" ;;
    size_ml_dsa_65_sign_small) echo "mamori | ML-DSA-65 sign, small stack (from expanded sk bytes, key check included)" ;;
    size_ml_dsa_65_verify) echo "mamori | ML-DSA-65 verify (from pk bytes)" ;;
    size_ml_dsa_65) echo "mamori | ML-DSA-65 keygen + sign + verify" ;;
  esac
}
echo "| implementation | operation | code bytes (text − base) |"
echo "|---|---|---|"
for b in "${bins[@]:1}"; do
  echo "| $(label "$b") | $(( $(text "$b") - base )) |"
done
echo
echo "(base skeleton: $base bytes of .vector_table+.text+.rodata; opt-level 3, LTO, thumbv7em-none-eabihf, target-cpu=cortex-m4)"
