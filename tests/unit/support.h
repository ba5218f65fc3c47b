/* support.h - helpers shared by the unit tests. */
#ifndef CIEX_TEST_SUPPORT_H
#define CIEX_TEST_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

/* Path of a file under tests/ (CIEX_TEST_DATA), in a static buffer. */
const char *test_data_path(const char *relative);
/* Reads a whole file; returns NULL when missing.  Caller frees. */
char *test_read_file(const char *path, size_t *len);
/* Decodes lowercase hex into a fresh buffer; returns NULL on bad hex. */
uint8_t *test_unhex(const char *hex, size_t hexlen, size_t *len);

#endif
