/* test_explain.c - the action plan: deadlines, days left, urgency, appeals, unknown codes. */
#include "testutil.h"

#include "calendar.h"
#include "dates.h"
#include "document.h"

#include <jansson.h>
#include <time.h>

/* The whole JSON record of a text read as of today. */
static json_t *document_for(const char *text, ns_date today)
{
    ns_document *document = ns_read_text(test_knowledge(), "t", text, today);
    char *json = ns_document_to_json(document, NULL);
    json_t *root = json_loads(json, 0, NULL);
    assert_non_null(root);
    free(json);
    ns_document_free(document);
    return root;
}

static json_t *plan_for(const char *text, ns_date today)
{
    json_t *root = document_for(text, today);
    json_t *plan = json_incref(json_object_get(root, "plan"));
    json_decref(root);
    return plan;
}

static const char *text_of(json_t *plan, const char *key)
{
    const char *value = json_string_value(json_object_get(plan, key));
    return value ? value : "(null)";
}

static void printed_date_beats_the_catalog_window(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    json_t *plan =
        plan_for("Notice CP14\nNotice date March 4, 2024\nAmount due by March 26, 2024 $50.00\n", today);
    assert_string_equal(text_of(plan, "deadline"), "2024-03-26");
    assert_string_equal(text_of(plan, "deadline_basis"), "printed on the notice");
    assert_int_equal(json_integer_value(json_object_get(plan, "days_left")), 16);
    json_decref(plan);
}

static void window_counts_from_the_notice_date_across_a_leap_february(void **state)
{
    (void)state;
    ns_date today = {2024, 2, 1};
    /* CP504: 30 days from the notice date, nothing printed. */
    json_t *plan =
        plan_for("Notice CP504\nNotice date January 31, 2024\nAmount due immediately: $10.00\n", today);
    assert_string_equal(text_of(plan, "deadline"), "2024-03-01");
    assert_non_null(strstr(text_of(plan, "deadline_basis"), "30 days from the notice date"));
    assert_int_equal(json_integer_value(json_object_get(plan, "days_left")), 29);
    json_decref(plan);
    ns_date today2 = {2023, 2, 1};
    plan = plan_for("Notice CP504\nNotice date January 31, 2023\nAmount due immediately: $10.00\n", today2);
    assert_string_equal(text_of(plan, "deadline"), "2023-03-02");
    json_decref(plan);
}

static void deficiency_window_is_ninety_days_across_a_year_end(void **state)
{
    (void)state;
    ns_date today = {2024, 11, 1};
    json_t *plan = plan_for("Notice CP3219A\nNotice date October 15, 2024\n", today);
    assert_string_equal(text_of(plan, "deadline"), "2025-01-13");
    json_t *appeal = json_object_get(plan, "appeal");
    assert_string_equal(json_string_value(json_object_get(appeal, "deadline")), "2025-01-13");
    json_decref(plan);
}

static void a_passed_deadline_raises_urgency_and_says_so(void **state)
{
    (void)state;
    ns_date today = {2024, 5, 1};
    json_t *plan =
        plan_for("Notice CP14\nNotice date March 4, 2024\nAmount due by March 25, 2024 $50.00\n", today);
    assert_int_equal(json_integer_value(json_object_get(plan, "days_left")), -37);
    assert_string_equal(text_of(plan, "urgency"), "high"); /* medium, raised */
    assert_non_null(strstr(text_of(plan, "urgency_reason"), "passed 37 days ago"));
    json_decref(plan);
}

static const char *first_situation(json_t *plan)
{
    return json_string_value(json_object_get(json_array_get(json_object_get(plan, "steps"), 0), "situation"));
}

static void a_passed_deadline_puts_what_can_still_be_done_first(void **state)
{
    (void)state;
    const char *cp90 = "Notice CP90\nNotice date March 6, 2024\nAmount due immediately: $3,918.44\n";
    ns_date before = {2024, 3, 20}, after = {2024, 6, 1};
    json_t *plan = plan_for(cp90, before);
    assert_string_equal(first_situation(plan), "agree_can_pay");
    json_decref(plan);

    plan = plan_for(cp90, after);
    assert_string_equal(first_situation(plan), "deadline_passed");
    json_t *late = json_array_get(json_object_get(plan, "steps"), 0);
    const char *first_step = json_string_value(json_array_get(json_object_get(late, "steps"), 0));
    assert_non_null(strstr(first_step, "equivalent hearing")); /* the one-year fallback of a CDP notice */
    assert_non_null(strstr(first_step, "Form 12153"));
    /* Its source joins the plan's sources. */
    int cited = 0;
    size_t i;
    json_t *source;
    json_array_foreach(json_object_get(plan, "sources"), i, source) cited |=
        strcmp(json_string_value(source), "https://www.irs.gov/pub/irs-pdf/p1660.pdf") == 0;
    assert_true(cited);
    json_decref(plan);

    /* A notice of deficiency past its last day: the Tax Court is closed, other paths named. */
    ns_date late_day = {2025, 3, 1};
    plan = plan_for("Notice CP3219A\nNotice date October 15, 2024\n", late_day);
    late = json_array_get(json_object_get(plan, "steps"), 0);
    assert_string_equal(json_string_value(json_object_get(late, "situation")), "deadline_passed");
    char *late_text = json_dumps(late, 0);
    assert_non_null(strstr(late_text, "Publication 3598"));
    free(late_text);
    json_decref(plan);
}

