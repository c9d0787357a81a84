#!/bin/sh
# Rebuilds hello.wasm (committed, so running the example needs no compiler):
#   apt-get install clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32
set -eu
cd "$(dirname "$0")"
clang-19 --target=wasm32-wasi -O2 -Wall -Wextra -Wl,--strip-debug -o hello.wasm hello.c
