/*
 * catalog.c - the notice catalog (catalog/notices.json), loaded and
 * validated once, then read-only: safe to share across threads.
 *
 * Validation names the entry and the key at fault, so a data change that
 * breaks the schema fails at load (and in `make check`), not at a reader.
 */
#include "catalog.h"
#include "dates.h"
#include "normalize.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char *const categories[] = {
    "balance_due", "collection", "levy",   "lien",      "payment_plan", "math_error", "underreporting",
    "audit",       "deficiency", "refund", "non_filer", "identity",     "business",   "information",
};
static const char *const urgencies[] = {"low", "medium", "high", "critical"};
static const char *const actions[] = {"pay",    "respond", "file", "petition", "request_hearing",
                                      "verify", "none"};
static const char *const counted_from[] = {"notice_date", "letter_date", "delivery"};
static const char *const placeholders[] = {
    "{amount}", "{deadline}", "{notice_code}", "{tax_year}", "{notice_date}", "{appeal_deadline}", "{phone}"};

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

typedef struct validator {
    const char *origin;
    json_t *forms; /* the forms table, for forms named inside text */
    char *err;
    size_t errlen;
} validator;

static int in_list(const char *value, const char *const *list, size_t count)
{
    for (size_t i = 0; value && i < count; i++)
        if (strcmp(value, list[i]) == 0)
            return 1;
    return 0;
}

static int fail(const validator *v, const char *where, const char *what)
{
    ns_error_set(v->err, v->errlen, "%s: %s: %s", v->origin, where, what);
    return 0;
}

static int is_url(const char *text)
{
    return text && strncmp(text, "https://", 8) == 0 && strlen(text) > 12 && !strchr(text, ' ');
}

/* Every table entry that states a fact carries its public source. */
static int check_source(const validator *v, const char *where, json_t *object)
{
    return is_url(json_string_value(json_object_get(object, "source")))
               ? 1
               : fail(v, where, "needs an https source");
}

static int check_placeholders(const validator *v, const char *where, const char *text)
{
    for (const char *p = strchr(text, '{'); p; p = strchr(p + 1, '{')) {
        size_t i;
        for (i = 0; i < COUNT(placeholders); i++)
            if (strncmp(p, placeholders[i], strlen(placeholders[i])) == 0)
                break;
        if (i == COUNT(placeholders))
            return fail(v, where, "unknown placeholder in step text");
    }
    return 1;
}

/* A form number at p ("1040-X", "433-F", "W-9"): digits, capitals, at most one hyphen. Its length, or 0. */
static size_t form_id_at(const char *p, char *id, size_t cap)
{
    size_t n = 0;
    int digits = 0, hyphens = 0;
    while (n + 1 < cap && (isdigit((unsigned char)p[n]) || isupper((unsigned char)p[n]) || p[n] == '-')) {
        digits += isdigit((unsigned char)p[n]) != 0;
        hyphens += p[n] == '-';
        n++;
    }
    while (n > 0 && p[n - 1] == '-')
        n--, hyphens--;
    if (digits == 0 || hyphens > 1)
        return 0; /* "877-777-4778" after "Form 911," is a phone number */
    memcpy(id, p, n);
    id[n] = '\0';
    return n;
}

/* Every form the text tells the reader about ("Form 9465", "Forms 1095-A or 1095-B") has a table entry. */
static int check_form_mentions(const validator *v, const char *where, const char *text)
{
    for (const char *p = strstr(text, "Form"); p && v->forms; p = strstr(p + 4, "Form")) {
        if (p > text && isalpha((unsigned char)p[-1]))
            continue;
        const char *q = p + 4 + (p[4] == 's');
        while (*q == ' ') {
            char id[16];
            size_t n = form_id_at(q + 1, id, sizeof id);
            if (n == 0)
                break;
            if (!json_object_get(v->forms, id)) {
                char message[96];
                snprintf(message, sizeof message, "text names Form %s, which is not in the forms table", id);
                return fail(v, where, message);
            }
            q += 1 + n;
            /* a list goes on: ", 1095-B", " or 1095-C", ", and 8821" */
            if (*q == ',')
                q++;
            if (strncmp(q, " or ", 4) == 0 || strncmp(q, " and ", 5) == 0)
                q += q[1] == 'o' ? 3 : 4;
            if (*q != ' ' || !isdigit((unsigned char)q[1]))
                break;
        }
    }
    return 1;
}

