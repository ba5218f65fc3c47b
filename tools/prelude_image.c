/* prelude_image.c - the build step that compiles the prelude once.
 *
 * Usage: prelude_image OUT.c
 * Compiles the embedded prelude in a runtime set up as the ciex command
 * sets up its own, and writes the image of the compiled code as a C source
 * that is linked into ciex (see src/lang/prelude.c). */
#include <stdio.h>

#include "ciex/lang.h"
#include "ciex/term.h"
#include "ciex/vm.h"
#include "repl.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUT.c\n", argv[0]);
        return 2;
    }
    term_init();
    vm_runtime *rt = shell_runtime_new();
    char err[512];
    bool ok = lang_write_prelude_image(rt, argv[1], err, sizeof err);
    if (!ok) fprintf(stderr, "prelude_image: %s\n", err);
    vm_runtime_free(rt);
    return ok ? 0 : 1;
}
