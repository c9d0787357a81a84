// A Location header without a Status: the server answers 302 (as CGI and Spin's WAGI executor do).
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    const char *to = getenv("X_PATH_MATCH_TARGET");
    printf("Location: /%s\n\n", to ? to : "");
    return 0;
}