static void a_listed_irs_number_read_from_the_notice_fills_the_steps(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    json_t *plan = plan_for("Notice CP14\nNotice date March 4, 2024\nPhone 1-800-829-1040\n"
                            "Amount due by March 26, 2024 $50.00\n",
                            today);
    char *steps = json_dumps(json_object_get(plan, "steps"), 0);
    assert_non_null(strstr(steps, "800-829-1040 (the number on your notice)"));
    free(steps);
    json_decref(plan);
    /* A number not on the IRS's list is never repeated as one to call. */
    plan = plan_for("Notice CP14\nNotice date March 4, 2024\nPhone 1-888-555-0199\n"
                    "Amount due by March 26, 2024 $50.00\n",
                    today);
    steps = json_dumps(json_object_get(plan, "steps"), 0);
    assert_null(strstr(steps, "555-0199"));
    assert_non_null(strstr(steps, "the phone number printed at the top right of your notice"));
    free(steps);
    json_decref(plan);
}

static void a_near_deadline_raises_urgency_one_step(void **state)
{
    (void)state;
    ns_date far = {2024, 3, 5}, near = {2024, 3, 22};
    json_t *plan =
        plan_for("Notice CP14\nNotice date March 4, 2024\nAmount due by March 25, 2024 $50.00\n", far);
    assert_string_equal(text_of(plan, "urgency"), "medium");
    json_decref(plan);
    plan = plan_for("Notice CP14\nNotice date March 4, 2024\nAmount due by March 25, 2024 $50.00\n", near);
    assert_string_equal(text_of(plan, "urgency"), "high");
    assert_non_null(strstr(text_of(plan, "urgency_reason"), "3 days left"));
    json_decref(plan);
}

static void collection_due_process_deadline_is_thirty_days_from_the_letter(void **state)
{
    (void)state;
    ns_date today = {2024, 12, 20};
    json_t *plan = plan_for("Letter 1058\nDate: December 15, 2024\nAmount you owe $6,120.44\n", today);
    json_t *appeal = json_object_get(plan, "appeal");
    assert_non_null(appeal);
    assert_string_equal(json_string_value(json_object_get(appeal, "form")), "12153");
    assert_string_equal(json_string_value(json_object_get(appeal, "deadline")), "2025-01-14");
    assert_int_equal(json_integer_value(json_object_get(appeal, "days_left")), 25);
    assert_string_equal(text_of(plan, "urgency"), "critical");
    json_decref(plan);
}

static void a_printed_hearing_date_is_the_appeal_deadline(void **state)
{
    (void)state;
    ns_date today = {2019, 1, 25};
    json_t *plan = plan_for("Notice CP90\nNotice date January 23, 2019\nAmount due immediately: $5,947.81\n"
                            "requesting a Collection Due Process hearing by February 22, 2019.\n",
                            today);
    json_t *appeal = json_object_get(plan, "appeal");
    assert_string_equal(json_string_value(json_object_get(appeal, "deadline")), "2019-02-22");
    json_decref(plan);
}

static void steps_carry_the_amount_and_the_date(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    json_t *plan = plan_for("Notice CP14\nNotice date March 4, 2024\nAmount due: $1,075.21\n"
                            "Amount due by March 25, 2024 $1,075.21\n",
                            today);
    char *steps = json_dumps(json_object_get(plan, "steps"), 0);
    assert_non_null(strstr(steps, "$1,075.21"));
    assert_non_null(strstr(steps, "March 25, 2024"));
    /* The five situations of a bill, in order. */
    assert_true(json_array_size(json_object_get(plan, "steps")) >= 5);
    assert_non_null(strstr(steps, "agree_can_pay"));
    assert_non_null(strstr(steps, "agree_cannot_pay"));
    assert_non_null(strstr(steps, "disagree"));
    assert_non_null(strstr(steps, "penalty_relief"));
    assert_non_null(strstr(steps, "cannot_pay_at_all"));
    assert_non_null(strstr(steps, "9465"));
    free(steps);
    json_decref(plan);
}

static void an_unknown_code_gets_a_generic_plan_that_says_so(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    json_t *plan = plan_for("Notice CP9876\nNotice date March 4, 2024\n", today);
    assert_true(json_is_true(json_object_get(plan, "generic")));
    assert_non_null(strstr(text_of(plan, "summary"), "not in noticescan's catalog"));
    assert_true(json_array_size(json_object_get(plan, "steps")) > 0);
    assert_non_null(
        strstr(json_string_value(json_array_get(json_object_get(plan, "sources"), 0)), "irs.gov"));
    json_decref(plan);
}

static void no_code_but_irs_marks_gets_a_general_plan_for_review(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    json_t *root = document_for("Internal Revenue Service\nAmount due: $20.00\n", today);
    assert_string_equal(text_of(root, "status"), "review");
    json_decref(root);
    json_t *plan = plan_for("Internal Revenue Service\nAmount due: $20.00\n", today);
    assert_true(json_is_true(json_object_get(plan, "generic")));
    assert_true(json_is_null(json_object_get(plan, "code")));
    assert_true(json_is_null(json_object_get(plan, "deadline")));
    assert_true(json_is_null(json_object_get(plan, "days_left")));
    json_decref(plan);
}

static void a_refund_notice_asks_for_no_payment(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    json_t *plan = plan_for("Notice CP12\nNotice date March 4, 2024\nAdjusted refund: $812.40\n", today);
    char *steps = json_dumps(json_object_get(plan, "steps"), 0);
    assert_null(strstr(steps, "agree_can_pay"));
    free(steps);
    assert_true(json_is_null(json_object_get(plan, "deadline")));
    json_t *appeal = json_object_get(plan, "appeal");
    assert_string_equal(json_string_value(json_object_get(appeal, "deadline")), "2024-05-03"); /* 60 days */
    json_decref(plan);
}

