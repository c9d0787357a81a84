/*
 * CREATE AGGREGATE median(real) RETURNS real ... EXPORT 'median': the median of a group's values.
 * The state is a growable array the first step allocates; final sorts it, picks the middle and frees it.
 */
#include "kiln_sqlite.h"

#include <math.h>
#include <stdlib.h>

typedef struct {
    size_t count;
    size_t capacity;
    double values[];
} samples;

KILN_EXPORT("median_step")
int32_t median_step(int32_t state, double value) {
    samples *s = (samples *)(uintptr_t)state;
    if (!s || s->count == s->capacity) {
        size_t capacity = s ? s->capacity * 2 : 16;
        samples *grown = realloc(s, sizeof *s + capacity * sizeof(double));
        if (!grown) __builtin_trap();
        if (!s) grown->count = 0;
        grown->capacity = capacity;
        s = grown;
    }
    s->values[s->count++] = value;
    return (int32_t)(uintptr_t)s;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

KILN_EXPORT("median_final")
double median_final(int32_t state) {
    samples *s = (samples *)(uintptr_t)state;
    if (!s) return NAN; /* no rows: NULL */
    qsort(s->values, s->count, sizeof(double), compare);
    double m = s->count % 2 ? s->values[s->count / 2] : (s->values[s->count / 2 - 1] + s->values[s->count / 2]) / 2;
    free(s);
    return m;
}
