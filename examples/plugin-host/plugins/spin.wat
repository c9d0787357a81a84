;; A hostile plugin: transform never returns. The host stops it when its fuel runs out or its timeout fires,
;; reports it, and runs the other plugins as usual.
(module
  (memory (export "memory") 1)
  (func $alloc (export "alloc") (param i32) (result i32) (i32.const 1024))
  (func $transform (export "transform") (param i32 i32) (result i64)
    (loop $forever (br $forever))
    (unreachable)))