static void an_unpaid_balance_grows_by_penalty_and_daily_interest(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 20}; /* 8% a year then */
    json_t *plan = plan_for("Notice CP14\nNotice date March 4, 2024\nAmount due: $1,000.00\n"
                            "Amount due by March 25, 2024 $1,000.00\n",
                            today);
    json_t *growth = json_object_get(plan, "balance_growth");
    assert_true(json_is_true(json_object_get(growth, "estimate")));
    assert_true(json_number_value(json_object_get(growth, "interest_percent_per_year")) == 8);
    json_t *year = json_array_get(json_object_get(growth, "rows"), 3);
    assert_int_equal(json_integer_value(json_object_get(year, "months")), 12);
    /* 12 x 0.5% penalty + ((1 + 0.08/365)^365.25 - 1) interest = 6% + 8.334% */
    assert_string_equal(json_string_value(json_object_get(year, "balance")), "1143.34");
    assert_string_equal(json_string_value(json_object_get(year, "with_payment_plan")), "1113.34");
    json_decref(plan);
    /* After a notice of intent to levy the penalty is 1% a month (IRC 6651(d)). */
    plan = plan_for("Notice CP504\nNotice date March 4, 2024\nAmount due immediately: $1,000.00\n", today);
    growth = json_object_get(plan, "balance_growth");
    assert_true(json_number_value(json_object_get(growth, "penalty_percent_per_month")) == 1.0);
    json_decref(plan);
    /* Nothing to grow on a refund notice. */
    plan = plan_for("Notice CP12\nNotice date March 4, 2024\nAdjusted refund: $812.40\n", today);
    assert_true(json_is_null(json_object_get(plan, "balance_growth")));
    json_decref(plan);
}

/* The plan is made when the document is read, as of the date given then; rendering repeats it. */
static void the_plan_counts_days_from_the_date_the_document_was_read_as_of(void **state)
{
    (void)state;
    static const char text[] =
        "Notice CP14\nNotice date March 4, 2024\nAmount due by March 26, 2024 $50.00\n";
    ns_date early = {2024, 3, 10}, late = {2024, 3, 30};
    ns_document *first = ns_read_text(test_knowledge(), "t", text, early);
    ns_document *second = ns_read_text(test_knowledge(), "t", text, late);
    char *first_json = ns_document_to_json(first, NULL), *again = ns_document_to_json(first, NULL);
    char *second_json = ns_document_to_json(second, NULL);
    assert_string_equal(first_json, again);
    assert_non_null(strstr(first_json, "\"days_left\":16"));
    assert_non_null(strstr(second_json, "\"days_left\":-4"));
    char *first_text = ns_document_to_text(first), *second_text = ns_document_to_text(second);
    assert_non_null(strstr(first_text, "16 days left"));
    assert_non_null(strstr(second_text, "PASSED 4 days ago"));
    free(first_json), free(again), free(second_json), free(first_text), free(second_text);
    ns_document_free(first);
    ns_document_free(second);
}

static void year_zero_counts_from_the_local_date(void **state)
{
    (void)state;
    ns_date none = {0, 0, 0};
    json_t *plan =
        plan_for("Notice CP14\nNotice date March 4, 2024\nAmount due by March 26, 2024 $50.00\n", none);
    ns_date deadline = {2024, 3, 26}, today = ns_date_today();
    /* days between two dates, by the same count the library uses (days since a fixed day) */
    struct tm a = {.tm_year = deadline.year - 1900, .tm_mon = deadline.month - 1, .tm_mday = deadline.day};
    struct tm b = {.tm_year = today.year - 1900, .tm_mon = today.month - 1, .tm_mday = today.day};
    long expected = (long)((timegm(&a) - timegm(&b)) / 86400);
    assert_int_equal(json_integer_value(json_object_get(plan, "days_left")), expected);
    json_decref(plan);
}

static void an_impossible_date_to_count_from_is_an_argument_error(void **state)
{
    (void)state;
    ns_date impossible = {2024, 2, 30};
    ns_document *document = ns_read_text(test_knowledge(), "t.txt", "Notice CP14\n", impossible);
    assert_int_equal(ns_document_status(document), NS_ERR_ARGUMENT);
    assert_non_null(strstr(ns_document_error(document), "t.txt: "));
    assert_non_null(strstr(ns_document_error(document), "not a valid date"));
    char *json = ns_document_to_json(document, NULL);
    assert_non_null(strstr(json, "\"plan\":null"));
    free(json);
    ns_document_free(document);
}

static void an_engine_with_an_impossible_date_is_refused(void **state)
{
    (void)state;
    ns_engine_options options = {.today = {2025, 13, 1}};
    ns_engine *engine = NULL;
    char error[256] = "";
    assert_int_equal(ns_engine_create(test_knowledge(), &options, &engine, error, sizeof error),
                     NS_ERR_ARGUMENT);
    assert_null(engine);
    assert_non_null(strstr(error, "not a valid date"));
}

