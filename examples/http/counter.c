// Proves isolation: a global counter and a static buffer that a shared instance would carry from one request to the
// next. Every request gets a fresh instance, so the count is always 1 and the body read back is this request's own.
#include <stdio.h>
#include <string.h>

static int count;
static char seen[256];

int main(void) {
    count++;
    size_t n = fread(seen, 1, sizeof seen - 1, stdin);
    seen[n] = 0;
    // A little work in between, so concurrent requests overlap.
    volatile unsigned x = 0;
    for (unsigned i = 0; i < 200000; i++) {
        x += i;
    }
    printf("Content-Type: text/plain\n\ncount=%d body=%s\n", count, seen);
    return 0;
}
