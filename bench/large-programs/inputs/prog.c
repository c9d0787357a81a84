#include <stdio.h>
#include <string.h>
#include <stdlib.h>

struct node { int key; struct node *left, *right; };

static struct node *insert(struct node *t, int key) {
    if (!t) { t = calloc(1, sizeof *t); t->key = key; return t; }
    if (key < t->key) t->left = insert(t->left, key); else t->right = insert(t->right, key);
    return t;
}

static int depth(const struct node *t) {
    if (!t) return 0;
    int l = depth(t->left), r = depth(t->right);
    return 1 + (l > r ? l : r);
}

int main(int argc, char **argv) {
    struct node *root = NULL;
    unsigned x = 12345;
    for (int i = 0; i < 1000; i++) { x = x * 1103515245u + 12345u; root = insert(root, (int)(x >> 8)); }
    printf("depth %d, args %d, %s\n", depth(root), argc, argc > 1 ? argv[1] : "none");
    return strlen(argv[0]) > 100;
}