static void a_deadline_on_a_weekend_moves_to_monday_and_has_not_passed(void **state)
{
    (void)state;
    /* January 7, 2024 + 90 = Saturday April 6; IRC 7503 makes Monday April 8 timely. */
    ns_date today = {2024, 4, 8};
    json_t *plan = plan_for("Notice CP3219A\nNotice date January 7, 2024\n", today);
    assert_string_equal(text_of(plan, "deadline"), "2024-04-08");
    assert_non_null(
        strstr(text_of(plan, "deadline_basis"),
               "computed: 90 days from the notice date, moved from Saturday, April 6, 2024 to Monday, "
               "April 8, 2024 because of the weekend (IRC 7503)"));
    assert_int_equal(json_integer_value(json_object_get(plan, "days_left")), 0);
    assert_null(strstr(text_of(plan, "urgency_reason"), "passed"));
    json_t *appeal = json_object_get(plan, "appeal");
    assert_string_equal(text_of(appeal, "deadline"), "2024-04-08");
    assert_non_null(strstr(text_of(appeal, "deadline_basis"), "IRC 7503"));
    json_decref(plan);
}

static void holidays_move_a_computed_deadline(void **state)
{
    (void)state;
    ns_date today = {2024, 2, 1};
    /* + 90 days: Monday May 27, 2024 is Memorial Day; Tuesday April 16, 2024 is DC Emancipation Day. */
    json_t *plan = plan_for("Notice CP3219A\nNotice date February 27, 2024\n", today);
    assert_string_equal(text_of(plan, "deadline"), "2024-05-28");
    assert_non_null(strstr(text_of(plan, "deadline_basis"), "Memorial Day"));
    json_decref(plan);
    plan = plan_for("Notice CP3219A\nNotice date January 17, 2024\n", today);
    assert_string_equal(text_of(plan, "deadline"), "2024-04-17");
    assert_non_null(strstr(text_of(plan, "deadline_basis"), "Emancipation Day"));
    json_decref(plan);
}

static void a_printed_petition_date_is_the_appeal_date_too(void **state)
{
    (void)state;
    ns_date today = {2024, 4, 8};
    json_t *root =
        document_for("Notice CP3219A\nNotice date January 7, 2024\n"
                     "Last day to file a petition with the United States Tax Court: April 8, 2024\n",
                     today);
    json_t *appeal = json_object_get(json_object_get(root, "plan"), "appeal");
    assert_string_equal(text_of(appeal, "deadline"), "2024-04-08");
    assert_string_equal(text_of(appeal, "deadline_basis"), "printed on the notice");
    assert_int_equal(json_array_size(json_object_get(root, "review")), 0);
    json_decref(root);
}

static void a_printed_date_that_disagrees_with_the_rule_asks_for_review(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 1};
    json_t *root =
        document_for("Notice CP3219A\nNotice date January 7, 2024\n"
                     "Last day to file a petition with the United States Tax Court: April 1, 2024\n",
                     today);
    json_t *plan = json_object_get(root, "plan");
    assert_string_equal(text_of(plan, "deadline"), "2024-04-01"); /* the printed date still wins */
    assert_string_equal(text_of(root, "status"), "review");
    json_t *review = json_object_get(root, "review");
    int deadline_review = 0;
    for (size_t i = 0; i < json_array_size(review); i++)
        if (strcmp(text_of(json_array_get(review, i), "field"), "deadline") == 0) {
            deadline_review = 1;
            assert_non_null(strstr(text_of(json_array_get(review, i), "reason"), "April 8, 2024"));
        }
    assert_true(deadline_review);
    json_decref(root);
}

static void a_printed_date_of_the_longer_window_abroad_is_accepted(void **state)
{
    (void)state;
    /* January 30, 2024 + 150 = Friday June 28, 2024: a notice addressed abroad. */
    ns_date today = {2024, 5, 1};
    json_t *root =
        document_for("Notice CP3219A\nNotice date January 30, 2024\n"
                     "Last day to file a petition with the United States Tax Court: June 28, 2024\n",
                     today);
    json_t *appeal = json_object_get(json_object_get(root, "plan"), "appeal");
    assert_string_equal(text_of(appeal, "deadline"), "2024-06-28");
    assert_int_equal(json_integer_value(json_object_get(appeal, "days_left")), 58);
    assert_int_equal(json_array_size(json_object_get(root, "review")), 0);
    json_decref(root);
}

static void the_reader_abroad_gets_the_longer_window(void **state)
{
    (void)state;
    ns_date today = {2024, 5, 1};
    ns_document *document =
        ns_read_text(test_knowledge(), "t", "Notice CP3219A\nNotice date January 7, 2024\n", today);
    action_plan plan;
    assert_int_equal(explain_plan(&test_knowledge()->catalog, &document->extraction, today, 1, &plan), NS_OK);
    char iso[16];
    date_format_iso(plan.deadline, iso);
    assert_string_equal(iso, "2024-06-05"); /* + 150 days, a Wednesday */
    assert_non_null(strstr(plan.deadline_basis, "150 days"));
    assert_non_null(strstr(plan.deadline_basis, "outside the United States"));
    date_format_iso(plan.appeal.deadline, iso);
    assert_string_equal(iso, "2024-06-05");
    explain_plan_free(&plan);
    ns_document_free(document);
}

static void a_window_from_delivery_says_it_counts_from_receipt(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 5};
    json_t *plan = plan_for("Notice CP2100\nNotice date March 1, 2024\n", today);
    const char *basis = text_of(plan, "deadline_basis");
    assert_non_null(strstr(basis, "from the day you received the notice"));
    assert_non_null(strstr(basis, "earliest estimate"));
    assert_null(strstr(basis, "15 days from the notice date"));
    json_decref(plan);
}

