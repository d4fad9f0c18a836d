/*
 * explain.c - the one place that turns extracted fields into an action plan,
 * driven by the catalog. Text and JSON output both render this plan.
 */
#include "dates.h"
#include "explain.h"
#include "normalize.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GENERIC_SOURCE "https://www.irs.gov/individuals/understanding-your-irs-notice-or-letter"
#define SOON_DAYS 7 /* a deadline this close raises urgency one step */

static const char *const urgency_levels[] = {"low", "medium", "high", "critical"};

static int urgency_rank(const char *urgency)
{
    for (int i = 0; i < 4; i++)
        if (urgency && strcmp(urgency, urgency_levels[i]) == 0)
            return i;
    return 1;
}

typedef struct fill_values {
    char amount[48];
    char deadline[40];
    char notice_code[24];
    char tax_year[40];
    char notice_date[40];
    char appeal_deadline[40];
    char phone[72];
} fill_values;

/* Replaces {placeholders} in a catalog step with what this notice says. */
static char *fill_step(const char *step, const fill_values *values)
{
    const struct {
        const char *name;
        const char *value;
    } table[] = {
        {"{amount}", values->amount},
        {"{deadline}", values->deadline},
        {"{notice_code}", values->notice_code},
        {"{tax_year}", values->tax_year},
        {"{notice_date}", values->notice_date},
        {"{appeal_deadline}", values->appeal_deadline},
        {"{phone}", values->phone},
    };
    char *out = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&out, &length);
    if (!stream)
        return NULL;
    for (const char *p = step; *p;) {
        size_t i, n = 0;
        for (i = 0; i < sizeof table / sizeof table[0]; i++) {
            n = strlen(table[i].name);
            if (strncmp(p, table[i].name, n) == 0)
                break;
        }
        if (i < sizeof table / sizeof table[0]) {
            fputs(table[i].value, stream);
            p += n;
        } else {
            fputc(*p++, stream);
        }
    }
    fclose(stream);
    return out;
}

static json_t *filled_list(json_t *steps, const fill_values *values)
{
    json_t *list = json_array();
    size_t i;
    json_t *step;
    json_array_foreach(steps, i, step)
    {
        char *text = fill_step(json_string_value(step), values);
        if (text)
            json_array_append_new(list, json_string(text));
        free(text);
    }
    return list;
}

/* Whether a number is on the IRS's own list (catalog irs_phones): only those are repeated to the reader. */
static int phone_is_listed(const notice_catalog *catalog, const char *number)
{
    size_t i;
    json_t *listed;
    json_array_foreach(json_object_get(json_object_get(catalog->root, "irs_phones"), "numbers"), i, listed)
    {
        if (strcmp(json_string_value(listed), number) == 0)
            return 1;
    }
    return 0;
}

static json_t *date_or_null(ns_date date)
{
    if (!date_is_valid(date))
        return json_null();
    char iso[11];
    date_format_iso(date, iso);
    return json_string(iso);
}

static ns_date field_date(const extraction *fields, ns_field_id id)
{
    ns_date none = {0, 0, 0};
    return fields && fields->fields[id].found ? date_from_days((long)fields->fields[id].chosen.number) : none;
}

static json_t *build_steps(const notice_catalog *catalog, json_t *entry, const fill_values *values)
{
    const char *category = entry ? json_string_value(json_object_get(entry, "category")) : "generic";
    json_t *playbooks = json_object_get(catalog->root, "playbooks");
    json_t *playbook = json_object_get(playbooks, category);
    if (!playbook)
        playbook = json_object_get(playbooks, "generic");
    json_t *overrides = entry ? json_object_get(entry, "situations") : NULL;
    json_t *steps = json_array();
    size_t i;
    json_t *situation;
    json_array_foreach(playbook, i, situation)
    {
        const char *id = json_string_value(json_object_get(situation, "situation"));
        json_t *own = json_object_get(overrides, id);
        json_t *group = json_object();
        json_object_set_new(group, "situation", json_string(id));
        json_object_set(group, "heading", json_object_get(situation, "heading"));
        json_object_set_new(group, "steps",
                            filled_list(own ? own : json_object_get(situation, "steps"), values));
        json_array_append_new(steps, group);
    }
    /* Situations only a notice's own entry knows come after the playbook's. */
    const char *id;
    json_t *own;
    json_object_foreach(overrides, id, own)
    {
        int listed = 0;
        json_array_foreach(playbook, i, situation) listed |=
            strcmp(id, json_string_value(json_object_get(situation, "situation"))) == 0;
        if (listed)
            continue;
        json_t *group = json_object();
        json_object_set_new(group, "situation", json_string(id));
        json_object_set_new(group, "heading", json_string(id));
        json_object_set_new(group, "steps", filled_list(own, values));
        json_array_append_new(steps, group);
    }
    return steps;
}

