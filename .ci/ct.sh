#!/usr/bin/env bash
# Constant-time gate (kat/ct/README.md): ctgrind-style memcheck runs of every secret-handling
# operation, a self-test proving the gate catches leaks, and a static scan for divisions in
# the library's machine code (x86-64 gate binaries; rlibs for x86-64 and thumbv7em at
# opt-levels 3, s and z).
#
# Usage: .ci/ct.sh            (from anywhere; exits non-zero on any failure)
# Env:   CT_REQUIRE_THUMB=1   fail (instead of skip) if thumbv7em-none-eabihf is unavailable
#        CT_SKIP_DIVSCAN=1    skip the division scan (local iteration only)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CT=$ROOT/kat/ct
export CARGO_TARGET_DIR=$CT/target   # fixed, so the binaries are where this script looks
LOGS=$CARGO_TARGET_DIR/ct-logs
VALGRIND=(valgrind --tool=memcheck --error-exitcode=1 --track-origins=yes -q
          --exit-on-first-error=no --num-callers=30)
# memcheck's error kinds, as the first line of each report.
ERROR_RE='^==[0-9]+== (Conditional jump or move depends|Use of uninitialised value|Syscall param|Invalid (read|write|free)|Mismatched free|Source and destination overlap|.*uninitialised byte)'

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\nct.sh: FAIL: %s\n' "$*" >&2; exit 1; }
SUMMARY=()
FAILED=0
row() { SUMMARY+=("$(printf '%-44s %-5s %s' "$1" "$2" "$3")"); [[ $2 == FAIL ]] && FAILED=1; return 0; }

