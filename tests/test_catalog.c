/* test_catalog.c - the notice catalog is data, validated entry by entry. */
#include "testutil.h"

#include <ctype.h>
#include <jansson.h>

#include "document.h"

static void built_in_catalog_is_large_and_sourced(void **state)
{
    (void)state;
    const notice_catalog *catalog = &test_knowledge()->catalog;
    size_t count = catalog->notice_count;
    size_t with_statute = 0, with_irs_source = 0;
    for (size_t i = 0; i < count; i++) {
        const catalog_notice *notice = &catalog->notices[i];
        with_statute += notice->statute_count > 0;
        int irs = 0;
        for (size_t j = 0; j < notice->sources.count; j++)
            irs |= strncmp(notice->sources.items[j], "https://www.irs.gov/", 20) == 0;
        with_irs_source += irs;
    }
    print_message("  catalog: %zu notices, %zu with a statute, %zu with an irs.gov source\n", count,
                  with_statute, with_irs_source);
    assert_true(count >= 110); /* issue 9: the notices people actually get */
    assert_int_equal(with_irs_source, count);
}

static void the_codes_the_pipeline_promises_are_in_the_catalog(void **state)
{
    (void)state;
    static const char *const codes[] = {"CP14",   "CP501",   "CP503", "CP504", "LT11",  "LTR1058",
                                        "CP2000", "CP3219A", "CP11",  "CP12",  "CP22A", "CP59",
                                        "CP90",   "CP523",   "CP71C", "CP161"};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (!catalog_find(&test_knowledge()->catalog, codes[i]))
            fail_msg("%s is not in the catalog", codes[i]);
}

static void aliases_find_their_entry(void **state)
{
    (void)state;
    const catalog_notice *entry = catalog_find(&test_knowledge()->catalog, "CP621");
    assert_non_null(entry);
    assert_string_equal(entry->code, "CP521");
}

/* Every entry's plan renders, with no placeholder left unfilled. */
static void every_entry_renders_a_complete_plan(void **state)
{
    (void)state;
    ns_date today = {2026, 1, 15};
    const notice_catalog *catalog = &test_knowledge()->catalog;
    for (size_t i = 0; i < catalog->notice_count; i++) {
        const char *code = catalog->notices[i].code;
        ns_document *document = ns_document_for_code(test_knowledge(), code, today, 0);
        assert_int_equal(ns_document_status(document), NS_OK);
        char *json = ns_document_to_json(document, NULL);
        char *text = ns_document_to_text(document);
        json_t *root = json_loads(json, 0, NULL);
        json_t *plan = json_object_get(root, "plan");
        if (json_is_true(json_object_get(plan, "generic")))
            fail_msg("%s fell back to the generic plan", code);
        if (json_array_size(json_object_get(plan, "steps")) == 0)
            fail_msg("%s has no steps", code);
        if (strstr(json, "{amount}") || strstr(json, "{deadline}") || strstr(text, "{"))
            fail_msg("%s leaves a placeholder unfilled", code);
        json_decref(root);
        free(json);
        free(text);
        ns_document_free(document);
    }
}

/*
 * Reading level (Flesch-Kincaid grade) with a plain syllable count: vowel
 * groups, a silent final "e" dropped. Links and placeholders count as one
 * short word. Rough, as every such formula is, but it catches a summary
 * written for lawyers.
 */
static int syllables_in(const char *word, size_t length)
{
    int count = 0, in_vowels = 0;
    for (size_t i = 0; i < length; i++) {
        int vowel = strchr("aeiouyAEIOUY", word[i]) != NULL;
        count += vowel && !in_vowels;
        in_vowels = vowel;
    }
    if (length > 3 && (word[length - 1] == 'e' || word[length - 1] == 'E') &&
        !strchr("aeiouy", word[length - 2]) && word[length - 2] != 'l')
        count--;
    return count < 1 ? 1 : count;
}

