#!/usr/bin/env bash
# Cargo runner (and standalone): runs a firmware ELF on QEMU mps2-an386 (Cortex-M4F) with
# deterministic virtual time (`-icount shift=10`: 25.6 SysTick ticks per instruction) and
# semihosting. The exit status is the firmware's (semihosting SYS_EXIT_EXTENDED): 0 ok,
# 1 a check failed, 101 panic, 102 HardFault, 124 timeout.
#   ./run-qemu.sh target/thumbv7em-none-eabihf/release/ascon
# Environment: ICOUNT_SHIFT (default 10; the firmware's instruction arithmetic assumes 10),
#   QEMU_TIMEOUT (seconds, default 300), PLUGIN=path/to/lib.so (+ PLUGIN_ARGS=a=b,c=d)
#   to load a TCG plugin with `-d plugin` (its output goes to stderr).
set -euo pipefail
elf=${1:?usage: run-qemu.sh <elf>}
shift
args=(-M mps2-an386 -cpu cortex-m4 -nographic -monitor none -serial none
      -semihosting-config enable=on,target=native
      -icount "shift=${ICOUNT_SHIFT:-10}")
if [ -n "${PLUGIN:-}" ]; then
  args+=(-plugin "${PLUGIN}${PLUGIN_ARGS:+,${PLUGIN_ARGS}}" -d plugin)
fi
exec timeout --foreground "${QEMU_TIMEOUT:-300}" qemu-system-arm "${args[@]}" -kernel "$elf" "$@"
