/*
 * catalog.c - the notice catalog (catalog/notices.json), parsed once into
 * the typed tables of catalog.h, then read-only: safe to share across threads.
 *
 * Parsing is validation: each step checks a value and stores it, and an error
 * names the file, the entry and the key at fault, so a data change that breaks
 * the schema fails at load (and in `make check`), not at a reader. This file
 * and the JSON writer are the only users of jansson.
 */
#include "catalog.h"
#include "dates.h"
#include "normalize.h"

#include <ctype.h>
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const categories[] = {
    "balance_due", "collection", "levy",   "lien",      "payment_plan", "math_error", "underreporting",
    "audit",       "deficiency", "refund", "non_filer", "identity",     "business",   "information",
};
static const char *const urgencies[URGENCY_COUNT] = {"low", "medium", "high", "critical"};
static const char *const actions[ACTION_COUNT] = {"pay",    "respond", "file", "petition", "request_hearing",
                                                  "verify", "none"};
static const char *const counted_from[] = {"notice_date", "letter_date",
                                           "delivery"}; /* deadline_origin order */
/* The signs explain.c raises itself: a catalog without their words would silently drop them. */
static const char *const required_signals[] = {"unknown_code", "phone_not_listed", "no_irs_marks"};
static const char *const placeholders[] = {
    "{amount}", "{deadline}", "{notice_code}", "{tax_year}", "{notice_date}", "{appeal_deadline}", "{phone}"};

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* Every allocation of a loaded catalog, freed together by catalog_free(). */
typedef struct storage_block {
    struct storage_block *next;
    max_align_t data[];
} storage_block;

struct catalog_storage {
    json_t *root; /* the parsed file: every catalog string is borrowed from it */
    storage_block *blocks;
};

typedef struct validator {
    const char *origin;
    json_t *forms; /* the forms table, for forms named inside text */
    char *err;
    size_t errlen;
    notice_catalog *catalog; /* what parsing fills in */
    int out_of_memory;
} validator;

/* The position of value in list, or -1. */
static int list_index(const char *value, const char *const *list, size_t count)
{
    for (size_t i = 0; value && i < count; i++)
        if (strcmp(value, list[i]) == 0)
            return (int)i;
    return -1;
}

static int in_list(const char *value, const char *const *list, size_t count)
{
    return list_index(value, list, count) >= 0;
}

static int fail(const validator *v, const char *where, const char *what)
{
    ns_error_set(v->err, v->errlen, "%s: %s: %s", v->origin, where, what);
    return 0;
}

