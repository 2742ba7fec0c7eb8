#!/usr/bin/env python3
"""Static half of the constant-time gate: no division in secret-handling machine code.

Hardware division takes a data-dependent number of cycles on most CPUs (x86-64 `div`/`idiv`,
Cortex-M3/M4/M7 `udiv`/`sdiv`), and memcheck does not flag it (a division is data flow, not
a branch or an address), so the valgrind half of the gate cannot see it. This scan
disassembles machine code and fails if a function that holds Mamori library code contains a
division instruction or calls a software division routine (`__udivti3`, `__aeabi_uldivmod`,
...), unless an allowlist entry with a reason covers that function.

Which functions are scanned ("in scope"):
  1. seeds: every function whose demangled name mentions `mamori_primitives::`,
     `mamori_aead::` or `mamori_ct_ops::` (the gate's non-inlined wrappers), and every other
     function whose line table attributes an instruction to a file under a --source-root
     (library code inlined into a function with a foreign name, e.g. a generic from another
     crate), except the test harness (names starting with a --harness-prefix);
  2. everything they call, jump to or take the address of, transitively (resolved through
     direct calls, GOT slots and relocations), except panic / formatting / unwinding paths,
     which only run on public conditions (a wrong public length) and print public data.
Callees outside the given files (libc's memcpy/memset; for object files, core) are listed as
external; software division routines among them are flagged by name.

Inputs: linked executables (GNU objdump; GOT slots resolved with readelf), or relocatable
objects / rlibs (their object members; llvm-objdump, calls resolved through relocations and
the symbol table), built with debug info for the line-table seeds.

Exit status: 0 clean; 1 a division was found, or a --require'd function is not in scope
(the scan would be vacuous); 2 usage or tool error.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import deque
from dataclasses import dataclass, field

LIBRARY_NAME = re.compile(r"(?<![\w])(mamori_primitives|mamori_aead|mamori_ct_ops)::")

# Paths that only run on public conditions: panics (bounds and length checks on public
# lengths), formatting of messages, unwinding. Not followed from in-scope code.
STOP = re.compile(
    r"core::panicking::|std::panicking::|core::fmt::|alloc::fmt::|std::io::"
    r"|core::slice::index::\w*fail|core::result::unwrap_failed|core::option::\w*failed"
    r"|_Unwind_Resume|rust_begin_unwind|rust_panic|alloc::alloc::handle_alloc_error"
    r"|alloc::raw_vec::handle_error|panic_bounds_check|panic_const|::fmt$"
)

# Integer hardware division. x86 (AT&T): div/idiv with optional size suffix; Arm: udiv/sdiv.
DIV_INSN = re.compile(
    r"^(?:(?:lock|rex\S*|data16|cs|ds|notrack|bnd)\s+)*"
    r"(?P<m>i?div[bwlq]?|[us]div(?:\.w)?)(?:\s|$)"
)
# Software division routines (libgcc, compiler-builtins, Arm EABI run-time ABI).
DIV_HELPER = re.compile(
    r"^(?:__(?:aeabi_)?[a-z]*(?:div|mod)[a-z0-9]*"
    r"|compiler_builtins::int::(?:specialized_div_rem|udiv|sdiv)\S*)$"
)

HEADER = re.compile(r"^([0-9a-f]+) <(.+)>:$")
SECTION = re.compile(r"^Disassembly of section (\S+):$")
SRC = re.compile(r"^(?:; )?(\S+\.rs):(\d+)(?: \(discriminator \d+\))?$")
RELOC = re.compile(r"^\s+[0-9a-f]+:\s+R_[A-Z0-9_]+\s+(\S+?)(?:[+-]0x[0-9a-f]+)?$")
INSN = re.compile(r"^\s+([0-9a-f]+):\s+(.*)$")
ANNOT = re.compile(r"(?:0x)?([0-9a-f]+) <([^>]+)>")
MAPPING_SYMBOL = re.compile(r"^\$[adtx](\..*)?$")  # Arm: data/code regions inside a function

ESCAPES = {
    "LT": "<", "GT": ">", "RF": "&", "BP": "*", "C": ",", "SP": "@", "LP": "(", "RP": ")",
}


_V0: dict[str, str] = {}


def learn_v0(symbols: set[str]) -> None:
    """Demangles Rust v0 symbols (`_R...`, how the prebuilt core/std are mangled) with
    c++filt (binutils), in one batch, dropping the `[crate hash]` disambiguators."""
    todo = sorted(s for s in symbols if s.startswith("_R") and s not in _V0)
    if not todo:
        return
    p = subprocess.run(["c++filt"], input="\n".join(todo) + "\n", capture_output=True,
                       text=True, check=False)
    if p.returncode != 0:
        die(f"c++filt failed: {p.stderr.strip()}")
    for sym, out in zip(todo, p.stdout.splitlines()):
        _V0[sym] = re.sub(r"\[[0-9a-f]+\]", "", out)


def demangle(sym: str) -> str:
    """Rust legacy symbol (`_ZN...E`) -> `path::to::item`, without the hash; v0 symbols as
    learnt by `learn_v0`; other names are returned without their version / PLT suffix
    (`memcpy@GLIBC_2.14` -> `memcpy`)."""
    sym = re.sub(r"@.*$", "", sym)
    if sym in _V0:
        return _V0[sym]
    m = re.match(r"^_?_ZN(.*)E(?:\.llvm\.\d+)?$", sym)
    if not m:
        return sym
    rest, parts = m.group(1), []
    while rest:
        n = re.match(r"^(\d+)", rest)
        if not n:
            return sym
        k = len(n.group(1))
        parts.append(rest[k:k + int(n.group(1))])
        rest = rest[k + int(n.group(1)):]
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()

    def unescape(p: str) -> str:
        if p.startswith("_$"):
            p = p[1:]
        p = re.sub(r"\$([A-Za-z]+|u[0-9a-f]{2})\$",
                   lambda e: ESCAPES.get(e.group(1)) or (
                       chr(int(e.group(1)[1:], 16)) if e.group(1).startswith("u")
                       else e.group(0)), p)
        return p.replace("..", "::")

    return "::".join(unescape(p) for p in parts)


@dataclass
class Function:
    obj: str  # file (or rlib member) it came from
    raw: str  # symbol as printed by the disassembler
    name: str  # demangled, without hash
    section: str
    addr: int
    insns: list = field(default_factory=list)  # (addr, text, source file)
    sources: set = field(default_factory=set)
    refs: set = field(default_factory=set)  # ("addr", int) | ("sym", raw name)


def die(msg: str) -> None:
    print(f"div_scan: error: {msg}", file=sys.stderr)
    sys.exit(2)


def run(cmd: list[str]) -> str:
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        die(f"{cmd[0]} not found")
    if p.returncode != 0:
        die(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr.strip()}")
    return p.stdout


_LLVM_OBJDUMP: list[str] = []


def llvm_objdump() -> str:
    if not _LLVM_OBJDUMP:
        tool = shutil.which("llvm-objdump")
        if not tool:
            sysroot = run(["rustc", "--print", "sysroot"]).strip()
            for root, _dirs, files in os.walk(os.path.join(sysroot, "lib", "rustlib")):
                if "llvm-objdump" in files:
                    tool = os.path.join(root, "llvm-objdump")
                    break
        if not tool:
            die("llvm-objdump not found (apt-get install llvm, or rustup component add "
                "llvm-tools)")
        _LLVM_OBJDUMP.append(tool)
    return _LLVM_OBJDUMP[0]


def parse_disassembly(obj: str, text: str, demangled: bool) -> list[Function]:
    funcs: list[Function] = []
    cur: Function | None = None
    section = src = ""
    for line in text.splitlines():
        m = SECTION.match(line)
        if m:
            section, cur, src = m.group(1), None, ""
            continue
        m = HEADER.match(line)
        if m:
            raw = m.group(2)
            if MAPPING_SYMBOL.match(raw):
                continue
            name = raw if demangled else demangle(raw)
            cur = Function(obj, raw, name, section, int(m.group(1), 16))
            funcs.append(cur)
            src = ""
            continue
        if cur is None:
            continue
        m = SRC.match(line)
        if m:
            src = m.group(1)
            cur.sources.add(src)
            continue
        m = RELOC.match(line)
        if m:
            cur.refs.add(("sym", m.group(1)))
            continue
        m = INSN.match(line)
        if m:
            insn = m.group(2).strip()
            cur.insns.append((int(m.group(1), 16), insn, src))
            if demangled:  # linked executable: resolve targets by address
                for a in ANNOT.finditer(insn):
                    cur.refs.add(("addr", int(a.group(1), 16)))
                    if "@" in a.group(2) and "+" not in a.group(2):
                        cur.refs.add(("sym", a.group(2)))  # memcpy@GLIBC_2.14, x@plt
    return funcs


class Executable:
    """A linked ELF executable: targets resolved by address (GOT slots through readelf)."""

    def __init__(self, path: str):
        out = run(["objdump", "-d", "-l", "-C", "-w", "--no-show-raw-insn", path])
        self.funcs = parse_disassembly(os.path.basename(path), out, demangled=True)
        self.by_addr = {f.addr: f for f in self.funcs}
        self.slots: dict[int, tuple[str, object]] = {}
        for line in run(["readelf", "-rW", path]).splitlines():
            p = line.split()
            if len(p) < 4 or not re.fullmatch(r"[0-9a-f]{8,}", p[0]):
                continue
            if p[2].endswith("_RELATIVE"):
                self.slots[int(p[0], 16)] = ("addr", int(p[3], 16))
            elif len(p) >= 5:
                self.slots[int(p[0], 16)] = ("sym", p[4])

    def resolve(self, _f: Function, ref) -> tuple[Function | None, str]:
        kind, v = ref
        if kind == "addr":
            if v in self.slots:
                return self.resolve(_f, self.slots[v])
            g = self.by_addr.get(v)
            return (g, g.name) if g else (None, "")
        g = None
        return g, demangle(v)


class Objects:
    """Relocatable objects (.o files and rlib members), resolved together by symbol name."""

    def __init__(self):
        self.funcs: list[Function] = []
        self.at: dict[tuple[str, str, int], Function] = {}
        self.local: dict[tuple[str, str], tuple[str, int]] = {}
        self.globl: dict[str, tuple[str, str, int]] = {}
        self.by_section: dict[tuple[str, str], Function] = {}

    @staticmethod
    def split(text: str, header: re.Pattern, labels: dict[str, str]) -> dict[str, str]:
        """Splits the output of a tool run on many files into one chunk per file."""
        chunks: dict[str, list[str]] = {}
        cur: list[str] | None = None
        for line in text.splitlines():
            m = header.match(line)
            if m and m.group(1) in labels:
                cur = chunks.setdefault(labels[m.group(1)], [])
                continue
            if cur is not None:
                cur.append(line)
        return {k: "\n".join(v) for k, v in chunks.items()}

    def add(self, labels: dict[str, str]) -> None:
        """Loads object files `labels` (path -> label for the output), in one batch."""
        paths = list(labels)
        dis = self.split(run([llvm_objdump(), "-d", "-l", "-r", "--no-show-raw-insn"] + paths),
                         re.compile(r"^(\S+):\s+file format "), labels)
        learn_v0(set(re.findall(r"\b_R[0-9A-Za-z_]+", "\n".join(dis.values()))))
        file_hdr = re.compile(r"^File: (\S+)$")
        secs = self.split(run(["readelf", "-SW"] + paths), file_hdr, labels) if len(paths) > 1 \
            else {labels[paths[0]]: run(["readelf", "-SW"] + paths)}
        syms = self.split(run(["readelf", "-sW"] + paths), file_hdr, labels) if len(paths) > 1 \
            else {labels[paths[0]]: run(["readelf", "-sW"] + paths)}
        for label in labels.values():
            funcs = parse_disassembly(label, dis.get(label, ""), demangled=False)
            self.funcs += funcs
            for f in funcs:
                self.at[(label, f.section, f.addr)] = f
                self.by_section.setdefault((label, f.section), f)
            sections = {}
            for line in secs.get(label, "").splitlines():
                m = re.match(r"^\s*\[\s*(\d+)\]\s+(\S+)", line)
                if m:
                    sections[m.group(1)] = m.group(2)
            for line in syms.get(label, "").splitlines():
                p = line.split()
                if len(p) < 8 or p[3] != "FUNC" or p[6] not in sections:
                    continue
                where = (sections[p[6]], int(p[1], 16) & ~1)  # Thumb code: bit 0 set
                self.local[(label, p[7])] = where
                if p[4] in ("GLOBAL", "WEAK"):
                    self.globl.setdefault(p[7], (label,) + where)

    def resolve(self, f: Function, ref) -> tuple[Function | None, str]:
        _kind, sym = ref
        if (f.obj, sym) in self.local:
            g = self.at.get((f.obj,) + self.local[(f.obj, sym)])
        elif sym in self.globl:
            g = self.at.get(self.globl[sym])
        elif (f.obj, sym) in self.by_section:  # a section symbol, `.text._ZN...`
            g = self.by_section[(f.obj, sym)]
        elif sym.startswith("."):
            return None, ""  # a data or debug section
        else:
            g = None
        return (g, g.name) if g else (None, demangle(sym))


def load_objects(paths: list[str], tmp: str, objects: Objects) -> None:
    """Extracts the object members of rlibs / archives and loads everything in one batch."""
    labels: dict[str, str] = {}
    for n, path in enumerate(paths):
        with open(path, "rb") as f:
            magic = f.read(8)
        if not magic.startswith(b"!<arch>"):
            labels[path] = os.path.basename(path)
            continue
        dest = os.path.join(tmp, f"{n}-{os.path.basename(path)}")
        os.makedirs(dest, exist_ok=True)
        subprocess.run(["ar", "x", os.path.abspath(path)], cwd=dest, check=True)
        members = sorted(o for o in os.listdir(dest) if o.endswith(".o"))
        if not members:
            die(f"{path}: no object members")
        for o in members:
            full = os.path.join(dest, o)
            with open(full, "rb") as f:
                if not f.read(4).startswith(b"\x7fELF"):
                    die(f"{path}: member {o} is not machine code (LLVM bitcode: built with"
                        " LTO? the scan profiles set lto = false)")
            labels[full] = f"{os.path.basename(path)}:{o}"
    objects.add(labels)


def is_executable(path: str) -> bool:
    with open(path, "rb") as f:
        magic = f.read(8)
    if magic.startswith(b"!<arch>"):
        return False
    if not magic.startswith(b"\x7fELF"):
        die(f"{path}: not an ELF file or an archive")
    return "REL (Relocatable" not in run(["readelf", "-hW", path])


def short(obj: str) -> str:
    """`libfoo-HASH.rlib:member.o` -> `libfoo-HASH.rlib` for display."""
    return obj.split(":", 1)[0]


@dataclass
class Allow:
    pattern: re.Pattern
    reason: str
    used: int = 0


def read_allowlist(path: str | None) -> list[Allow]:
    entries: list[Allow] = []
    if not path:
        return entries
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            pat, sep, reason = line.partition(" => ")
            if not sep or not reason.strip():
                die(f"{path}:{n}: expected `FUNCTION_REGEX => reason`, with a reason")
            entries.append(Allow(re.compile(pat.strip()), reason.strip()))
    return entries


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("files", nargs="+", help="executables, object files or rlibs")
    ap.add_argument("--label", default="", help="name of this scan in the output")
    ap.add_argument("--source-root", action="append", default=[],
                    help="library source directory (line-table seeds); repeatable")
    ap.add_argument("--harness-prefix", action="append", default=[],
                    help="demangled-name prefix of test-harness functions (never seeds)")
    ap.add_argument("--seed", action="append", default=[],
                    help="extra seed: regex on demangled names (used by the self-test)")
    ap.add_argument("--require", action="append", default=[],
                    help="substring that some in-scope function name must contain")
    ap.add_argument("--allowlist", help="file of `FUNCTION_REGEX => reason` lines")
    ap.add_argument("-v", "--verbose", action="store_true", help="list in-scope functions")
    args = ap.parse_args()

    roots = tuple(os.path.realpath(r).rstrip("/") + "/" for r in args.source_root)
    extra = [re.compile(s) for s in args.seed]
    allow = read_allowlist(args.allowlist)
    label = args.label or ", ".join(os.path.basename(f) for f in args.files)

    def is_seed(f: Function) -> bool:
        if any(s.search(f.name) for s in extra):
            return True
        if any(f.name.startswith(p) or f.name.startswith("<" + p)
               for p in args.harness_prefix):
            return False
        if LIBRARY_NAME.search(f.name):
            return True
        return bool(roots) and any(
            s.startswith("/") and os.path.realpath(s).startswith(roots) for s in f.sources)

    findings: list[tuple[Function, str]] = []
    in_scope_all: list[Function] = []
    externals: set[str] = set()
    stopped: set[str] = set()
    outside_divs = 0

    with tempfile.TemporaryDirectory() as tmp:
        images = []
        objects = Objects()
        relocatable = []
        for path in args.files:
            if is_executable(path):
                images.append(Executable(path))
            else:
                relocatable.append(path)
        if relocatable:
            load_objects(relocatable, tmp, objects)
            images.append(objects)

        for image in images:
            in_scope: dict[int, Function] = {}
            queue = deque(f for f in image.funcs if is_seed(f))
            while queue:
                f = queue.popleft()
                if id(f) in in_scope:
                    continue
                in_scope[id(f)] = f
                for ref in sorted(f.refs, key=str):
                    g, name = image.resolve(f, ref)
                    if not name or g is f:
                        continue
                    if DIV_HELPER.match(name):
                        findings.append((f, f"calls software division routine {name}"))
                    elif g is None:
                        (stopped if STOP.search(name) else externals).add(name)
                    elif id(g) not in in_scope:
                        if STOP.search(g.name) and not is_seed(g):
                            stopped.add(g.name)
                        else:
                            queue.append(g)
            for f in image.funcs:
                divs = [(a, t, s) for a, t, s in f.insns if DIV_INSN.match(t)]
                if id(f) not in in_scope:
                    outside_divs += len(divs)
                    continue
                in_scope_all.append(f)
                if DIV_HELPER.match(f.name):
                    findings.append((f, "is a software division routine"))
                for a, t, s in divs:
                    findings.append((f, f"`{t}` at {a:#x}" + (f" ({s})" if s else "")))

    failures = []
    for f, what in findings:
        hit = next((a for a in allow if a.pattern.search(f.name)), None)
        if hit:
            hit.used += 1
            print(f"  allowed: [{short(f.obj)}] {f.name}: {what} -- {hit.reason}")
        else:
            failures.append(f"[{short(f.obj)}] {f.name}: {what}")
    names = {f.name for f in in_scope_all}
    missing = [r for r in args.require if not any(r in n for n in names)]

    if args.verbose:
        for f in sorted(in_scope_all, key=lambda f: (f.name, f.obj)):
            print(f"  in scope: [{short(f.obj)}] {f.name} ({len(f.insns)} instructions)")
        if stopped:
            print("  not followed (panic/format paths): " + ", ".join(sorted(stopped)))
    insns = sum(len(f.insns) for f in in_scope_all)
    print(f"div-scan {label}: {len(in_scope_all)} functions / {insns} instructions in scope, "
          f"{len(failures)} division(s) [{outside_divs} division instruction(s) in "
          f"out-of-scope code (std, harness) ignored]")
    if externals:
        print("  external callees (not in these files, not scanned): "
              + ", ".join(sorted(externals)))
    for a in allow:
        if not a.used:
            print(f"  note: allowlist entry {a.pattern.pattern!r} matched nothing")
    for line in failures:
        print(f"  DIVISION in secret-handling code: {line}")
    for r in missing:
        print(f"  MISSING: no in-scope function matches {r!r}: the scan would be vacuous")
    return 1 if failures or missing else 0


if __name__ == "__main__":
    sys.exit(main())
