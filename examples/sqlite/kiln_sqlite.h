/*
 * kiln_sqlite.h: the value ABI of Kiln's Wasm SQL functions, for authors writing them in C.
 * See docs/sqlite.md for the full description. In short:
 *
 *   SQL integer  ->  int64_t (or int32_t)        SQL real  ->  double (or float)
 *   SQL text     ->  const char *ptr, int32_t len   (UTF-8, not NUL-terminated)
 *   SQL blob     ->  const uint8_t *ptr, int32_t len
 *
 * Text and blob arguments live in a buffer the host owns and reuses: read them during the call, never free or
 * keep them. The host grows that buffer through cabi_realloc, which this header defines with realloc()
 * in the one file that defines KILN_SQLITE_IMPLEMENTATION before including it.
 *
 * A text or blob result is returned as a pointer to a return area { uint32_t ptr; uint32_t len; }:
 * kiln_return_text() fills one. Return KILN_NULL (0) for SQL NULL. A real result of NaN is NULL too.
 * If the bytes were malloc'ed, export cabi_post_<export>(int32_t retptr) to free them: the host calls it after
 * copying the result.
 *
 * NULL arguments: by default (RETURNS NULL ON NULL INPUT) the function is not called and the result is NULL.
 * Declared CALLED ON NULL INPUT, it gets one more, last parameter: int32_t null_mask, bit i set when
 * argument i is NULL (its value is then 0 / 0.0 / an empty string).
 *
 * Aggregates (CREATE AGGREGATE name(...) ... EXPORT 'x'): export
 *   int32_t x_step(int32_t state, args...)   returns the new state (0 on the first row of each group)
 *   <result> x_final(int32_t state)          gives the result and frees the state (state is 0 for no rows)
 *
 * Build: clang-19 --target=wasm32-wasi -O2 -mexec-model=reactor -o f.wasm f.c
 * Export functions by name with KILN_EXPORT("name"); the module must import nothing.
 */
#ifndef KILN_SQLITE_H
#define KILN_SQLITE_H

#include <stddef.h>
#include <stdint.h>

#define KILN_EXPORT(name) __attribute__((export_name(name)))
#define KILN_NULL 0

/* Where a text or blob result is: the function returns the address of one of these. */
typedef struct kiln_return_area {
    uint32_t ptr;
    uint32_t len;
} kiln_return_area;

/* Fills a static return area with ptr/len and returns its address, for `return kiln_return_text(p, n);`.
   The area is reused by the next call, which is fine: the host copies the result before calling again. */
static inline int32_t kiln_return_bytes(const void *ptr, size_t len) {
    static kiln_return_area area;
    area.ptr = (uint32_t)(uintptr_t)ptr;
    area.len = (uint32_t)len;
    return (int32_t)(uintptr_t)&area;
}

static inline int32_t kiln_return_text(const char *ptr, size_t len) { return kiln_return_bytes(ptr, len); }

/* The pointer a return area holds, for cabi_post_<export> functions that free it. */
static inline void *kiln_return_pointer(int32_t retptr) {
    return (void *)(uintptr_t)((const kiln_return_area *)(uintptr_t)retptr)->ptr;
}

#ifdef KILN_SQLITE_IMPLEMENTATION
#include <stdlib.h>

/* The canonical ABI's allocator, which the host calls to get memory for text and blob arguments. */
KILN_EXPORT("cabi_realloc")
void *cabi_realloc(void *old_ptr, size_t old_size, size_t align, size_t new_size) {
    (void)old_size;
    (void)align; /* malloc's alignment (16) covers every align the host asks for */
    return realloc(old_ptr, new_size);
}
#endif

#endif
