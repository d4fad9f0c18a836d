/*
 * explain.c - the one place that turns extracted fields into an action plan,
 * driven by the typed catalog. The plan is made once per document; JSON, text
 * and letters only format it.
 */
#include "explain_address.h"
#include "calendar.h"
#include "dates.h"
#include "explain.h"
#include "normalize.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GENERIC_SOURCE "https://www.irs.gov/individuals/understanding-your-irs-notice-or-letter"
#define SOON_DAYS 7 /* a deadline this close raises urgency one step */
/* One strong sign (authenticity.pat weighs those 0.80 or more) or two weaker ones together. */
#define SUSPICIOUS_WEIGHT 0.8

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
    const placeholder table[] = {
        {"{amount}", values->amount},
        {"{deadline}", values->deadline},
        {"{notice_code}", values->notice_code},
        {"{tax_year}", values->tax_year},
        {"{notice_date}", values->notice_date},
        {"{appeal_deadline}", values->appeal_deadline},
        {"{phone}", values->phone},
    };
    return text_fill_placeholders(step, strlen(step), table, sizeof table / sizeof table[0]);
}

/* Fills every step of a catalog list into a new owned array; 0 when memory runs out. */
static int filled_list(const catalog_texts *steps, const fill_values *values, char ***out, size_t *count)
{
    *count = 0;
    *out = calloc(steps->count + 1, sizeof **out);
    if (!*out)
        return 0;
    for (size_t i = 0; i < steps->count; i++) {
        (*out)[i] = fill_step(steps->items[i], values);
        if (!(*out)[i])
            return 0;
        *count = i + 1;
    }
    return 1;
}

static void free_list(char **list, size_t count)
{
    for (size_t i = 0; list && i < count; i++)
        free(list[i]);
    free(list);
}

static ns_date field_date(const extraction *fields, ns_field_id id)
{
    ns_date none = {0, 0, 0};
    return fields && fields->fields[id].found ? date_from_days((long)fields->fields[id].chosen.number) : none;
}

static void long_date_or(ns_date date, const char *fallback, char *out, size_t len)
{
    if (date_is_valid(date))
        date_format_long(date, out, len);
    else
        snprintf(out, len, "%s", fallback);
}

/* What the catalog's {placeholders} become for this notice (deadlines are filled in later). */
static void fill_from_fields(const notice_catalog *catalog, const extraction *fields, const char *code,
                             fill_values *values)
{
    memset(values, 0, sizeof *values);
    const extracted_field *amount = fields ? &fields->fields[NS_FIELD_AMOUNT_DUE] : NULL;
    if (amount && amount->found)
        format_money_for_people(amount->chosen.number, values->amount, sizeof values->amount);
    else
        snprintf(values->amount, sizeof values->amount, "the amount shown on your notice");
    snprintf(values->notice_code, sizeof values->notice_code, "%.20s", code ? code : "your notice");
    const extracted_field *phone = fields ? &fields->fields[NS_FIELD_PHONE] : NULL;
    /* only a number on the IRS's own list is repeated to the reader */
    if (phone && phone->found && catalog_phone_is_listed(catalog, phone->chosen.value))
        snprintf(values->phone, sizeof values->phone, "%.20s (the number on your notice)",
                 phone->chosen.value);
    else
        snprintf(values->phone, sizeof values->phone,
                 "the phone number printed at the top right of your notice");
    const extracted_field *year = fields ? &fields->fields[NS_FIELD_TAX_YEAR] : NULL;
    snprintf(values->tax_year, sizeof values->tax_year, "%.32s",
             year && year->found ? year->chosen.value : "the tax year on your notice");
    long_date_or(field_date(fields, NS_FIELD_NOTICE_DATE), "the date on your notice", values->notice_date,
                 sizeof values->notice_date);
}

