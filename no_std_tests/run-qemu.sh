#!/usr/bin/env bash
# Cargo runner: runs a no_std_tests ELF under QEMU, picking the board from the target
# directory in its path. Exit status = the guest's semihosting exit status (0 pass, 1 fail).
set -euo pipefail
elf=${1:?usage: run-qemu.sh <elf>}
case "$elf" in
  *thumbv7em-none-eabihf*) machine=(-M mps2-an386 -cpu cortex-m4) ;;
  *thumbv6m-none-eabi*)    machine=(-M microbit) ;;
  *) echo "run-qemu.sh: cannot tell the target of $elf" >&2; exit 2 ;;
esac
# timeout: a guest that never reaches its semihosting exit must not hang CI.
exec timeout --foreground 120 qemu-system-arm "${machine[@]}" -nographic -monitor none -serial none \
  -semihosting-config enable=on,target=native -kernel "$elf"