static int check_string(const validator *v, const char *where, json_t *object, const char *key, int required)
{
    json_t *value = json_object_get(object, key);
    char place[256];
    snprintf(place, sizeof place, "%s.%s", where, key);
    if (!value || json_is_null(value))
        return required ? fail(v, place, "missing") : 1;
    if (!json_is_string(value) || json_string_length(value) == 0)
        return fail(v, place, "must be a non-empty string");
    return check_form_mentions(v, place, json_string_value(value));
}

/* A table entry that states a fact: its text under text_key, and the public source of it. */
static int check_sourced_entry(const validator *v, const char *where, json_t *entry, const char *text_key)
{
    return check_string(v, where, entry, text_key, 1) && check_source(v, where, entry);
}

static int check_string_array(const validator *v, const char *where, json_t *object, const char *key,
                              int min_count)
{
    json_t *array = json_object_get(object, key);
    char place[256];
    snprintf(place, sizeof place, "%s.%s", where, key);
    if (!json_is_array(array))
        return fail(v, place, "must be an array of strings");
    if (json_array_size(array) < (size_t)min_count)
        return fail(v, place, "has too few entries");
    size_t i;
    json_t *item;
    json_array_foreach(array, i, item)
    {
        if (!json_is_string(item) || json_string_length(item) == 0)
            return fail(v, place, "must hold only non-empty strings");
        if (!check_placeholders(v, place, json_string_value(item)) ||
            !check_form_mentions(v, place, json_string_value(item)))
            return 0;
    }
    return 1;
}

static int check_references(const validator *v, const char *where, json_t *array, json_t *table)
{
    size_t i;
    json_t *item;
    json_array_foreach(array, i, item)
    {
        if (!json_object_get(table, json_string_value(item))) {
            char message[256];
            snprintf(message, sizeof message, "'%s' is not defined in the catalog's table",
                     json_string_value(item));
            return fail(v, where, message);
        }
    }
    return 1;
}

static int check_window(const validator *v, const char *where, json_t *window, int is_appeal)
{
    if (json_is_null(window) || !window)
        return 1;
    if (!json_is_object(window))
        return fail(v, where, "must be an object or null");
    json_t *days = json_object_get(window, "days");
    if (days && !json_is_null(days) &&
        (!json_is_integer(days) || json_integer_value(days) <= 0 || json_integer_value(days) > 3650))
        return fail(v, where, "days must be a positive integer or null");
    json_t *abroad = json_object_get(window, "days_abroad");
    if (abroad && !json_is_null(abroad) && (!json_is_integer(abroad) || json_integer_value(abroad) <= 0))
        return fail(v, where, "days_abroad must be a positive integer or null");
    json_t *from = json_object_get(window, "from");
    if (days && !json_is_null(days) && !in_list(json_string_value(from), counted_from, COUNT(counted_from)))
        return fail(v, where, "from must be notice_date, letter_date or delivery");
    if (!is_url(json_string_value(json_object_get(window, "source"))))
        return fail(v, where, "every deadline rule needs an https source");
    if (!check_string(v, where, window, "rule", 1))
        return 0;
    if (is_appeal)
        return check_string(v, where, window, "name", 1);
    if (!in_list(json_string_value(json_object_get(window, "action")), actions, COUNT(actions)))
        return fail(v, where,
                    "action is not one of pay, respond, file, petition, request_hearing, verify, none");
    return 1;
}

