#!/usr/bin/env python3
"""Spec-suite results per feature group, as a Markdown table, from `kiln wast SUITE --json FILE` output.

Usage: scripts/spec-table.py RESULTS.json [--suite DIR] [--readme README.md]
Counts each file's assertions by kind by scanning the .wast files (so a kind's total is known even when
the file failed to parse), subtracts the failures the JSON lists, and groups files as the suite's README
does. With --readme, replaces the text between <!-- spec-table:start --> and <!-- spec-table:end -->.
"""
import argparse
import collections
import json
import os
import re
import sys

KINDS = ["assert_return", "assert_trap", "assert_exhaustion", "assert_exception",
         "assert_invalid", "assert_malformed", "assert_unlinkable", "assert_*_custom"]

# Top-level files by origin in the spec repository (see the suite's README.md); the rest are core root files.
GROUPS = {
    "relaxed-simd": "i16x8_relaxed_q15mulr_s i32x4_relaxed_trunc i8x16_relaxed_swizzle relaxed_dot_product "
                    "relaxed_laneselect relaxed_madd_nmadd relaxed_min_max",
    "gc": "array array_copy array_fill array_init_data array_init_elem array_new_data array_new_elem binary-gc "
          "br_on_cast br_on_cast_fail extern i31 ref_cast ref_eq ref_test struct type-subtyping",
    "memory64": "address64 align64 binary_leb128_64 bulk64 call_indirect64 endianness64 float_memory64 load64 "
                "memory64 memory_copy64 memory_fill64 memory_grow64 memory_init64 memory_redundancy64 memory_trap64 "
                "table64 table_copy64 table_fill64 table_get64 table_grow64 table_init64 table_set64 table_size64 "
                "memory64-imports table_copy_mixed",
    "multi-memory": "address0 address1 align0 binary0 data0 data1 data_drop0 exports0 float_exprs0 float_exprs1 "
                    "float_memory0 imports0 imports1 imports2 imports3 imports4 linking0 linking1 linking2 linking3 "
                    "load0 load1 load2 memory_copy0 memory_copy1 memory_fill0 memory_init0 memory_size0 memory_size1 "
                    "memory_size2 memory_size3 memory_trap0 memory_trap1 start0 store0 store1 store2 traps0 "
                    "memory-multi memory_size_import memory_grow",
    "bulk-memory": "bulk memory_copy memory_fill memory_init table-sub table_copy table_fill table_init",
    "exceptions": "tag throw throw_ref try_table",
}
FILE_GROUP = {f"{name}.wast": group for group, names in GROUPS.items() for name in names.split()}
ORDER = ["core (root)", "simd", "relaxed-simd", "gc", "memory64", "multi-memory", "bulk-memory", "exceptions",
         "spec-extra", "legacy", "custom"]


def group_of(path):
    if "/" in path:
        folder = path.rsplit("/", 1)[0]
        return folder  # spec-extra, legacy, custom, proposals/<name>
    if path in FILE_GROUP:
        return FILE_GROUP[path]
    return "simd" if path.startswith("simd_") else "core (root)"


def count_assertions(text):
    """Top-level assert_* forms by keyword: paren matching that skips strings and comments."""
    counts = collections.Counter()
    depth, i, n = 0, 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
            i += 1
        elif text.startswith(";;", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("(;", i):
            nest = 0
            while i < n:
                if text.startswith("(;", i):
                    nest, i = nest + 1, i + 2
                elif text.startswith(";)", i):
                    nest, i = nest - 1, i + 2
                    if nest == 0:
                        break
                else:
                    i += 1
        elif c == "(":
            if depth == 0:
                m = re.match(r"\((assert_[a-z_]+)", text[i:i + 40])
                if m:
                    counts[kind_of(m.group(1))] += 1
            depth, i = depth + 1, i + 1
        else:
            if c == ")" and depth > 0:
                depth -= 1
            i += 1
    return counts


def kind_of(command):
    return "assert_*_custom" if command.endswith("_custom") else command


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("--suite", default=os.environ.get("KILN_SPEC_TESTSUITE", "../shared/wasm-testsuite"))
    parser.add_argument("--readme")
    args = parser.parse_args()

    files = json.load(open(args.results))["files"]
    total = collections.defaultdict(collections.Counter)
    passed = collections.defaultdict(collections.Counter)
    rejected = collections.Counter()
    file_count = collections.Counter()
    for f in files:
        group = group_of(f["file"])
        file_count[group] += 1
        with open(os.path.join(args.suite, f["file"]), encoding="utf-8", errors="replace") as src:
            counts = count_assertions(src.read())
        failures = f["failures"]
        unparsed = any(x["command"] == "script" for x in failures)
        failed = collections.Counter(kind_of(x["command"]) for x in failures)
        for kind, n in counts.items():
            total[group][kind] += n
            passed[group][kind] += 0 if unparsed else max(0, n - failed[kind])
        rejected[group] += sum(1 for x in failures if x["command"] == "module"
                               and x["message"].startswith(("malformed", "invalid")))

    groups = [g for g in ORDER if g in total or g in file_count] + sorted(g for g in file_count if g not in ORDER)
    header = ["group", "files"] + KINDS + ["all", "modules rejected"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    sums = collections.Counter(), collections.Counter()
    for g in groups:
        cells = [g, str(file_count[g])]
        for kind in KINDS:
            t, p = total[g][kind], passed[g][kind]
            cells.append(f"{p}/{t}" if t else "")
            sums[0][kind] += t
            sums[1][kind] += p
        t, p = sum(total[g].values()), sum(passed[g].values())
        cells += [f"{p}/{t}", str(rejected[g])]
        lines.append("| " + " | ".join(cells) + " |")
    cells = ["**total**", str(sum(file_count.values()))]
    cells += [f"{sums[1][k]}/{sums[0][k]}" if sums[0][k] else "" for k in KINDS]
    cells += [f"{sum(sums[1].values())}/{sum(sums[0].values())}", str(sum(rejected.values()))]
    lines.append("| " + " | ".join(cells) + " |")
    table = "\n".join(lines)

    if args.readme:
        text = open(args.readme).read()
        start, end = "<!-- spec-table:start -->", "<!-- spec-table:end -->"
        if start not in text or end not in text:
            sys.exit(f"{args.readme} has no {start} ... {end} block")
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        with open(args.readme, "w") as out:
            out.write(f"{before}{start}\n{table}\n{end}{after}")
    print(table)


if __name__ == "__main__":
    main()