/* What the plan knows about where the notice was mailed. */
typedef struct reader_address {
    int abroad_said;           /* the reader said so (--abroad) */
    address_location location; /* what the address read from the notice shows */
    char last_line[64];        /* the address's last line, quoted in the plan */
} reader_address;

/* Whether a window's longer length for an address abroad applies: only when said or surely read. */
static int is_abroad(const reader_address *address)
{
    return address->abroad_said || address->location == ADDRESS_ABROAD;
}

/* A window's length for this address: the longer one abroad when the catalog gives it. */
static int window_days(const catalog_window *window, const reader_address *address)
{
    return is_abroad(address) && window->days_abroad ? window->days_abroad : window->days;
}

/*
 * A window's last day: its days counted from the notice (or letter) date,
 * the longer window when the address is abroad, then moved past weekends and
 * legal holidays (IRC 7503). basis receives how it was counted and, for the
 * longer window, why. Year 0 when the window has no length or the notice date
 * was not read.
 */
static ns_date computed_date(const catalog_window *window, ns_date notice_date, const reader_address *address,
                             char *basis, size_t len)
{
    ns_date none = {0, 0, 0};
    basis[0] = '\0';
    if (!window || !window->days || !date_is_valid(notice_date))
        return none;
    int days = window_days(window, address);
    int abroad = days != window->days;
    calendar_roll roll;
    ns_date date = calendar_deadline(notice_date, days, &roll);
    char moved[2 * CALENDAR_NAME_LEN + 96];
    calendar_describe_roll(&roll, moved, sizeof moved);
    const char *sep = moved[0] ? ", " : "";
    if (window->from == ORIGIN_DELIVERY) {
        snprintf(basis, len,
                 "computed: %d days from the day you received the notice, which noticescan cannot know; this "
                 "counts from the notice date as the earliest estimate%s%s",
                 days, sep, moved);
        return date;
    }
    char why_longer[128] = "";
    if (abroad && address->abroad_said)
        snprintf(why_longer, sizeof why_longer,
                 " (the longer window for an address outside the United States)");
    else if (abroad)
        snprintf(why_longer, sizeof why_longer,
                 " (the longer window: the address read ends in %.40s, outside the United States)",
                 address->last_line);
    snprintf(basis, len, "computed: %d days from the %s date%s%s%s", days,
             window->from == ORIGIN_LETTER_DATE ? "letter" : "notice", why_longer, sep, moved);
    return date;
}

/*
 * Why a person should check a computed date that rests on the address read:
 * the longer window came from it, or it could not settle which window applies
 * and the shorter, safer one was used. Nothing when the reader said abroad.
 */
static void address_review(const catalog_window *window, const reader_address *address, char *review,
                           size_t len)
{
    if (!window || !window->days_abroad || address->abroad_said)
        return;
    if (address->location == ADDRESS_ABROAD)
        snprintf(review, len,
                 "the %d-day window for an address abroad was used because the address ends in %.40s; "
                 "check the address",
                 window->days_abroad, address->last_line);
    else if (address->location == ADDRESS_TERRITORY)
        snprintf(review, len,
                 "the address is in a U.S. territory, which may count as abroad (%d days, not %d); the "
                 "shorter window was used: check the date printed on the notice",
                 window->days_abroad, window->days);
    else if (address->location == ADDRESS_UNCERTAIN)
        snprintf(review, len,
                 "the address does not show whether the notice was mailed abroad (%d days, not %d); the "
                 "shorter window was used: check the address and the notice",
                 window->days_abroad, window->days);
}

/* The windows the law fixes (a petition, a hearing, an appeal), where a printed date must match the rule. */
static int has_fixed_length(const catalog_window *window, int is_appeal)
{
    return window && window->days && window->from != ORIGIN_DELIVERY &&
           (is_appeal || window->action == ACTION_PETITION || window->action == ACTION_REQUEST_HEARING);
}

/*
 * A date printed on the notice wins over a computed one; for windows the law
 * fixes, the computed date (either length, as the notice may count the
 * address abroad) is the cross-check, and a disagreement asks for review.
 */
