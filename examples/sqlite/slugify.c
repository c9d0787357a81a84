/*
 * slugify(text) RETURNS text: lower-case ASCII letters and digits, every other run of characters one '-',
 * none at either end: 'Noise-Cancelling Headphones (Pro)' -> 'noise-cancelling-headphones-pro'.
 * The result is malloc'ed; cabi_post_slugify frees it once the host has copied it.
 */
#define KILN_SQLITE_IMPLEMENTATION
#include "kiln_sqlite.h"

#include <stdlib.h>

KILN_EXPORT("slugify")
int32_t slugify(const char *text, int32_t len) {
    char *out = malloc(len > 0 ? (size_t)len : 1);
    size_t n = 0;
    int dash = 0;
    if (!out) __builtin_trap();
    for (int32_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && n > 0) out[n++] = '-';
            out[n++] = (char)c;
            dash = 0;
        } else {
            dash = 1;
        }
    }
    return kiln_return_text(out, n);
}

KILN_EXPORT("cabi_post_slugify")
void cabi_post_slugify(int32_t retptr) { free(kiln_return_pointer(retptr)); }
