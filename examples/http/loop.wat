;; A handler that never returns: the route's timeout interrupts it and the client gets 504 (or, with a fuel limit, 500).
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (loop $forever (br $forever))))