static double reading_grade(const char *text)
{
    int words = 0, sentences = 0, syllables = 0;
    for (const char *p = text; *p;) {
        if (strncmp(p, "https://", 8) == 0 || *p == '{') { /* a link or a placeholder: one word */
            const char *end = *p == '{' ? strchr(p, '}') + 1 : p + strcspn(p, " )");
            while (end > p && strchr(".,;:", end[-1])) /* the sentence's own punctuation */
                end--;
            p = end;
            words++, syllables++;
            continue;
        }
        if (isalpha((unsigned char)*p)) {
            const char *start = p;
            while (isalpha((unsigned char)*p) || *p == '\'' || *p == '-')
                p++;
            words++;
            syllables += syllables_in(start, (size_t)(p - start));
            continue;
        }
        if (isdigit((unsigned char)*p)) {
            while (isdigit((unsigned char)*p) || *p == ',' || (*p == '.' && isdigit((unsigned char)p[1])))
                p++;
            words++, syllables++;
            continue;
        }
        if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == ' ' || p[1] == '\0'))
            sentences++;
        p++;
    }
    if (words == 0)
        return 0;
    return 0.39 * words / (sentences ? sentences : 1) + 11.8 * syllables / words - 15.59;
}

/* Plain words: a reader at about a sixth-grade level understands the summary and the first step. */
static void summaries_and_first_steps_are_in_plain_words(void **state)
{
    (void)state;
    const notice_catalog *catalog = &test_knowledge()->catalog;
    assert_true(reading_grade("The IRS says you owe tax. Pay by the date on the notice.") < 4);
    assert_true(reading_grade("Notwithstanding the aforementioned determination, administrative "
                              "reconsideration necessitates substantiation.") > 12);
    double summary_total = 0, step_total = 0;
    size_t count = catalog->notice_count;
    for (size_t i = 0; i < count; i++) {
        const catalog_notice *notice = &catalog->notices[i];
        const char *code = notice->code;
        double summary = reading_grade(notice->summary);
        if (summary > 11)
            fail_msg("%s: the summary reads at grade %.1f; use shorter words and sentences", code, summary);
        summary_total += summary;
        /* The first step the reader sees: the entry's own, else its playbook's. */
        const catalog_situation *first = &notice->playbook->situations[0];
        const char *step = first->steps.items[0];
        for (size_t j = 0; j < notice->situation_count; j++)
            if (strcmp(notice->situations[j].id, first->id) == 0)
                step = notice->situations[j].steps.items[0];
        double grade = reading_grade(step);
        if (grade > 11)
            fail_msg("%s: the first step reads at grade %.1f", code, grade);
        step_total += grade;
    }
    print_message("  reading grade (Flesch-Kincaid): summaries %.1f, first steps %.1f on average\n",
                  summary_total / count, step_total / count);
    assert_true(summary_total / count <= 6.5);
    assert_true(step_total / count <= 6.5);
}