static int check_notice(const validator *v, json_t *notice, size_t index, json_t *root)
{
    char where[128];
    const char *code = json_string_value(json_object_get(notice, "code"));
    snprintf(where, sizeof where, "notices[%zu] (%s)", index, code ? code : "no code");
    if (!json_is_object(notice))
        return fail(v, where, "must be an object");
    char normalized[24];
    if (!code || !normalize_notice_code(code, normalized, sizeof normalized) || strcmp(normalized, code) != 0)
        return fail(v, where, "code must be a canonical code such as CP14, LT11 or LTR1058");
    static const char *const required[] = {"title", "summary"};
    for (size_t i = 0; i < COUNT(required); i++)
        if (!check_string(v, where, notice, required[i], 1))
            return 0;
    if (!in_list(json_string_value(json_object_get(notice, "category")), categories, COUNT(categories)))
        return fail(v, where, "category is not a known category");
    if (!in_list(json_string_value(json_object_get(notice, "urgency")), urgencies, COUNT(urgencies)))
        return fail(v, where, "urgency must be low, medium, high or critical");
    if (!json_is_boolean(json_object_get(notice, "asks_payment")))
        return fail(v, where, "asks_payment must be true or false");
    if (!check_string_array(v, where, notice, "aliases", 0) ||
        !check_string_array(v, where, notice, "forms", 0) ||
        !check_string_array(v, where, notice, "statutes", 0) ||
        !check_string_array(v, where, notice, "if_ignored", 0) ||
        !check_string_array(v, where, notice, "next_notices", 0) ||
        !check_string_array(v, where, notice, "sources", 1))
        return 0;
    int has_irs_source = 0;
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(notice, "sources"), i, item)
    {
        if (!is_url(json_string_value(item)))
            return fail(v, where, "sources must be https URLs");
        has_irs_source |= strstr(json_string_value(item), "irs.gov") != NULL;
    }
    if (!has_irs_source)
        return fail(v, where, "needs at least one irs.gov source");
    if (!check_references(v, where, json_object_get(notice, "forms"), json_object_get(root, "forms")) ||
        !check_references(v, where, json_object_get(notice, "statutes"), json_object_get(root, "statutes")))
        return 0;
    char place[160];
    snprintf(place, sizeof place, "%s.deadline", where);
    if (!check_window(v, place, json_object_get(notice, "deadline"), 0))
        return 0;
    snprintf(place, sizeof place, "%s.appeal", where);
    json_t *appeal = json_object_get(notice, "appeal");
    if (!check_window(v, place, appeal, 1))
        return 0;
    if (json_is_object(appeal)) {
        json_t *form = json_object_get(appeal, "form");
        if (json_is_string(form) && !json_object_get(json_object_get(root, "forms"), json_string_value(form)))
            return fail(v, place, "form is not defined in the forms table");
        json_t *statute = json_object_get(appeal, "statute");
        if (json_is_string(statute) &&
            !json_object_get(json_object_get(root, "statutes"), json_string_value(statute)))
            return fail(v, place, "statute is not defined in the statutes table");
    }
    json_t *situations = json_object_get(notice, "situations");
    if (situations && !json_is_object(situations))
        return fail(v, where, "situations must be an object of step lists");
    const char *key;
    json_t *steps;
    json_object_foreach(situations, key, steps)
    {
        snprintf(place, sizeof place, "%s.situations", where);
        if (!check_string_array(v, place, situations, key, 1))
            return 0;
    }
    return 1;
}

static int check_table(const validator *v, json_t *root, const char *name)
{
    json_t *table = json_object_get(root, name);
    if (!json_is_object(table) || json_object_size(table) == 0)
        return fail(v, name, "must be a non-empty object");
    const char *key;
    json_t *entry;
    json_object_foreach(table, key, entry)
    {
        char where[128];
        snprintf(where, sizeof where, "%s.%s", name, key);
        if (!check_sourced_entry(v, where, entry, "title"))
            return 0;
    }
    return 1;
}

static int check_playbooks(const validator *v, json_t *root)
{
    json_t *playbooks = json_object_get(root, "playbooks");
    if (!json_is_object(playbooks) || !json_object_get(playbooks, "generic"))
        return fail(v, "playbooks", "must be an object with a 'generic' playbook");
    const char *category;
    json_t *list;
    json_object_foreach(playbooks, category, list)
    {
        char where[128];
        snprintf(where, sizeof where, "playbooks.%s", category);
        if (strcmp(category, "generic") != 0 && !in_list(category, categories, COUNT(categories)))
            return fail(v, where, "is not a known category");
        if (!json_is_array(list) || json_array_size(list) == 0)
            return fail(v, where, "must be a non-empty array of situations");
        size_t i;
        json_t *situation;
        json_array_foreach(list, i, situation)
        {
            char place[160];
            snprintf(place, sizeof place, "%s[%zu]", where, i);
            if (!check_string(v, place, situation, "situation", 1) ||
                !check_string(v, place, situation, "heading", 1) ||
                !check_string_array(v, place, situation, "steps", 1))
                return 0;
        }
    }
    return 1;
}

