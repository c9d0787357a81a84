// Serves a file from the directory the manifest maps into the guest (/static): the path after the route.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    const char *info = getenv("PATH_INFO");
    char path[512];
    snprintf(path, sizeof path, "/static%s", info && *info ? info : "/index.txt");
    if (strstr(path, "..")) {
        fputs("Status: 400 Bad Request\nContent-Type: text/plain\n\nno ..\n", stdout);
        return 0;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        fputs("Status: 404 Not Found\nContent-Type: text/plain\n\nnot found\n", stdout);
        return 0;
    }
    fputs("Content-Type: text/plain\n\n", stdout);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        fwrite(buf, 1, n, stdout);
    }
    fclose(f);
    return 0;
}