/* Zeroed room for count items, owned by the catalog; NULL (and an error) when memory runs out. */
static void *allocate(validator *v, size_t count, size_t size)
{
    storage_block *block = calloc(1, sizeof *block + (count + 1) * size);
    if (!block) {
        v->out_of_memory = 1;
        fail(v, "catalog", "out of memory");
        return NULL;
    }
    block->next = v->catalog->storage->blocks;
    v->catalog->storage->blocks = block;
    return block->data;
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

/* A string under key: checked (non-empty, forms it names are known) and stored in *out (NULL if absent). */
static int parse_string(const validator *v, const char *where, json_t *object, const char *key, int required,
                        const char **out)
{
    json_t *value = json_object_get(object, key);
    char place[256];
    snprintf(place, sizeof place, "%s.%s", where, key);
    *out = NULL;
    if (!value || json_is_null(value))
        return required ? fail(v, place, "missing") : 1;
    if (!json_is_string(value) || json_string_length(value) == 0)
        return fail(v, place, "must be a non-empty string");
    *out = json_string_value(value);
    return check_form_mentions(v, place, *out);
}

/* A table entry that states a fact: its text under text_key, and the public source of it. */
static int parse_sourced_entry(const validator *v, const char *where, json_t *entry, const char *text_key,
                               const char **text, const char **source)
{
    if (!parse_string(v, where, entry, text_key, 1, text) || !check_source(v, where, entry))
        return 0;
    *source = json_string_value(json_object_get(entry, "source"));
    return 1;
}

static int parse_texts(validator *v, const char *where, json_t *object, const char *key, int min_count,
                       catalog_texts *out)
{
    json_t *array = json_object_get(object, key);
    char place[256];
    snprintf(place, sizeof place, "%s.%s", where, key);
    if (!json_is_array(array))
        return fail(v, place, "must be an array of strings");
    if (json_array_size(array) < (size_t)min_count)
        return fail(v, place, "has too few entries");
    out->count = json_array_size(array);
    out->items = allocate(v, out->count, sizeof *out->items);
    if (!out->items)
        return 0;
    size_t i;
    json_t *item;
    json_array_foreach(array, i, item)
    {
        if (!json_is_string(item) || json_string_length(item) == 0)
            return fail(v, place, "must hold only non-empty strings");
        if (!check_placeholders(v, place, json_string_value(item)) ||
            !check_form_mentions(v, place, json_string_value(item)))
            return 0;
        out->items[i] = json_string_value(item);
    }
    return 1;
}

/* The table entry named key, or NULL. */
static const catalog_reference *find_reference(const catalog_reference *table, size_t count, const char *key)
{
    for (size_t i = 0; key && i < count; i++)
        if (strcmp(table[i].key, key) == 0)
            return &table[i];
    return NULL;
}

/* A list of names in a table (a notice's forms or statutes), resolved to the table's entries. */
static int parse_references(validator *v, const char *where, json_t *notice, const char *key,
                            const catalog_reference *table, size_t table_count,
                            const catalog_reference ***out, size_t *count)
{
    catalog_texts names;
    if (!parse_texts(v, where, notice, key, 0, &names))
        return 0;
    /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers, sized by its element */
    *out = allocate(v, names.count, sizeof **out);
    if (!*out)
        return 0;
    *count = names.count;
    for (size_t i = 0; i < names.count; i++) {
        (*out)[i] = find_reference(table, table_count, names.items[i]);
        if (!(*out)[i]) {
            char message[256];
            snprintf(message, sizeof message, "'%s' is not defined in the catalog's table", names.items[i]);
            return fail(v, where, message);
        }
    }
    return 1;
}

/* A count of days: absent or null is 0, else an integer in 1..max. */
static int parse_days(const validator *v, const char *where, json_t *window, const char *key, long max,
                      int *days, const char *message)
{
    json_t *value = json_object_get(window, key);
    *days = 0;
    if (!value || json_is_null(value))
        return 1;
    if (!json_is_integer(value) || json_integer_value(value) <= 0 || json_integer_value(value) > max)
        return fail(v, where, message);
    *days = (int)json_integer_value(value);
    return 1;
}

/* An appeal's form and statute: NULL, or an entry of their table. */
static int parse_appeal_references(validator *v, const char *where, json_t *appeal, catalog_window *out)
{
    if (!parse_string(v, where, appeal, "form", 0, &out->form) ||
        !parse_string(v, where, appeal, "statute", 0, &out->statute))
        return 0;
    const notice_catalog *catalog = v->catalog;
    if (out->form && !find_reference(catalog->forms, catalog->form_count, out->form))
        return fail(v, where, "form is not defined in the forms table");
    if (out->statute && !find_reference(catalog->statutes, catalog->statute_count, out->statute))
        return fail(v, where, "statute is not defined in the statutes table");
    return 1;
}

/* A deadline (is_appeal 0) or appeal window; *out stays NULL for a null one. */
static int parse_window(validator *v, const char *where, json_t *window, int is_appeal,
                        const catalog_window **out)
{
    *out = NULL;
    if (json_is_null(window) || !window)
        return 1;
    if (!json_is_object(window))
        return fail(v, where, "must be an object or null");
    catalog_window *parsed = allocate(v, 1, sizeof *parsed);
    if (!parsed ||
        !parse_days(v, where, window, "days", 3650, &parsed->days,
                    "days must be a positive integer or null") ||
        !parse_days(v, where, window, "days_abroad", 3650, &parsed->days_abroad,
                    "days_abroad must be a positive integer or null"))
        return 0;
    int from =
        list_index(json_string_value(json_object_get(window, "from")), counted_from, COUNT(counted_from));
    if (parsed->days && from < 0)
        return fail(v, where, "from must be notice_date, letter_date or delivery");
    parsed->from = from < 0 ? ORIGIN_NOTICE_DATE : (deadline_origin)from;
    json_t *printed = json_object_get(window, "printed");
    if (printed && !json_is_boolean(printed))
        return fail(v, where, "printed must be true or false");
    parsed->printed = json_is_true(printed);
    if (!is_url(json_string_value(json_object_get(window, "source"))))
        return fail(v, where, "every deadline rule needs an https source");
    parsed->source = json_string_value(json_object_get(window, "source"));
    if (!parse_string(v, where, window, "rule", 1, &parsed->rule))
        return 0;
    *out = parsed;
    if (is_appeal) {
        parsed->action = ACTION_NONE;
        return parse_string(v, where, window, "name", 1, &parsed->name) &&
               parse_appeal_references(v, where, window, parsed);
    }
    int action = list_index(json_string_value(json_object_get(window, "action")), actions, COUNT(actions));
    if (action < 0)
        return fail(v, where,
                    "action is not one of pay, respond, file, petition, request_hearing, verify, none");
    parsed->action = (deadline_action)action;
    return 1;
}

/* A notice's own situations: an object of step lists, in the file's order. */
static int parse_own_situations(validator *v, const char *where, json_t *notice, catalog_notice *out)
{
    json_t *situations = json_object_get(notice, "situations");
    if (situations && !json_is_object(situations))
        return fail(v, where, "situations must be an object of step lists");
    out->situations = allocate(v, json_object_size(situations), sizeof *out->situations);
    if (!out->situations)
        return 0;
    char place[160];
    snprintf(place, sizeof place, "%s.situations", where);
    const char *key;
    json_t *steps;
    json_object_foreach(situations, key, steps)
    {
        catalog_situation *situation = &out->situations[out->situation_count++];
        situation->id = key;
        situation->heading = key;
        if (!parse_texts(v, place, situations, key, 1, &situation->steps))
            return 0;
    }
    return 1;
}

static int parse_sources(validator *v, const char *where, json_t *notice, catalog_texts *sources)
{
    if (!parse_texts(v, where, notice, "sources", 1, sources))
        return 0;
    int has_irs_source = 0;
    for (size_t i = 0; i < sources->count; i++) {
        if (!is_url(sources->items[i]))
            return fail(v, where, "sources must be https URLs");
        has_irs_source |= strstr(sources->items[i], "irs.gov") != NULL;
    }
    return has_irs_source ? 1 : fail(v, where, "needs at least one irs.gov source");
}

static const catalog_playbook *find_playbook(const notice_catalog *catalog, const char *category)
{
    for (size_t i = 0; i < catalog->playbook_count; i++)
        if (strcmp(catalog->playbooks[i].category, category) == 0)
            return &catalog->playbooks[i];
    return catalog->generic_playbook;
}

/* The notice's code, title, summary, category, urgency and whether it asks for payment. */
static int parse_notice_header(validator *v, const char *where, json_t *notice, catalog_notice *out)
{
    char normalized[24];
    out->code = json_string_value(json_object_get(notice, "code"));
    if (!out->code || !normalize_notice_code(out->code, normalized, sizeof normalized) ||
        strcmp(normalized, out->code) != 0)
        return fail(v, where, "code must be a canonical code such as CP14, LT11 or LTR1058");
    if (!parse_string(v, where, notice, "title", 1, &out->title) ||
        !parse_string(v, where, notice, "summary", 1, &out->summary))
        return 0;
    out->category = json_string_value(json_object_get(notice, "category"));
    if (!in_list(out->category, categories, COUNT(categories)))
        return fail(v, where, "category is not a known category");
    int urgency =
        list_index(json_string_value(json_object_get(notice, "urgency")), urgencies, COUNT(urgencies));
    if (urgency < 0)
        return fail(v, where, "urgency must be low, medium, high or critical");
    out->urgency = (notice_urgency)urgency;
    if (!json_is_boolean(json_object_get(notice, "asks_payment")))
        return fail(v, where, "asks_payment must be true or false");
    out->asks_payment = json_is_true(json_object_get(notice, "asks_payment"));
    out->playbook = find_playbook(v->catalog, out->category);
    return 1;
}

static int parse_notice(validator *v, json_t *notice, size_t index, catalog_notice *out)
{
    char where[128];
    const char *code = json_string_value(json_object_get(notice, "code"));
    snprintf(where, sizeof where, "notices[%zu] (%s)", index, code ? code : "no code");
    if (!json_is_object(notice))
        return fail(v, where, "must be an object");
    const notice_catalog *catalog = v->catalog;
    if (!parse_notice_header(v, where, notice, out) ||
        !parse_texts(v, where, notice, "aliases", 0, &out->aliases) ||
        !parse_references(v, where, notice, "forms", catalog->forms, catalog->form_count, &out->forms,
                          &out->form_count) ||
        !parse_references(v, where, notice, "statutes", catalog->statutes, catalog->statute_count,
                          &out->statutes, &out->statute_count) ||
        !parse_texts(v, where, notice, "if_ignored", 0, &out->if_ignored) ||
        !parse_texts(v, where, notice, "next_notices", 0, &out->next_notices) ||
        !parse_sources(v, where, notice, &out->sources))
        return 0;
    char place[160];
    snprintf(place, sizeof place, "%s.deadline", where);
    if (!parse_window(v, place, json_object_get(notice, "deadline"), 0, &out->deadline))
        return 0;
    snprintf(place, sizeof place, "%s.appeal", where);
    if (!parse_window(v, place, json_object_get(notice, "appeal"), 1, &out->appeal))
        return 0;
    return parse_own_situations(v, where, notice, out);
}

/* The forms or statutes table: key -> title and source. */
static int parse_table(validator *v, json_t *root, const char *name, catalog_reference **entries,
                       size_t *count)
{
    json_t *table = json_object_get(root, name);
    if (!json_is_object(table) || json_object_size(table) == 0)
        return fail(v, name, "must be a non-empty object");
    *entries = allocate(v, json_object_size(table), sizeof **entries);
    if (!*entries)
        return 0;
    const char *key;
    json_t *entry;
    json_object_foreach(table, key, entry)
    {
        char where[128];
        snprintf(where, sizeof where, "%s.%s", name, key);
        catalog_reference *reference = &(*entries)[(*count)++];
        reference->key = key;
        if (!parse_sourced_entry(v, where, entry, "title", &reference->title, &reference->source))
            return 0;
    }
    return 1;
}

static int parse_playbook(validator *v, const char *category, json_t *list, catalog_playbook *out)
{
    char where[128];
    snprintf(where, sizeof where, "playbooks.%s", category);
    int special = strcmp(category, "generic") == 0 || strcmp(category, "scam") == 0;
    if (!special && !in_list(category, categories, COUNT(categories)))
        return fail(v, where, "is not a known category");
    if (!json_is_array(list) || json_array_size(list) == 0)
        return fail(v, where, "must be a non-empty array of situations");
    out->category = category;
    out->situations = allocate(v, json_array_size(list), sizeof *out->situations);
    if (!out->situations)
        return 0;
    size_t i;
    json_t *situation;
    json_array_foreach(list, i, situation)
    {
        char place[160];
        snprintf(place, sizeof place, "%s[%zu]", where, i);
        catalog_situation *parsed = &out->situations[out->count++];
        if (!parse_string(v, place, situation, "situation", 1, &parsed->id) ||
            !parse_string(v, place, situation, "heading", 1, &parsed->heading) ||
            !parse_texts(v, place, situation, "steps", 1, &parsed->steps))
            return 0;
        /* the scam plan tells a frightened reader what to do: every step shows where it comes from */
        for (size_t step = 0; strcmp(category, "scam") == 0 && step < parsed->steps.count; step++)
            if (!strstr(parsed->steps.items[step], "https://"))
                return fail(v, place, "every step of the scam playbook needs an https source");
    }
    return 1;
}

static int parse_playbooks(validator *v, json_t *root)
{
    notice_catalog *catalog = v->catalog;
    json_t *playbooks = json_object_get(root, "playbooks");
    if (!json_is_object(playbooks) || !json_object_get(playbooks, "generic") ||
        !json_object_get(playbooks, "scam"))
        return fail(v, "playbooks", "must be an object with a 'generic' and a 'scam' playbook");
    catalog->playbooks = allocate(v, json_object_size(playbooks), sizeof *catalog->playbooks);
    if (!catalog->playbooks)
        return 0;
    const char *category;
    json_t *list;
    json_object_foreach(playbooks, category, list)
    {
        catalog_playbook *playbook = &catalog->playbooks[catalog->playbook_count++];
        if (!parse_playbook(v, category, list, playbook))
            return 0;
        if (strcmp(category, "generic") == 0)
            catalog->generic_playbook = playbook;
        if (strcmp(category, "scam") == 0)
            catalog->scam_playbook = playbook;
    }
    return 1;
}

/* What to do once a deadline has passed, one entry per deadline action, each with its source. */
static int parse_after_deadline(validator *v, json_t *root)
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
        int index = list_index(action, actions, COUNT(actions));
        if (index < 0 || index == ACTION_NONE)
            return fail(v, where, "is not a deadline action");
        catalog_after_deadline *parsed = allocate(v, 1, sizeof *parsed);
        if (!parsed || !parse_sourced_entry(v, where, entry, "heading", &parsed->heading, &parsed->source) ||
            !parse_texts(v, where, entry, "steps", 1, &parsed->steps))
            return 0;
        v->catalog->after_deadline[index] = parsed;
    }
    return 1;
}

