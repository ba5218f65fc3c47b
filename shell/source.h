/* source.h - source files and shell inputs: reading, compiling, running. */
#ifndef CIEX_SHELL_SOURCE_H
#define CIEX_SHELL_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "ciex/buf.h"
#include "ciex/vm.h"

/* The whole file, NUL-terminated; NULL (errno set) when unreadable. */
char *shell_read_file(const char *path, size_t *len);

/* Parses and compiles src as top-level code of `file`.  In shell mode the
 * input is an iex prompt's: IEx.Helpers is imported and h/1's argument is
 * quoted, as iex's h macro does.  On success returns the code and, when
 * modules is not NULL, stores the list of modules src defines (owned).
 * On an error returns NULL with iex's text for it put in err (any bytes
 * of the source line it shows, however long). */
vm_code *shell_compile(vm_runtime *rt, const char *src, size_t len, const char *file, int first_line, bool shell,
                       term binding_names, term *modules, ciex_buf *err);


/* Runs src (a file or an -e expression) as `elixir` does: an uncaught
 * error is printed and ends the program with status 1.  Returns the exit
 * status. */
int shell_run_source(vm_runtime *rt, const char *src, size_t len, const char *file);
int shell_run_file(vm_runtime *rt, const char *path);

/* lib/ (recursively, *.ex) of the current directory, sorted (a NULL-terminated array
 * to free with shell_free_paths), or NULL when there is no Mix project
 * here (neither mix.exs nor lib/). */
char **shell_mix_files(size_t *n);
void shell_free_paths(char **paths);

/* `-S mix`: compiles and loads the project; `announce` prints Mix's
 * "Compiling N files (.ex)".  Returns the exit status. */
int shell_load_mix_project(vm_runtime *rt, bool announce);

#endif
