/* poller.c - the watched descriptors and the wait for their readiness.
 *
 * The event loop (scheduler.c) is the one place that waits on
 * descriptors; this file is how.  Watches live in a table indexed by the
 * descriptor, so adding, changing and removing one costs the same however
 * many there are, and a watch whose events do not change costs no system
 * call (a connection re-watches itself after every flush).
 *
 * On Linux the kernel keeps the set (epoll, level-triggered, which
 * behaves as poll() does): a wait costs what is ready, not what is
 * watched, so idle connections cost nothing.  Elsewhere, or with
 * CIEX_POLLER=poll in the environment, poll() on a dense array of every
 * watched descriptor is the fallback.  epoll refuses regular files (stdin
 * redirected from a file): those are always ready, as poll() says, and
 * are reported by every wait without sleeping.
 *
 * Callbacks may watch and unwatch anything, close descriptors and open
 * new ones that get the same numbers: what a wait found is copied first,
 * each with the generation of its watch, and an entry whose watch was
 * removed or replaced since is skipped. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/epoll.h>
#endif

#include "vm_internal.h"

/* Descriptors handled per wait; more that are ready wait for the next one
 * (level-triggered: nothing is lost). */
#define READY_MAX 256

static void *grow(void *p, uint32_t *cap, uint32_t need, size_t size)
{
    if (need <= *cap) return p;
    uint32_t n = *cap ? *cap : 16;
    while (n < need) n *= 2;
    p = ciex_xrealloc(p, (size_t)n * size, "poller");
    memset((char *)p + (size_t)*cap * size, 0, (size_t)(n - *cap) * size);
    *cap = n;
    return p;
}

static bool use_epoll(vm_poller *pl)
{
#ifdef __linux__
    if (!pl->started) {
        pl->started = true;
        const char *want = getenv("CIEX_POLLER");
        pl->epfd = want && strcmp(want, "poll") == 0 ? -1 : epoll_create1(EPOLL_CLOEXEC);
    }
    return pl->epfd >= 0;
#else
    pl->started = true;
    pl->epfd = -1;
    return false;
#endif
}

#ifdef __linux__
static uint32_t to_epoll(short events)
{
    return (events & POLLIN ? EPOLLIN : 0) | (events & POLLOUT ? EPOLLOUT : 0);
}

static short from_epoll(uint32_t events)
{
    return (short)((events & EPOLLIN ? POLLIN : 0) | (events & EPOLLOUT ? POLLOUT : 0) |
                   (events & EPOLLERR ? POLLERR : 0) | (events & EPOLLHUP ? POLLHUP : 0));
}

/* Tells the kernel; the descriptor may already be closed (then it left
 * the set by itself) or may be a new one with a number the set knew. */
static void epoll_apply(vm_poller *pl, int fd, short events, uint32_t gen, bool is_new)
{
    vm_watch *w = &pl->watches[fd];
    struct epoll_event ev = {.events = to_epoll(events), .data.u64 = (uint64_t)gen << 32 | (uint32_t)fd};
    if (events == 0) {
        if (w->always_ready) {
            w->always_ready = false;
            pl->nalways--;
        }
        epoll_ctl(pl->epfd, EPOLL_CTL_DEL, fd, &ev);
        return;
    }
    if (w->always_ready) return;
    int op = is_new ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    if (epoll_ctl(pl->epfd, op, fd, &ev) == 0) return;
    if (errno == EEXIST) {
        epoll_ctl(pl->epfd, EPOLL_CTL_MOD, fd, &ev);
    } else if (errno == ENOENT) {
        if (epoll_ctl(pl->epfd, EPOLL_CTL_ADD, fd, &ev) == 0) return;
    }
    if (errno == EPERM) { /* a regular file */
        w->always_ready = true;
        pl->nalways++;
    }
}
#endif

static void watch_set(vm_runtime *rt, int fd, short events, vm_fd_fn fn, vm_fd_events_fn efn, void *ctx)
{
    vm_poller *pl = &rt->poller;
    if (fd < 0 || events == 0) return;
    pl->watches = grow(pl->watches, &pl->watches_cap, (uint32_t)fd + 1, sizeof *pl->watches);
    vm_watch *w = &pl->watches[fd];
    bool is_new = w->events == 0;
    short before = w->events;
    w->fn = fn;
    w->efn = efn;
    w->ctx = ctx;
    w->events = events;
    if (is_new) {
        w->gen = ++pl->next_gen;
        pl->nwatches++;
    }
    if (use_epoll(pl)) {
#ifdef __linux__
        if (is_new || before != events) epoll_apply(pl, fd, events, w->gen, is_new);
#endif
        return;
    }
    if (is_new) {
        pl->pfds = grow(pl->pfds, &pl->pfds_cap, pl->npfds + 1, sizeof *pl->pfds);
        w->pos = pl->npfds++;
    }
    pl->pfds[w->pos] = (struct pollfd){fd, events, 0};
}

void vm_watch_fd(vm_runtime *rt, int fd, vm_fd_fn fn, void *ctx) { watch_set(rt, fd, POLLIN, fn, NULL, ctx); }

