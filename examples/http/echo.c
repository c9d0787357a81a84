// Echoes the request: method, path, query, the CGI variables a WAGI handler gets, and the body (from stdin).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static const char *env(const char *name) {
    const char *v = getenv(name);
    return v ? v : "";
}

int main(int argc, char **argv) {
    printf("Content-Type: text/plain; charset=utf-8\n");
    printf("X-Echo-Method: %s\n\n", env("REQUEST_METHOD"));
    printf("%s %s?%s\n", env("REQUEST_METHOD"), env("PATH_INFO"), env("QUERY_STRING"));
    for (int i = 0; i < argc; i++) {
        printf("argv[%d]=%s\n", i, argv[i]);
    }
    for (char **e = environ; *e; e++) {
        printf("%s\n", *e);
    }
    printf("body:");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
        fwrite(buf, 1, n, stdout);
    }
    printf("\n");
    return 0;
}