static void a_proposed_tax_grows_by_interest_only(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 20}; /* 8% a year then */
    json_t *plan = plan_for("Notice CP3219A\nNotice date March 4, 2024\nAmount due: $1,000.00\n", today);
    json_t *growth = json_object_get(plan, "balance_growth");
    assert_true(json_is_null(json_object_get(growth, "penalty_percent_per_month")));
    json_t *year = json_array_get(json_object_get(growth, "rows"), 3);
    /* (1 + 0.08/365)^365.25 - 1 = 8.334% interest, no failure-to-pay penalty (IRC 6651(a)(3)) */
    assert_string_equal(json_string_value(json_object_get(year, "balance")), "1083.34");
    assert_true(json_is_null(json_object_get(year, "with_payment_plan")));
    assert_non_null(strstr(text_of(growth, "note"), "6651(a)(3)"));
    assert_true(json_is_false(json_object_get(growth, "rates_out_of_date")));
    json_decref(plan);
}

static void an_estimate_past_the_rate_table_says_so_plainly(void **state)
{
    (void)state;
    const char *text = "Notice CP14\nNotice date March 4, 2024\nAmount due: $1,000.00\n";
    ns_date before = {2024, 3, 20}, after = {2099, 1, 4};
    json_t *plan = plan_for(text, after);
    json_t *growth = json_object_get(plan, "balance_growth");
    assert_true(json_is_true(json_object_get(growth, "rates_out_of_date")));
    assert_non_null(strstr(text_of(growth, "note"), "knows interest rates only through"));
    json_decref(plan);
    ns_document *document = ns_read_text(test_knowledge(), "t", text, after);
    char *out = ns_document_to_text(document);
    assert_non_null(strstr(out, "OUT OF DATE: the interest rates noticescan knows end on"));
    free(out);
    ns_document_free(document);
    plan = plan_for(text, before);
    assert_null(strstr(text_of(json_object_get(plan, "balance_growth"), "note"), "only through"));
    json_decref(plan);
}

/* What is not an IRS notice gets no plan at all, never an invented one (issue 15). */
static void a_document_that_is_no_notice_is_an_error_not_a_plan(void **state)
{
    (void)state;
    static const char *const not_notices[] = {
        "First National Bank\nMonthly statement for March 2024\nBalance: $1,234.56\nThank you for banking "
        "with us.\n",
        "~~ ,,. lll| ij;; :: __ mm wW %% ..\n.. /\\ !! ||| oO0 ;; ,,\n", /* a cat photo's OCR noise */
        "Dear neighbor,\nThe block party is on Saturday, June 8. Please bring a chair.\nThe Smiths\n",
        "Agencia Tributaria\nNotificacion de pago\nImporte a pagar: 120,00 EUR antes del 30 de abril\n",
    };
    ns_date today = {2024, 3, 10};
    for (size_t i = 0; i < sizeof not_notices / sizeof not_notices[0]; i++) {
        ns_document *document = ns_read_text(test_knowledge(), "t", not_notices[i], today);
        assert_int_equal(ns_document_status(document), NS_ERR_NOT_A_NOTICE);
        assert_non_null(strstr(ns_document_error(document), "no notice code and no IRS marks"));
        char *json = ns_document_to_json(document, NULL);
        json_t *root = json_loads(json, 0, NULL);
        assert_string_equal(text_of(json_object_get(root, "error"), "code"), "not_a_notice");
        assert_true(json_is_null(json_object_get(root, "plan")));
        json_decref(root);
        free(json);
        ns_document_free(document);
    }
    assert_string_equal(ns_status_code(NS_ERR_NOT_A_NOTICE), "not_a_notice");
}

/* A CP12 asks for nothing by a date, but its 60 days to appeal set the pace. */
static void an_appeal_date_alone_is_the_date_to_watch(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    const char *cp12 = "Notice CP12\nNotice date March 4, 2024\nTax year 2023\n";
    json_t *plan = plan_for(cp12, today);
    assert_string_equal(text_of(plan, "urgency"), "medium");
    assert_string_equal(text_of(json_object_get(plan, "appeal"), "deadline"), "2024-05-03");
    json_decref(plan);
    ns_document *document = ns_read_text(test_knowledge(), "t", cp12, today);
    char *text = ns_document_to_text(document);
    assert_non_null(strstr(text, "Deadline:     to appeal, by May 3, 2024 - 54 days left"));
    assert_null(strstr(text, "none printed"));
    assert_null(strstr(text, "Urgency: LOW"));
    free(text);
    ns_document_free(document);
}

static void a_plan_for_a_code_alone_shows_no_read_fields(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    ns_document *document = ns_document_for_code(test_knowledge(), "CP504", today, 0);
    char *text = ns_document_to_text(document);
    assert_non_null(strstr(text, "CP504"));
    assert_null(strstr(text, "not found"));
    assert_null(strstr(text, "Tax year"));
    free(text);
    ns_document_free(document);
}

/* With no address to read, only the reader's word makes the appeal window the one for abroad. */
static void a_plan_for_a_code_alone_follows_the_word_abroad(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    int days[2];
    for (int abroad = 0; abroad <= 1; abroad++) {
        ns_document *document = ns_document_for_code(test_knowledge(), "CP3219A", today, abroad);
        char *json = ns_document_to_json(document, NULL);
        json_t *root = json_loads(json, 0, NULL);
        json_t *appeal = json_object_get(json_object_get(root, "plan"), "appeal");
        assert_true(json_is_integer(json_object_get(appeal, "days")));
        days[abroad] = (int)json_integer_value(json_object_get(appeal, "days"));
        json_decref(root);
        free(json);
        ns_document_free(document);
    }
    assert_int_equal(days[0], 90);  /* IRC 6213(a) */
    assert_int_equal(days[1], 150); /* the same section, addressed outside the U.S. */
}

