/* introspect.h - loaded modules and their exports, for completion and helpers. */
#ifndef CIEX_SHELL_INTROSPECT_H
#define CIEX_SHELL_INTROSPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "ciex/vm.h"

/* Every module name (atoms, sorted), BIF-only modules included. */
term shell_loaded_modules(vm_runtime *rt);
bool shell_module_exists(vm_runtime *rt, term mod);
/* The exported functions of mod as a sorted list of {name, arity}. */
term shell_module_exports(vm_runtime *rt, term mod);
/* Loaded modules (compiled code, not BIF-only names). */
size_t shell_module_count(vm_runtime *rt);

#endif
