#!/bin/sh
# Builds the C handlers with Debian's clang-19 + wasi-libc:
#   apt-get install clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32
# The .wasm files are committed, so serving the examples needs no compiler.
set -eu
cd "$(dirname "$0")"
for src in *.c; do
    clang-19 --target=wasm32-wasi -O2 -Wall -Wextra -Wl,--strip-debug -o "${src%.c}.wasm" "$src"
done
