/* utf8.c - UTF-8 decoding and encoding shared by atoms, strings and inspect. */
#include "ciex/term.h"

int32_t term_utf8_decode(const uint8_t *s, size_t len, size_t *pos)
{
    size_t i = *pos;
    if (i >= len) return -1;
    uint8_t c = s[i];
    int32_t cp;
    size_t n;
    if (c < 0x80) { *pos = i + 1; return c; }
    if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; n = 1; }
    else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; n = 2; }
    else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; n = 3; }
    else return -1;
    if (i + n >= len) return -1; /* truncated sequence */
    for (size_t k = 1; k <= n; k++) {
        uint8_t cc = s[i + k];
        if ((cc & 0xC0) != 0x80) return -1;
        cp = (cp << 6) | (cc & 0x3F);
    }
    /* reject overlong forms, surrogates and values past U+10FFFF */
    static const int32_t min_for_len[4] = {0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
    *pos = i + n + 1;
    return cp;
}

size_t term_utf8_encode(int32_t cp, uint8_t out[4])
{
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    if (cp < 0x80) { out[0] = (uint8_t)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (uint8_t)(0xC0 | (cp >> 6));
        out[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (uint8_t)(0xE0 | (cp >> 12));
        out[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (uint8_t)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (uint8_t)(0xF0 | (cp >> 18));
    out[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (uint8_t)(0x80 | (cp & 0x3F));
    return 4;
}

bool term_utf8_valid(const uint8_t *s, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        if (s[pos] < 0x80) { pos++; continue; }
        if (term_utf8_decode(s, len, &pos) < 0) return false;
    }
    return true;
}
