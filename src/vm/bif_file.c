/* bif_file.c - the file system primitives under File (src/lang/prelude/
 * 16_file.ex): whole-file reads and writes, directory listings, stat
 * types, removal, directories and the working directory.  Errors come
 * back as {:error, posix}, with the atoms and texts of OTP's :file. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ciex/buf.h"
#include "vm_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

static const struct posix_error {
    int code;
    const char *atom, *text;
} posix_errors[] = {
    {ENOENT, "enoent", "no such file or directory"},
    {EACCES, "eacces", "permission denied"},
    {EEXIST, "eexist", "file already exists"},
    {EISDIR, "eisdir", "illegal operation on a directory"},
    {ENOTDIR, "enotdir", "not a directory"},
    {ENOSPC, "enospc", "no space left on device"},
    {EROFS, "erofs", "read-only file system"},
    {EPERM, "eperm", "not owner"},
    {EBUSY, "ebusy", "file busy"},
    {ENAMETOOLONG, "enametoolong", "file name too long"},
    {ELOOP, "eloop", "too many levels of symbolic links"},
    {EINVAL, "einval", "invalid argument"},
    {EIO, "eio", "I/O error"},
    {EMFILE, "emfile", "too many open files"},
    {ENOTEMPTY, "eexist", "file already exists"}, /* as OTP reports a non-empty directory */
};

static term error_tuple(int code)
{
    for (size_t i = 0; i < sizeof posix_errors / sizeof *posix_errors; i++)
        if (posix_errors[i].code == code) return term_tuple2(term_atom("error"), term_atom(posix_errors[i].atom));
    return term_tuple2(term_atom("error"), term_atom("eio"));
}

/* The path as a C string; false for what is not a binary path (or holds
 * a NUL byte). */
static bool c_path(term t, char *out, size_t n)
{
    if (!term_is_binary(t)) return false;
    size_t len = term_binary_size(t);
    if (len == 0 || len >= n || memchr(term_binary_data(t), 0, len)) return false;
    memcpy(out, term_binary_data(t), len);
    out[len] = 0;
    return true;
}

#define PATH_ARG(i, name)                                                                                          \
    char name[PATH_MAX];                                                                                            \
    if (!c_path(a[i], name, sizeof name)) return vm_badarg(p)

/* :ciex.file_read(path): {:ok, binary} | {:error, posix} */
BIF(bif_file_read)
{
    PATH_ARG(0, path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *r = error_tuple(errno);
        return VM_OK;
    }
    ciex_buf b = {0};
    uint8_t chunk[65536];
    ssize_t k;
    while ((k = read(fd, chunk, sizeof chunk)) != 0) {
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) {
            int e = errno;
            close(fd);
            ciex_buf_free(&b);
            *r = error_tuple(e);
            return VM_OK;
        }
        ciex_buf_put(&b, chunk, (size_t)k);
    }
    close(fd);
    *r = term_tuple2(TERM_ATOM_OK, term_binary_new(b.data, b.len));
    ciex_buf_free(&b);
    return VM_OK;
}

/* :ciex.file_write(path, binary, append): :ok | {:error, posix} */
BIF(bif_file_write)
{
    PATH_ARG(0, path);
    if (!term_is_binary(a[1])) return vm_badarg(p);
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (a[2] == TERM_TRUE ? O_APPEND : O_TRUNC);
    int fd = open(path, flags, 0666);
    if (fd < 0) {
        *r = error_tuple(errno);
        return VM_OK;
    }
    const uint8_t *data = term_binary_data(a[1]);
    size_t left = term_binary_size(a[1]);
    while (left > 0) {
        ssize_t k = write(fd, data, left);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) {
            int e = errno;
            close(fd);
            *r = error_tuple(e);
            return VM_OK;
        }
        data += k;
        left -= (size_t)k;
    }
    *r = close(fd) == 0 ? TERM_ATOM_OK : error_tuple(errno);
    return VM_OK;
}

/* :ciex.file_type(path): :regular | :directory | :other | {:error, posix}
 * (following symbolic links, as File.regular?/dir? do) */