static ns_date choose_date(const catalog_window *window, int is_appeal, ns_date printed, ns_date notice_date,
                           const reader_address *address, char *basis, size_t basis_len, char *review,
                           size_t review_len)
{
    char computed_basis[PLAN_BASIS_LEN], other_basis[PLAN_BASIS_LEN];
    ns_date computed = computed_date(window, notice_date, address, computed_basis, sizeof computed_basis);
    if (!date_is_valid(printed)) {
        snprintf(basis, basis_len, "%s", computed_basis);
        if (date_is_valid(computed))
            address_review(window, address, review, review_len);
        return computed;
    }
    snprintf(basis, basis_len, "printed on the notice");
    reader_address other_length = {.abroad_said = !is_abroad(address), .location = ADDRESS_NOT_READ};
    ns_date other = computed_date(window, notice_date, &other_length, other_basis, sizeof other_basis);
    if (has_fixed_length(window, is_appeal) && date_is_valid(computed) &&
        date_to_days(printed) != date_to_days(computed) && date_to_days(printed) != date_to_days(other)) {
        char expected[40];
        date_format_long(computed, expected, sizeof expected);
        snprintf(review, review_len,
                 "the date printed on the notice is not the last day the rule gives (%s); check both",
                 expected);
    }
    return printed;
}

/* The deadline: the date printed on the notice, else the catalog's window counted and rolled forward. */
static void find_deadline(const catalog_window *window, ns_date printed, ns_date notice_date,
                          const reader_address *address, action_plan *plan)
{
    plan->deadline =
        choose_date(window, 0, printed, notice_date, address, plan->deadline_basis,
                    sizeof plan->deadline_basis, plan->deadline_review, sizeof plan->deadline_review);
    if (window) {
        plan->deadline_action = catalog_action_name(window->action);
        plan->deadline_rule = window->rule;
    }
}

/*
 * The appeal's last day. When the notice prints one date and the appeal's
 * window is the deadline's (a CDP hearing on a CP90, a petition on a CP3219A,
 * an appeal on a Letter 525), the printed date is the appeal's too.
 */
static void find_appeal(const catalog_window *appeal, ns_date notice_date, ns_date printed,
                        const catalog_window *deadline, const reader_address *address, ns_date today,
                        plan_appeal *out)
{
    memset(out, 0, sizeof *out);
    out->rule = appeal;
    if (!appeal)
        return;
    out->days = window_days(appeal, address);
    int shares_printed_date =
        deadline && deadline->printed && deadline->days == appeal->days && deadline->from == appeal->from;
    ns_date none = {0, 0, 0};
    out->deadline = choose_date(appeal, 1, shares_printed_date ? printed : none, notice_date, address,
                                out->basis, sizeof out->basis, out->review, sizeof out->review);
    if (date_is_valid(out->deadline))
        out->days_left = date_to_days(out->deadline) - date_to_days(today);
}

/* Urgency: the catalog's, raised one step when the deadline is near and to high or critical once it passed.
 */
static void rate_urgency(const catalog_notice *entry, ns_date today, action_plan *plan)
{
    notice_urgency rank = entry ? entry->urgency : URGENCY_MEDIUM; /* a notice the catalog does not know */
    if (date_is_valid(plan->deadline)) {
        long left = date_to_days(plan->deadline) - date_to_days(today);
        plan->has_days_left = 1;
        plan->days_left = left;
        if (left < 0) {
            rank = rank < URGENCY_HIGH ? URGENCY_HIGH : URGENCY_CRITICAL;
            snprintf(plan->urgency_reason, sizeof plan->urgency_reason, "the deadline passed %ld day%s ago",
                     -left, left == -1 ? "" : "s");
        } else if (left <= SOON_DAYS && rank < URGENCY_CRITICAL) {
            rank = (notice_urgency)(rank + 1);
            snprintf(plan->urgency_reason, sizeof plan->urgency_reason, "only %ld day%s left", left,
                     left == 1 ? "" : "s");
        }
    }
    /* no date to act by, but an appeal right runs out (a CP12's 60 days): that date sets the pace */
    if (!date_is_valid(plan->deadline) && date_is_valid(plan->appeal.deadline) &&
        plan->appeal.days_left >= 0 && rank < URGENCY_MEDIUM) {
        rank = URGENCY_MEDIUM;
        snprintf(plan->urgency_reason, sizeof plan->urgency_reason, "your right to appeal ends in %ld day%s",
                 plan->appeal.days_left, plan->appeal.days_left == 1 ? "" : "s");
    }
    plan->urgency = catalog_urgency_name(rank);
}

