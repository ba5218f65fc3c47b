/* inspect_calendar.h - the texts Elixir's Inspect implementations give the
 * calendar structs (Date, Time, NaiveDateTime, DateTime, Date.Range). */
#ifndef CIEX_INSPECT_CALENDAR_H
#define CIEX_INSPECT_CALENDAR_H

#include <stdbool.h>

#include "ciex/buf.h"
#include "ciex/term.h"

/* Appends to out the text of the struct `map` of module `module` and
 * returns true when it is one of the calendar structs with Calendar.ISO
 * and well-formed fields; otherwise appends nothing and returns false
 * (the struct then prints as %Mod{...}). */
bool inspect_calendar(term map, term module, ciex_buf *out);

#endif