BIF(bif_file_type)
{
    PATH_ARG(0, path);
    struct stat st;
    if (stat(path, &st) != 0) *r = error_tuple(errno);
    else *r = term_atom(S_ISREG(st.st_mode) ? "regular" : S_ISDIR(st.st_mode) ? "directory" : "other");
    return VM_OK;
}

/* :ciex.file_ls(path): {:ok, [name]} | {:error, posix} */
BIF(bif_file_ls)
{
    PATH_ARG(0, path);
    DIR *d = opendir(path);
    if (!d) {
        *r = error_tuple(errno);
        return VM_OK;
    }
    term names = TERM_NIL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        names = term_cons_new(term_binary_from_cstr(e->d_name), names);
    }
    closedir(d);
    *r = term_tuple2(TERM_ATOM_OK, names);
    return VM_OK;
}

/* :ciex.file_rm(path), file_rmdir(path), file_mkdir(path): :ok | {:error, posix} */
BIF(bif_file_rm)
{
    PATH_ARG(0, path);
    *r = unlink(path) == 0 ? TERM_ATOM_OK : error_tuple(errno);
    return VM_OK;
}

BIF(bif_file_rmdir)
{
    PATH_ARG(0, path);
    *r = rmdir(path) == 0 ? TERM_ATOM_OK : error_tuple(errno);
    return VM_OK;
}

BIF(bif_file_mkdir)
{
    PATH_ARG(0, path);
    *r = mkdir(path, 0777) == 0 ? TERM_ATOM_OK : error_tuple(errno);
    return VM_OK;
}

/* :ciex.file_cwd(): {:ok, path} | {:error, posix} */
BIF(bif_file_cwd)
{
    (void)a;
    (void)p;
    char buf[PATH_MAX];
    *r = getcwd(buf, sizeof buf) ? term_tuple2(TERM_ATOM_OK, term_binary_from_cstr(buf)) : error_tuple(errno);
    return VM_OK;
}

/* :ciex.file_cd(path): :ok | {:error, posix} (the node's working
 * directory, as :file.set_cwd/1) */
BIF(bif_file_cd)
{
    PATH_ARG(0, path);
    *r = chdir(path) == 0 ? TERM_ATOM_OK : error_tuple(errno);
    return VM_OK;
}

/* :ciex.file_realpath(path): {:ok, path with links resolved} | {:error, posix} */
BIF(bif_file_realpath)
{
    PATH_ARG(0, path);
    char buf[PATH_MAX];
    *r = realpath(path, buf) ? term_tuple2(TERM_ATOM_OK, term_binary_from_cstr(buf)) : error_tuple(errno);
    return VM_OK;
}

/* :ciex.posix_text(posix): what :file.format_error/1 says of it */
BIF(bif_posix_text)
{
    if (!term_is_atom(a[0])) return vm_badarg(p);
    for (size_t i = 0; i < sizeof posix_errors / sizeof *posix_errors; i++)
        if (a[0] == term_atom(posix_errors[i].atom)) {
            *r = term_binary_from_cstr(posix_errors[i].text);
            return VM_OK;
        }
    *r = term_binary_from_cstr("unknown POSIX error");
    return VM_OK;
}

static const vm_bif_def file_bifs[] = {
    {"ciex", "file_read", 1, bif_file_read},   {"ciex", "file_write", 3, bif_file_write},
    {"ciex", "file_type", 1, bif_file_type},   {"ciex", "file_ls", 1, bif_file_ls},
    {"ciex", "file_cd", 1, bif_file_cd},       {"ciex", "file_realpath", 1, bif_file_realpath},
    {"ciex", "file_rm", 1, bif_file_rm},       {"ciex", "file_mkdir", 1, bif_file_mkdir},
    {"ciex", "file_cwd", 0, bif_file_cwd},     {"ciex", "posix_text", 1, bif_posix_text},
    {"ciex", "file_rmdir", 1, bif_file_rmdir},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_file_init(vm_runtime *rt);
void vm_bifs_file_init(vm_runtime *rt) { vm_register_bifs(rt, file_bifs); }
