/* explain.h - the action plan: fields + catalog -> plan (explain.c). */
#ifndef NOTICESCAN_EXPLAIN_H
#define NOTICESCAN_EXPLAIN_H

#include "catalog.h"
#include "extract.h"

struct json_t;

/* Builds the plan object (see README "JSON contract"). Caller json_decref()s. */
struct json_t *explain_plan(const notice_catalog *catalog, const extraction *fields, ns_date today);
/* Whether the document looks like a real IRS notice: verdict, scam signs and marks of a real one. */
struct json_t *explain_authenticity(const notice_catalog *catalog, const extraction *fields);

#endif