static const catalog_situation *find_situation(const catalog_situation *list, size_t count, const char *id)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(list[i].id, id) == 0)
            return &list[i];
    return NULL;
}

static int add_group(action_plan *plan, const char *situation, const char *heading,
                     const catalog_texts *steps, const fill_values *values)
{
    plan_steps *group = &plan->steps[plan->step_count++];
    group->situation = situation;
    group->heading = heading;
    return filled_list(steps, values, &group->steps, &group->count);
}

/*
 * The steps: once the deadline is gone, what can still be done comes first;
 * then the playbook's situations (a notice's own steps replace the
 * playbook's), then situations only the notice's entry knows.
 */
static int build_steps(const notice_catalog *catalog, const catalog_notice *entry, const fill_values *values,
                       const catalog_after_deadline *late, action_plan *plan)
{
    const catalog_playbook *playbook = entry ? entry->playbook : catalog->generic_playbook;
    const catalog_situation *own = entry ? entry->situations : NULL;
    size_t own_count = entry ? entry->situation_count : 0;
    plan->steps = calloc(1 + playbook->count + own_count, sizeof *plan->steps);
    if (!plan->steps)
        return 0;
    int ok = !late || add_group(plan, "deadline_passed", late->heading, &late->steps, values);
    for (size_t i = 0; ok && i < playbook->count; i++) {
        const catalog_situation *situation = &playbook->situations[i];
        const catalog_situation *override = find_situation(own, own_count, situation->id);
        ok = add_group(plan, situation->id, situation->heading,
                       override ? &override->steps : &situation->steps, values);
    }
    for (size_t i = 0; ok && i < own_count; i++)
        if (!find_situation(playbook->situations, playbook->count, own[i].id))
            ok = add_group(plan, own[i].id, own[i].heading, &own[i].steps, values);
    return ok;
}

/* The underpayment rate in force on a date: the last table entry starting on or before it. */
static double interest_rate_on(const notice_catalog *catalog, ns_date date)
{
    double percent = 0;
    for (size_t i = 0; i < catalog->interest.count; i++)
        if (date_to_days(catalog->interest.rates[i].from) <= date_to_days(date))
            percent = catalog->interest.rates[i].percent;
    return percent;
}

/*
 * Notices that propose tax the IRS has not assessed yet (an underreporting
 * proposal, a notice of deficiency, an audit report): the failure-to-pay
 * penalty starts only after assessment and notice and demand (IRC
 * 6651(a)(3)), while interest already runs from the return's due date (IRC
 * 6601(a)).
 */
static int proposes_tax(const char *category)
{
    return strcmp(category, "underreporting") == 0 || strcmp(category, "deficiency") == 0 ||
           strcmp(category, "audit") == 0;
}