# ---------------------------------------------------------------------------------------
say "tools"
have_llvm_objdump() {
  command -v llvm-objdump >/dev/null ||
    find "$(rustc --print sysroot)/lib/rustlib" -name llvm-objdump -type f 2>/dev/null | grep -q .
}
missing=()
command -v valgrind >/dev/null || missing+=(valgrind)
for t in objdump readelf c++filt ar; do command -v $t >/dev/null || { missing+=(binutils); break; }; done
command -v python3 >/dev/null || missing+=(python3)
have_llvm_objdump || missing+=(llvm)
if ((${#missing[@]})); then
  if [[ ${CI:-} == true || $(id -u) == 0 ]]; then
    echo "installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    die "missing tools: ${missing[*]} (sudo apt-get install --no-install-recommends ${missing[*]})"
  fi
fi
valgrind --version

# ---------------------------------------------------------------------------------------
say "build kat/ct (release + debug info, --cfg mamori_ctgrind)"
# A RUSTFLAGS / CARGO_ENCODED_RUSTFLAGS variable replaces kat/ct/.cargo/config.toml's
# rustflags: keep the caller's flags and add the cfg (mamori-ct refuses to build without it).
if [[ -n ${CARGO_ENCODED_RUSTFLAGS+set} ]]; then
  export CARGO_ENCODED_RUSTFLAGS="${CARGO_ENCODED_RUSTFLAGS:+$CARGO_ENCODED_RUSTFLAGS$'\x1f'}--cfg"$'\x1f'"mamori_ctgrind"
elif [[ -n ${RUSTFLAGS+set} ]]; then
  export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }--cfg mamori_ctgrind"
fi
(cd "$CT" && cargo build --release --locked --bins)
BIN=$CARGO_TARGET_DIR/release
mkdir -p "$LOGS"

# The binaries, from their sources (a new src/bin/ct_*.rs is picked up automatically).
mapfile -t ALL < <(cd "$CT/src/bin" && ls ct_*.rs | sed 's/\.rs$//' | sort)
GATE=()
for b in "${ALL[@]}"; do [[ $b == ct_selftest_leaky ]] || GATE+=("$b"); done
((${#GATE[@]} >= 2)) || die "no gate binaries found in kat/ct/src/bin"

# ---------------------------------------------------------------------------------------
say "guard: a gate binary run outside valgrind must refuse (exit 2)"
rc=0; "$BIN/ct_selftest_clean" >"$LOGS/native.log" 2>&1 || rc=$?
if [[ $rc == 2 ]]; then row "guard: native run refuses" PASS "exit 2"
else cat "$LOGS/native.log"; row "guard: native run refuses" FAIL "exit $rc, expected 2"; fi

# ---------------------------------------------------------------------------------------
# memcheck_gate BIN_DIR SUFFIX: every gate binary under valgrind, one summary row each.
memcheck_gate() {
  local dir=$1 suffix=$2 b log start rc errs t why
  for b in "${GATE[@]}"; do
    log=$LOGS/$b$suffix.log
    start=$SECONDS; rc=0
    "${VALGRIND[@]}" "$dir/$b" >"$log" 2>&1 || rc=$?
    errs=$(grep -cE "$ERROR_RE" "$log" || true)
    t="$((SECONDS - start))s"
    if [[ $rc == 0 && $errs == 0 ]]; then
      row "$b$suffix" PASS "$t; $(grep -oE '[0-9]+ cases ran' "$log" || echo '?')"
    else
      case $rc in
        1) why="memcheck: $errs secret-dependent branch/index report(s)" ;;
        2) why="refused to run: not under valgrind?" ;;
        101) why="functional check failed (panic)" ;;
        *) why="exit $rc, $errs report(s)" ;;
      esac
      printf '\n---- %s%s (exit %s) ----\n' "$b" "$suffix" "$rc"; cat "$log"
      row "$b$suffix" FAIL "$t; $why (log: ${log#"$ROOT"/})"
    fi
  done
}

say "memcheck: ${#GATE[@]} gate binaries"
memcheck_gate "$BIN" ""

# The Ascon binaries again with the Ascon state in bit-interleaved 32-bit lanes, the
# representation 32-bit targets (Cortex-M) run: memcheck cannot run there, so check that
# code path here. Only the `ct_ascon_*` binaries: the cfg changes nothing else (AES family,
# SHA-3, ML-KEM and ML-DSA would run the same code twice; ML-DSA alone is ~10 s).
ALL_GATE=("${GATE[@]}")
GATE=(); for b in "${ALL_GATE[@]}"; do [[ $b == ct_ascon_* ]] && GATE+=("$b"); done
((${#GATE[@]} >= 1)) || die "no ct_ascon_* gate binaries found"
say "memcheck: ${#GATE[@]} Ascon gate binaries, Ascon bit-interleaved lanes (--cfg mamori_ascon=\"bi32\")"
bins=(); for b in "${GATE[@]}"; do bins+=(--bin "$b"); done
(cd "$CT" && CARGO_TARGET_DIR=$CT/target/bi32 \
  CARGO_ENCODED_RUSTFLAGS="${CARGO_ENCODED_RUSTFLAGS:+$CARGO_ENCODED_RUSTFLAGS$'\x1f'}--cfg"$'\x1f'"mamori_ctgrind"$'\x1f'"--cfg"$'\x1f'"mamori_ascon=\"bi32\"" \
  cargo build --release --locked "${bins[@]}")
memcheck_gate "$CT/target/bi32/release" " [bi32]"
GATE=("${ALL_GATE[@]}")

# ---------------------------------------------------------------------------------------
say "self-test: the leaky binary must be caught (each leak kind on its own)"
declare -A EXPECT=(
  [branch]='Conditional jump or move depends on uninitialised value'
  [table]='Use of uninitialised value of size'
)
for mode in branch table; do
  log=$LOGS/ct_selftest_leaky-$mode.log
  rc=0; "${VALGRIND[@]}" "$BIN/ct_selftest_leaky" "$mode" >"$log" 2>&1 || rc=$?
  if [[ $rc == 1 ]] && grep -q "${EXPECT[$mode]}" "$log" && grep -q 'leaky_' "$log"; then
    row "ct_selftest_leaky $mode (must be caught)" PASS "caught: ${EXPECT[$mode]}"
  else
    cat "$log"
    row "ct_selftest_leaky $mode (must be caught)" FAIL "NOT caught (exit $rc): the gate is broken"
  fi
done

# ---------------------------------------------------------------------------------------
if [[ ${CT_SKIP_DIVSCAN:-} == 1 ]]; then
  row "division scan" SKIP "CT_SKIP_DIVSCAN=1"
else
  SCAN=(python3 "$CT/div_scan.py" --allowlist "$CT/div-allowlist.txt"
        --source-root "$ROOT/primitives/src" --source-root "$ROOT/aead/src" --source-root "$ROOT/kem/src" --source-root "$ROOT/sign/src"
        --source-root "$CT/ops/src" --harness-prefix 'mamori_ct::' --harness-prefix 'ct_')
  OPS=(ascon_aead128_seal ascon_aead128_open ascon_aead128_seal_slices
       ascon_aead128_open_slices ascon_hash256 ascon_xof128 ascon_cxof128
       aes_aead_seal aes_aead_open sha3_all shake ml_kem_keygen ml_kem_encaps ml_kem_decaps ml_kem_decaps_encoded
       ml_dsa_keygen ml_dsa_sign ml_dsa_sign_encoded ml_dsa_verify)
  REQUIRE=(); for o in "${OPS[@]}"; do REQUIRE+=(--require "mamori_ct_ops::$o"); done

  say "division scan: x86-64 gate binaries (release, thin LTO)"
  exes=(); for b in "${GATE[@]}"; do [[ $b == ct_selftest_* ]] || exes+=("$BIN/$b"); done
  if out=$("${SCAN[@]}" --label "x86_64 gate binaries" "${REQUIRE[@]}" "${exes[@]}"); then
    echo "$out"; row "div-scan x86_64 gate binaries" PASS "$(grep -oE '[0-9]+ functions / [0-9]+ instructions' <<<"$out")"
  else
    echo "$out"; row "div-scan x86_64 gate binaries" FAIL "division in secret-handling code (see above)"
  fi

  say "division scan self-test: a secret division must be found"
  rc=0; out=$("${SCAN[@]}" --label "self-test" --seed 'ct_selftest_leaky::leaky_div' \
    --require ct_selftest_leaky::leaky_div "$BIN/ct_selftest_leaky") || rc=$?
  echo "$out"
  if [[ $rc == 1 ]] && grep -q 'DIVISION in secret-handling code: .*leaky_div' <<<"$out"; then
    row "div-scan self-test (must be caught)" PASS "caught leaky_div"
  else
    row "div-scan self-test (must be caught)" FAIL "leaky_div NOT flagged (exit $rc): the scan is broken"
  fi

  # The library as object code, without the valgrind cfg (what users build), per target and
  # optimisation level, with core and compiler-builtins so calls resolve all the way down.
  targets=(x86_64-unknown-linux-gnu)
  if rustup target list --installed 2>/dev/null | grep -qx thumbv7em-none-eabihf ||
     rustup target add thumbv7em-none-eabihf; then
    targets+=(thumbv7em-none-eabihf)
  elif [[ ${CT_REQUIRE_THUMB:-} == 1 ]]; then
    row "div-scan thumbv7em-none-eabihf" FAIL "target not installable"
  else
    row "div-scan thumbv7em-none-eabihf" SKIP "target not installable (rustup target add failed)"
  fi
  for target in "${targets[@]}"; do
    sysroot_lib=$(rustc --print sysroot)/lib/rustlib/$target/lib
    for profile in scan-o3 scan-os scan-oz; do
      say "division scan: $target, profile $profile"
      json=$(cd "$CT" && CARGO_ENCODED_RUSTFLAGS="" cargo build --locked -p mamori-ct-ops \
        --target "$target" --profile "$profile" --message-format=json-render-diagnostics)
      mapfile -t rlibs < <(python3 -c '
import json, sys
for line in sys.stdin:
    if not line.startswith("{"):
        continue
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact":
        for f in m.get("filenames", []):
            if f.endswith(".rlib"):
                print(f)' <<<"$json")
      ((${#rlibs[@]} >= 3)) || die "cargo reported no rlibs for $target/$profile"
      label="$target $profile"
      if out=$("${SCAN[@]}" --label "$label" "${REQUIRE[@]}" "${rlibs[@]}" \
          "$sysroot_lib"/libcore-*.rlib "$sysroot_lib"/libcompiler_builtins-*.rlib); then
        echo "$out"; row "div-scan $label" PASS "$(grep -oE '[0-9]+ functions / [0-9]+ instructions' <<<"$out")"
      else
        echo "$out"; row "div-scan $label" FAIL "division in secret-handling code (see above)"
      fi
    done
  done
fi

# ---------------------------------------------------------------------------------------
say "constant-time gate summary"
printf '%-44s %-5s %s\n' "check" "result" "details"
printf '%s\n' "${SUMMARY[@]}"
if ((FAILED)); then
  die "constant-time gate failed (valgrind logs: ${LOGS#"$ROOT"/}/; how to read them: kat/ct/README.md)"
fi
echo "constant-time gate: all checks passed"
