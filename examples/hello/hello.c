/* The first program to run on Kiln: prints a greeting, its arguments, one environment variable,
 * and the files of the directory preopened as /data (if any), through WASI preview 1. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    printf("Hello from WebAssembly on Kiln!\n");
    for (int i = 1; i < argc; i++) {
        printf("arg %d: %s\n", i, argv[i]);
    }
    const char *name = getenv("NAME");
    if (name != NULL) {
        printf("NAME=%s\n", name);
    }
    DIR *dir = opendir("/data");
    if (dir != NULL) {
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (e->d_name[0] != '.') {
                printf("/data/%s\n", e->d_name);
            }
        }
        closedir(dir);
    }
    return 0;
}
