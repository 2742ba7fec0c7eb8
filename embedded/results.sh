#!/usr/bin/env bash
# Regenerates RESULTS.md: runs the on-target KATs and measurements (ascon, ascon_peer,
# aes_family, ml_kem, ml_dsa),
# the cycle estimate (cycles.sh, needs gcc) and code size (size.sh), and records the
# toolchain, QEMU version, commit and date. Run after changing the library or the harness:
#   embedded/results.sh            # writes embedded/RESULTS.md
#   embedded/results.sh -          # prints to stdout instead
set -euo pipefail
cd "$(dirname "$0")"

dest=${1:-RESULTS.md}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cargo build --locked --release -q --bins
for b in ascon ascon_peer aes_family ml_kem ml_dsa; do
  ./run-qemu.sh "target/thumbv7em-none-eabihf/release/$b" >"$tmp/$b.txt" \
    || { cat "$tmp/$b.txt"; echo "results.sh: $b exited $? under QEMU" >&2; exit 1; }
done
./cycles.sh >"$tmp/cycles.txt"
./size.sh >"$tmp/size.txt"

# Rows of the 9-column per-size table, and of the 4-column 16 KiB table (aes_family).
rows() { grep '^| ' "$1" | grep -v '^| implementation' | awk -F'|' 'NF == 11' ; }
rows16k() { grep '^| ' "$1" | grep -v '^| implementation' | awk -F'|' 'NF == 6' ; }
# ML-KEM / ML-DSA: the firmware's rows (5 columns) joined with the cycle estimate's
# (6 columns); the code-size rows.
rows_kem() {  # rows_kem [firmware output, default ml_kem]
  awk -F'|' '
    function t(x) { gsub(/^ +| +$/, "", x); return x }
    FNR == NR { if (NF == 8 && t($5) ~ /^[0-9]+$/) { est[t($2), t($3), t($4)] = t($6); r[t($2), t($3), t($4)] = t($7) }; next }
    NF == 7 && t($5) ~ /^[0-9]+$/ {
      k = t($2) SUBSEP t($3) SUBSEP t($4)
      if (!(k in est)) { print "results.sh: no cycle estimate for" $3 "/" $4 > "/dev/stderr"; exit 1 }
      printf "|%s|%s|%s|%s| %s | %s |%s|\n", $2, $3, $4, $5, est[k], r[k], $6
    }' "$tmp/cycles.txt" "$tmp/${1:-ml_kem}.txt"
}
# ML-DSA's signing series (7 columns) joined with the cycle estimate.
rows_series() {
  awk -F'|' '
    function t(x) { gsub(/^ +| +$/, "", x); return x }
    FNR == NR { if (NF == 8 && t($5) ~ /^[0-9]+$/) est[t($2), t($3), t($4)] = t($6); next }
    NF == 9 && t($7) ~ /^[0-9]+$/ {
      k = t($2) SUBSEP t($3) SUBSEP t($4) " tcId " t($5) " (" t($6) ")"
      if (!(k in est)) { print "results.sh: no cycle estimate for tcId " $5 > "/dev/stderr"; exit 1 }
      printf "|%s|%s|%s|%s| %s | %s |\n", $2, $5, $6, $7, est[k], t($8)
    }' "$tmp/cycles.txt" "$tmp/ml_dsa.txt"
}
size_kem() { grep '^|' "$1" | awk -F'|' 'NR <= 2 || /ML-KEM/' ; }
size_dsa() { grep '^|' "$1" | awk -F'|' 'NR <= 2 || /ML-DSA/' ; }
size_other() { grep -v 'ML-KEM' "$1" | grep -v 'ML-DSA' | grep -v '^(base' | sed '/^$/d' ; }
# The ML-DSA-65 row of the comparison table and the ratios to the references (CORTEX-M.md
# §9), from ml_dsa.txt + cycles.txt: keygen, sign with one iteration (the cheapest case of
# the external-μ series), the series mean, verify.
dsa65() {
  awk -F'|' '
    function commas(x,   s) { s = sprintf("%d", x); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); return s }
    function t(x) { gsub(/^ +| +$/, "", x); return x }
    FNR == NR { if (NF == 8 && t($2) == "mamori (portable)" && t($3) == "ML-DSA-65") est[t($4)] = t($6); next }
    NF == 7 && t($2) == "mamori (portable)" && t($3) == "ML-DSA-65" { ins[t($4)] = t($5); st[t($4)] = t($6) }
    NF == 9 && t($2) == "mamori (portable)" && t($4) == "sign_mu" {
      c = t($7); k = "sign_mu tcId " t($5) " (" t($6) ")"
      if (min == "" || c + 0 < min + 0) { min = c; min_est = est[k] }
      sum += c; sum_est += est[k]; n++
    }
    END {
      if (mode == "row") {
        printf "| mamori (portable, this firmware) | %s / %s / - | %s / %s / - | %s / %s / - | %s / %s / - |", commas(ins["keygen"]), commas(est["keygen"]), commas(min), commas(min_est), commas(int(sum / n + 0.5)), commas(int(sum_est / n + 0.5)), commas(ins["verify (59 B)"]), commas(est["verify (59 B)"])
        printf " %s / %s / %s |\n", commas(st["keygen"]), commas(st["sign (59 B)"]), commas(st["verify (59 B)"])
      } else {
        # Reference instructions (CORTEX-M.md §9): pqm4 m4f, pqm4 clean.
        split("2258120 2574026 2153718", f, " "); split("2676992 3870545 2716369", cl, " ")
        printf "Instructions of mamori relative to each reference (keygen / sign with one iteration / verify): "
        printf "pqm4 clean %.2f / %.2f / %.2f, ", ins["keygen"] / cl[1], min / cl[2], ins["verify (59 B)"] / cl[3]
        printf "pqm4 m4f %.2f / %.2f / %.2f.\n", ins["keygen"] / f[1], min / f[2], ins["verify (59 B)"] / f[3]
      }
    }' mode="$1" "$tmp/cycles.txt" "$tmp/ml_dsa.txt"
}
# The ML-KEM-768 row of the comparison table (CORTEX-M.md §9 format: instructions / est
# cycles / hardware cycles) and the ratios to the references, from ml_kem.txt + cycles.txt.
kem768() {
  awk -F'|' '
    function commas(x,   s) { s = sprintf("%d", x); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); return s }
    function t(x) { gsub(/^ +| +$/, "", x); return x }
    NF == 8 && t($3) == "ML-KEM-768" { est[t($4)] = t($6) }
    NF == 7 && t($3) == "ML-KEM-768" { ins[t($4)] = t($5); st[t($4)] = t($6) }
    END {
      split("keygen encaps decaps", op, " ")
      if (mode == "row") {
        printf "| mamori (portable, this firmware) |"
        for (i = 1; i <= 3; i++) printf " %s / %s / - |", commas(ins[op[i]]), commas(est[op[i]])
        printf " %s / %s / %s |\n", commas(st["keygen"]), commas(st["encaps"]), commas(st["decaps"])
      } else {
        # Reference instructions (CORTEX-M.md §9): pqm4 m4fspeed, pqm4 clean, RustCrypto.
        split("571621 584096 621549", fs, " "); split("786040 911425 1079402", cl, " ")
        split("1357573 1540068 1980758", rc, " ")
        printf "Instructions of mamori relative to each reference (keygen / encaps / decaps): "
        printf "RustCrypto ml-kem 0.3.4 %.2f / %.2f / %.2f, ", ins[op[1]] / rc[1], ins[op[2]] / rc[2], ins[op[3]] / rc[3]
        printf "pqm4 clean %.2f / %.2f / %.2f, ", ins[op[1]] / cl[1], ins[op[2]] / cl[2], ins[op[3]] / cl[3]
        printf "pqm4 m4fspeed %.2f / %.2f / %.2f.\n", ins[op[1]] / fs[1], ins[op[2]] / fs[2], ins[op[3]] / fs[3]
      }
    }' mode="$1" "$tmp/ml_kem.txt" "$tmp/cycles.txt"
}
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- ../primitives ../aead ../kem ../sign . 2>/dev/null || commit="$commit + uncommitted changes"