/* Codes and aliases are one namespace: each may name only one entry. */
static int check_unique_codes(validator *v)
{
    const notice_catalog *catalog = v->catalog;
    size_t total = 0;
    for (size_t i = 0; i < catalog->notice_count; i++)
        total += 1 + catalog->notices[i].aliases.count;
    const char **names = allocate(v, total, sizeof *names);
    if (!names)
        return 0;
    size_t count = 0;
    for (size_t i = 0; i < catalog->notice_count; i++) {
        const catalog_notice *notice = &catalog->notices[i];
        for (size_t j = 0; j <= notice->aliases.count; j++) {
            const char *name = j == 0 ? notice->code : notice->aliases.items[j - 1];
            for (size_t k = 0; k < count; k++) {
                /* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker): names[0..count) are set below */
                if (strcmp(names[k], name) == 0) {
                    char message[128];
                    snprintf(message, sizeof message, "code or alias %s appears twice", name);
                    return fail(v, "notices", message);
                }
            }
            names[count++] = name;
        }
    }
    /* Every "next notice" must be a code the catalog knows. */
    for (size_t i = 0; i < catalog->notice_count; i++) {
        const catalog_notice *notice = &catalog->notices[i];
        for (size_t j = 0; j < notice->next_notices.count; j++) {
            if (!catalog_find(catalog, notice->next_notices.items[j])) {
                char message[160];
                snprintf(message, sizeof message, "%s lists next notice %s, which is not in the catalog",
                         notice->code, notice->next_notices.items[j]);
                return fail(v, "notices", message);
            }
        }
    }
    return 1;
}

