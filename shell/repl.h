/* repl.h - the interactive shell. */
#ifndef CIEX_REPL_H
#define CIEX_REPL_H

#include "ciex/vm.h"

/* Runs the shell until end of input or exit; node_label is "" or the
 * node name shown in prompts (foo@host).  Returns the exit status. */
int repl_run(vm_runtime *rt, const char *node_label);

#endif
