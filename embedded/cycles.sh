#!/usr/bin/env bash
# Estimated Cortex-M4 cycles (shared/CORTEX-M.md §4b/§8) for the `ascon`, `ascon_peer`,
# `ml_kem` and `ml_dsa` measurements: builds the TCG plugin plugin/insncount.c (needs gcc), runs each
# firmware with it, pairs the plugin's per-region counts with the firmware's table rows,
# checks that the plugin's instruction counts equal the firmware's SysTick counts exactly,
# and prints
#   est = instructions + loads + 2 × taken branches   (an approximation, not cycle-accurate)
# per call at each size and the marginal est cycles per byte between 1 KiB and 4 KiB
# (Ascon), and per call with est / instruction (ML-KEM: keygen, encaps, decaps; ML-DSA-65:
# keygen, sign, verify, and each signature of the ACVP external-μ series).
set -euo pipefail
cd "$(dirname "$0")"

command -v gcc >/dev/null || { echo "cycles.sh: needs gcc (apt-get install gcc)" >&2; exit 1; }
mkdir -p target/plugin
so=target/plugin/libinsncount.so
if [ ! -f "$so" ] || [ plugin/insncount.c -nt "$so" ]; then
  gcc -O2 -Wall -Wextra -Werror -shared -fPIC -o "$so" plugin/insncount.c
fi
cargo build --locked --release -q --bin ascon --bin ascon_peer --bin ml_kem --bin ml_dsa

plugin_run() {  # plugin_run <binary>: firmware output -> $out, plugin output -> $err
  out=target/plugin/$1.stdout err=target/plugin/$1.stderr
  PLUGIN=$so ./run-qemu.sh "target/thumbv7em-none-eabihf/release/$1" >"$out" 2>"$err" \
    || { cat "$out" "$err"; echo "cycles.sh: $1 failed under QEMU" >&2; exit 1; }
}

first=1
for b in ascon ascon_peer; do
  plugin_run "$b"
  # Region 0 = the empty calibration region; row r, size i -> regions 1 + 10r + 2i (+1: repeat).
  awk -v first="$first" '
    FNR == NR {
      if ($1 == "[insncount]" && $2 == "region") {
        k = $3; sub(":", "", k)
        for (f = 4; f <= NF; f++) { split($f, kv, "="); v[k, kv[1]] = kv[2] }
        n = k + 1
      }
      next
    }
    /^\| / && $0 !~ /^\| implementation/ {
      split($0, c, "|")
      for (i = 0; i < 5; i++) {
        k = 1 + 10 * rows + 2 * i
        if (!((k, "insns") in v) || !((k + 1, "insns") in v)) { print "cycles.sh: missing plugin region " k > "/dev/stderr"; bad = 1; continue }
        ins = v[k, "insns"] - v[0, "insns"]
        guest = c[4 + i] + 0
        if (ins != guest || v[k, "est"] != v[k + 1, "est"]) {
          printf "cycles.sh: %s%s size %d: plugin %d insns vs SysTick %d\n", c[2], c[3], i, ins, guest > "/dev/stderr"; bad = 1
        }
        est[i] = v[k, "est"] - v[0, "est"]
      }
      cpb = (est[4] - est[3]) / 3072
      if (first && rows == 0) {
        print "| implementation | operation | 0 B | 16 B | 64 B | 1024 B | 4096 B | est c/B (1K→4K) |"
        print "|---|---|---|---|---|---|---|---|"
      }
      printf "|%s|%s| %d | %d | %d | %d | %d | %.1f |\n", c[2], c[3], est[0], est[1], est[2], est[3], est[4], cpb
      rows++
    }
    END {
      if (rows == 0) { print "cycles.sh: no table rows" > "/dev/stderr"; exit 1 }
      if (n != 1 + 10 * rows) { print "cycles.sh: " n " plugin regions for " rows " rows" > "/dev/stderr"; exit 1 }
      if (bad) exit 1
    }' "$err" "$out"
  first=0
done

# ML-KEM and ML-DSA: one count per row. A row of the 5-column tables (`| implementation |
# parameter set | operation | instructions | stack B |`) was measured twice: two regions; a
# row of ML-DSA's 7-column signing series (`... | ACVP tcId | rnd | instructions |
# iterations |`) once: one region. Regions follow the rows in order, after region 0.
per_call() {  # per_call <binary>
  plugin_run "$1"
  echo
  awk -v bin="$1" '
    function t(x) { gsub(/^ +| +$/, "", x); return x }
    FNR == NR {
      if ($1 == "[insncount]" && $2 == "region") {
        k = $3; sub(":", "", k)
        for (f = 4; f <= NF; f++) { split($f, kv, "="); v[k, kv[1]] = kv[2] }
        n = k + 1
      }
      next
    }
    /^\| / && $0 !~ /^\| implementation/ && $0 !~ /^\|---/ {
      m = split($0, c, "|")
      if (m == 9) { guest = c[7] + 0; op = " " t(c[4]) " tcId " t(c[5]) " (" t(c[6]) ") "; step = 1 }
      else if (m == 7) { guest = c[5] + 0; op = c[4]; step = 2 }
      else next
      k = next_k ? next_k : 1
      next_k = k + step
      if (!((k, "insns") in v) || (step == 2 && !((k + 1, "insns") in v))) { print "cycles.sh: " bin ": missing plugin region " k > "/dev/stderr"; bad = 1; rows++; next }
      ins = v[k, "insns"] - v[0, "insns"]
      if (ins != guest || (step == 2 && v[k, "est"] != v[k + 1, "est"])) {
        printf "cycles.sh: %s%s%s: plugin %d insns vs SysTick %d\n", bin, c[3], op, ins, guest > "/dev/stderr"; bad = 1
      }
      est = v[k, "est"] - v[0, "est"]
      if (rows == 0) {
        print "| implementation | parameter set | operation | instructions | est cycles | est / instruction |"
        print "|---|---|---|---|---|---|"
      }
      printf "|%s|%s|%s| %d | %d | %.3f |\n", c[2], c[3], op, guest, est, est / guest
      rows++
    }
    END {
      if (rows == 0) { print "cycles.sh: no " bin " table rows" > "/dev/stderr"; exit 1 }
      if (n != next_k) { print "cycles.sh: " n " plugin regions for the " rows " " bin " rows" > "/dev/stderr"; exit 1 }
      if (bad) exit 1
    }' "$err" "$out"
}
per_call ml_kem
per_call ml_dsa
echo
echo "(est = insns + loads + 2·taken branches per call, from the TCG plugin; plugin instruction counts equal the SysTick counts exactly)"
