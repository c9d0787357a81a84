;; A memory bomb: grows memory a page at a time until memory.grow fails, then reports how far it got. Under a
;; max_memory limit the failure comes at the limit, and the host's memory never grows past it.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "Content-Type: text/plain\n\npages=")
  (func (export "_start")
    (local $pages i32)
    (local $n i32)
    (local $p i32)
    (local.set $pages (i32.const 1))
    (block $done
      (loop $more
        (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (local.set $pages (i32.add (local.get $pages) (i32.const 1)))
        (br_if $done (i32.ge_u (local.get $pages) (i32.const 65536)))
        (br $more)))
    ;; Decimal digits of $pages, written backwards ending at 127.
    (local.set $p (i32.const 128))
    (local.set $n (local.get $pages))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (local.get $n)))
    ;; Two writes: like Wasmtime, fd_write may write only the first iovec.
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 32))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 200)))
    (i32.store (i32.const 0) (local.get $p))
    (i32.store (i32.const 4) (i32.sub (i32.const 128) (local.get $p)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 200)))))
