/*
 * explain.h - the action plan: a document's fields + the catalog -> what to
 * do, by when, and whether the notice looks real (explain.c). Computed once
 * per document; the output files only format it.
 *
 * A plan borrows strings from the catalog it was made with (the catalog must
 * outlive it) and owns the texts it fills in; explain_plan_free() frees them.
 */
#ifndef NOTICESCAN_EXPLAIN_H
#define NOTICESCAN_EXPLAIN_H

#include "catalog.h"
#include "extract.h"

/* One group of steps: a playbook situation with its steps filled in for this notice. */
typedef struct plan_steps {
    const char *situation, *heading;
    char **steps; /* owned */
    size_t count;
} plan_steps;

/* How the balance grows if left unpaid, after a number of months. Money in cents. */
typedef struct plan_growth_row {
    int months;
    int64_t balance, with_payment_plan;
} plan_growth_row;

#define PLAN_GROWTH_ROWS 4

typedef struct plan_growth {
    int present;  /* 0: the notice asks for no payment, or no amount was read */
    int proposal; /* 1: tax proposed, not assessed: interest only, no penalty, no payment plan rows */
    char note[480];
    ns_date rates_known_through; /* the interest table's last day */
    int rates_out_of_date;       /* 1: today is after it, so the last known rate was used */
    double interest_percent_per_year, penalty_percent_per_month;
    plan_growth_row rows[PLAN_GROWTH_ROWS];
    const char *sources[2]; /* the interest table's and the penalty's */
} plan_growth;

/* Room for a basis naming the window, the origin, the address abroad and the IRC 7503 move. */
#define PLAN_BASIS_LEN 512
#define PLAN_REVIEW_LEN 200

typedef struct plan_appeal {
    const catalog_window *rule;   /* NULL: the notice carries no appeal right */
    ns_date deadline;             /* year 0 when it cannot be known */
    long days_left;               /* meaningful when deadline is a date */
    int days;                     /* the window's length for this address (longer abroad), 0 when none */
    char basis[PLAN_BASIS_LEN];   /* which date was used and why, "" when none */
    char review[PLAN_REVIEW_LEN]; /* why a person should check the date, "" when none */
} plan_appeal;

typedef struct action_plan {
    char code[128]; /* the notice code read, "" when none */
    int generic;    /* 1: the code is not in the catalog (or none was read) */
    char *title;    /* owned */
    const char *summary, *category;
    const char *urgency;                   /* "low" .. "critical", raised when the deadline is near or gone */
    char urgency_reason[160];              /* "" when the catalog's urgency stands */
    ns_date deadline;                      /* year 0 when none */
    char deadline_basis[PLAN_BASIS_LEN];   /* "printed on the notice", "computed: ...", or "" */
    char deadline_review[PLAN_REVIEW_LEN]; /* printed and computed dates disagree, ...; "" when none */
    const char *deadline_action, *deadline_rule; /* NULL when the catalog gives no deadline */
    int has_days_left;
    long days_left;
    plan_steps *steps; /* owned */
    size_t step_count;
    plan_appeal appeal;
    plan_growth growth;
    char **if_ignored; /* owned */
    size_t if_ignored_count;
    const catalog_reference *const *forms, *const *statutes;
    size_t form_count, statute_count;
    catalog_texts next_notices;
    const char **sources; /* owned array of borrowed strings */
    size_t source_count;
} action_plan;

/* A scam sign or a mark of a real notice, with the text that raised it. */
typedef struct authenticity_sign {
    const catalog_signal *signal;
    int has_text;
    char text[128]; /* as read, identifiers masked */
} authenticity_sign;

typedef struct authenticity {
    const char *verdict; /* "no_scam_signs", "suspicious", "not_an_irs_notice" */
    const char *summary;
    authenticity_sign signs[MAX_SIGNALS + 3]; /* the pattern signs and the three explain adds */
    int sign_count;
    authenticity_sign marks[MAX_SIGNALS];
    int mark_count;
} authenticity;

/*
 * Builds the plan (see README "JSON contract") for the fields read, with days
 * left counted from today. abroad: 1 when the reader says the notice was
 * addressed outside the United States (longer windows apply, IRC 6213(a));
 * 0 lets the mailing address decide. Returns NS_ERR_NOMEM when memory runs out (the
 * plan is then empty but safe to free).
 */
ns_status explain_plan(const notice_catalog *catalog, const extraction *fields, ns_date today, int abroad,
                       action_plan *plan);
void explain_plan_free(action_plan *plan);

/* Whether the document looks like a real IRS notice: verdict, scam signs and marks of a real one. */
void explain_authenticity(const notice_catalog *catalog, const extraction *fields, authenticity *out);

/* The response letters there are templates for (catalog/letters/KIND.txt). */
#define PLAN_LETTER_KINDS 3
extern const char *const plan_letter_kinds[PLAN_LETTER_KINDS]; /* "dispute", "abatement", "cdp" */

/* NULL when this plan allows a letter of this kind, else why not, in a sentence for the reader. */
const char *explain_letter_refusal(const action_plan *plan, const char *kind);

/*
 * When the check calls the document suspicious, replaces its plan with the
 * catalog's scam plan (do not pay, do not call, how to check with the IRS,
 * where to report): no deadline, no payment, no appeal. Otherwise leaves the
 * plan alone. Returns NS_ERR_NOMEM when memory runs out.
 */
ns_status explain_scam_plan(const notice_catalog *catalog, const extraction *fields,
                            const authenticity *check, action_plan *plan);

#endif