/* Fields as extraction would give them: a code, a notice date and (or NULL) a mailing address. */
static void synthetic_fields(extraction *fields, const char *code, ns_date notice_date, const char *address)
{
    memset(fields, 0, sizeof *fields);
    fields->fields[NS_FIELD_NOTICE_CODE].found = 1;
    snprintf(fields->fields[NS_FIELD_NOTICE_CODE].chosen.value,
             sizeof fields->fields[NS_FIELD_NOTICE_CODE].chosen.value, "%s", code);
    fields->fields[NS_FIELD_NOTICE_DATE].found = 1;
    fields->fields[NS_FIELD_NOTICE_DATE].chosen.number = (double)date_to_days(notice_date);
    if (address) {
        fields->fields[NS_FIELD_MAILING_ADDRESS].found = 1;
        snprintf(fields->fields[NS_FIELD_MAILING_ADDRESS].chosen.value,
                 sizeof fields->fields[NS_FIELD_MAILING_ADDRESS].chosen.value, "%s", address);
    }
}

/* The last day IRC 7503 allows for a window ending on day: that day, or the next business day. */
static long first_business_day_from(long day)
{
    while (!calendar_is_business_day(date_from_days(day)))
        day++;
    return day;
}

/* The length the rule gives a window: the longer one abroad when it has one. */
static int rule_days(const catalog_window *window, int abroad)
{
    return abroad && window->days_abroad ? window->days_abroad : window->days;
}

/* Checks one window's date in a plan against the rule; returns 1 when the window has a length. */
static int window_date_matches(const char *code, const catalog_window *window, int abroad, long notice_day,
                               ns_date date, const char *basis)
{
    if (!window || !window->days)
        return 0;
    int days = rule_days(window, abroad);
    long expected = first_business_day_from(notice_day + days);
    if (date_to_days(date) != expected) {
        char got[16], want[16];
        date_format_iso(date, got);
        date_format_iso(date_from_days(expected), want);
        fail_msg("%s (%s): %d days from %ld gave %s, not %s", code, abroad ? "abroad" : "at home", days,
                 notice_day, got, want);
    }
    char length[24];
    snprintf(length, sizeof length, "%d days from", days);
    if (!strstr(basis, length))
        fail_msg("%s: basis \"%s\" does not say %s", code, basis, length);
    return 1;
}

/*
 * Every window of every catalog entry (its deadline and its appeal, at home
 * and for an address abroad), counted by the plan from notice dates every 11
 * days across 2015-2035 (11 and 7 share no factor, so the windows end on
 * every weekday, on weekends, holidays and leap days): the plan's date is
 * the window's last day moved to the first business day (IRC 7503), and its
 * basis names the length it used.
 */
static void every_catalog_rule_gives_the_first_business_day_after_its_window(void **state)
{
    (void)state;
    const notice_catalog *catalog = &test_knowledge()->catalog;
    ns_date today = {2015, 1, 1};
    int checked = 0, rules = 0;
    for (size_t i = 0; i < catalog->notice_count; i++) {
        const catalog_notice *entry = &catalog->notices[i];
        if (!(entry->deadline && entry->deadline->days) && !(entry->appeal && entry->appeal->days))
            continue;
        rules++;
        int longer_abroad = (entry->deadline && entry->deadline->days_abroad) ||
                            (entry->appeal && entry->appeal->days_abroad);
        for (int abroad = 0; abroad <= longer_abroad; abroad++)
            for (long day = date_to_days((ns_date){2015, 1, 1}); day < date_to_days((ns_date){2035, 9, 1});
                 day += 11) {
                extraction fields;
                synthetic_fields(&fields, entry->code, date_from_days(day), NULL);
                action_plan plan;
                assert_int_equal(explain_plan(catalog, &fields, today, abroad, &plan), NS_OK);
                checked += window_date_matches(entry->code, entry->deadline, abroad, day, plan.deadline,
                                               plan.deadline_basis);
                checked += window_date_matches(entry->code, entry->appeal, abroad, day, plan.appeal.deadline,
                                               plan.appeal.basis);
                if (entry->appeal && entry->appeal->days)
                    assert_int_equal(plan.appeal.days,
                                     rule_days(entry->appeal, abroad)); /* as the JSON says */
                explain_plan_free(&plan);
            }
    }
    print_message("  %d catalog entries with a window, %d dates checked\n", rules, checked);
    assert_true(rules >= 40); /* 45 entries carried a window when this test was written */
}

/* The plan for a code whose notice prints a date, read as a review note on the deadline and the appeal. */
static void plan_with_printed_date(const catalog_notice *entry, long notice_day, long printed_day,
                                   action_plan *plan)
{
    extraction fields;
    synthetic_fields(&fields, entry->code, date_from_days(notice_day), NULL);
    fields.fields[NS_FIELD_RESPONSE_DATE].found = 1;
    fields.fields[NS_FIELD_RESPONSE_DATE].chosen.number = printed_day;
    assert_int_equal(explain_plan(&test_knowledge()->catalog, &fields, (ns_date){2015, 1, 1}, 0, plan),
                     NS_OK);
}

/*
 * For every catalog rule the law fixes (a Tax Court petition, a hearing
 * request, or an appeal whose window is the printed deadline's), across
 * notice dates over 2015-2035: a printed date that is the rule's last day
 * (at home or abroad) stands without review, and one a day early or late
 * still wins but asks for review.
 */
