/* cookie.c - the magic cookie and the handshake digest.
 *
 * Without --cookie, the cookie is ~/.erlang.cookie, created with 20 random
 * capital letters and mode 0400 when missing, read and checked by erl's
 * rules (kernel's auth.erl).  The digest of a challenge is MD5(cookie ++
 * decimal text of the challenge). */
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
        snprintf(err, errlen, "Failed to create cookie file '%s': %s", path, strerror(errno));
        return false;
    }
    bool ok = write(fd, cookie, 20) == 20;
    close(fd);
    if (!ok) {
        snprintf(err, errlen, "Failed to write to cookie file '%s'", path);
        return false;
    }
    snprintf(out, n, "%s", cookie);
    return true;
}

/* Reads the cookie file as erl's auth does: a regular file that only its
 * owner may access; the cookie is its printable characters (space to ~)
 * up to the first other one, after which only newlines, CRs and spaces
 * may follow; it may not be empty, nor longer than an atom (255
 * characters: erl fails then).  Returns 1 with the cookie, 0 when there
 * is no such file, -1 with erl's message for what is wrong. */
static int read_cookie_file(const char *path, char *out, size_t n, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return 0;
        snprintf(err, errlen, "Error when reading %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        snprintf(err, errlen, "Cookie file %s is of type %s", path, S_ISDIR(st.st_mode) ? "directory" : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "device" : "other");
        return -1;
    }
    if (st.st_mode & 077) {
        close(fd);
        snprintf(err, errlen, "Cookie file %s must be accessible by owner only", path);
        return -1;
    }
    FILE *f = fdopen(fd, "r");
    if (!f) {
        close(fd);
        snprintf(err, errlen, "Error when reading %s: %s", path, strerror(errno));
        return -1;
    }
    char cookie[256];
    size_t len = 0;
    bool in_cookie = true, bad = false, too_long = false;
    for (int c; (c = getc(f)) != EOF && !bad;) {
        if (in_cookie && c >= ' ' && c <= '~') {
            if (len < sizeof cookie - 1) cookie[len++] = (char)c;
            else too_long = true;
        } else {
            in_cookie = false;
            bad = c != '\n' && c != '\r' && c != ' ';
        }
    }
    fclose(f);
    cookie[len] = '\0';
    if (bad) snprintf(err, errlen, "Bad characters in cookie");
    else if (len == 0) snprintf(err, errlen, "Too short cookie string");
    else if (too_long) snprintf(err, errlen, "Cookie in %s is longer than 255 characters", path);
    if (bad || len == 0 || too_long) return -1;
    snprintf(out, n, "%s", cookie);
    return 1;
}

/* The cookie without --cookie, where erl looks: ~/.erlang.cookie, then
 * $XDG_CONFIG_HOME/erlang/.erlang.cookie (~/.config/...); when neither
 * exists, a new ~/.erlang.cookie.  Without a home there is none: erl
 * does not start distribution then, nor do we. */
bool dist_read_cookie(char *out, size_t n, char *err, size_t errlen)
{
    const char *home = getenv("HOME");
    if (!home || !*home) {
        snprintf(err, errlen, "No home for cookie file");
        return false;
    }
    char path[1024], xdg[1024];
    snprintf(path, sizeof path, "%s/.erlang.cookie", home);
    const char *config = getenv("XDG_CONFIG_HOME");
    if (config && *config) snprintf(xdg, sizeof xdg, "%s/erlang/.erlang.cookie", config);
    else snprintf(xdg, sizeof xdg, "%s/.config/erlang/.erlang.cookie", home);
    int found = read_cookie_file(path, out, n, err, errlen);
    if (found == 0) found = read_cookie_file(xdg, out, n, err, errlen);
    if (found == 0) return create_cookie(path, out, n, err, errlen);
    return found > 0;
}

bool dist_check_cookie(const char *cookie, char *err, size_t errlen)
{
    if (strlen(cookie) > 255) {
        snprintf(err, errlen, "the cookie is longer than 255 characters");
        return false;
    }
    return true;
}

const char *dist_cookie_for(const dist *d, term node)
{
    for (size_t i = 0; i < d->nnode_cookies; i++)
        if (d->node_cookies[i].node == node) return d->node_cookies[i].cookie;
    return d->cookie;
}

void dist_set_node_cookie(dist *d, term node, const char *cookie)
{
    size_t i = 0;
    while (i < d->nnode_cookies && d->node_cookies[i].node != node) i++;
    if (i == d->nnode_cookies) {
        struct dist_node_cookie *more = ciex_xrealloc(d->node_cookies, (i + 1) * sizeof *more, "cookie");
        d->node_cookies = more;
        d->nnode_cookies++;
        more[i].node = node;
    }
    snprintf(d->node_cookies[i].cookie, sizeof d->node_cookies[i].cookie, "%s", cookie);
}

void dist_digest(const char *cookie, uint32_t challenge, uint8_t out[16])
{
    char text[512];
    int n = snprintf(text, sizeof text, "%s%u", cookie, challenge);
    unsigned len = 16;
    EVP_Digest(text, (size_t)n, out, &len, EVP_md5(), NULL);
}