/* A minimal valid catalog, changed one way at a time to prove each check fires. */
static const char minimal[] =
    "{\"forms\":{\"9465\":{\"title\":\"Installment Agreement "
    "Request\",\"source\":\"https://www.irs.gov/f9465\"}},"
    "\"statutes\":{\"IRC 6303\":{\"title\":\"Notice and "
    "demand\",\"source\":\"https://uscode.house.gov/6303\"}},"
    "\"playbooks\":{\"generic\":[{\"situation\":\"if_correct\",\"heading\":\"If it is "
    "right\",\"steps\":[\"Pay {amount}.\"]}],"
    "\"scam\":[{\"situation\":\"report\",\"heading\":\"Report it\",\"steps\":[\"Tell the FTC "
    "(https://www.irs.gov/phishing).\"]}]},"
    "\"interest_rates\":{\"source\":\"https://www.irs.gov/rates\",\"known_through\":\"2026-03-31\","
    "\"rates\":[{\"from\":\"2023-01-01\",\"percent\":7},{\"from\":\"2023-10-01\",\"percent\":8}]},"
    "\"penalties\":{\"failure_to_pay_percent_per_month\":0.5,\"failure_to_pay_after_levy_notice_percent_per_"
    "month\":1,"
    "\"failure_to_pay_installment_percent_per_month\":0.25,\"failure_to_pay_cap_percent\":25,"
    "\"source\":\"https://www.irs.gov/ftp\"},"
    "\"scam_signals\":{\"gift_card\":{\"says\":\"Gift cards.\",\"source\":\"https://www.irs.gov/scams\"},"
    "\"unknown_code\":{\"says\":\"Unknown.\",\"source\":\"https://www.irs.gov/scams\"},"
    "\"phone_not_listed\":{\"says\":\"Unlisted.\",\"source\":\"https://www.irs.gov/scams\"},"
    "\"no_irs_marks\":{\"says\":\"No marks.\",\"source\":\"https://www.irs.gov/scams\"}},"
    "\"irs_phones\":{\"source\":\"https://www.irs.gov/phones\",\"numbers\":[\"800-829-1040\"]},"
    "\"after_deadline\":{\"pay\":{\"heading\":\"Late\",\"steps\":[\"Pay "
    "now.\"],\"source\":\"https://www.irs.gov/pay\"}},"
    "\"notices\":[{\"code\":\"CP14\",\"aliases\":[],\"title\":\"Bill\",\"summary\":\"You "
    "owe.\",\"category\":\"balance_due\","
    "\"urgency\":\"medium\",\"asks_payment\":true,\"deadline\":{\"action\":\"pay\",\"days\":21,\"from\":"
    "\"notice_date\","
    "\"rule\":\"Pay by the "
    "date.\",\"source\":\"https://www.irs.gov/cp14\"},\"appeal\":null,\"forms\":[\"9465\"],"
    "\"statutes\":[\"IRC 6303\"],\"if_ignored\":[\"More notices.\"],\"next_notices\":[],"
    "\"sources\":[\"https://www.irs.gov/cp14\"]}]}";

static void expect_invalid(const char *from, const char *to, const char *fragment)
{
    char text[4096];
    const char *at = strstr(minimal, from);
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - minimal), minimal, to, at + strlen(from));
    char error[512] = "";
    notice_catalog catalog;
    assert_int_equal(catalog_parse(&catalog, text, strlen(text), "test.json", error, sizeof error),
                     NS_ERR_CATALOG);
    if (!strstr(error, fragment))
        fail_msg("error \"%s\" does not mention \"%s\"", error, fragment);
    if (!strstr(error, "test.json: "))
        fail_msg("error \"%s\" does not name the file", error);
}