/* The dated underpayment-rate table the balance estimate uses. */
static int parse_interest_rates(validator *v, json_t *root)
{
    json_t *rates = json_object_get(root, "interest_rates");
    if (!check_source(v, "interest_rates", rates))
        return 0;
    notice_catalog *catalog = v->catalog;
    catalog->interest.source = json_string_value(json_object_get(rates, "source"));
    if (!ns_date_parse_iso(json_string_value(json_object_get(rates, "known_through")),
                           &catalog->interest.known_through))
        return fail(v, "interest_rates", "known_through must be a YYYY-MM-DD date");
    json_t *list = json_object_get(rates, "rates");
    if (!json_is_array(list) || json_array_size(list) == 0)
        return fail(v, "interest_rates.rates", "must be a non-empty array");
    catalog->interest.rates = allocate(v, json_array_size(list), sizeof *catalog->interest.rates);
    if (!catalog->interest.rates)
        return 0;
    ns_date previous = {0, 0, 0};
    size_t i;
    json_t *rate;
    json_array_foreach(list, i, rate)
    {
        catalog_rate *parsed = &catalog->interest.rates[catalog->interest.count++];
        if (!ns_date_parse_iso(json_string_value(json_object_get(rate, "from")), &parsed->from) ||
            !json_is_number(json_object_get(rate, "percent")))
            return fail(v, "interest_rates.rates", "each entry needs a 'from' date and a 'percent'");
        if (date_is_valid(previous) && date_to_days(parsed->from) <= date_to_days(previous))
            return fail(v, "interest_rates.rates", "entries must be in date order");
        parsed->percent = json_number_value(json_object_get(rate, "percent"));
        previous = parsed->from;
    }
    return 1;
}