/* What to do once a deadline has passed, one entry per deadline action, each with its source. */
static int check_after_deadline(const validator *v, json_t *root)
{
    json_t *table = json_object_get(root, "after_deadline");
    if (!json_is_object(table))
        return fail(v, "after_deadline", "must be an object keyed by deadline action");
    const char *action;
    json_t *entry;
    json_object_foreach(table, action, entry)
    {
        char where[128];
        snprintf(where, sizeof where, "after_deadline.%s", action);
        if (!in_list(action, actions, COUNT(actions)) || strcmp(action, "none") == 0)
            return fail(v, where, "is not a deadline action");
        if (!check_sourced_entry(v, where, entry, "heading") ||
            !check_string_array(v, where, entry, "steps", 1))
            return 0;
    }
    return 1;
}

/* Codes and aliases are one namespace: each may name only one entry. */
static int check_unique_codes(const validator *v, json_t *notices)
{
    json_t *seen = json_object();
    int ok = 1;
    size_t i;
    json_t *notice;
    json_array_foreach(notices, i, notice)
    {
        json_t *names = json_array();
        json_array_append(names, json_object_get(notice, "code"));
        json_array_extend(names, json_object_get(notice, "aliases"));
        size_t j;
        json_t *name;
        json_array_foreach(names, j, name)
        {
            const char *text = json_string_value(name);
            if (json_object_get(seen, text)) {
                char message[128];
                snprintf(message, sizeof message, "code or alias %s appears twice", text);
                ok = fail(v, "notices", message);
                break;
            }
            json_object_set_new(seen, text, json_true());
        }
        json_decref(names);
        if (!ok)
            break;
    }
    /* Every "next notice" must be a code the catalog knows. */
    json_array_foreach(notices, i, notice)
    {
        size_t j;
        json_t *next;
        json_array_foreach(json_object_get(notice, "next_notices"), j, next)
        {
            if (ok && !json_object_get(seen, json_string_value(next))) {
                char message[160];
                snprintf(message, sizeof message, "%s lists next notice %s, which is not in the catalog",
                         json_string_value(json_object_get(notice, "code")), json_string_value(next));
                ok = fail(v, "notices", message);
            }
        }
    }
    json_decref(seen);
    return ok;
}

/* The dated underpayment-rate table and the penalty rates the balance estimate uses. */
static int check_money_tables(const validator *v, json_t *root)
{
    json_t *rates = json_object_get(root, "interest_rates");
    if (!check_source(v, "interest_rates", rates))
        return 0;
    ns_date known, previous = {0, 0, 0};
    if (!ns_date_parse_iso(json_string_value(json_object_get(rates, "known_through")), &known))
        return fail(v, "interest_rates", "known_through must be a YYYY-MM-DD date");
    json_t *list = json_object_get(rates, "rates");
    if (!json_is_array(list) || json_array_size(list) == 0)
        return fail(v, "interest_rates.rates", "must be a non-empty array");
    size_t i;
    json_t *rate;
    json_array_foreach(list, i, rate)
    {
        ns_date from;
        if (!ns_date_parse_iso(json_string_value(json_object_get(rate, "from")), &from) ||
            !json_is_number(json_object_get(rate, "percent")))
            return fail(v, "interest_rates.rates", "each entry needs a 'from' date and a 'percent'");
        if (date_is_valid(previous) && date_to_days(from) <= date_to_days(previous))
            return fail(v, "interest_rates.rates", "entries must be in date order");
        previous = from;
    }
    json_t *penalties = json_object_get(root, "penalties");
    static const char *const keys[] = {
        "failure_to_pay_percent_per_month", "failure_to_pay_after_levy_notice_percent_per_month",
        "failure_to_pay_installment_percent_per_month", "failure_to_pay_cap_percent"};
    for (size_t k = 0; k < COUNT(keys); k++)
        if (!json_is_number(json_object_get(penalties, keys[k])))
            return fail(v, "penalties", "needs every failure-to-pay rate as a number");
    if (!check_source(v, "penalties", penalties))
        return 0;
    return 1;
}