{
cat <<HDR
# Mamori on Cortex-M4F: measured results

Generated by \`embedded/results.sh\`; method and caveats in [README.md](README.md).

| | |
|---|---|
| date (UTC) | $(date -u +%Y-%m-%d) |
| commit | $commit |
| rustc | $(rustc -V) |
| target | thumbv7em-none-eabihf, \`-C target-cpu=cortex-m4\`, opt-level 3, fat LTO, 1 codegen unit, panic = abort |
| QEMU | $(qemu-system-arm --version | head -1) |
| machine | \`-M mps2-an386 -cpu cortex-m4 -icount shift=10\` |
| peers | ascon-aead128 0.1.1 (ascon 0.5.0-rc.0), ascon-hash 0.4.0 |

## KATs on target

\`\`\`
$(grep -E '^(KAT|kat:)' "$tmp/ascon.txt")
$(grep -E '^(KAT|kat:)' "$tmp/ascon_peer.txt")
$(grep -E '^(KAT|kat:)' "$tmp/aes_family.txt")
$(grep -E '^(KAT|kat:)' "$tmp/ml_kem.txt")
$(grep -E '^(KAT|kat:)' "$tmp/ml_dsa.txt")
\`\`\`

## Instructions per call (exact, SysTick under \`-icount shift=10\`)

Associated data empty; XOF/CXOF squeeze 32 bytes; CXOF customization empty. "i/B" =
(count at 4096 B − count at 1024 B) / 3072. Stack = peak bytes below the caller's stack
pointer during the 4096-byte call (stack painting).

| implementation | operation | 0 B | 16 B | 64 B | 1024 B | 4096 B | i/B (1K→4K) | stack B |
|---|---|---|---|---|---|---|---|---|
$(rows "$tmp/ascon.txt")
$(rows "$tmp/ascon_peer.txt")

Rocca-S and AEGIS-256 on the portable backend (bitsliced AES round, four blocks per call:
Cortex-M has no AES instructions). Nonce and key as the algorithms require; AD empty.

| implementation | operation | 0 B | 16 B | 64 B | 1024 B | 4096 B | i/B (1K→4K) | stack B |
|---|---|---|---|---|---|---|---|---|
$(rows "$tmp/aes_family.txt")

The same at 16 KiB, measured directly (each call twice; the counts agree). "i/B" = count /
16384, init and finalization included.

| implementation | operation | 16384 B | i/B |
|---|---|---|---|
$(rows16k "$tmp/aes_family.txt")

## Estimated cycles (TCG plugin model, approximate)

\`est = instructions + loads + 2 × taken branches\` (shared/CORTEX-M.md §8: within −3.2 %…+4.8 %
of published pqm4 hardware cycles; not cycle-accurate, no wait states).

$(grep '^|' "$tmp/cycles.txt" | awk -F'|' 'NF == 10')

## Code size

Bytes of \`.vector_table + .text + .rodata\` above a skeleton firmware (\`size.sh\`).

$(size_other "$tmp/size.txt")

$(grep '^(base' "$tmp/size.txt")

## Reference (shared/CORTEX-M.md §9, same method)

| implementation | AEAD128 enc/dec c/B (i/B) | 16 B enc c (i) | Hash256 c/B (i/B) | stack enc/dec/hash B | code AEAD/Hash B |
|---|---|---|---|---|---|
| ascon-c bi32_armv7m (asm, bit-interleaved) | 40.2/40.2 (38.9) | 2383 (2278) | 89.2 (87.6) | 148/148/152 | 26852/8620 |
| ascon-c armv7m (asm) | 40.6/40.6 (38.2) | 2733 (2539) | 114.6 (110.5) | 164/172/148 | 7316/4080 |
| ascon-c armv7m_small | 44.1/44.1 (41.2) | 2878 (2677) | 124.9 (118.8) | 148/156/148 | 2160/736 |
| ascon-c opt32 (C) | 49.1/48.8 (47.9) | 3198 (3079) | 141.9 (139.6) | 152/152/144 | 32900/12400 |
| RustCrypto ascon-aead128 / ascon-hash256, opt-level 3 | 62.3/62.3 (57.1) | 4172 (3777) | 176.5 (162.4) | 324/300/168 | 8370/4350 |

## ML-KEM (FIPS 203)

\`ml_kem\` runs every NIST ACVP ML-KEM case on target (per parameter set: 25 keyGen,
25 encapsulation, 10 decapsulation, 10 encapsulationKeyCheck, 10 decapsulationKeyCheck),
then measures Mamori's portable backend on bytes, as pqm4's \`crypto_kem_*\` API is called:
**keygen** = \`DecapsulationKey::from_seed\` + \`to_expanded\` (ek and expanded dk bytes out),
**encaps** = \`EncapsulationKey::from_bytes\` (modulus check, H(ek)) +
\`encapsulate_deterministic\`, **decaps** = \`DecapsulationKey::from_expanded\` (hash check
H(ek) = stored hash) + \`Ciphertext::from_bytes\` + \`decapsulate\`; "(parsed key)" = the same
with the key already parsed. Each call is one out-of-line function
(\`src/ml_kem.rs\`), measured twice (the counts agree). Stack = peak bytes below the
caller's stack pointer during the call (painting).

"est" = estimated cycles from the TCG plugin, as above (its instruction counts equal the
SysTick counts).

| implementation | parameter set | operation | instructions | est cycles | est / instruction | stack B |
|---|---|---|---|---|---|---|
$(rows_kem)

Code size (\`size.sh\`, as above; each binary calls the measured functions):

$(size_kem "$tmp/size.txt")

ML-KEM-768 against the references: pqm4 m4fspeed / clean, RustCrypto ml-kem 0.3.4, measured
with the same method, from the team's CORTEX-M.md (§9; its RustCrypto build: opt-level 3,
LTO). Each cell: executed instructions (exact) / estimated cycles / published hardware
cycles (pqm4 \`benchmarks.md\`, STM32 Cortex-M4 at 24 MHz; "-" = none).

| implementation | keygen | encaps | decaps | stack bytes (kg/enc/dec) |
|---|---|---|---|---|
$(kem768 row)
| pqm4 m4fspeed (C + hand-written asm) | 571,621 / 666,443 / 642,096 | 584,096 / 680,272 / 658,754 | 621,549 / 721,640 / 707,827 | 5,508 / 6,580 / 6,508 |
| pqm4 clean (C, asm Keccak) | 786,040 / 983,811 / 988,722 | 911,425 / 1,151,802 / 1,138,225 | 1,079,402 / 1,382,599 / 1,387,984 | 10,324 / 13,384 / 14,516 |
| RustCrypto ml-kem 0.3.4 (opt-level 3, LTO) | 1,357,573 / 1,648,035 / - | 1,540,068 / 1,859,126 / - | 1,980,758 / 2,387,758 / - | 40,344 / 34,256 / 45,744 |

$(kem768 ratios)

pqm4 m4fstack ML-KEM-768 (published): about 644k / 665k / 714k cycles with 2.8 KB of stack.

## ML-DSA-65 (FIPS 204)

\`ml_dsa\` runs NIST ACVP ML-DSA-65 cases on target (\`build.rs\` embeds every ML-DSA-65 case
except the pre-hash ones with a SHA-2 function, which Mamori does not implement): every
keyGen case (seed → pk and expanded sk bytes; the sk parsed back gives the same keys), the
first sigGen case of each other group (pure, pre-hash with SHA-3 / SHAKE, internal on
\`M'\`; deterministic and hedged), every sigVer case (3 valid, 12 invalid per interface), and
all 30 sigGen external-μ cases (15 deterministic, 15 hedged), the last signed by every
signing implementation of \`src/ml_dsa.rs\` (\`SIGNERS\`), timed, each signature checked.

**Signing series.** Signing runs its rejection loop until a candidate passes (FIPS 204
expects 5.1 iterations on average for ML-DSA-65), so its cost varies by case. Mamori's
iterations do the same work whatever the candidate (the four checks run without early exit),
so each count is \`fixed + iterations × per-iteration\` within a few thousand instructions (the
rejection sampling of the challenge and of \`Â\` varies a little): the firmware takes the
cheapest case as one iteration and the smallest gap between counts as one iteration more,
and derives every case's iterations from that (the residual is printed). \`sign_mu\` =
\`SigningKey::sign_mu\`, the signing loop from \`μ\` (key parsed outside the region).

| implementation | ACVP tcId | rnd | instructions | est cycles | iterations |
|---|---|---|---|---|---|
$(rows_series)

\`\`\`
$(grep -E '^(sign_mu over|iterations|sign \(59 B\))' "$tmp/ml_dsa.txt")
\`\`\`

**Operations** (pqm4's \`crypto_sign_*\` API shape, each one out-of-line function of
\`src/ml_dsa.rs\`, measured twice, the counts agree): **keygen** = \`SigningKey::from_seed\` +
\`to_expanded\` + the verifying-key bytes; **sign (59 B)** = deterministic signing of a
59-byte message (pqm4's test length), empty context, by a parsed key (μ included: one
Keccak-f); **sign (59 B, expanded sk bytes)** = the same from the 4032 key bytes, with
\`SigningKey::from_expanded\`'s checks (s1, s2 in range, t0 and tr recomputed: about a key
generation; pqm4 only unpacks); **verify (59 B)** = \`VerifyingKey::from_bytes\` (tr = H(pk)) +
\`verify\`. Stack = peak bytes below the caller's stack pointer (painting). The machine has
4 MiB of RAM (\`memory.x\`): the deepest call, signing from key bytes, needs about 92 KB (the
small-stack signer about 6 KB).

| implementation | parameter set | operation | instructions | est cycles | est / instruction | stack B |
|---|---|---|---|---|---|---|
$(rows_kem ml_dsa)

Code size (\`size.sh\`, as above; each binary calls the measured functions; signing can only
start from a key made by \`from_seed\` or \`from_expanded\`, so the sign binary includes the
key check):

$(size_dsa "$tmp/size.txt")

ML-DSA-65 against the references of the team's CORTEX-M.md (§9, same method). Each cell:
executed instructions (exact) / estimated cycles / published hardware cycles (pqm4
\`benchmarks.md\`; "-" = none). Mamori's "sign, 1 iteration" is the cheapest case of the
series above (signing from μ; the reference's "minimum" is over many signatures), "sign,
mean" the series mean.

| implementation | keygen | sign, 1 iteration (minimum) | sign, mean | verify | stack bytes (kg/sign/verify) |
|---|---|---|---|---|---|
$(dsa65 row)
| pqm4 m4f (C + hand-written asm) | 2,258,120 / 2,637,396 / 2,516,006 | 2,574,026 / 3,028,032 / 2,918,295 | - | 2,153,718 / 2,521,845 / 2,415,944 | 60,932 / 68,980 / 9,996 |
| pqm4 clean (C, asm Keccak) | 2,676,992 / 3,254,130 / 3,205,533 | 3,870,545 / 4,936,037 / 5,098,254 | - | 2,716,369 / 3,353,021 / 3,377,305 | 60,940 / 79,732 / 57,844 |

$(dsa65 ratios)

pqm4 m4fstack ML-DSA-65 (published): 3.41M / 24.4M / 5.73M cycles (keygen / sign average /
verify) with 4.4 / 6.6 / 2.7 KB of stack.
HDR
} > "$tmp/RESULTS.md"

if [ "$dest" = - ]; then cat "$tmp/RESULTS.md"; else cp "$tmp/RESULTS.md" "$dest"; echo "results.sh: wrote $dest"; fi
