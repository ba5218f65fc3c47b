/* alloc.c - the allocation functions of ciex and what happens when
 * memory runs out.
 *
 * The BEAM ends with a line that says which allocation failed, how large
 * it was and of what type ("binary_alloc: Cannot allocate 2500000000
 * bytes of memory (of type "binary").") before it exits; ciex says the
 * same, with its own name, and aborts (a core dump is its crash dump).
 * The message is formatted on the stack and written with write(2): the
 * allocator may be what is out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ciex/term.h"

_Noreturn void ciex_out_of_memory(const char *what, size_t bytes, bool reallocating)
{
    char line[256], size[32] = "";
    if (bytes) snprintf(size, sizeof size, " %zu bytes of", bytes); /* 0: a library's, size unknown */
    int n = snprintf(line, sizeof line, "ciex: Cannot %s%s memory (of type \"%s\").\n",
                     reallocating ? "reallocate" : "allocate", size, what);
    if (n > 0) {
        size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
        ssize_t w = write(2, line, len);
        (void)w;
    }
    abort();
}

void *ciex_xmalloc(size_t bytes, const char *what)
{
    void *p = malloc(bytes ? bytes : 1);
    if (!p) ciex_out_of_memory(what, bytes, false);
    return p;
}

void *ciex_xcalloc(size_t count, size_t size, const char *what)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) {
        size_t bytes = count && size > SIZE_MAX / count ? SIZE_MAX : count * size;
        ciex_out_of_memory(what, bytes, false);
    }
    return p;
}

void *ciex_xrealloc(void *p, size_t bytes, const char *what)
{
    void *q = realloc(p, bytes ? bytes : 1);
    if (!q) ciex_out_of_memory(what, bytes, p != NULL);
    return q;
}

char *ciex_xstrdup(const char *s, const char *what)
{
    size_t n = strlen(s) + 1;
    char *d = ciex_xmalloc(n, what);
    memcpy(d, s, n);
    return d;
}

char *ciex_xstrndup(const char *s, size_t n, const char *what)
{
    size_t len = strnlen(s, n);
    char *d = ciex_xmalloc(len + 1, what);
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}