/* What each authenticity signal says, and the IRS's own list of numbers to call. */
static int check_authenticity_tables(const validator *v, json_t *root)
{
    json_t *signals = json_object_get(root, "scam_signals");
    if (!json_is_object(signals))
        return fail(v, "scam_signals", "must be an object of signals");
    const char *name;
    json_t *signal;
    json_object_foreach(signals, name, signal)
    {
        char where[128];
        snprintf(where, sizeof where, "scam_signals.%s", name);
        if (!check_sourced_entry(v, where, signal, "says"))
            return 0;
    }
    json_t *phones = json_object_get(root, "irs_phones");
    if (!check_source(v, "irs_phones", phones))
        return 0;
    size_t i;
    json_t *number;
    json_array_foreach(json_object_get(phones, "numbers"), i, number)
    {
        char normalized[24];
        if (!normalize_phone(json_string_value(number) ? json_string_value(number) : "", normalized,
                             sizeof normalized) ||
            strcmp(normalized, json_string_value(number)) != 0)
            return fail(v, "irs_phones.numbers", "numbers must be written like 800-829-1040");
    }
    return 1;
}

ns_status catalog_validate(json_t *root, const char *origin, char *err, size_t errlen)
{
    validator v = {origin, json_object_get(root, "forms"), err, errlen};
    if (!json_is_object(root))
        return fail(&v, "top level", "must be an object"), NS_ERR_CATALOG;
    json_t *notices = json_object_get(root, "notices");
    if (!json_is_array(notices) || json_array_size(notices) == 0)
        return fail(&v, "notices", "must be a non-empty array"), NS_ERR_CATALOG;
    if (!check_table(&v, root, "forms") || !check_table(&v, root, "statutes") || !check_playbooks(&v, root) ||
        !check_after_deadline(&v, root) || !check_money_tables(&v, root) ||
        !check_authenticity_tables(&v, root))
        return NS_ERR_CATALOG;
    size_t i;
    json_t *notice;
    json_array_foreach(notices, i, notice) if (!check_notice(&v, notice, i, root)) return NS_ERR_CATALOG;
    return check_unique_codes(&v, notices) ? NS_OK : NS_ERR_CATALOG;
}

ns_status catalog_load(notice_catalog *catalog, const char *path, char *err, size_t errlen)
{
    memset(catalog, 0, sizeof *catalog);
    json_error_t error;
    memset(&error, 0, sizeof error);
    snprintf(error.text, sizeof error.text, "the catalog was not embedded at build time");
    json_t *root = NULL;
    const char *origin = path;
    if (path) {
        root = json_load_file(path, JSON_REJECT_DUPLICATES, &error);
    } else {
        origin = "catalog/notices.json (built in)";
        const embedded_file *file = embedded_file_find("catalog/notices.json");
        if (file)
            root = json_loadb((const char *)file->data, file->size, JSON_REJECT_DUPLICATES, &error);
    }
    if (!root) {
        ns_error_set(err, errlen, "%s:%d: %s", origin, error.line, error.text);
        return NS_ERR_CATALOG;
    }
    ns_status status = catalog_validate(root, origin, err, errlen);
    if (status != NS_OK) {
        json_decref(root);
        return status;
    }
    catalog->root = root;
    catalog->notices = json_object_get(root, "notices");
    return NS_OK;
}

void catalog_free(notice_catalog *catalog)
{
    json_decref(catalog->root);
    memset(catalog, 0, sizeof *catalog);
}

json_t *catalog_find(const notice_catalog *catalog, const char *code)
{
    if (!catalog || !catalog->notices || !code)
        return NULL;
    size_t i;
    json_t *notice;
    json_array_foreach(catalog->notices, i, notice)
    {
        if (strcmp(json_string_value(json_object_get(notice, "code")), code) == 0)
            return notice;
        size_t j;
        json_t *alias;
        json_array_foreach(json_object_get(notice, "aliases"), j,
                           alias) if (strcmp(json_string_value(alias), code) == 0) return notice;
    }
    return NULL;
}
