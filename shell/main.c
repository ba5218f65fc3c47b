/* main.c - the ciex command: option parsing and dispatch to the shell. */
#include <stdio.h>
#include <string.h>

#include "ciex/term.h"
#include "ciex/version.h"

static void print_usage(FILE *out)
{
    fputs("Usage: ciex [options]\n"
          "\n"
          "  --version     print the version and exit\n"
          "  --help        print this help and exit\n",
          out);
}

int main(int argc, char **argv)
{
    term_init();
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-v") == 0) {
            printf("ciex %s\n", CIEX_VERSION);
            return 0;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_usage(stdout);
            return 0;
        }
        fprintf(stderr, "ciex: unknown option '%s'\n", argv[i]);
        print_usage(stderr);
        return 1;
    }
    fputs("ciex: the interactive shell is not built yet; see --help\n", stderr);
    return 1;
}
