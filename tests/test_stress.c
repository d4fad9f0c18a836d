/*
 * test_stress.c - the stress set: OCR-damaged and layout-varied texts of many
 * kinds of IRS notices (tests/stress/cases.txt, written by hand, and
 * tests/stress/cases-gen.txt, written by tools/notice-gen/notice-gen stress;
 * NOTICESCAN_STRESS_CASES names another file), each with the five fields a careful reader
 * would write down. Every field of every case must come out right.
 *
 * Case file format:
 *   === case NAME
 *   # comment
 *   expect FIELD VALUE          (VALUE "null": the field is not on the notice)
 *   --- text
 *   ...the text as OCR read it; a line "--- page" is a page break...
 * The text runs to the next "=== case " line or the end of the file.
 */
#include "testutil.h"

#define MAX_CASES 4096
#define MAX_CODES 256

static const char not_given[] = "(not given)"; /* an expect line is missing */

typedef struct stress_case {
    const char *name;
    const char *expected[NS_FIELD_COUNT]; /* NULL: the field is absent */
    char *text;
    int line;
} stress_case;

typedef struct stress_set {
    char *file;
    stress_case *cases;
    size_t count;
} stress_set;

static int field_by_name(const char *name)
{
    for (int field = 0; field < NS_FIELD_COUNT; field++)
        if (strcmp(ns_field_name((ns_field_id)field), name) == 0)
            return field;
    return -1;
}

/* Splits the file in place; fails naming the line of anything malformed. */
static void load_set(stress_set *set, const char *case_file)
{
    /* Another case file can be run without editing the test. */
    const char *other = getenv("NOTICESCAN_STRESS_CASES");
    char *path = other && *other ? strdup(other) : test_path(case_file);
    set->file = test_read_file(path);
    if (!set->file)
        fail_msg("cannot read %s", path);
    set->cases = calloc(MAX_CASES, sizeof *set->cases);
    assert_non_null(set->cases);
    set->count = 0;
    stress_case *current = NULL;
    int in_text = 0, line_number = 0;
    char *text_end = NULL;
    for (char *line = set->file; line && *line;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        line_number++;
        if (strncmp(line, "=== case ", 9) == 0) {
            if (current && text_end)
                *text_end = '\0';
            if (set->count == MAX_CASES)
                fail_msg("%s:%d: more than %d cases", path, line_number, MAX_CASES);
            current = &set->cases[set->count++];
            current->name = line + 9;
            current->line = line_number;
            for (int field = 0; field < NS_FIELD_COUNT; field++)
                current->expected[field] = not_given;
            in_text = 0;
            text_end = NULL;
        } else if (!current) {
            if (*line && *line != '#')
                fail_msg("%s:%d: text before the first case", path, line_number);
        } else if (in_text) {
            /* Rejoin the line to the text, in place: the text is a span of the file. */
            if (strcmp(line, "--- page") == 0)
                strcpy(line, "\f");
            size_t length = strlen(line);
            memmove(text_end, line, length);
            text_end += length;
            *text_end++ = '\n';
        } else if (strcmp(line, "--- text") == 0) {
            in_text = 1;
            current->text = next ? next : line + strlen(line);
            text_end = current->text;
        } else if (strncmp(line, "expect ", 7) == 0) {
            char *name = line + 7;
            char *value = strchr(name, ' ');
            if (!value)
                fail_msg("%s:%d: expect FIELD VALUE", path, line_number);
            *value++ = '\0';
            int field = field_by_name(name);
            if (field < 0)
                fail_msg("%s:%d: no field named %s", path, line_number, name);
            current->expected[field] = strcmp(value, "null") == 0 ? NULL : value;
        } else if (*line && *line != '#') {
            fail_msg("%s:%d: unexpected line in case %s: %s", path, line_number, current->name, line);
        }
        line = next;
    }
    if (current && text_end)
        *text_end = '\0';
    for (size_t i = 0; i < set->count; i++) {
        if (!set->cases[i].text)
            fail_msg("%s:%d: case %s has no text", path, set->cases[i].line, set->cases[i].name);
        for (int field = 0; field < NS_FIELD_COUNT; field++)
            if (set->cases[i].expected[field] == not_given)
                fail_msg("%s:%d: case %s does not expect %s", path, set->cases[i].line, set->cases[i].name,
                         ns_field_name((ns_field_id)field));
    }
    free(path);
}