static void every_fixed_rule_cross_checks_the_printed_date(void **state)
{
    (void)state;
    const notice_catalog *catalog = &test_knowledge()->catalog;
    int rules = 0;
    for (size_t i = 0; i < catalog->notice_count; i++) {
        const catalog_notice *entry = &catalog->notices[i];
        const catalog_window *deadline = entry->deadline, *appeal = entry->appeal;
        if (!deadline || !deadline->days || deadline->from == ORIGIN_DELIVERY)
            continue;
        int fixed = deadline->action == ACTION_PETITION || deadline->action == ACTION_REQUEST_HEARING;
        int appeal_shares =
            appeal && deadline->printed && appeal->days == deadline->days && appeal->from == deadline->from;
        if (!fixed && !appeal_shares)
            continue;
        rules++;
        for (long day = date_to_days((ns_date){2015, 1, 1}); day < date_to_days((ns_date){2035, 9, 1});
             day += 97) {
            long right[2] = {first_business_day_from(day + rule_days(deadline, 0)),
                             first_business_day_from(day + rule_days(deadline, 1))};
            long wrong[2] = {right[0] - 1, right[0] + 1};
            action_plan plan;
            for (size_t k = 0; k < 2; k++) {
                plan_with_printed_date(entry, day, right[k], &plan);
                assert_int_equal(date_to_days(plan.deadline), right[k]);
                if (plan.deadline_review[0] || plan.appeal.review[0])
                    fail_msg("%s: the rule's own last day was questioned: %s%s", entry->code,
                             plan.deadline_review, plan.appeal.review);
                explain_plan_free(&plan);
                plan_with_printed_date(entry, day, wrong[k], &plan);
                assert_int_equal(date_to_days(plan.deadline), wrong[k]); /* the printed date still wins */
                assert_non_null(strstr(fixed ? plan.deadline_review : plan.appeal.review,
                                       "not the last day the rule gives"));
                explain_plan_free(&plan);
            }
        }
    }
    print_message("  %d fixed rules cross-checked\n", rules);
    assert_true(rules >= 10); /* 14 when this test was written */
}

/* The plan for a CP3219A dated Sunday January 7, 2024 (90 days: Monday April 8; 150: Wednesday June 5). */
static void plan_for_cp3219a_mailed_to(const char *address_block, action_plan *plan)
{
    char text[512];
    snprintf(text, sizeof text,
             "Department of the Treasury\nInternal Revenue Service\nAustin, TX 73301-0052\n"
             "Notice CP3219A\nTax year 2022\nNotice date January 7, 2024\n\n%s\n\nNotice of deficiency\n",
             address_block);
    ns_date today = {2024, 2, 1};
    ns_document *document = ns_read_text(test_knowledge(), "t", text, today);
    assert_true(document->extraction.fields[NS_FIELD_MAILING_ADDRESS].found);
    assert_int_equal(explain_plan(&test_knowledge()->catalog, &document->extraction, today, 0, plan), NS_OK);
    ns_document_free(document);
}

static void deadline_is(const action_plan *plan, const char *expected)
{
    char iso[16];
    date_format_iso(plan->deadline, iso);
    assert_string_equal(iso, expected);
    date_format_iso(plan->appeal.deadline, iso);
    assert_string_equal(iso, expected);
}

/* IRC 6213(a): 150 days for a notice "addressed to a person outside the United States". */
static void an_address_block_ending_in_another_country_gives_the_150_day_window_and_says_why(void **state)
{
    (void)state;
    static const char *const abroad[][2] = {
        {"JANE Q DOE\n12 RUE DES LILAS\n75011 PARIS\nFRANCE", "FRANCE"},
        {"JOHN SMITH\nFLAT 3\n10 HIGH STREET\nLONDON SW1A 1AA\nUNITED KINGDOM", "UNITED KINGDOM"},
        {"MARIE TREMBLAY\n200 RUE KING OUEST\nTORONTO ON M5V 2T6\nCANADA", "CANADA"},
        {"HANS MUELLER\nBAHNHOFSTRASSE 12\n10115 BERLIN\nGERMANY", "GERMANY"},
    };
    for (size_t i = 0; i < sizeof abroad / sizeof abroad[0]; i++) {
        action_plan plan;
        plan_for_cp3219a_mailed_to(abroad[i][0], &plan);
        deadline_is(&plan, "2024-06-05");
        char ends_in[64];
        snprintf(ends_in, sizeof ends_in, "the address read ends in %s, outside the United States",
                 abroad[i][1]);
        assert_non_null(strstr(plan.deadline_basis, "150 days"));
        assert_non_null(strstr(plan.deadline_basis, ends_in));
        assert_non_null(strstr(plan.deadline_review, "150-day window for an address abroad"));
        assert_non_null(strstr(plan.appeal.review, "check the address"));
        explain_plan_free(&plan);
    }
}

/* States, DC and military mail (APO/FPO/DPO) are inside the United States: 90 days, nothing to check. */
static void a_us_or_military_address_keeps_the_90_day_window(void **state)
{
    (void)state;
    static const char *const domestic[] = {"JANE DOE\n1 MAIN ST\nSPRINGFIELD, IL 62704",
                                           "JOS\xc3\x89 MU\xc3\x91OZ\n8 PE\xc3\x91"
                                           "A ST\nCA\xc3\x91ON CITY CO 81212",
                                           "JANE DOE\nUNIT 2050 BOX 4190\nAPO, AP 96278-2050",
                                           "JANE DOE\n100 MAPLE AVE\nWASHINGTON, DC 20001"};
    for (size_t i = 0; i < sizeof domestic / sizeof domestic[0]; i++) {
        action_plan plan;
        plan_for_cp3219a_mailed_to(domestic[i], &plan);
        deadline_is(&plan, "2024-04-08");
        assert_null(strstr(plan.deadline_basis, "longer window"));
        assert_string_equal(plan.deadline_review, "");
        assert_string_equal(plan.appeal.review, "");
        explain_plan_free(&plan);
    }
}

