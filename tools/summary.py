#!/usr/bin/env python3
"""summary.py LOG.json NAME: reads a `go test -json` log, writes LOG.txt (the
plain output), prints pass/fail/skip counts of the top-level tests per package
and each failed test with the first message it (or its first failed subtest)
logged. Panics and timeouts are reported apart: a hang is a driver bug."""
import json, re, sys
from collections import defaultdict

path, name = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "test")
out = defaultdict(list)          # (pkg, test) -> output lines
result = {}                      # (pkg, test) -> pass/fail/skip
pkgres = {}
text = []
for line in open(path, errors="replace"):
    line = line.strip()
    if not line.startswith("{"):
        text.append(line + "\n"); continue
    try:
        ev = json.loads(line)
    except ValueError:
        text.append(line + "\n"); continue
    pkg, test, act = ev.get("Package", ""), ev.get("Test"), ev.get("Action")
    if act == "output":
        text.append(ev["Output"])
        if test:
            out[(pkg, test)].append(ev["Output"])
        elif "panic:" in ev["Output"] or "timed out" in ev["Output"]:
            out[(pkg, "")].append(ev["Output"])
    elif act in ("pass", "fail", "skip"):
        if test:
            result[(pkg, test)] = act
        else:
            pkgres[pkg] = act
open(re.sub(r"\.json$", "", path) + ".txt", "w").writelines(text)

def first_msg(pkg, test):
    for t in [test] + sorted(k[1] for k in result if k[0] == pkg and k[1].startswith(test + "/") and result[k] == "fail"):
        for l in out.get((pkg, t), []):
            s = l.strip()
            if not s or s.startswith(("=== ", "--- ")):
                continue
            return (t + ": " if t != test else "") + s[:200]
    return "(no message)"

short = lambda p: p.replace("github.com/aiomysql-go/aiomysql", ".") or "."
tot = defaultdict(int)
for pkg in sorted({k[0] for k in result} | set(pkgres)):
    c = defaultdict(int)
    for (p, t), a in result.items():
        if p == pkg and "/" not in t:
            c[a] += 1; tot[a] += 1
    print(f"== {name} {short(pkg)}: {pkgres.get(pkg, '?')}: {c['pass']} passed, {c['fail']} failed, {c['skip']} skipped")
print(f"== {name} total: {tot['pass']} passed, {tot['fail']} failed, {tot['skip']} skipped (top-level tests)")
for (pkg, t), lines in out.items():
    if t == "":
        print(f"== {name} {short(pkg)}: PANIC/TIMEOUT: " + "".join(lines).strip()[:300])
for (pkg, t), lines in out.items():
    if any("panic: test timed out" in l for l in lines) or any(l.startswith("panic:") for l in lines):
        print(f"== {name} {short(pkg)} {t}: PANIC/TIMEOUT")
fails = sorted(k for k, a in result.items() if a == "fail" and "/" not in k[1])
if fails:
    print(f"== {name}: failed tests (first message each):")
    for pkg, t in fails:
        print(f"  {short(pkg)} {t}: {first_msg(pkg, t)}")