void vm_watch_fd_events(vm_runtime *rt, int fd, short events, vm_fd_events_fn fn, void *ctx)
{
    watch_set(rt, fd, events, NULL, fn, ctx);
}

void vm_unwatch_fd(vm_runtime *rt, int fd)
{
    vm_poller *pl = &rt->poller;
    if (fd < 0 || (uint32_t)fd >= pl->watches_cap || pl->watches[fd].events == 0) return;
    vm_watch *w = &pl->watches[fd];
    if (use_epoll(pl)) {
#ifdef __linux__
        epoll_apply(pl, fd, 0, w->gen, false);
#endif
    } else {
        /* the last one takes its place */
        struct pollfd last = pl->pfds[--pl->npfds];
        if (w->pos != pl->npfds) {
            pl->pfds[w->pos] = last;
            pl->watches[last.fd].pos = w->pos;
        }
    }
    *w = (vm_watch){0};
    pl->nwatches--;
}

uint32_t vm_watch_count(const vm_runtime *rt) { return rt->poller.nwatches; }

/* What a wait found, kept until the callbacks run. */
static void ready_add(vm_poller *pl, int fd, short revents)
{
    pl->ready = grow(pl->ready, &pl->ready_cap, pl->nready + 1, sizeof *pl->ready);
    pl->ready[pl->nready++] = (vm_ready){fd, revents, pl->watches[fd].gen};
}

/* With several scheduler threads the runtime lock is let go for the
 * system call only, so that they go on running processes meanwhile; the
 * table is read again under the lock. */
static int wait_ready(vm_runtime *rt, int timeout_ms)
{
    vm_poller *pl = &rt->poller;
    pl->nready = 0;
#ifdef __linux__
    if (pl->epfd >= 0) {
        struct epoll_event evs[READY_MAX];
        int t = pl->nalways ? 0 : timeout_ms;
        vm_unlock(rt);
        int n = epoll_wait(pl->epfd, evs, READY_MAX, t);
        int err = errno;
        vm_lock(rt);
        errno = err;
        for (int i = 0; i < n; i++) {
            int fd = (int)(uint32_t)evs[i].data.u64;
            uint32_t gen = (uint32_t)(evs[i].data.u64 >> 32);
            if ((uint32_t)fd < pl->watches_cap && pl->watches[fd].gen == gen) ready_add(pl, fd, from_epoll(evs[i].events));
        }
        /* few (stdin at most): a walk of the table finds them */
        for (uint32_t fd = 0, left = n < 0 ? 0 : pl->nalways; left > 0 && fd < pl->watches_cap; fd++)
            if (pl->watches[fd].always_ready) {
                ready_add(pl, (int)fd, pl->watches[fd].events);
                left--;
                n++;
            }
        return n;
    }
#endif
    if (!rt->threaded) {
        int n = poll(pl->pfds, pl->npfds, timeout_ms);
        for (uint32_t i = 0; n > 0 && i < pl->npfds; i++)
            if (pl->pfds[i].revents) ready_add(pl, pl->pfds[i].fd, pl->pfds[i].revents);
        return n;
    }
    /* the table may change while the lock is let go: wait on a copy */
    uint32_t count = pl->npfds;
    struct pollfd *copy = ciex_xmalloc((count ? count : 1) * sizeof *copy, "poller");
    memcpy(copy, pl->pfds, count * sizeof *copy);
    vm_unlock(rt);
    int n = poll(copy, count, timeout_ms);
    int err = errno;
    vm_lock(rt);
    errno = err;
    for (uint32_t i = 0; n > 0 && i < count; i++) {
        int fd = copy[i].fd;
        if (copy[i].revents && (uint32_t)fd < pl->watches_cap && pl->watches[fd].events) ready_add(pl, fd, copy[i].revents);
    }
    free(copy);
    return n;
}

int vm_poll(vm_runtime *rt, int timeout_ms)
{
    vm_poller *pl = &rt->poller;
    use_epoll(pl);
    int n = wait_ready(rt, timeout_ms);
    if (n < 0) return errno == EINTR ? 0 : -1;
    /* the callbacks may change the table and start other waits: take the
     * list of what was found before calling any */
    uint32_t count = pl->nready;
    vm_ready batch[READY_MAX], *found = count <= READY_MAX ? batch : ciex_xmalloc(count * sizeof *found, "poller");
    if (count) memcpy(found, pl->ready, count * sizeof *found);
    for (uint32_t i = 0; i < count; i++) {
        int fd = found[i].fd;
        vm_watch *w = &pl->watches[fd];
        if (w->events == 0 || w->gen != found[i].gen) continue; /* gone or replaced meanwhile */
        if (w->efn) w->efn(rt, fd, found[i].revents, w->ctx);
        else w->fn(rt, fd, w->ctx);
    }
    if (found != batch) free(found);
    return (int)count;
}

void vm_poller_free(vm_runtime *rt)
{
    vm_poller *pl = &rt->poller;
    if (pl->started && pl->epfd >= 0) close(pl->epfd);
    free(pl->watches);
    free(pl->pfds);
    free(pl->ready);
    *pl = (vm_poller){0};
}
