#!/usr/bin/env bash
# Runs each large WASI program (see README.md) on `kiln run` and on Wasmtime (bench/WasmtimeRun: the Wasmtime NuGet
# package with its own WASI, in process) with the same arguments, preopens and environment; checks that stdout,
# stderr, the exit status and the files the program writes are byte-for-byte the same; and reports, per engine, the
# median over RUNS cold runs (a new process each) of the time to the first output byte and the total time.
#
# Usage: run.sh [--runs N] [PROGRAM...]     PROGRAM: yosys clang nextpnr flite (default: all)
# Environment: KILN_LARGE_CACHE (where fetch.sh put the programs), KILN (a kiln executable),
#              WASMTIME_RUN (a WasmtimeRun executable); the two executables are built in Release when not given.
# Exit status: 0 when every program's output was identical on both engines, 1 otherwise.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${KILN_LARGE_CACHE:-$HOME/.cache/kiln-large}"
runs=3
if [ "${1:-}" = "--runs" ]; then
  runs="$2"
  shift 2
fi
programs=("$@")
[ ${#programs[@]} -gt 0 ] || programs=(yosys clang nextpnr flite)

"$here/fetch.sh" >/dev/null

if [ -z "${KILN:-}" ]; then
  dotnet build -c Release -v q --nologo "$repo/src/Kiln.Cli" >/dev/null
  KILN="$repo/src/Kiln.Cli/bin/Release/net10.0/kiln"
fi
if [ -z "${WASMTIME_RUN:-}" ]; then
  dotnet build -c Release -v q --nologo "$repo/bench/WasmtimeRun" >/dev/null
  WASMTIME_RUN="$repo/bench/WasmtimeRun/bin/Release/net10.0/WasmtimeRun"
fi

scratch="$(mktemp -d "${TMPDIR:-/tmp}/kiln-large-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

# Per program: describe() prints the workload; prepare WORK fills the guest's root directory; then `command`
# holds the module and its arguments after the runner's options, and `outputs` the files to compare afterwards.
prepare() {
  local program="$1" work="$2"
  mkdir -p "$work/tmp"
  case "$program" in
    yosys)
      cp "$here/inputs/counter.v" "$work/"
      dirs=(--dir "$work::/" --dir "$cache/yosys/share::/share")
      command=("$cache/yosys/yosys.wasm" -Q -T -p "read_verilog counter.v; synth_ice40 -top top; stat; write_json counter.json")
      outputs=(counter.json)
      workload="synth_ice40 of a 16-bit counter (counter.v), stat, write_json"
      ;;
    clang)
      cp "$here/inputs/prog.c" "$work/"
      dirs=(--dir "$work::/" --dir "$cache/clang/usr::/usr")
      command=(--argv0 yowasp-llvm "$cache/clang/llvm.wasm" clang --target=wasm32-wasip1 -O2 -S -o - prog.c)
      outputs=()
      workload="clang -O2 -S of a 30-line C file (prog.c) to wasm32 assembly on stdout"
      ;;
    nextpnr)
      cp "$here/inputs/counter.json" "$work/"
      dirs=(--dir "$work::/" --dir "$cache/nextpnr/share::/share")
      command=("$cache/nextpnr/nextpnr-ice40.wasm" -q --hx1k --package tq144 --seed 1 --json counter.json --asc counter.asc)
      outputs=(counter.asc)
      workload="place and route of counter.json (yosys' output) for an iCE40 HX1K, write counter.asc"
      ;;
    flite)
      cp "$here/inputs/speech.txt" "$work/"
      dirs=(--dir "$work::/")
      command=("$cache/flite/flite.wasm" -ps -f speech.txt -o speech.wav)
      outputs=(speech.wav)
      workload="speak a sentence (speech.txt): phonemes on stdout, speech.wav"
      ;;
    *)
      echo "unknown program: $program" >&2
      exit 2
      ;;
  esac
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

table="| program | workload | Kiln first output (s) | Kiln total (s) | Kiln CPU (s) | Wasmtime first output (s) | Wasmtime total (s) | Wasmtime CPU (s) | identical |"
table+=$'\n'"| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
status=0
for program in "${programs[@]}"; do
  for engine in kiln wasmtime; do
    runner="$KILN run"
    [ "$engine" = wasmtime ] && runner="$WASMTIME_RUN"
    : >"$scratch/$program-$engine.times"
    for ((i = 1; i <= runs; i++)); do
      work="$scratch/$program-$engine-$i"
      prepare "$program" "$work"
      # shellcheck disable=SC2086 # $runner is "kiln run" or one path
      python3 "$here/measure.py" "$work.out" -- $runner "${dirs[@]}" "${command[@]}" >>"$scratch/$program-$engine.times"
      echo "$program $engine run $i: $(tail -n 1 "$scratch/$program-$engine.times") (exit $(cat "$work.out/exit"))" >&2
    done
  done

  identical=yes
  k="$scratch/$program-kiln-1" w="$scratch/$program-wasmtime-1"
  for f in stdout stderr exit; do
    if ! cmp -s "$k.out/$f" "$w.out/$f"; then
      identical=no
      echo "$program: $f differs (kiln: $k.out/$f, wasmtime: $w.out/$f)" >&2
      diff <(head -c 4000 "$w.out/$f") <(head -c 4000 "$k.out/$f") | head -n 20 >&2 || true
    fi
  done
  for f in "${outputs[@]}"; do
    if ! cmp -s "$k/$f" "$w/$f"; then
      identical=no
      echo "$program: output file $f differs" >&2
    fi
  done
  if [ "$(cat "$w.out/exit")" != 0 ]; then
    echo "$program: exited $(cat "$w.out/exit") on Wasmtime: the workload itself fails" >&2
    identical="no (workload fails)"
  fi
  [ "$identical" = yes ] || status=1

  row="| $program | $workload |"
  for engine in kiln wasmtime; do
    for column in 1 2 3; do
      row+=" $(cut -d' ' -f$column "$scratch/$program-$engine.times" | { grep -v '^-$' || true; } | median) |"
    done
  done
  table+=$'\n'"$row $identical |"
done

echo "$table"
echo "median of $runs cold runs each (a new process per run); first output = first byte on stdout or stderr; CPU = user + system"
exit $status
