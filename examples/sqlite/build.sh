#!/bin/sh
# Builds the example Wasm SQL functions with Debian's clang-19 + wasi-libc:
#   apt-get install clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32
# Reactor modules (no main, no _start): each function is an export. The .wasm files are committed.
set -eu
cd "$(dirname "$0")"
for src in semantic.c numeric.c slugify.c median.c; do
    clang-19 --target=wasm32-wasi -O2 -mexec-model=reactor -Wall -Wextra -Werror -Wl,--strip-debug \
        -o "${src%.c}.wasm" "$src"
done
