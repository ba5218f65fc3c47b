/* mutation_driver.c - a small stand-in for libFuzzer's driver, used when
 * the fuzz targets are built by a compiler without -fsanitize=fuzzer.
 *
 * It accepts the libFuzzer command line the test suite passes
 * (`-runs=N [-flags...] DIR...`), feeds every file of the directories to
 * the target, then runs N mutations of them (bit flips, byte changes,
 * insertions, deletions, splices, truncations) with a fixed seed, so a
 * failure reproduces. */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct corpus {
    uint8_t **items;
    size_t *sizes;
    size_t n, cap;
} corpus;

static void corpus_add(corpus *c, uint8_t *data, size_t size)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->items = realloc(c->items, c->cap * sizeof *c->items);
        c->sizes = realloc(c->sizes, c->cap * sizeof *c->sizes);
    }
    c->items[c->n] = data;
    c->sizes[c->n++] = size;
}

static void load_dir(corpus *c, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        uint8_t *buf = malloc(1 << 20);
        size_t n = fread(buf, 1, 1 << 20, f);
        fclose(f);
        corpus_add(c, buf, n);
    }
    closedir(d);
}

/* The input under test, printed in hex if the target crashes on it. */
static const uint8_t *current;
static size_t current_size;

static void report_crash(int sig)
{
    static const char digits[] = "0123456789abcdef";
    char line[2 * 4096 + 64];
    size_t n = 0;
    const char *msg = "\nmutation driver: crash on input (hex): ";
    while (*msg) line[n++] = *msg++;
    for (size_t i = 0; i < current_size && i < 4096; i++) {
        line[n++] = digits[current[i] >> 4];
        line[n++] = digits[current[i] & 15];
    }
    line[n++] = '\n';
    if (write(2, line, n) < 0) { /* nothing more to do */ }
    signal(sig, SIG_DFL);
    raise(sig);
}

static int run_one(const uint8_t *data, size_t size)
{
    current = data;
    current_size = size;
    return LLVMFuzzerTestOneInput(data, size);
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* One random mutation of src into dst (capacity cap); returns the size. */
static size_t mutate(const corpus *c, const uint8_t *src, size_t n, uint8_t *dst, size_t cap)
{
    if (n > cap) n = cap;
    memcpy(dst, src, n);
    static const uint8_t interesting[] = {0, 1, 0x7f, 0x80, 0xff, 97, 98, 104, 105, 106, 107, 108, 109, 110, 111, 116, 118, 119, 88, 90, 112, 113, 131, 80};
    int rounds = 1 + (int)(rng() % 4);
    for (int r = 0; r < rounds; r++) {
        size_t pos = n ? rng() % n : 0;
        switch (rng() % 7) {
        case 0: if (n) dst[pos] ^= (uint8_t)(1u << (rng() % 8)); break;
        case 1: if (n) dst[pos] = interesting[rng() % sizeof interesting]; break;
        case 2: if (n) dst[pos] = (uint8_t)rng(); break;
        case 3: if (n < cap) { memmove(dst + pos + 1, dst + pos, n - pos); dst[pos] = (uint8_t)rng(); n++; } break;
        case 4: if (n) { memmove(dst + pos, dst + pos + 1, n - pos - 1); n--; } break;
        case 5: n = pos; break;
        case 6: {
            size_t k = rng() % c->n;
            size_t take = c->sizes[k] ? rng() % c->sizes[k] : 0;
            if (pos + take > cap) take = cap - pos;
            memcpy(dst + pos, c->items[k] + (c->sizes[k] - take), take);
            if (pos + take > n) n = pos + take;
            break;
        }
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    long runs = 100000;
    corpus c = {0};
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "-runs=", 6) == 0) runs = atol(argv[i] + 6);
        else if (argv[i][0] != '-') load_dir(&c, argv[i]);
    }
    static const uint8_t empty[1] = {131};
    if (c.n == 0) corpus_add(&c, memcpy(malloc(1), empty, 1), 1);
    signal(SIGABRT, report_crash);
    signal(SIGSEGV, report_crash);
    for (size_t i = 0; i < c.n; i++) run_one(c.items[i], c.sizes[i]);
    size_t cap = 1 << 16;
    uint8_t *buf = malloc(cap);
    for (long r = 0; r < runs; r++) {
        size_t k = rng() % c.n;
        size_t n = mutate(&c, c.items[k], c.sizes[k], buf, cap);
        run_one(buf, n);
    }
    printf("mutation driver: %zu seeds, %ld mutated inputs, no failure\n", c.n, runs);
    for (size_t i = 0; i < c.n; i++) free(c.items[i]);
    free(c.items);
    free(c.sizes);
    free(buf);
    return 0;
}