static int same(const char *a, const char *b)
{
    return (a == NULL) == (b == NULL) && (!a || strcmp(a, b) == 0);
}

/* The plans are not checked here; a fixed date keeps runs identical. */
static const ns_date stress_today = {2026, 1, 1};

static double percent(int part, int whole)
{
    return whole ? 100.0 * part / whole : 0.0;
}

/* state: the case file, relative to the project. */
static void every_field_of_every_stress_case_is_right(void **state)
{
    stress_set set;
    load_set(&set, *state);

    int right[NS_FIELD_COUNT] = {0}, wrong = 0, cases_right = 0;
    /* How well confidence predicts errors: values read with confidence >= 0.8, below it, and none. */
    int high = 0, high_right = 0, low = 0, low_right = 0, absent = 0, absent_right = 0;
    const char *codes[MAX_CODES];
    size_t code_count = 0;

    for (size_t i = 0; i < set.count; i++) {
        const stress_case *c = &set.cases[i];
        ns_document *document = ns_read_text(test_knowledge(), c->name, c->text, stress_today);
        assert_non_null(document);
        if (ns_document_status(document) != NS_OK)
            fail_msg("case %s: %s", c->name, ns_document_error(document));
        int all_right = 1;
        for (int field = 0; field < NS_FIELD_COUNT; field++) {
            double confidence = 0;
            const char *got = ns_document_field(document, (ns_field_id)field, &confidence);
            const char *want = c->expected[field];
            int ok = same(want, got);
            right[field] += ok;
            if (!got) {
                absent++;
                absent_right += ok;
            } else if (confidence >= 0.8) {
                high++;
                high_right += ok;
            } else {
                low++;
                low_right += ok;
            }
            if (!ok) {
                all_right = 0;
                wrong++;
                print_message("  MISMATCH %s (line %d) %s: expected %s, got %s (confidence %.2f)\n", c->name,
                              c->line, ns_field_name((ns_field_id)field), want ? want : "null",
                              got ? got : "null", confidence);
            }
        }
        cases_right += all_right;
        const char *code = c->expected[NS_FIELD_NOTICE_CODE];
        if (code) {
            size_t k = 0;
            while (k < code_count && strcmp(codes[k], code) != 0)
                k++;
            if (k == code_count && code_count < MAX_CODES)
                codes[code_count++] = code;
        }
        ns_document_free(document);
    }

    int total = (int)set.count;
    print_message("  stress set: %d cases, %zu notice types, %d cases fully right, %d of %d fields wrong\n",
                  total, code_count, cases_right, wrong, total * NS_FIELD_COUNT);
    for (int field = 0; field < NS_FIELD_COUNT; field++)
        print_message("  %-14s %4d/%d right (%.1f%%)\n", ns_field_name((ns_field_id)field), right[field],
                      total, percent(right[field], total));
    print_message("  confidence >= 0.8: %d values, %.1f%% right\n", high, percent(high_right, high));
    print_message("  confidence <  0.8: %d values, %.1f%% right\n", low, percent(low_right, low));
    print_message("  not found:         %d fields, %.1f%% rightly absent\n", absent,
                  percent(absent_right, absent));

    free(set.cases);
    free(set.file);
    assert_true(total >= 200);
    assert_true(code_count >= 15);
    assert_int_equal(wrong, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate(every_field_of_every_stress_case_is_right, (void *)"tests/stress/cases.txt"),
        cmocka_unit_test_prestate(every_field_of_every_stress_case_is_right, (void *)"tests/stress/cases-gen.txt"),
    };
    int failed = cmocka_run_group_tests_name("stress", tests, NULL, NULL);
    ns_knowledge_free(test_knowledge());
    return failed;
}
