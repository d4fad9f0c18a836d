/*
 * fuzz_patterns.c - the pattern-file parser. The input is one more .pat file put beside the
 * built-in set in a folder, loaded as `--patterns DIR` loads it; when the set loads, it reads a
 * short notice text, so a rule the parser let through must also be safe to run.
 * Promise checked: a set that does not load says why.
 */
#include "fuzz.h"
#include "base.h"

/* The scratch folder, holding the built-in pattern files (written once) and the input. */
static const char *pattern_dir(void)
{
    static int written;
    if (!written) {
        for (size_t i = 0; i < embedded_file_count; i++) {
            const char *name = embedded_files[i].name;
            if (strncmp(name, "patterns/", 9) == 0)
                fuzz_write_scratch(name + 9, embedded_files[i].data, embedded_files[i].size);
        }
        written = 1;
    }
    return fuzz_scratch_dir();
}

static int fuzz_patterns(const uint8_t *data, size_t size)
{
    const char *dir = pattern_dir();
    fuzz_write_scratch("zz_input.pat", data, size);
    ns_knowledge *knowledge = NULL;
    char error[512] = "";
    if (ns_knowledge_load(dir, NULL, &knowledge, error, sizeof error) != NS_OK) {
        if (!error[0])
            fuzz_fail("ns_knowledge_load", "failed without a message");
        return 0;
    }
    ns_document *document = ns_read_text(knowledge, "notice.txt", FUZZ_NOTICE_TEXT, FUZZ_TODAY);
    char *json = ns_document_to_json(document, fuzz_render_options());
    if (!json)
        fuzz_fail("ns_document_to_json", "returned NULL");
    free(json);
    ns_document_free(document);
    ns_knowledge_free(knowledge);
    return 0;
}
FUZZ_ENTRY(fuzz_patterns)
