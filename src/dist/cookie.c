/* cookie.c - the magic cookie and the handshake digest.
 *
 * Without --cookie, the cookie is ~/.erlang.cookie, created with 20 random
 * capital letters and mode 0400 when missing, as erl does.  The digest of
 * a challenge is MD5(cookie ++ decimal text of the challenge). */
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dist_internal.h"

static bool create_cookie(const char *path, char *out, size_t n, char *err, size_t errlen)
{
    uint8_t rnd[20];
    if (RAND_bytes(rnd, sizeof rnd) != 1) {
        snprintf(err, errlen, "cannot make a random cookie");
        return false;
    }
    char cookie[21];
    for (int i = 0; i < 20; i++) cookie[i] = (char)('A' + rnd[i] % 26);
    cookie[20] = '\0';
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0400);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
        return false;
    }
    bool ok = write(fd, cookie, 20) == 20;
    close(fd);
    if (!ok) {
        snprintf(err, errlen, "cannot write %s", path);
        return false;
    }
    snprintf(out, n, "%s", cookie);
    return true;
}

bool dist_read_cookie(char *out, size_t n, char *err, size_t errlen)
{
    const char *home = getenv("HOME");
    char path[1024];
    snprintf(path, sizeof path, "%s/.erlang.cookie", home ? home : ".");
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT) return create_cookie(path, out, n, err, errlen);
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return false;
    }
    char buf[256];
    size_t k = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[k] = '\0';
    /* the cookie is the first line, without trailing blanks */
    size_t len = strcspn(buf, "\r\n");
    while (len && (buf[len - 1] == ' ' || buf[len - 1] == '\t')) len--;
    buf[len] = '\0';
    snprintf(out, n, "%s", buf);
    return true;
}

void dist_digest(const char *cookie, uint32_t challenge, uint8_t out[16])
{
    char text[512];
    int n = snprintf(text, sizeof text, "%s%u", cookie, challenge);
    unsigned len = 16;
    EVP_Digest(text, (size_t)n, out, &len, EVP_md5(), NULL);
}
