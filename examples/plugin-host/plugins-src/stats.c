/* Counts the words, lines and bytes of its input. Reads its output format from the host's configuration
 * ("stats.format": "text" or "json") and stamps the result with the host's clock; reports through WASI stderr. */
#include <stdio.h>
#include "plugin.h"

static char result[256];

PLUGIN_EXPORT("transform") int64_t transform(const char *input, int32_t len) {
    int words = 0, lines = 0, in_word = 0;
    for (int32_t i = 0; i < len; i++) {
        char c = input[i];
        int space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (c == '\n') {
            lines++;
        }
        if (!space && !in_word) {
            words++;
        }
        in_word = !space;
    }
    if (len > 0 && input[len - 1] != '\n') {
        lines++;
    }

    char format[16] = "text";
    int32_t n = host_config("stats.format", 12, format, (int32_t)sizeof format - 1);
    if (n >= 0 && n < (int32_t)sizeof format) {
        format[n] = '\0';
    }

    long long now = (long long)host_now();
    int written = strcmp(format, "json") == 0
        ? snprintf(result, sizeof result, "{\"words\":%d,\"lines\":%d,\"bytes\":%d,\"at\":%lld}", words, lines, (int)len, now)
        : snprintf(result, sizeof result, "%d words, %d lines, %d bytes (at %lld ms)", words, lines, (int)len, now);
    fprintf(stderr, "stats: format %s\n", format);
    return plugin_result(result, written);
}
