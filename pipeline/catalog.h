/* catalog.h - the notice catalog (catalog.c). */
#ifndef NOTICESCAN_CATALOG_H
#define NOTICESCAN_CATALOG_H

#include "base.h"

struct json_t;

typedef struct notice_catalog {
    struct json_t *root;
    struct json_t *notices; /* borrowed from root */
} notice_catalog;

ns_status catalog_load(notice_catalog *catalog, const char *path, char *err, size_t errlen);
/* Validates an already parsed catalog; origin names it in messages. */
ns_status catalog_validate(struct json_t *root, const char *origin, char *err, size_t errlen);
void catalog_free(notice_catalog *catalog);
/* The entry whose code or alias is code, or NULL. */
struct json_t *catalog_find(const notice_catalog *catalog, const char *code);

#endif