/* The estimate's note: what it counts, and plainly when the rate table is out of date. */
static void describe_growth(const notice_catalog *catalog, double monthly, double plan_monthly, double rate,
                            plan_growth *out)
{
    char known[40];
    date_format_long(catalog->interest.known_through, known, sizeof known);
    char stale[160] = "";
    if (out->rates_out_of_date)
        snprintf(
            stale, sizeof stale,
            " noticescan knows interest rates only through %s; today is later, so this uses the last rate "
            "it knows.",
            known);
    if (out->proposal)
        snprintf(
            out->note, sizeof out->note,
            "An estimate, not a bill: interest only, %.0f%% a year compounded daily. The tax is proposed, "
            "not assessed, so no failure-to-pay penalty runs yet: it starts only after the IRS assesses "
            "the tax and sends a bill (IRC 6651(a)(3)).%s The IRS figures the real amounts.",
            rate, stale);
    else
        snprintf(out->note, sizeof out->note,
                 "An estimate, not a bill: %.2g%% a month failure-to-pay penalty (%.2g%% on a payment plan, "
                 "%.0f%% at most) and %.0f%% a year interest compounded daily.%s The IRS figures the real "
                 "amounts.",
                 monthly, plan_monthly, catalog->failure_to_pay.cap, rate, stale);
}

/*
 * How an unpaid amount grows: the failure-to-pay penalty each month (IRC
 * 6651: 0.5%, 1% once a levy notice has gone out, 0.25% under a payment
 * plan, 25% at most) plus interest compounded daily at the underpayment rate
 * (IRC 6621, 6622); interest alone for a proposal. An estimate and labelled
 * so: the penalty applies to the unpaid tax, which the notice's total may
 * overstate, and some of the 25% may already be used.
 */
static void estimate_growth(const notice_catalog *catalog, const catalog_notice *entry, int64_t cents,
                            ns_date today, plan_growth *out)
{
    out->present = 1;
    out->proposal = proposes_tax(entry->category);
    int after_levy_notice = strcmp(entry->category, "levy") == 0;
    double monthly = out->proposal       ? 0
                     : after_levy_notice ? catalog->failure_to_pay.per_month_after_levy_notice
                                         : catalog->failure_to_pay.per_month;
    double plan_monthly = out->proposal ? 0 : catalog->failure_to_pay.per_month_installment;
    double cap = catalog->failure_to_pay.cap;
    double rate = interest_rate_on(catalog, today);
    out->rates_known_through = catalog->interest.known_through;
    out->rates_out_of_date = date_to_days(today) > date_to_days(catalog->interest.known_through);
    static const int months[PLAN_GROWTH_ROWS] = {1, 3, 6, 12};
    for (size_t i = 0; i < PLAN_GROWTH_ROWS; i++) {
        double interest =
            pow(1 + rate / 100 / 365, 30.4375 * months[i]) - 1; /* 30.4375: days in an average month */
        double penalty = fmin(monthly * months[i], cap) / 100;
        double plan_penalty = fmin(plan_monthly * months[i], cap) / 100;
        out->rows[i].months = months[i];
        out->rows[i].balance = (int64_t)llround(cents * (1 + interest + penalty));
        out->rows[i].with_payment_plan = (int64_t)llround(cents * (1 + interest + plan_penalty));
    }
    describe_growth(catalog, monthly, plan_monthly, rate, out);
    out->interest_percent_per_year = rate;
    out->penalty_percent_per_month = monthly;
    out->sources[0] = catalog->interest.source;
    out->sources[1] = catalog->failure_to_pay.source;
}

/* Appends a source URL unless it is already listed. */
static void add_source(action_plan *plan, const char *source)
{
    if (!source)
        return;
    for (size_t i = 0; i < plan->source_count; i++)
        /* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker): only non-NULL sources are added */
        if (strcmp(plan->sources[i], source) == 0)
            return;
    plan->sources[plan->source_count++] = source;
}

/* The notice's sources, the deadline rule's and the late steps' (room for two more is allocated). */
static int list_sources(const catalog_notice *entry, const catalog_after_deadline *late, action_plan *plan)
{
    plan->sources = calloc((entry ? entry->sources.count : 1) + 2, sizeof *plan->sources);
    if (!plan->sources)
        return 0;
    if (!entry)
        plan->sources[plan->source_count++] = GENERIC_SOURCE;
    for (size_t i = 0; entry && i < entry->sources.count; i++)
        plan->sources[plan->source_count++] = entry->sources.items[i];
    if (entry && entry->deadline)
        add_source(plan, entry->deadline->source);
    if (late)
        add_source(plan, late->source);
    return 1;
}