static void validation_rejects_broken_entries(void **state)
{
    (void)state;
    char error[512] = "";
    notice_catalog catalog;
    assert_int_equal(catalog_parse(&catalog, minimal, strlen(minimal), "test.json", error, sizeof error),
                     NS_OK);
    /* parsing fills the typed tables the plan reads */
    assert_int_equal(catalog.notice_count, 1);
    assert_int_equal(catalog.notices[0].deadline->action, ACTION_PAY);
    assert_int_equal(catalog.notices[0].deadline->days, 21);
    assert_int_equal(catalog.notices[0].deadline->from, ORIGIN_NOTICE_DATE);
    assert_string_equal(catalog.notices[0].forms[0]->title, "Installment Agreement Request");
    assert_ptr_equal(catalog.notices[0].playbook, catalog.generic_playbook);
    assert_string_equal(catalog.scam_playbook->situations[0].id, "report");
    assert_non_null(catalog.after_deadline[ACTION_PAY]);
    assert_null(catalog.after_deadline[ACTION_FILE]);
    catalog_free(&catalog);
    /* A known form in a list, and a phone number after a form, are fine. */
    char text[4096];
    const char *at = strstr(minimal, "Pay {amount}.");
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - minimal), minimal,
             "Use Form 9465, or call 877-777-4778.", at + strlen("Pay {amount}."));
    assert_int_equal(catalog_parse(&catalog, text, strlen(text), "test.json", error, sizeof error), NS_OK);
    catalog_free(&catalog);
    expect_invalid("\"forms\":[\"9465\"]", "\"forms\":[\"9999\"]", "'9999' is not defined");
    expect_invalid("\"urgency\":\"medium\"", "\"urgency\":\"soon\"", "urgency must be");
    expect_invalid("\"sources\":[\"https://www.irs.gov/cp14\"]", "\"sources\":[\"https://example.com/cp14\"]",
                   "needs at least one irs.gov source");
    expect_invalid("\"sources\":[\"https://www.irs.gov/cp14\"]", "\"sources\":[\"http://www.irs.gov/cp14\"]",
                   "sources must be https URLs");
    expect_invalid("\"aliases\":[]", "\"aliases\":[\"CP14\"]", "appears twice");
    expect_invalid("\"next_notices\":[]", "\"next_notices\":[\"CP501\"]", "not in the catalog");
    expect_invalid("Pay {amount}.", "Pay {amonut}.", "unknown placeholder");
    expect_invalid("\"source\":\"https://www.irs.gov/cp14\"}", "\"source\":null}", "needs an https source");
    expect_invalid("\"days\":21", "\"days\":-4", "positive integer");
    expect_invalid("\"code\":\"CP14\"", "\"code\":\"Form 1040\"", "canonical code");
    expect_invalid("\"title\":\"Bill\",", "", "title: missing");
    expect_invalid("\"numbers\":[\"800-829-1040\"]", "\"numbers\":[\"8008291040\"]",
                   "written like 800-829-1040");
    expect_invalid("\"says\":\"Gift cards.\",", "", "says: missing");
    expect_invalid("\"from\":\"2023-10-01\"", "\"from\":\"2022-10-01\"", "must be in date order");
    expect_invalid("\"failure_to_pay_cap_percent\":25", "\"failure_to_pay_cap_percent\":\"25\"",
                   "every failure-to-pay rate");
    expect_invalid("Pay {amount}.", "Pay {amount} and send Form 1234.", "text names Form 1234");
    expect_invalid("Pay {amount}.", "Use Forms 9465 or 1234-X.", "text names Form 1234-X");
    expect_invalid("\"summary\":\"You owe.\"", "\"summary\":\"You owe. See Form W-2.\"",
                   "text names Form W-2");
    expect_invalid("\"after_deadline\":{\"pay\"", "\"after_deadline\":{\"pray\"", "is not a deadline action");
    /* the scam plan is data, and each of its steps shows its source */
    expect_invalid("\"scam\":[", "\"scram\":[", "a 'scam' playbook");
    expect_invalid("(https://www.irs.gov/phishing)", "(irs.gov)", "scam playbook needs an https source");
    expect_invalid("\"source\":\"https://www.irs.gov/pay\"", "\"source\":\"www.irs.gov/pay\"",
                   "after_deadline.pay: needs an https source");
    /* the signs noticescan raises itself must have their words in the catalog */
    expect_invalid("\"phone_not_listed\":", "\"phone_unlisted\":", "scam_signals.phone_not_listed: missing");
    expect_invalid("\"from\":\"notice_date\"", "\"from\":\"mailing\"", "from must be notice_date");
    expect_invalid("\"days\":21,", "\"days\":21,\"printed\":\"yes\",", "printed must be true or false");
    expect_invalid("\"days\":21,", "\"days\":21,\"days_abroad\":0,",
                   "notices[0] (CP14).deadline: days_abroad must be a positive integer or null");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(built_in_catalog_is_large_and_sourced),
        cmocka_unit_test(the_codes_the_pipeline_promises_are_in_the_catalog),
        cmocka_unit_test(aliases_find_their_entry),
        cmocka_unit_test(every_entry_renders_a_complete_plan),
        cmocka_unit_test(summaries_and_first_steps_are_in_plain_words),
        cmocka_unit_test(validation_rejects_broken_entries),
    };
    int failed = cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
    ns_knowledge_free(test_knowledge());
    return failed;
}