/*
 * An address that does not settle it keeps the shorter window and asks for
 * review: a territory (the Code's United States is the States and DC, IRC
 * 7701(a)(9)), or a foreign-looking block no pattern vouched for (typed in).
 */
static void an_uncertain_address_keeps_the_shorter_window_and_asks_for_review(void **state)
{
    (void)state;
    action_plan plan;
    plan_for_cp3219a_mailed_to("ANA RIVERA\n50 CALLE SOL\nSAN JUAN, PR 00901", &plan);
    deadline_is(&plan, "2024-04-08");
    assert_non_null(strstr(plan.deadline_review, "U.S. territory"));
    explain_plan_free(&plan);

    extraction fields;
    synthetic_fields(&fields, "CP3219A", (ns_date){2024, 1, 7},
                     "JANE DOE\n12 RUE DES LILAS\n75011 PARIS\nFRANCE");
    fields.fields[NS_FIELD_MAILING_ADDRESS].chosen.rule = "corrected by the reader";
    assert_int_equal(explain_plan(&test_knowledge()->catalog, &fields, (ns_date){2024, 2, 1}, 0, &plan),
                     NS_OK);
    deadline_is(&plan, "2024-04-08");
    assert_non_null(strstr(plan.deadline_review, "does not show whether the notice was mailed abroad"));
    explain_plan_free(&plan);

    /* a notice with no longer window abroad has nothing to check about the address */
    synthetic_fields(&fields, "CP14", (ns_date){2024, 1, 7}, "JANE DOE\n1 RUE X\n75011 PARIS\nFRANCE");
    assert_int_equal(explain_plan(&test_knowledge()->catalog, &fields, (ns_date){2024, 2, 1}, 0, &plan),
                     NS_OK);
    assert_string_equal(plan.deadline_review, "");
    explain_plan_free(&plan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(printed_date_beats_the_catalog_window),
        cmocka_unit_test(window_counts_from_the_notice_date_across_a_leap_february),
        cmocka_unit_test(deficiency_window_is_ninety_days_across_a_year_end),
        cmocka_unit_test(a_passed_deadline_raises_urgency_and_says_so),
        cmocka_unit_test(a_passed_deadline_puts_what_can_still_be_done_first),
        cmocka_unit_test(a_listed_irs_number_read_from_the_notice_fills_the_steps),
        cmocka_unit_test(a_near_deadline_raises_urgency_one_step),
        cmocka_unit_test(collection_due_process_deadline_is_thirty_days_from_the_letter),
        cmocka_unit_test(a_printed_hearing_date_is_the_appeal_deadline),
        cmocka_unit_test(steps_carry_the_amount_and_the_date),
        cmocka_unit_test(an_unknown_code_gets_a_generic_plan_that_says_so),
        cmocka_unit_test(no_code_but_irs_marks_gets_a_general_plan_for_review),
        cmocka_unit_test(a_refund_notice_asks_for_no_payment),
        cmocka_unit_test(an_unpaid_balance_grows_by_penalty_and_daily_interest),
        cmocka_unit_test(a_proposed_tax_grows_by_interest_only),
        cmocka_unit_test(every_catalog_rule_gives_the_first_business_day_after_its_window),
        cmocka_unit_test(every_fixed_rule_cross_checks_the_printed_date),
        cmocka_unit_test(an_address_block_ending_in_another_country_gives_the_150_day_window_and_says_why),
        cmocka_unit_test(a_us_or_military_address_keeps_the_90_day_window),
        cmocka_unit_test(an_uncertain_address_keeps_the_shorter_window_and_asks_for_review),
        cmocka_unit_test(a_document_that_is_no_notice_is_an_error_not_a_plan),
        cmocka_unit_test(an_appeal_date_alone_is_the_date_to_watch),
        cmocka_unit_test(a_plan_for_a_code_alone_shows_no_read_fields),
        cmocka_unit_test(a_plan_for_a_code_alone_follows_the_word_abroad),
        cmocka_unit_test(an_estimate_past_the_rate_table_says_so_plainly),
        cmocka_unit_test(the_plan_counts_days_from_the_date_the_document_was_read_as_of),
        cmocka_unit_test(year_zero_counts_from_the_local_date),
        cmocka_unit_test(an_impossible_date_to_count_from_is_an_argument_error),
        cmocka_unit_test(an_engine_with_an_impossible_date_is_refused),
        cmocka_unit_test(a_deadline_on_a_weekend_moves_to_monday_and_has_not_passed),
        cmocka_unit_test(holidays_move_a_computed_deadline),
        cmocka_unit_test(a_printed_petition_date_is_the_appeal_date_too),
        cmocka_unit_test(a_printed_date_that_disagrees_with_the_rule_asks_for_review),
        cmocka_unit_test(a_printed_date_of_the_longer_window_abroad_is_accepted),
        cmocka_unit_test(the_reader_abroad_gets_the_longer_window),
        cmocka_unit_test(a_window_from_delivery_says_it_counts_from_receipt),
    };
    int failed = cmocka_run_group_tests_name("explain", tests, NULL, NULL);
    ns_knowledge_free(test_knowledge());
    return failed;
}
