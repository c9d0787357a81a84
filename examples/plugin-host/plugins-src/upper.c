/* Upper-cases its input (ASCII letters; other UTF-8 bytes pass through) and logs what it did. */
#include <stdio.h>
#include "plugin.h"

PLUGIN_EXPORT("transform") int64_t transform(const char *input, int32_t len) {
    char *out = malloc(len > 0 ? (size_t)len : 1);
    if (out == NULL) {
        return plugin_result(NULL, 0);
    }
    int changed = 0;
    for (int32_t i = 0; i < len; i++) {
        char c = input[i];
        if (c >= 'a' && c <= 'z') {
            c = (char)(c - 'a' + 'A');
            changed++;
        }
        out[i] = c;
    }
    char line[64];
    snprintf(line, sizeof line, "upper-cased %d of %d bytes", changed, (int)len);
    plugin_log(line);
    return plugin_result(out, len);
}