static json_t *resolve_table(json_t *names, json_t *table, const char *key_name)
{
    json_t *list = json_array();
    size_t i;
    json_t *name;
    json_array_foreach(names, i, name)
    {
        json_t *entry = json_object_get(table, json_string_value(name));
        json_t *item = json_object();
        json_object_set(item, key_name, name);
        json_object_set(item, "title", json_object_get(entry, "title"));
        json_object_set(item, "source", json_object_get(entry, "source"));
        json_array_append_new(list, item);
    }
    return list;
}

static json_t *build_appeal(const notice_catalog *catalog, json_t *entry, ns_date notice_date,
                            ns_date printed_deadline, const char *deadline_action, ns_date today,
                            ns_date *appeal_deadline)
{
    json_t *appeal = entry ? json_object_get(entry, "appeal") : NULL;
    ns_date none = {0, 0, 0};
    *appeal_deadline = none;
    if (!json_is_object(appeal))
        return json_null();
    json_t *days = json_object_get(appeal, "days");
    if (deadline_action && strcmp(deadline_action, "request_hearing") == 0 && date_is_valid(printed_deadline))
        *appeal_deadline = printed_deadline; /* the notice prints its own hearing date */
    else if (json_is_integer(days) && date_is_valid(notice_date))
        *appeal_deadline = date_add_days(notice_date, (long)json_integer_value(days));
    json_t *out = json_object();
    json_object_set(out, "name", json_object_get(appeal, "name"));
    json_object_set_new(out, "deadline", date_or_null(*appeal_deadline));
    json_object_set_new(out, "days_left",
                        date_is_valid(*appeal_deadline)
                            ? json_integer(date_to_days(*appeal_deadline) - date_to_days(today))
                            : json_null());
    json_object_set(out, "days", days ? days : json_null());
    json_object_set(out, "form",
                    json_object_get(appeal, "form") ? json_object_get(appeal, "form") : json_null());
    json_object_set(out, "rule", json_object_get(appeal, "rule"));
    json_t *statute = json_object_get(appeal, "statute");
    json_object_set(out, "statute", statute ? statute : json_null());
    json_object_set(out, "source", json_object_get(appeal, "source"));
    (void)catalog;
    return out;
}

/* The underpayment rate in force on a date: the last table entry starting on or before it. */
static double interest_rate_on(json_t *rates, ns_date date)
{
    double percent = 0;
    size_t i;
    json_t *rate;
    json_array_foreach(json_object_get(rates, "rates"), i, rate)
    {
        ns_date from;
        if (ns_date_parse_iso(json_string_value(json_object_get(rate, "from")), &from) &&
            date_to_days(from) <= date_to_days(date))
            percent = json_number_value(json_object_get(rate, "percent"));
    }
    return percent;
}

static json_t *money_json(double cents)
{
    char text[32];
    format_money((int64_t)llround(cents), text, sizeof text);
    return json_string(text);
}

/*
 * How an unpaid amount grows: the failure-to-pay penalty each month (IRC
 * 6651: 0.5%, 1% once a levy notice has gone out, 0.25% under a payment
 * plan, 25% at most) plus interest compounded daily at the underpayment rate
 * (IRC 6621, 6622). An estimate and labelled so: the penalty applies to the
 * unpaid tax, which the notice's total may overstate, and some of the 25%
 * may already be used.
 */
