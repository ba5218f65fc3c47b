/* transcript.h - a multi-node iex session as text, read for replaying.
 *
 * The format is the one iex sessions are written down in:
 *
 *   sven@pathfinder ~ $ iex --sname foo --cookie C     starts a node
 *   iex(foo@pathfinder)1> Node.self                      an input to it
 *   :foo@pathfinder                                      its expected output
 *
 * Continuation lines (`...(foo@pathfinder)1> more`) belong to the input
 * before them.  The lines after an input, up to the next prompt or `$`
 * line (or the end of a Markdown code block), are its expected output.
 * In Markdown (.md) only fenced code blocks are read. */
#ifndef CIEX_SHELL_TRANSCRIPT_H
#define CIEX_SHELL_TRANSCRIPT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum transcript_step_kind {
    TRANSCRIPT_START, /* `$ iex ARGS` or `$ ciex ARGS` */
    TRANSCRIPT_INPUT, /* `iex(NODE)N> ...` with its continuation lines */
    TRANSCRIPT_FAULT, /* `$ kill -9 NODE`, `$ cut NODE NODE`, ...: a failure on cue */
} transcript_step_kind;

/* What a TRANSCRIPT_FAULT does (docs/replay.md, "Failures on cue"). */
typedef enum transcript_fault {
    FAULT_KILL,     /* `$ kill -9 NODE`: the node's OS process is killed */
    FAULT_STOP,     /* `$ kill -STOP NODE`: stopped, as a frozen machine */
    FAULT_CONTINUE, /* `$ kill -CONT NODE`: goes on */
    FAULT_CUT,      /* `$ cut NODE NODE`: the link between two nodes drops their traffic */
    FAULT_HEAL,     /* `$ heal NODE NODE`: it carries their traffic again */
} transcript_fault;

/* One line of the file that is expected output. */
typedef struct transcript_line {
    const char *text; /* points into transcript.lines */
    int lineno;       /* 1-based */
} transcript_line;

typedef struct transcript_step {
    transcript_step_kind kind;
    int lineno;     /* 1-based line of the `$` line or of the first prompt line */
    /* The node: its name as the prompt shows it ("foo@pathfinder"), or ""
     * for a node without a name (prompt `iex(N)>`). */
    char *node;
    /* TRANSCRIPT_START */
    bool ciex;      /* `$ ciex` (always ciex) rather than `$ iex` */
    char **args;    /* the words after iex/ciex */
    size_t nargs;
    bool mix;       /* -S mix among them */
    /* TRANSCRIPT_FAULT: node (above) and, for a cut or heal, node2 (short names) */
    transcript_fault fault;
    char *node2;
    char *command;  /* the line after "$ " */
    /* TRANSCRIPT_INPUT */
    int counter;    /* the N of the prompt */
    char *input;    /* the input lines, each ending in '\n' */
    int first_line, last_line;   /* 0-based indices of the prompt lines */
    transcript_line *expected;   /* non-blank lines of the expected output */
    size_t nexpected;
    /* 0-based [out_begin, out_end): the lines an --update replaces (the
     * expected output without the blank lines that follow it) */
    int out_begin, out_end;
} transcript_step;

typedef struct transcript {
    char **lines;   /* the file's lines, without their '\n' */
    size_t nlines;
    bool final_newline;
    transcript_step *steps;
    size_t nsteps;
    char **hosts;   /* host parts of prompts' node names, first seen first */
    size_t nhosts;
    bool long_names; /* the nodes start with --name (else --sname, or unnamed) */
} transcript;

/* Reads text (markdown: only fenced code blocks count).  On a malformed
 * transcript returns false with a message in err and its line in *errline. */
bool transcript_parse(const char *text, size_t len, bool markdown, transcript *t, char *err, size_t errlen,
                      int *errline);
void transcript_free(transcript *t);
/* A Markdown fence (``` or ~~~, at most three spaces in): its character
 * and length, 0 when the line is not one. */
int transcript_fence(const char *s, char *ch);

/* The name part of "foo@host" (or the whole of a name without '@'), into out. */
void transcript_node_short(const char *node, char *out, size_t n);

#endif
