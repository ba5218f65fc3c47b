/* replay.h - `ciex --replay FILE`: runs a transcript's nodes and inputs
 * and checks that every output still holds (docs/replay.md). */
#ifndef CIEX_SHELL_REPLAY_H
#define CIEX_SHELL_REPLAY_H

#include <stdbool.h>

typedef struct replay_options {
    const char *file;
    int settle_ms;   /* how long every node must have been quiet before an input */
    bool iex;        /* `$ iex` lines start real iex (from PATH) */
    /* --iex-node NAME: these nodes start real iex whatever their line says */
    const char *iex_nodes[16];
    int niex_nodes;
    bool update;     /* write the actual outputs into the file */
    int runs;        /* --runs N: replayed N times, inputs whose output varies reported */
    bool record;     /* every node real iex in a terminal, inputs typed at human pace */
    const char *html; /* --html OUT: the lesson's page, with its nodes' distribution traces drawn */
    bool html_global; /* --html-global: :global's connection protocol drawn message by message */
} replay_options;

#define REPLAY_DEFAULT_SETTLE_MS 200
#define REPLAY_RECORD_PACE_MS 1500

/* 0: every checked output holds (or, with update, the file is written);
 * 1: some do not, or a node could not be run; 2: a malformed transcript. */
int replay_run(const replay_options *o);

#endif