static json_t *estimate_growth(const notice_catalog *catalog, json_t *entry, int64_t cents, ns_date today)
{
    json_t *rates = json_object_get(catalog->root, "interest_rates");
    json_t *penalties = json_object_get(catalog->root, "penalties");
    const char *category = json_string_value(json_object_get(entry, "category"));
    int after_levy_notice = category && strcmp(category, "levy") == 0;
    double monthly = json_number_value(
        json_object_get(penalties, after_levy_notice ? "failure_to_pay_after_levy_notice_percent_per_month"
                                                     : "failure_to_pay_percent_per_month"));
    double plan_monthly =
        json_number_value(json_object_get(penalties, "failure_to_pay_installment_percent_per_month"));
    double cap = json_number_value(json_object_get(penalties, "failure_to_pay_cap_percent"));
    double rate = interest_rate_on(rates, today);
    ns_date known;
    int beyond_table =
        ns_date_parse_iso(json_string_value(json_object_get(rates, "known_through")), &known) &&
        date_to_days(today) > date_to_days(known);
    static const int months[] = {1, 3, 6, 12};
    json_t *rows = json_array();
    for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
        double interest = pow(1 + rate / 100 / 365, 30.4375 * months[i]) - 1;
        double penalty = fmin(monthly * months[i], cap) / 100;
        double plan_penalty = fmin(plan_monthly * months[i], cap) / 100;
        json_array_append_new(rows,
                              json_pack("{s:i, s:o, s:o}", "months", months[i], "balance",
                                        money_json(cents * (1 + interest + penalty)), "with_payment_plan",
                                        money_json(cents * (1 + interest + plan_penalty))));
    }
    char note[320];
    snprintf(
        note, sizeof note,
        "An estimate, not a bill: %.2g%% a month failure-to-pay penalty (%.2g%% on a payment plan, %.0f%% at "
        "most) and %.0f%% a year interest compounded daily%s. The IRS figures the real amounts.",
        monthly, plan_monthly, cap, rate,
        beyond_table ? ", the last rate noticescan knows (rates change each quarter)" : "");
    return json_pack("{s:b, s:s, s:f, s:f, s:o, s:[s,s]}", "estimate", 1, "note", note,
                     "interest_percent_per_year", rate, "penalty_percent_per_month", monthly, "rows", rows,
                     "sources", json_string_value(json_object_get(rates, "source")),
                     json_string_value(json_object_get(penalties, "source")));
}

/* Appends a source URL unless it is already listed. */
static void add_source(json_t *sources, json_t *source)
{
    size_t i;
    json_t *listed;
    if (!json_is_string(source))
        return;
    json_array_foreach(sources, i, listed)
    {
        if (json_equal(listed, source))
            return;
    }
    json_array_append(sources, source);
}

