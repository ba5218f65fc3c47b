/* msc.h - the message-sequence diagrams of a lesson's page (msc.c),
 * drawn from the distribution traces of its ciex nodes. */
#ifndef CIEX_SHELL_MSC_H
#define CIEX_SHELL_MSC_H

#include <stdio.h>

#include "page.h"

/* Every message and connection event of the lesson's traces, in time order. */
typedef struct msc_events msc_events;

msc_events *msc_read(const page_lesson *l);
void msc_free(msc_events *all);

/* The diagram of step k of the lesson (an input or a failure directive)
 * into f, when the nodes exchanged messages during it; nothing otherwise. */
void msc_step(FILE *f, const page_lesson *l, const msc_events *all, size_t k);

#endif