/* Title, summary and category: the entry's, or a general plan's when the code is unknown or unread. */
static int describe_notice(const catalog_notice *entry, const char *code, action_plan *plan)
{
    plan->generic = entry == NULL;
    if (entry) {
        plan->title = strdup(entry->title);
        plan->summary = entry->summary;
        plan->category = entry->category;
        return plan->title != NULL;
    }
    char title[96];
    snprintf(title, sizeof title, code ? "IRS notice %.40s" : "IRS notice (code not read)", code);
    plan->title = strdup(title);
    plan->summary =
        code ? "This code is not in noticescan's catalog, so this is a general plan for IRS notices, "
               "not one written for this notice. Read the notice's first page, or look the code up "
               "on irs.gov."
             : "noticescan could not read a notice code, so this is a general plan for IRS notices. "
               "Look for the code (such as CP14) at the top right of the first page.";
    plan->category = "generic";
    return plan->title != NULL;
}

/* What happens if the reader does nothing, and the tables the notice refers to. */
static int list_consequences(const catalog_notice *entry, const fill_values *values, action_plan *plan)
{
    static const char *const generic_if_ignored[] = {"The IRS usually sends further notices, and unpaid "
                                                     "amounts keep growing with penalties and interest."};
    catalog_texts generic = {(const char **)generic_if_ignored, 1};
    if (entry) {
        plan->forms = entry->forms;
        plan->form_count = entry->form_count;
        plan->statutes = entry->statutes;
        plan->statute_count = entry->statute_count;
        plan->next_notices = entry->next_notices;
    }
    return filled_list(entry ? &entry->if_ignored : &generic, values, &plan->if_ignored,
                       &plan->if_ignored_count);
}

ns_status explain_plan(const notice_catalog *catalog, const extraction *fields, ns_date today, int abroad,
                       action_plan *plan)
{
    memset(plan, 0, sizeof *plan);
    const extracted_field *code_field = fields ? &fields->fields[NS_FIELD_NOTICE_CODE] : NULL;
    const char *code = code_field && code_field->found ? code_field->chosen.value : NULL;
    const catalog_notice *entry = catalog_find(catalog, code);
    snprintf(plan->code, sizeof plan->code, "%s", code ? code : "");

    fill_values values;
    fill_from_fields(catalog, fields, code, &values);
    ns_date notice_date = field_date(fields, NS_FIELD_NOTICE_DATE);
    ns_date printed = field_date(fields, NS_FIELD_RESPONSE_DATE);
    const catalog_window *window = entry ? entry->deadline : NULL;
    reader_address address = {.abroad_said = abroad != 0};
    address.location = explain_locate_address(fields ? &fields->fields[NS_FIELD_MAILING_ADDRESS] : NULL,
                                              address.last_line, sizeof address.last_line);
    find_deadline(window, printed, notice_date, &address, plan);
    long_date_or(plan->deadline, "the date on your notice", values.deadline, sizeof values.deadline);
    find_appeal(entry ? entry->appeal : NULL, notice_date, printed, window, &address, today, &plan->appeal);
    long_date_or(plan->appeal.deadline, "the date on your notice", values.appeal_deadline,
                 sizeof values.appeal_deadline);
    rate_urgency(entry, today, plan);

    const catalog_after_deadline *late =
        plan->has_days_left && plan->days_left < 0 && window ? catalog->after_deadline[window->action] : NULL;
    const extracted_field *amount = fields ? &fields->fields[NS_FIELD_AMOUNT_DUE] : NULL;
    if (entry && entry->asks_payment && amount && amount->found)
        estimate_growth(catalog, entry, amount->chosen.number, today, &plan->growth);
    if (!describe_notice(entry, code, plan) || !build_steps(catalog, entry, &values, late, plan) ||
        !list_consequences(entry, &values, plan) || !list_sources(entry, late, plan)) {
        explain_plan_free(plan);
        return NS_ERR_NOMEM;
    }
    return NS_OK;
}