json_t *explain_plan(const notice_catalog *catalog, const extraction *fields, ns_date today)
{
    const extracted_field *code_field = fields ? &fields->fields[NS_FIELD_NOTICE_CODE] : NULL;
    const char *code = code_field && code_field->found ? code_field->chosen.value : NULL;
    json_t *entry = catalog_find(catalog, code);
    json_t *plan = json_object();

    fill_values values;
    memset(&values, 0, sizeof values);
    const extracted_field *amount = fields ? &fields->fields[NS_FIELD_AMOUNT_DUE] : NULL;
    if (amount && amount->found)
        format_money_for_people(amount->chosen.number, values.amount, sizeof values.amount);
    else
        snprintf(values.amount, sizeof values.amount, "the amount shown on your notice");
    snprintf(values.notice_code, sizeof values.notice_code, "%.20s", code ? code : "your notice");
    const extracted_field *phone = fields ? &fields->fields[NS_FIELD_PHONE] : NULL;
    if (phone && phone->found && phone_is_listed(catalog, phone->chosen.value))
        snprintf(values.phone, sizeof values.phone, "%.20s (the number on your notice)", phone->chosen.value);
    else
        snprintf(values.phone, sizeof values.phone,
                 "the phone number printed at the top right of your notice");
    const extracted_field *year = fields ? &fields->fields[NS_FIELD_TAX_YEAR] : NULL;
    snprintf(values.tax_year, sizeof values.tax_year, "%.32s",
             year && year->found ? year->chosen.value : "the tax year on your notice");
    ns_date notice_date = field_date(fields, NS_FIELD_NOTICE_DATE);
    ns_date printed = field_date(fields, NS_FIELD_RESPONSE_DATE);
    if (date_is_valid(notice_date))
        date_format_long(notice_date, values.notice_date, sizeof values.notice_date);
    else
        snprintf(values.notice_date, sizeof values.notice_date, "the date on your notice");

    /* The deadline: the date printed on the notice, else notice date + the catalog's window. */
    json_t *window = entry ? json_object_get(entry, "deadline") : NULL;
    const char *action = json_is_object(window) ? json_string_value(json_object_get(window, "action")) : NULL;
    ns_date deadline = {0, 0, 0};
    char basis[160] = "";
    if (date_is_valid(printed)) {
        deadline = printed;
        snprintf(basis, sizeof basis, "printed on the notice");
    } else if (json_is_object(window) && json_is_integer(json_object_get(window, "days")) &&
               date_is_valid(notice_date)) {
        long days = (long)json_integer_value(json_object_get(window, "days"));
        deadline = date_add_days(notice_date, days);
        snprintf(basis, sizeof basis, "computed: %ld days from the notice date", days);
    }
    if (date_is_valid(deadline))
        date_format_long(deadline, values.deadline, sizeof values.deadline);
    else
        snprintf(values.deadline, sizeof values.deadline, "the date on your notice");

    ns_date appeal_deadline;
    json_t *appeal = build_appeal(catalog, entry, notice_date, printed, action, today, &appeal_deadline);
    if (date_is_valid(appeal_deadline))
        date_format_long(appeal_deadline, values.appeal_deadline, sizeof values.appeal_deadline);
    else
        snprintf(values.appeal_deadline, sizeof values.appeal_deadline, "the date on your notice");

    json_object_set_new(plan, "code", code ? json_string(code) : json_null());
    json_object_set_new(plan, "generic", json_boolean(entry == NULL));
    if (entry) {
        json_object_set(plan, "title", json_object_get(entry, "title"));
        json_object_set(plan, "summary", json_object_get(entry, "summary"));
        json_object_set(plan, "category", json_object_get(entry, "category"));
    } else {
        char title[96];
        snprintf(title, sizeof title, code ? "IRS notice %.40s" : "IRS notice (code not read)", code);
        json_object_set_new(plan, "title", json_string(title));
        json_object_set_new(plan, "summary",
                            json_string(code ? "This code is not in noticescan's catalog, so this is a "
                                               "general plan for IRS notices, not one written for this "
                                               "notice. Read the notice's first page, or look the code "
                                               "up on irs.gov."
                                             : "noticescan could not read a notice code, so this is a "
                                               "general plan for IRS notices. Look for the code (such "
                                               "as CP14) at the top right of the first page."));
        json_object_set_new(plan, "category", json_string("generic"));
    }

    const char *base_urgency = entry ? json_string_value(json_object_get(entry, "urgency")) : "medium";
    int rank = urgency_rank(base_urgency);
    json_t *days_left = json_null();
    char urgency_reason[160] = "";
    if (date_is_valid(deadline)) {
        long left = date_to_days(deadline) - date_to_days(today);
        days_left = json_integer(left);
        if (left < 0) {
            rank = rank < 2 ? 2 : 3;
            snprintf(urgency_reason, sizeof urgency_reason, "the deadline passed %ld day%s ago", -left,
                     left == -1 ? "" : "s");
        } else if (left <= SOON_DAYS && rank < 3) {
            rank++;
            snprintf(urgency_reason, sizeof urgency_reason, "only %ld day%s left", left,
                     left == 1 ? "" : "s");
        }
    }
    json_object_set_new(plan, "urgency", json_string(urgency_levels[rank]));
    json_object_set_new(plan, "urgency_reason",
                        urgency_reason[0] ? json_string(urgency_reason) : json_null());
    json_object_set_new(plan, "deadline", date_or_null(deadline));
    json_object_set_new(plan, "deadline_basis", basis[0] ? json_string(basis) : json_null());
    json_object_set_new(plan, "deadline_action", action ? json_string(action) : json_null());
    json_object_set(plan, "deadline_rule",
                    json_is_object(window) ? json_object_get(window, "rule") : json_null());
    json_object_set_new(plan, "days_left", days_left);
    json_t *steps = build_steps(catalog, entry, &values);
    json_t *late = json_integer_value(days_left) < 0 && action
                       ? json_object_get(json_object_get(catalog->root, "after_deadline"), action)
                       : NULL;
    if (json_is_object(late)) /* what can still be done comes first once the date is gone */
        json_array_insert_new(steps, 0,
                              json_pack("{s:s, s:O, s:o}", "situation", "deadline_passed", "heading",
                                        json_object_get(late, "heading"), "steps",
                                        filled_list(json_object_get(late, "steps"), &values)));
    json_object_set_new(plan, "steps", steps);
    json_object_set_new(plan, "appeal", appeal);

    int asks_payment = entry && json_is_true(json_object_get(entry, "asks_payment"));
    json_object_set_new(plan, "balance_growth",
                        asks_payment && amount && amount->found
                            ? estimate_growth(catalog, entry, amount->chosen.number, today)
                            : json_null());

    json_t *if_ignored = entry ? json_object_get(entry, "if_ignored") : NULL;
    if (entry)
        json_object_set_new(plan, "if_ignored", filled_list(if_ignored, &values));
    else
        json_object_set_new(plan, "if_ignored",
                            json_pack("[s]", "The IRS usually sends further notices, and unpaid "
                                             "amounts keep growing with penalties and interest."));
    json_object_set_new(plan, "forms",
                        resolve_table(entry ? json_object_get(entry, "forms") : NULL,
                                      json_object_get(catalog->root, "forms"), "form"));
    json_object_set_new(plan, "statutes",
                        resolve_table(entry ? json_object_get(entry, "statutes") : NULL,
                                      json_object_get(catalog->root, "statutes"), "cite"));
    json_t *next = entry ? json_object_get(entry, "next_notices") : NULL;
    json_object_set_new(plan, "next_notices", next ? json_incref(next) : json_array());
    json_t *sources =
        entry ? json_deep_copy(json_object_get(entry, "sources")) : json_pack("[s]", GENERIC_SOURCE);
    if (json_is_object(window))
        add_source(sources, json_object_get(window, "source"));
    if (json_is_object(late))
        add_source(sources, json_object_get(late, "source"));
    json_object_set_new(plan, "sources", sources);
    return plan;
}

