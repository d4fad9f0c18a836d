/*
 * fuzz_text.c - text extraction over arbitrary bytes: every pattern set of the built-in knowledge
 * runs over the input (as for --text), then every renderer formats the result.
 * Promises checked: the JSON output parses, and no output repeats a full SSN from the input.
 */
#include "fuzz.h"

#include <jansson.h>

static void check_json(const char *json, const char *input)
{
    if (!json)
        fuzz_fail("ns_document_to_json", "returned NULL");
    json_error_t error;
    json_t *root = json_loads(json, 0, &error);
    if (!root)
        fuzz_fail("the JSON output does not parse", error.text);
    json_decref(root);
    fuzz_check_no_full_ssn(json, input, "the JSON output");
}

static int fuzz_text(const uint8_t *data, size_t size)
{
    char *input = fuzz_text_copy(data, size);
    const ns_knowledge *knowledge = fuzz_knowledge();
    ns_document *document = ns_read_text(knowledge, "fuzz.txt", input, FUZZ_TODAY);
    if (!document)
        fuzz_fail("ns_read_text", "returned NULL");
    char *json = ns_document_to_json(document, fuzz_render_options());
    check_json(json, input);
    char *text = ns_document_to_text(document);
    fuzz_check_no_full_ssn(text, input, "the text output");
    char *letter = ns_document_letter(document, "dispute");
    fuzz_check_no_full_ssn(letter, input, "the dispute letter");
    free(letter);
    free(text);
    free(json);
    ns_document_free(document);
    free(input);
    return 0;
}
FUZZ_ENTRY(fuzz_text)