void explain_plan_free(action_plan *plan)
{
    if (!plan)
        return;
    free(plan->title);
    for (size_t i = 0; plan->steps && i < plan->step_count; i++)
        free_list(plan->steps[i].steps, plan->steps[i].count);
    free(plan->steps);
    free_list(plan->if_ignored, plan->if_ignored_count);
    free(plan->sources);
    memset(plan, 0, sizeof *plan);
}

static void add_sign(authenticity_sign *list, int *count, const catalog_signal *signal, const char *text)
{
    authenticity_sign *sign = &list[(*count)++];
    sign->signal = signal;
    sign->has_text = text != NULL;
    snprintf(sign->text, sizeof sign->text, "%s", text ? text : "");
}

void explain_authenticity(const notice_catalog *catalog, const extraction *fields, authenticity *out)
{
    memset(out, 0, sizeof *out);
    double scam_weight = 0;
    for (int i = 0; i < fields->signal_count; i++) {
        const signal_match *signal = &fields->signals[i];
        /* every signal rule has its words in the catalog: ns_knowledge_load checks it */
        const catalog_signal *said = catalog_find_signal(catalog, signal->rule);
        if (signal->weight > 0)
            add_sign(out->signs, &out->sign_count, said, signal->text);
        else
            add_sign(out->marks, &out->mark_count, said, signal->text);
        if (signal->weight > 0)
            scam_weight += signal->weight;
    }
    const extracted_field *code = &fields->fields[NS_FIELD_NOTICE_CODE];
    if (code->found && !catalog_find(catalog, code->chosen.value))
        add_sign(out->signs, &out->sign_count, catalog->unknown_code, code->chosen.value);
    const extracted_field *phone = &fields->fields[NS_FIELD_PHONE];
    if (phone->found && !catalog_phone_is_listed(catalog, phone->chosen.value))
        add_sign(out->signs, &out->sign_count, catalog->phone_not_listed, phone->chosen.value);
    /* a scam sign outweighs everything else: a letter that fakes the IRS often has no IRS marks at all */
    if (scam_weight >= SUSPICIOUS_WEIGHT) {
        out->verdict = "suspicious";
        out->summary =
            "This does not look like a real IRS notice. Do not pay or call any number on it. Check your "
            "account at irs.gov or call the IRS at 800-829-1040 to ask whether it is real.";
    } else if (!code->found && out->mark_count == 0) {
        add_sign(out->signs, &out->sign_count, catalog->no_irs_marks, NULL);
        out->verdict = "not_an_irs_notice";
        out->summary =
            "This does not look like an IRS notice: it has no notice code and does not name the IRS.";
    } else {
        out->verdict = "no_scam_signs";
        out->summary = "No signs of a scam were found. If in doubt, check your account at irs.gov.";
    }
}

/* The sources of the signs found, each once, for a scam plan's source list. */
static int list_sign_sources(const authenticity *check, action_plan *plan)
{
    plan->sources = calloc((size_t)check->sign_count + 1, sizeof *plan->sources);
    if (!plan->sources)
        return 0;
    for (int i = 0; i < check->sign_count; i++)
        add_source(plan, check->signs[i].signal->source);
    return 1;
}

