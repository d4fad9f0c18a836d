/*
 * fuzz_catalog.c - the notice catalog parser: the input is catalog JSON, parsed and validated as
 * `--catalog-file FILE` is. A catalog that passes then explains a short notice text, so what
 * validation lets through must also be safe to use.
 * Promise checked: a catalog that does not load says why.
 */
#include "fuzz.h"
#include "catalog.h"

/*
 * Reads and renders the notice text with the catalog at path beside the built-in patterns (which
 * may refuse it: every scam sign they raise must be described in the catalog).
 */
static void explain_with(const char *path)
{
    ns_knowledge *knowledge = NULL;
    char error[512] = "";
    if (ns_knowledge_load(NULL, path, &knowledge, error, sizeof error) != NS_OK) {
        if (!error[0])
            fuzz_fail("ns_knowledge_load", "failed without a message");
        return;
    }
    ns_document *document = ns_read_text(knowledge, "notice.txt", FUZZ_NOTICE_TEXT, FUZZ_TODAY);
    char *json = ns_document_to_json(document, fuzz_render_options());
    char *text = ns_document_to_text(document);
    if (!json || !text)
        fuzz_fail("rendering with the catalog", "returned NULL");
    free(text);
    free(json);
    ns_document_free(document);
    ns_knowledge_free(knowledge);
}

static int fuzz_catalog(const uint8_t *data, size_t size)
{
    notice_catalog catalog;
    char error[512] = "";
    if (catalog_parse(&catalog, (const char *)data, size, "fuzz.json", error, sizeof error) != NS_OK) {
        if (!error[0])
            fuzz_fail("catalog_parse", "failed without a message");
        return 0;
    }
    catalog_free(&catalog);
    explain_with(fuzz_write_scratch("catalog.json", data, size));
    return 0;
}
FUZZ_ENTRY(fuzz_catalog)
