/* page.h - `ciex --replay LESSON --html OUT.html`: the lesson as one
 * self-contained page, its prose, every input with its output and
 * whether it held, and the distribution messages each input made the
 * nodes exchange drawn as message-sequence diagrams (docs/replay.md). */
#ifndef CIEX_SHELL_PAGE_H
#define CIEX_SHELL_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "transcript.h"

typedef struct page_node {
    const char *local;  /* its name on this machine, as traces write it: "foo@vm" */
    const char *shown;  /* as the lesson writes it: "foo@pathfinder" */
    bool beam;          /* real iex: it writes no trace */
    const char *trace;  /* its --trace-dist file, or NULL */
} page_node;

/* What became of each step of the transcript (indexed as t->steps). */
typedef struct page_step {
    bool sent;          /* an input sent, or a failure directive carried out */
    bool failed;        /* its output or prompt counter did not hold */
    long long t_us;     /* when (the wall clock of the traces) */
    char *output;       /* what the node printed (prompts left out), or NULL */
} page_step;

typedef struct page_lesson {
    const char *file;
    bool markdown;
    const transcript *t;
    const page_step *steps;
    const page_node *nodes;
    size_t nnodes;
    long long end_us;   /* when the replay began to stop the nodes: the last input's messages end there */
    const char *probe;  /* the replay's probe node: its traffic is not the lesson's */
    bool global_detail; /* --html-global: :global's connection protocol message by message */
    const char *local_host;
    char *const *node_names; /* the lesson's "name@host" of each node, to write local names back */
    size_t nnode_names;
} page_lesson;

/* Writes the page to out; false with a message on stderr when it cannot. */
bool page_write(const page_lesson *l, const char *out);

/* Text into HTML (and SVG): &, <, >, quotes escaped; the _short form
 * keeps at most max characters and ends in … when it cut. */
void page_esc(FILE *f, const char *s);
void page_esc_short(FILE *f, const char *s, size_t max);

#endif
