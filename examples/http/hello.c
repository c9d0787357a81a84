// The smallest WAGI handler: CGI headers, a blank line, the body.
#include <stdio.h>

int main(void) {
    fputs("Content-Type: text/plain\n\nHello from Kiln!\n", stdout);
    return 0;
}
