/*
 * cli_serve_page.c - the page of `noticescan serve`, compiled into the
 * binary from pipeline/cli_serve.html (no external assets: it works offline
 * and nothing is fetched from elsewhere).
 */
#include "cli_serve.h"

#include <stdlib.h>
#include <string.h>

#include "cli_serve_html.h" /* generated: serve_page_html[] */

char *serve_page_render(const char *nonce)
{
    static const char placeholder[] = "{{NONCE}}";
    size_t placeholder_length = sizeof placeholder - 1, nonce_length = strlen(nonce);
    size_t count = 0;
    for (const char *at = serve_page_html; (at = strstr(at, placeholder)) != NULL; at += placeholder_length)
        count++;
    size_t length = sizeof serve_page_html - 1 + count * nonce_length - count * placeholder_length;
    char *page = malloc(length + 1);
    if (!page)
        return NULL;
    char *out = page;
    const char *from = serve_page_html, *at;
    while ((at = strstr(from, placeholder)) != NULL) {
        memcpy(out, from, (size_t)(at - from));
        out += at - from;
        memcpy(out, nonce, nonce_length);
        out += nonce_length;
        from = at + placeholder_length;
    }
    memcpy(out, from, strlen(from) + 1);
    return page;
}
