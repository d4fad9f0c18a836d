/*
 * catalog.h - the notice catalog (catalog/notices.json), parsed once at load
 * into the typed tables below (catalog.c). Parsing is validation: a file that
 * loads has every entry, table reference and id the code relies on, and the
 * loaded catalog is never written again, so threads may share it.
 *
 * Every string is borrowed from the catalog and lives until catalog_free().
 */
#ifndef NOTICESCAN_CATALOG_H
#define NOTICESCAN_CATALOG_H

#include "base.h"

/* A list of non-empty strings (aliases, steps, sources, ...). */
typedef struct catalog_texts {
    const char **items;
    size_t count;
} catalog_texts;

typedef enum notice_urgency {
    URGENCY_LOW,
    URGENCY_MEDIUM,
    URGENCY_HIGH,
    URGENCY_CRITICAL,
    URGENCY_COUNT
} notice_urgency;

/* What a notice's deadline asks the reader to do; also the keys of after_deadline. */
typedef enum deadline_action {
    ACTION_PAY,
    ACTION_RESPOND,
    ACTION_FILE,
    ACTION_PETITION,
    ACTION_REQUEST_HEARING,
    ACTION_VERIFY,
    ACTION_NONE,
    ACTION_COUNT
} deadline_action;

/* The date a window of days counts from. */
typedef enum deadline_origin {
    ORIGIN_NOTICE_DATE,
    ORIGIN_LETTER_DATE,
    ORIGIN_DELIVERY,
} deadline_origin;

/* A deadline or appeal window: a number of days and the rule behind it, with its source. */
typedef struct catalog_window {
    int days;               /* 0 when the window has no fixed length */
    deadline_origin from;   /* meaningful when days > 0 */
    int days_abroad;        /* the longer window for an address abroad, 0 when none */
    int printed;            /* the notice prints the date itself */
    deadline_action action; /* deadlines only: ACTION_NONE for appeals */
    const char *name;       /* appeals only: "Collection Due Process hearing" */
    const char *form;       /* appeals only: the form that asks for it, or NULL */
    const char *statute;    /* appeals only: the statute that grants it, or NULL */
    const char *rule;       /* the rule in plain words */
    const char *source;     /* https URL */
} catalog_window;

/* An entry of the forms or statutes table: "9465" -> its title and source. */
typedef struct catalog_reference {
    const char *key, *title, *source;
} catalog_reference;

/* One situation of a playbook (or a notice's own): an id, a heading and its steps. */
typedef struct catalog_situation {
    const char *id;
    const char *heading; /* a notice's own extra situation uses its id as heading */
    catalog_texts steps; /* may hold {placeholders}, see explain.c */
} catalog_situation;

/* The situations of one category ("balance_due") or the "generic" one. */
typedef struct catalog_playbook {
    const char *category;
    catalog_situation *situations;
    size_t count;
} catalog_playbook;

/* What can still be done once a deadline with this action has passed. */
typedef struct catalog_after_deadline {
    const char *heading;
    catalog_texts steps;
    const char *source;
} catalog_after_deadline;

typedef struct catalog_notice {
    const char *code; /* canonical: "CP14", "LTR1058" */
    catalog_texts aliases;
    const char *title, *summary, *category;
    notice_urgency urgency;
    int asks_payment;
    const catalog_window *deadline;   /* NULL when none */
    const catalog_window *appeal;     /* NULL when none */
    const catalog_playbook *playbook; /* the category's, else the generic one */
    catalog_situation *situations;    /* the notice's own, overriding or adding to the playbook's */
    size_t situation_count;
    const catalog_reference **forms, **statutes; /* resolved in the tables at load */
    size_t form_count, statute_count;
    catalog_texts if_ignored, next_notices, sources;
} catalog_notice;

/* What a scam sign or a mark of a real notice says to the reader, and its source. */
typedef struct catalog_signal {
    const char *id, *says, *source;
} catalog_signal;

typedef struct catalog_rate {
    ns_date from;
    double percent;
} catalog_rate;

typedef struct notice_catalog {
    struct catalog_storage *storage; /* every allocation and the parsed file, freed together */
    catalog_notice *notices;
    size_t notice_count;
    catalog_reference *forms, *statutes;
    size_t form_count, statute_count;
    catalog_playbook *playbooks;
    size_t playbook_count;
    const catalog_playbook *generic_playbook;
    const catalog_playbook *scam_playbook; /* replaces a suspicious document's plan */
    const catalog_after_deadline *after_deadline[ACTION_COUNT]; /* NULL where none */
    struct {
        const char *source;
        ns_date known_through;
        catalog_rate *rates; /* in date order */
        size_t count;
    } interest;
    struct {
        double per_month, per_month_after_levy_notice, per_month_installment, cap;
        const char *source;
    } failure_to_pay; /* percent */
    catalog_signal *signals;
    size_t signal_count;
    /* The signs explain.c raises itself, checked present at load. */
    const catalog_signal *unknown_code, *phone_not_listed, *no_irs_marks;
    catalog_texts irs_phones; /* "800-829-1040" */
    const char *irs_phones_source;
    char *json; /* the notices array as JSON text, for ns_knowledge_catalog_json() */
} notice_catalog;

/* Loads path, or the embedded catalog when path is NULL. On failure err names the file and entry. */
ns_status catalog_load(notice_catalog *catalog, const char *path, char *err, size_t errlen);
/* Parses catalog JSON text (length bytes); origin names it in messages. */
ns_status catalog_parse(notice_catalog *catalog, const char *text, size_t length, const char *origin,
                        char *err, size_t errlen);
void catalog_free(notice_catalog *catalog);

/* The entry whose code or alias is code, or NULL. */
const catalog_notice *catalog_find(const notice_catalog *catalog, const char *code);
/* The signal entry with this id, or NULL. */
const catalog_signal *catalog_find_signal(const notice_catalog *catalog, const char *id);
/* Whether a number is on the IRS's own list of phone numbers. */
int catalog_phone_is_listed(const notice_catalog *catalog, const char *number);
/* "low", "medium", "high", "critical". */
const char *catalog_urgency_name(notice_urgency urgency);
/* "pay", "respond", ... for a deadline action. */
const char *catalog_action_name(deadline_action action);

#endif
