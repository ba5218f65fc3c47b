/* support.c - helpers shared by the unit tests. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>

const char *test_data_path(const char *relative)
{
    static char buf[4096];
    const char *root = getenv("CIEX_TEST_DATA");
    snprintf(buf, sizeof buf, "%s/%s", root ? root : "tests", relative);
    return buf;
}

char *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) buf = realloc(buf, (cap *= 2) + 1);
    }
    fclose(f);
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

uint8_t *test_unhex(const char *hex, size_t hexlen, size_t *len)
{
    if (hexlen % 2) return NULL;
    uint8_t *out = malloc(hexlen / 2 + 1);
    for (size_t i = 0; i < hexlen / 2; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            free(out);
            return NULL;
        }
        out[i] = (uint8_t)(hi * 16 + lo);
    }
    *len = hexlen / 2;
    return out;
}
