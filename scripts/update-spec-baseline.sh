#!/usr/bin/env bash
# Raises tests/spec-baseline.json to the pass counts of a fresh `kiln wast` run over the spec suite.
# Counts only ever go up: a script that now passes fewer assertions keeps its recorded count (and its test fails).
# Usage: scripts/update-spec-baseline.sh [SUITE_FOLDER]   (default: $KILN_SPEC_TESTSUITE or ../shared/wasm-testsuite)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
suite="${1:-${KILN_SPEC_TESTSUITE:-../shared/wasm-testsuite}}"
json="$(mktemp)"
trap 'rm -f "$json"' EXIT

dotnet build src/Kiln.Cli -c Release -v quiet -nologo >/dev/null
dotnet src/Kiln.Cli/bin/Release/net10.0/Kiln.Cli.dll wast "$suite" --json "$json" >/dev/null || true

python3 - "$json" tests/spec-baseline.json <<'PY'
import json, os, sys
run_path, baseline_path = sys.argv[1], sys.argv[2]
run = {f["file"]: f["passed"] for f in json.load(open(run_path))["files"]}
old = json.load(open(baseline_path)) if os.path.exists(baseline_path) else {}
new = {name: max(old.get(name, 0), run.get(name, 0)) for name in sorted(set(old) | set(run))}
raised = [(n, old.get(n, 0), c) for n, c in new.items() if c > old.get(n, 0)]
with open(baseline_path, "w") as f:
    json.dump(new, f, indent=2, sort_keys=True)
    f.write("\n")
for name, before, after in raised:
    print(f"{name}: {before} -> {after}")
print(f"{len(raised)} scripts raised; {sum(new.values())} assertions recorded")
PY