/* The failure-to-pay penalty rates (IRC 6651), percent. */
static int parse_penalties(validator *v, json_t *root)
{
    json_t *penalties = json_object_get(root, "penalties");
    struct {
        const char *key;
        double *value;
    } rates[] = {
        {"failure_to_pay_percent_per_month", &v->catalog->failure_to_pay.per_month},
        {"failure_to_pay_after_levy_notice_percent_per_month",
         &v->catalog->failure_to_pay.per_month_after_levy_notice},
        {"failure_to_pay_installment_percent_per_month", &v->catalog->failure_to_pay.per_month_installment},
        {"failure_to_pay_cap_percent", &v->catalog->failure_to_pay.cap},
    };
    for (size_t k = 0; k < COUNT(rates); k++) {
        json_t *value = json_object_get(penalties, rates[k].key);
        if (!json_is_number(value))
            return fail(v, "penalties", "needs every failure-to-pay rate as a number");
        *rates[k].value = json_number_value(value);
    }
    if (!check_source(v, "penalties", penalties))
        return 0;
    v->catalog->failure_to_pay.source = json_string_value(json_object_get(penalties, "source"));
    return 1;
}

/* What each authenticity signal says; the ones the code raises itself must be there. */
static int parse_signals(validator *v, json_t *root)
{
    notice_catalog *catalog = v->catalog;
    json_t *signals = json_object_get(root, "scam_signals");
    if (!json_is_object(signals))
        return fail(v, "scam_signals", "must be an object of signals");
    catalog->signals = allocate(v, json_object_size(signals), sizeof *catalog->signals);
    if (!catalog->signals)
        return 0;
    const char *name;
    json_t *signal;
    json_object_foreach(signals, name, signal)
    {
        char where[128];
        snprintf(where, sizeof where, "scam_signals.%s", name);
        catalog_signal *parsed = &catalog->signals[catalog->signal_count++];
        parsed->id = name;
        if (!parse_sourced_entry(v, where, signal, "says", &parsed->says, &parsed->source))
            return 0;
    }
    for (size_t i = 0; i < COUNT(required_signals); i++) {
        if (!catalog_find_signal(catalog, required_signals[i])) {
            char where[128];
            snprintf(where, sizeof where, "scam_signals.%s", required_signals[i]);
            return fail(v, where, "missing (noticescan raises this sign itself)");
        }
    }
    catalog->unknown_code = catalog_find_signal(catalog, "unknown_code");
    catalog->phone_not_listed = catalog_find_signal(catalog, "phone_not_listed");
    catalog->no_irs_marks = catalog_find_signal(catalog, "no_irs_marks");
    return 1;
}

