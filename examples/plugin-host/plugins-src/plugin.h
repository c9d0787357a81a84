/* The plugin ABI of examples/plugin-host (see ../README.md), for plugins written in C.
 * Include it once per plugin; define `transform` and nothing else is needed. */
#ifndef PLUGIN_H
#define PLUGIN_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PLUGIN_IMPORT(name) __attribute__((import_module("host"), import_name(name)))
#define PLUGIN_EXPORT(name) __attribute__((export_name(name)))

/* Host functions. */
PLUGIN_IMPORT("log") void host_log(const char *ptr, int32_t len);
PLUGIN_IMPORT("now") int64_t host_now(void);
PLUGIN_IMPORT("config") int32_t host_config(const char *key, int32_t key_len, char *buf, int32_t cap);

/* The host asks for a buffer for the input string; it stays the plugin's to free. */
PLUGIN_EXPORT("alloc") void *plugin_alloc(int32_t len) { return malloc(len > 0 ? (size_t)len : 1); }

/* The result of transform: address and length of the UTF-8 output, packed as (ptr << 32) | len. */
static inline int64_t plugin_result(const char *ptr, int32_t len) {
    return (int64_t)(((uint64_t)(uintptr_t)ptr << 32) | (uint32_t)len);
}

static inline void plugin_log(const char *text) { host_log(text, (int32_t)strlen(text)); }

#endif
