#!/bin/sh
# Rebuilds the C plugins into ../plugins (the .wasm files are committed, so running the example needs no compiler):
#   apt-get install clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32
# -mexec-model=reactor: a library, not a program. It exports _initialize (libc's constructors) instead of _start;
# the host calls it once after instantiation.
set -eu
cd "$(dirname "$0")"
for src in *.c; do
    clang-19 --target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Wextra -Werror -Wl,--strip-debug \
        -o "../plugins/${src%.c}.wasm" "$src"
done
