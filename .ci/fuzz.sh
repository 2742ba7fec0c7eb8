#!/usr/bin/env bash
# Bounded fuzzing of mamori-aead (aead/fuzz, cargo-fuzz + libFuzzer, AddressSanitizer and
# debug assertions on): builds every target, runs each for its share of the time budget,
# fails on any crash, panic, sanitizer report, timeout or out-of-memory. See
# aead/fuzz/README.md.
#
# Usage: .ci/fuzz.sh [TARGET...]      (default: every target; runnable from anywhere)
# Env:   FUZZ_TOTAL_SECONDS=300       fuzzing time, divided evenly over the targets run (the
#                                     CI step's length stays fixed as targets are added)
#        FUZZ_SECONDS=N               time per target instead (overrides the total)
#        FUZZ_JOBS=1                  parallel fuzzing processes per target
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FUZZ_TOTAL_SECONDS=${FUZZ_TOTAL_SECONDS:-300}
FUZZ_JOBS=${FUZZ_JOBS:-1}
[[ $FUZZ_TOTAL_SECONDS =~ ^[0-9]+$ && $FUZZ_TOTAL_SECONDS -gt 0 ]] || { echo "fuzz.sh: FUZZ_TOTAL_SECONDS must be a positive integer" >&2; exit 2; }
[[ -z ${FUZZ_SECONDS:-} || ( $FUZZ_SECONDS =~ ^[0-9]+$ && $FUZZ_SECONDS -gt 0 ) ]] || { echo "fuzz.sh: FUZZ_SECONDS must be a positive integer" >&2; exit 2; }
[[ $FUZZ_JOBS =~ ^[0-9]+$ && $FUZZ_JOBS -gt 0 ]] || { echo "fuzz.sh: FUZZ_JOBS must be a positive integer" >&2; exit 2; }
export CARGO_TARGET_DIR=$ROOT/aead/fuzz/target
LOGS=$CARGO_TARGET_DIR/fuzz-logs

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\nfuzz.sh: FAIL: %s\n' "$*" >&2; exit 1; }

say "tools"
rustup run nightly rustc --version >/dev/null 2>&1 ||
  die "the nightly toolchain is missing (cargo fuzz needs it): rustup toolchain install nightly"
rustup run nightly rustc --version
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  if [[ ${CI:-} == true || $(id -u) == 0 ]]; then
    echo "installing cargo-fuzz (cargo install cargo-fuzz --locked; a few minutes)"
    cargo install cargo-fuzz --locked
  else
    die "cargo-fuzz is missing: cargo install cargo-fuzz --locked"
  fi
fi
cargo +nightly fuzz --version

cd "$ROOT/aead"
say "build (release, AddressSanitizer, debug assertions)"
cargo +nightly fuzz build
mapfile -t ALL < <(cargo +nightly fuzz list)
((${#ALL[@]} > 0)) || die "cargo fuzz list found no targets"
if (($#)); then
  for t in "$@"; do printf '%s\n' "${ALL[@]}" | grep -qx -- "$t" || die "unknown target $t (have: ${ALL[*]})"; done
  TARGETS=("$@")
else
  TARGETS=("${ALL[@]}")
fi
# Each target's share of the budget (at least 1 s), unless FUZZ_SECONDS fixes it.
if [[ -z ${FUZZ_SECONDS:-} ]]; then
  FUZZ_SECONDS=$((FUZZ_TOTAL_SECONDS / ${#TARGETS[@]}))
  ((FUZZ_SECONDS > 0)) || FUZZ_SECONDS=1
  echo "budget: ${FUZZ_TOTAL_SECONDS}s over ${#TARGETS[@]} target(s): ${FUZZ_SECONDS}s each"
fi
mkdir -p "$LOGS"

SUMMARY=()
FAILED=0
for t in "${TARGETS[@]}"; do
  say "fuzz $t for ${FUZZ_SECONDS}s"
  corpus=fuzz/corpus/$t
  mkdir -p "$corpus"
  dirs=("$corpus")                                   # new inputs are written here (gitignored)
  [[ -d fuzz/seeds/$t ]] && dirs+=("fuzz/seeds/$t")  # committed KAT seeds, read only
  log=$LOGS/$t.log
  args=(-max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
  # -jobs moves the output into ./fuzz-N.log files (appended to $log below).
  ((FUZZ_JOBS > 1)) && args+=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
  rc=0
  cargo +nightly fuzz run "$t" "${dirs[@]}" -- "${args[@]}" >"$log" 2>&1 || rc=$?
  if ((FUZZ_JOBS > 1)); then cat fuzz-*.log >>"$log" 2>/dev/null || true; rm -f fuzz-*.log; fi
  # libFuzzer's final statistics (summed over jobs); no match leaves 0.
  stat() { awk -v k="stat::$1:" '$1 == k {s += $2} END {print s + 0}' "$log"; }
  runs=$(stat number_of_executed_units)
  rate=$(stat average_exec_per_sec)
  cov=$(awk '/(DONE|pulse|NEW|REDUCE) +cov: / {for (i = 1; i < NF; i++) if ($i == "cov:") c = $(i + 1)} END {print "cov: " (c == "" ? "?" : c)}' "$log")
  corpus_n=$(find "$corpus" -type f | wc -l)
  if [[ $rc == 0 ]] && ! grep -qE '^==[0-9]+==ERROR|^SUMMARY: |panicked at|deadly signal' "$log" && ((runs > 0)); then
    SUMMARY+=("$(printf '%-30s %-5s %10s runs %8s exec/s  %-9s corpus %s' "$t" PASS "$runs" "$rate" "$cov" "$corpus_n")")
  else
    FAILED=1
    tail -60 "$log"
    artifact=$(awk '/Test unit written to/ {a = $NF} END {print a}' "$log")
    SUMMARY+=("$(printf '%-30s %-5s exit %s; %s' "$t" FAIL "$rc" "${artifact:+crash input: $artifact (reproduce: cd aead && cargo +nightly fuzz run $t $artifact)}")")
  fi
done

say "fuzz summary (${FUZZ_SECONDS}s per target, ${FUZZ_JOBS} job(s); logs: ${LOGS#"$ROOT"/}/)"
printf '%s\n' "${SUMMARY[@]}"
((FAILED == 0)) || die "a fuzz target failed: see its log above (aead/fuzz/README.md: reproducing a crash)"
echo "fuzz: all targets ran clean"
