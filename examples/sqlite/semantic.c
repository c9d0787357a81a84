/*
 * similarity(text, text) RETURNS real: how much two texts share, by character trigrams (as PostgreSQL's pg_trgm
 * makes them: lower-cased words padded with two spaces before and one after). The score is the overlap
 * coefficient |A and B| / min(|A|, |B|): 1.0 when every trigram of the shorter text occurs in the longer one, so a
 * short query like 'wireless headphones' scores 1.0 against a description that contains both words.
 */
#define KILN_SQLITE_IMPLEMENTATION
#include "kiln_sqlite.h"

#include <stdlib.h>

typedef struct {
    uint32_t *items;
    size_t count;
    size_t capacity;
} trigram_set;

static int is_word_byte(unsigned char c) {
    /* ASCII letters and digits; every byte of a multi-byte UTF-8 character counts as a letter. */
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static unsigned char lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c; }

static int push(trigram_set *set, uint32_t t) {
    if (set->count == set->capacity) {
        size_t capacity = set->capacity ? set->capacity * 2 : 64;
        uint32_t *items = realloc(set->items, capacity * sizeof *items);
        if (!items) return 0;
        set->items = items;
        set->capacity = capacity;
    }
    set->items[set->count++] = t;
    return 1;
}

static int compare(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The sorted, distinct trigrams of text; 0 when memory ran out. */
static int trigrams(const char *text, int32_t len, trigram_set *set) {
    int32_t i = 0;
    while (i < len) {
        while (i < len && !is_word_byte((unsigned char)text[i])) i++;
        if (i == len) break;
        uint32_t window = ((uint32_t)' ' << 8) | ' ';
        for (; i < len && is_word_byte((unsigned char)text[i]); i++) {
            window = ((window << 8) | lower((unsigned char)text[i])) & 0xffffff;
            if (!push(set, window)) return 0;
        }
        window = ((window << 8) | ' ') & 0xffffff;
        if (!push(set, window)) return 0;
    }
    if (set->count == 0) return 1;
    qsort(set->items, set->count, sizeof *set->items, compare);
    size_t distinct = 1;
    for (size_t k = 1; k < set->count; k++)
        if (set->items[k] != set->items[distinct - 1]) set->items[distinct++] = set->items[k];
    set->count = distinct;
    return 1;
}

KILN_EXPORT("similarity")
double similarity(const char *a, int32_t a_len, const char *b, int32_t b_len) {
    trigram_set x = {0}, y = {0};
    double score = 0.0;
    if (!trigrams(a, a_len, &x) || !trigrams(b, b_len, &y)) {
        __builtin_trap(); /* out of memory: let the host report it rather than return a wrong score */
    }
    if (x.count && y.count) {
        size_t i = 0, j = 0, shared = 0;
        while (i < x.count && j < y.count) {
            if (x.items[i] == y.items[j]) { shared++; i++; j++; }
            else if (x.items[i] < y.items[j]) i++;
            else j++;
        }
        score = (double)shared / (double)(x.count < y.count ? x.count : y.count);
    }
    free(x.items);
    free(y.items);
    return score;
}