ns_status explain_scam_plan(const notice_catalog *catalog, const extraction *fields,
                            const authenticity *check, action_plan *plan)
{
    if (strcmp(check->verdict, "suspicious") != 0)
        return NS_OK;
    char code[sizeof plan->code];
    snprintf(code, sizeof code, "%s", plan->code);
    explain_plan_free(plan);
    snprintf(plan->code, sizeof plan->code, "%s", code);
    plan->title = strdup("This looks like a scam, not a real IRS notice");
    plan->summary = "This letter shows signs that it only pretends to come from the IRS, so this plan "
                    "replaces the one for the notice it claims to be. Treat it as a scam until the IRS "
                    "itself tells you otherwise.";
    plan->category = "scam";
    plan->urgency =
        catalog_urgency_name(URGENCY_HIGH); /* money or identity may be lost, no deadline to meet */
    snprintf(plan->urgency_reason, sizeof plan->urgency_reason, "it shows signs of a scam");
    fill_values values;
    fill_from_fields(catalog, fields, code[0] ? code : NULL, &values);
    const catalog_playbook *playbook = catalog->scam_playbook;
    plan->steps = calloc(playbook->count, sizeof *plan->steps);
    int ok = plan->title && plan->steps;
    for (size_t i = 0; ok && i < playbook->count; i++)
        ok = add_group(plan, playbook->situations[i].id, playbook->situations[i].heading,
                       &playbook->situations[i].steps, &values);
    catalog_texts nothing = {NULL, 0}; /* a fake letter's threats are not consequences */
    if (!ok || !filled_list(&nothing, &values, &plan->if_ignored, &plan->if_ignored_count) ||
        !list_sign_sources(check, plan)) {
        explain_plan_free(plan);
        return NS_ERR_NOMEM;
    }
    return NS_OK;
}

const char *const plan_letter_kinds[PLAN_LETTER_KINDS] = {"dispute", "abatement", "cdp"};

/* 1 when one of the plan's step groups is one of these situations. */
static int plan_has_situation(const action_plan *plan, const char *const *ids, size_t count)
{
    for (size_t i = 0; i < plan->step_count; i++)
        for (size_t j = 0; j < count; j++)
            if (strcmp(plan->steps[i].situation, ids[j]) == 0)
                return 1;
    return 0;
}

/*
 * A letter only where the notice allows it: a dispute where its playbook says
 * how to disagree, penalty relief where it has assessed penalties to relieve,
 * a Collection Due Process request where the notice carries that hearing
 * right (Form 12153, IRC 6320/6330), and nothing for a suspected scam.
 */
const char *explain_letter_refusal(const action_plan *plan, const char *kind)
{
    static const char *const disputable[] = {"disagree", "if_wrong", "already_filed", "not_required"};
    static const char *const has_penalties[] = {"penalty_relief"};
    if (!kind || (strcmp(kind, "dispute") != 0 && strcmp(kind, "abatement") != 0 && strcmp(kind, "cdp") != 0))
        return "there is no such letter: the kinds are dispute, abatement and cdp";
    if (strcmp(plan->category, "scam") == 0)
        return "this looks like a scam, not a real IRS notice: do not answer it; see the plan for how to "
               "check "
               "with the IRS";
    if (strcmp(kind, "dispute") == 0 && !plan_has_situation(plan, disputable, 2 + 2))
        return "this notice asks for nothing to dispute; follow its plan instead";
    if (strcmp(kind, "abatement") == 0 && proposes_tax(plan->category))
        return "the tax and penalties on this notice are only proposed: argue them in your answer (a dispute "
               "letter) and ask for penalty relief once they are billed";
    if (strcmp(kind, "abatement") == 0 && !plan_has_situation(plan, has_penalties, 1))
        return "this notice carries no penalties to ask relief from";
    if (strcmp(kind, "cdp") == 0 &&
        !(plan->appeal.rule && plan->appeal.rule->form && strcmp(plan->appeal.rule->form, "12153") == 0))
        return "this notice carries no Collection Due Process hearing right; that right comes only with a "
               "notice of intent to levy or a notice of a lien filed (such as CP90, LT11, Letter 1058 or "
               "Letter 3172)";
    return NULL;
}