static void add_signal(json_t *list, json_t *said, const char *id, const char *text)
{
    json_t *entry = json_object_get(said, id);
    json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s?}", "id", id, "says",
                                          json_string_value(json_object_get(entry, "says")), "source",
                                          json_string_value(json_object_get(entry, "source")), "text", text));
}

json_t *explain_authenticity(const notice_catalog *catalog, const extraction *fields)
{
    json_t *said = json_object_get(catalog->root, "scam_signals");
    json_t *signs = json_array(), *marks = json_array();
    double scam_weight = 0;
    for (int i = 0; i < fields->signal_count; i++) {
        const signal_match *signal = &fields->signals[i];
        add_signal(signal->weight > 0 ? signs : marks, said, signal->rule, signal->text);
        if (signal->weight > 0)
            scam_weight += signal->weight;
    }
    const extracted_field *code = &fields->fields[NS_FIELD_NOTICE_CODE];
    if (code->found && !catalog_find(catalog, code->chosen.value))
        add_signal(signs, said, "unknown_code", code->chosen.value);
    const extracted_field *phone = &fields->fields[NS_FIELD_PHONE];
    if (phone->found && !phone_is_listed(catalog, phone->chosen.value))
        add_signal(signs, said, "phone_not_listed", phone->chosen.value);
    const char *verdict, *summary;
    if (!code->found && json_array_size(marks) == 0) {
        add_signal(signs, said, "no_irs_marks", NULL);
        verdict = "not_an_irs_notice";
        summary = "This does not look like an IRS notice: it has no notice code and does not name the IRS.";
    } else if (scam_weight >= 0.8) {
        verdict = "suspicious";
        summary =
            "This does not look like a real IRS notice. Do not pay or call any number on it. Check your "
            "account at irs.gov or call the IRS at 800-829-1040 to ask whether it is real.";
    } else {
        verdict = "no_scam_signs";
        summary = "No signs of a scam were found. If in doubt, check your account at irs.gov.";
    }
    return json_pack("{s:s, s:s, s:o, s:o}", "verdict", verdict, "summary", summary, "signs", signs, "marks",
                     marks);
}