/* The IRS's own list of numbers to call, each written like 800-829-1040. */
static int parse_irs_phones(validator *v, json_t *root)
{
    json_t *phones = json_object_get(root, "irs_phones");
    if (!check_source(v, "irs_phones", phones))
        return 0;
    v->catalog->irs_phones_source = json_string_value(json_object_get(phones, "source"));
    catalog_texts *numbers = &v->catalog->irs_phones;
    if (!parse_texts(v, "irs_phones", phones, "numbers", 1, numbers))
        return 0;
    for (size_t i = 0; i < numbers->count; i++) {
        char normalized[24];
        if (!normalize_phone(numbers->items[i], normalized, sizeof normalized) ||
            strcmp(normalized, numbers->items[i]) != 0)
            return fail(v, "irs_phones.numbers", "numbers must be written like 800-829-1040");
    }
    return 1;
}

static int parse_notices(validator *v, json_t *notices)
{
    notice_catalog *catalog = v->catalog;
    catalog->notices = allocate(v, json_array_size(notices), sizeof *catalog->notices);
    if (!catalog->notices)
        return 0;
    size_t i;
    json_t *notice;
    json_array_foreach(notices, i, notice)
    {
        if (!parse_notice(v, notice, i, &catalog->notices[i]))
            return 0;
        catalog->notice_count = i + 1;
    }
    catalog->json = json_dumps(notices, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    if (!catalog->json)
        return v->out_of_memory = 1, fail(v, "catalog", "out of memory");
    return check_unique_codes(v);
}

/* Fills v->catalog from the parsed root, table by table; 0 with a message on the first fault. */
static int parse_root(validator *v, json_t *root)
{
    if (!json_is_object(root))
        return fail(v, "top level", "must be an object");
    json_t *notices = json_object_get(root, "notices");
    if (!json_is_array(notices) || json_array_size(notices) == 0)
        return fail(v, "notices", "must be a non-empty array");
    notice_catalog *catalog = v->catalog;
    return parse_table(v, root, "forms", &catalog->forms, &catalog->form_count) &&
           parse_table(v, root, "statutes", &catalog->statutes, &catalog->statute_count) &&
           parse_playbooks(v, root) && parse_after_deadline(v, root) && parse_interest_rates(v, root) &&
           parse_penalties(v, root) && parse_signals(v, root) && parse_irs_phones(v, root) &&
           parse_notices(v, notices);
}

ns_status catalog_parse(notice_catalog *catalog, const char *text, size_t length, const char *origin,
                        char *err, size_t errlen)
{
    memset(catalog, 0, sizeof *catalog);
    json_error_t error;
    json_t *root = json_loadb(text, length, JSON_REJECT_DUPLICATES, &error);
    if (!root) {
        ns_error_set(err, errlen, "%s:%d: %s", origin, error.line, error.text);
        return NS_ERR_CATALOG;
    }
    catalog->storage = calloc(1, sizeof *catalog->storage);
    if (!catalog->storage) {
        json_decref(root);
        return NS_ERR_NOMEM;
    }
    catalog->storage->root = root;
    validator v = {origin, json_object_get(root, "forms"), err, errlen, catalog, 0};
    if (parse_root(&v, root))
        return NS_OK;
    catalog_free(catalog);
    return v.out_of_memory ? NS_ERR_NOMEM : NS_ERR_CATALOG;
}

ns_status catalog_load(notice_catalog *catalog, const char *path, char *err, size_t errlen)
{
    memset(catalog, 0, sizeof *catalog);
    if (!path) {
        const embedded_file *file = embedded_file_find("catalog/notices.json");
        if (!file) {
            ns_error_set(err, errlen, "catalog/notices.json: the catalog was not embedded at build time");
            return NS_ERR_CATALOG;
        }
        return catalog_parse(catalog, (const char *)file->data, file->size, "catalog/notices.json (built in)",
                             err, errlen);
    }
    unsigned char *text = NULL;
    size_t size = 0;
    char reason[256] = "";
    ns_status status = file_read_all(path, &text, &size, reason, sizeof reason);
    if (status != NS_OK) {
        ns_error_set(err, errlen, "%s: %s", path, reason);
        return status == NS_ERR_NOMEM ? status : NS_ERR_CATALOG;
    }
    status = catalog_parse(catalog, (const char *)text, size, path, err, errlen);
    free(text);
    return status;
}

void catalog_free(notice_catalog *catalog)
{
    if (catalog->storage) {
        json_decref(catalog->storage->root);
        for (storage_block *block = catalog->storage->blocks, *next; block; block = next) {
            next = block->next;
            free(block);
        }
        free(catalog->storage);
    }
    free(catalog->json);
    memset(catalog, 0, sizeof *catalog);
}

const catalog_notice *catalog_find(const notice_catalog *catalog, const char *code)
{
    if (!catalog || !code)
        return NULL;
    for (size_t i = 0; i < catalog->notice_count; i++) {
        const catalog_notice *notice = &catalog->notices[i];
        if (strcmp(notice->code, code) == 0)
            return notice;
        for (size_t j = 0; j < notice->aliases.count; j++)
            if (strcmp(notice->aliases.items[j], code) == 0)
                return notice;
    }
    return NULL;
}

const catalog_signal *catalog_find_signal(const notice_catalog *catalog, const char *id)
{
    for (size_t i = 0; id && i < catalog->signal_count; i++)
        /* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker): parsing gives every signal an id */
        if (strcmp(catalog->signals[i].id, id) == 0)
            return &catalog->signals[i];
    return NULL;
}

int catalog_phone_is_listed(const notice_catalog *catalog, const char *number)
{
    for (size_t i = 0; i < catalog->irs_phones.count; i++)
        if (strcmp(catalog->irs_phones.items[i], number) == 0)
            return 1;
    return 0;
}

const char *catalog_urgency_name(notice_urgency urgency)
{
    return (unsigned)urgency < URGENCY_COUNT ? urgencies[urgency] : "medium";
}

const char *catalog_action_name(deadline_action action)
{
    return (unsigned)action < ACTION_COUNT ? actions[action] : "none";
}
