;; Greets its input: "<greeting>, <input>!", the greeting read from the host's configuration ("greet.greeting",
;; default "Hello"). A plugin written by hand in WebAssembly text, with its own bump allocator: the host creates a
;; fresh instance for every call, so nothing is ever freed.
(module
  (import "host" "log" (func $log (param i32 i32)))
  (import "host" "config" (func $config (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 1024))
  (data (i32.const 0) "greet.greeting")
  (data (i32.const 16) "Hello")
  (data (i32.const 32) "greet: no greeting configured, using Hello")

  ;; Returns $len bytes at the end of the heap, growing the memory when it is full.
  (func $alloc (export "alloc") (param $len i32) (result i32)
    (local $ptr i32)
    (local $end i32)
    (local.set $ptr (global.get $next))
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (if (i32.gt_u (local.get $end) (i32.shl (memory.size) (i32.const 16)))
      (then
        (if (i32.eq
              (memory.grow (i32.shr_u
                (i32.add (i32.sub (local.get $end) (i32.shl (memory.size) (i32.const 16))) (i32.const 65535))
                (i32.const 16)))
              (i32.const -1))
          (then (unreachable)))))
    (global.set $next (local.get $end))
    (local.get $ptr))

  (func $transform (export "transform") (param $in i32) (param $len i32) (result i64)
    (local $greeting i32)
    (local $out i32)
    (local $size i32)
    ;; The host writes the greeting into our buffer at 256 (64 bytes) and returns its length, or -1 when unset.
    (local.set $greeting (call $config (i32.const 0) (i32.const 14) (i32.const 256) (i32.const 64)))
    (if (i32.or (i32.lt_s (local.get $greeting) (i32.const 0)) (i32.gt_s (local.get $greeting) (i32.const 64)))
      (then
        (call $log (i32.const 32) (i32.const 42))
        (memory.copy (i32.const 256) (i32.const 16) (i32.const 5))
        (local.set $greeting (i32.const 5))))
    (local.set $size (i32.add (i32.add (local.get $greeting) (local.get $len)) (i32.const 3)))
    (local.set $out (call $alloc (local.get $size)))
    (memory.copy (local.get $out) (i32.const 256) (local.get $greeting))
    (i32.store16 (i32.add (local.get $out) (local.get $greeting)) (i32.const 0x202c)) ;; ", "
    (memory.copy (i32.add (i32.add (local.get $out) (local.get $greeting)) (i32.const 2)) (local.get $in) (local.get $len))
    (i32.store8 (i32.sub (i32.add (local.get $out) (local.get $size)) (i32.const 1)) (i32.const 0x21)) ;; "!"
    ;; The result: (address << 32) | length.
    (i64.or
      (i64.shl (i64.extend_i32_u (local.get $out)) (i64.const 32))
      (i64.extend_i32_u (local.get $size)))))
