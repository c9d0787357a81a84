;; A hostile plugin: a memory bomb. It grows its memory a page at a time until the host refuses (memory.grow
;; returns -1 once the store's memory limit is reached), then writes just past the end of its memory, which traps.
(module
  (memory (export "memory") 1)
  (func $alloc (export "alloc") (param i32) (result i32) (i32.const 1024))
  (func $transform (export "transform") (param i32 i32) (result i64)
    (loop $more
      (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    (i32.store (i32.shl (memory.size) (i32.const 16)) (i32.const 0))
    (unreachable)))
