/*
 * cli_serve.c - `noticescan serve`: the phone as the interface. One page,
 * served on the home network, that takes a photo of a notice and shows the
 * plan; a small JSON API under it. Nothing leaves the machine that runs it.
 *
 *   GET  /                 the page (embedded; no external assets)
 *   POST /api/read         photos (multipart, or the raw bytes of one) -> the CLI's JSON contract
 *   POST /api/plan         corrected fields (JSON) -> the same JSON, plan re-computed
 *   POST /api/letter?kind= fields -> a filled-in response letter (text)
 *   POST /api/ics          fields -> a calendar entry for the deadline (RFC 5545)
 *   GET  /api/explain/CODE the plan for a notice code
 *
 * Safety: uploads are size-limited, type-checked from their bytes and kept
 * in memory only (unless --keep); a bounded number of requests wait for an
 * engine (503 past that); every request must carry the access token when
 * the server listens beyond this machine; no file is ever served from disk.
 */
#include "cli_serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <malloc.h>
#include <microhttpd.h>
#include <pthread.h>
#include <qrencode.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_PHOTOS 6 /* a notice is rarely more than 4 pages; 6 leaves room for a retake */

/* ---- the engine pool: -j engines, a bounded queue in front ------------- */

typedef struct engine_pool {
    ns_engine **engines;
    int *busy;
    int count;
    int waiting_or_running; /* requests admitted: at most queue_limit */
    int queue_limit;
    pthread_mutex_t lock;
    pthread_cond_t freed;
} engine_pool;

/* Admits a request into the queue; 0 when the queue is full (the caller answers 503). */
static int pool_admit(engine_pool *pool)
{
    pthread_mutex_lock(&pool->lock);
    int admitted = pool->waiting_or_running < pool->queue_limit;
    if (admitted)
        pool->waiting_or_running++;
    pthread_mutex_unlock(&pool->lock);
    return admitted;
}

/* Waits up to seconds for a free engine; returns its index, or -1 on time-out. */
static int pool_acquire(engine_pool *pool, int seconds)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += seconds;
    pthread_mutex_lock(&pool->lock);
    int index = -1;
    for (;;) {
        for (int i = 0; i < pool->count && index < 0; i++)
            if (!pool->busy[i])
                index = i;
        if (index >= 0) {
            pool->busy[index] = 1;
            break;
        }
        if (pthread_cond_timedwait(&pool->freed, &pool->lock, &deadline) == ETIMEDOUT)
            break;
    }
    pthread_mutex_unlock(&pool->lock);
    return index;
}

static void pool_release(engine_pool *pool, int index)
{
    pthread_mutex_lock(&pool->lock);
    if (index >= 0)
        pool->busy[index] = 0;
    pool->waiting_or_running--;
    pthread_cond_signal(&pool->freed);
    pthread_mutex_unlock(&pool->lock);
}

/* ---- server state ------------------------------------------------------ */

typedef struct server server;
struct server {
    const serve_options *options;
    const ns_knowledge *knowledge;
    engine_pool pool;
    char token[33]; /* 32 hex digits; empty when the server is for this machine only */
    unsigned long kept;
    pthread_mutex_t keep_lock;
};

/* One request's state, kept between libmicrohttpd's calls for its body. */
typedef struct request {
    const struct server *srv;
    struct MHD_PostProcessor *post;
    unsigned char *bodies[MAX_PHOTOS];
    size_t sizes[MAX_PHOTOS];
    int count;      /* photos (or the one raw body) received */
    size_t total;   /* bytes received */
    int too_large;  /* over --max-upload-mb: answer 413 when the body ends */
    int too_many;   /* more than MAX_PHOTOS photos */
    int raw;        /* the body is one photo (not multipart) or JSON */
} request;

static void request_free(request *req)
{
    if (!req)
        return;
    if (req->post)
        MHD_destroy_post_processor(req->post);
    for (int i = 0; i < req->count; i++)
        free(req->bodies[i]);
    free(req);
}

/* Appends bytes to the photo being received; enforces the size limit. */
static int request_append(request *req, const char *data, size_t size)
{
    if (req->too_large || size == 0)
        return 1;
    if (req->total + size > req->srv->options->max_upload_bytes) {
        req->too_large = 1;
        return 1;
    }
    unsigned char **body = &req->bodies[req->count - 1];
    size_t *have = &req->sizes[req->count - 1];
    unsigned char *grown = realloc(*body, *have + size + 1);
    if (!grown)
        return 0;
    memcpy(grown + *have, data, size);
    *have += size;
    grown[*have] = '\0';
    *body = grown;
    req->total += size;
    return 1;
}

static int request_start_part(request *req)
{
    if (req->count == MAX_PHOTOS) {
        req->too_many = 1;
        return 0;
    }
    req->bodies[req->count] = NULL;
    req->sizes[req->count] = 0;
    req->count++;
    return 1;
}

/* ---- responses --------------------------------------------------------- */

/* Headers every answer carries: nothing cached, nothing sniffed, no referrer (the token is in the URL). */
static void add_safety_headers(struct MHD_Response *response, const char *content_type)
{
    MHD_add_response_header(response, "Content-Type", content_type);
    MHD_add_response_header(response, "Cache-Control", "no-store");
    MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(response, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(response, "X-Frame-Options", "DENY");
    MHD_add_response_header(response, "Cross-Origin-Resource-Policy", "same-origin");
}

static enum MHD_Result answer(struct MHD_Connection *connection, unsigned status, const char *content_type,
                              char *body, size_t length, const char *download_name)
{
    struct MHD_Response *response =
        MHD_create_response_from_buffer(length, body, body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!response) {
        free(body);
        return MHD_NO;
    }
    add_safety_headers(response, content_type);
    MHD_add_response_header(response, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    if (download_name) {
        char disposition[160];
        snprintf(disposition, sizeof disposition, "attachment; filename=\"%s\"", download_name);
        MHD_add_response_header(response, "Content-Disposition", disposition);
    }
    enum MHD_Result result = MHD_queue_response(connection, status, response);
    MHD_destroy_response(response);
    return result;
}

/* {"error": {"code": code, "message": message}} with an HTTP status. */
static enum MHD_Result answer_error(struct MHD_Connection *connection, unsigned status, const char *code,
                                    const char *message)
{
    json_t *root = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", message);
    char *body = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    if (!body)
        return MHD_NO;
    return answer(connection, status, "application/json", body, strlen(body), NULL);
}

static enum MHD_Result answer_json(struct MHD_Connection *connection, unsigned status, char *json)
{
    if (!json)
        return answer_error(connection, 500, "out_of_memory", "out of memory");
    return answer(connection, status, "application/json", json, strlen(json), NULL);
}

/* The page, with a fresh nonce so that only its own script and style may run. */
static enum MHD_Result answer_page(struct MHD_Connection *connection)
{
    unsigned char random_bytes[16];
    char nonce[33];
    if (getrandom(random_bytes, sizeof random_bytes, 0) != (ssize_t)sizeof random_bytes)
        return answer_error(connection, 500, "random", "no random bytes for the page nonce");
    for (size_t i = 0; i < sizeof random_bytes; i++)
        snprintf(nonce + 2 * i, 3, "%02x", random_bytes[i]);
    char *page = serve_page_render(nonce);
    if (!page)
        return answer_error(connection, 500, "out_of_memory", "out of memory");
    struct MHD_Response *response = MHD_create_response_from_buffer(strlen(page), page, MHD_RESPMEM_MUST_FREE);
    if (!response)
        return MHD_NO;
    add_safety_headers(response, "text/html; charset=utf-8");
    char policy[400];
    snprintf(policy, sizeof policy,
             "default-src 'none'; script-src 'nonce-%s'; style-src 'nonce-%s'; img-src blob: data:; "
             "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
             nonce, nonce);
    MHD_add_response_header(response, "Content-Security-Policy", policy);
    enum MHD_Result result = MHD_queue_response(connection, MHD_HTTP_OK, response);
    MHD_destroy_response(response);
    return result;
}

/* ---- reading ----------------------------------------------------------- */

/* HTTP status for a document that could not be read: the client's fault (4xx) or ours (5xx). */
static unsigned http_status_for(ns_status status)
{
    switch (status) {
    case NS_OK:
        return MHD_HTTP_OK;
    case NS_ERR_TOO_LARGE:
        return MHD_HTTP_CONTENT_TOO_LARGE;
    case NS_ERR_FORMAT:
        return MHD_HTTP_UNSUPPORTED_MEDIA_TYPE;
    case NS_ERR_NOMEM:
    case NS_ERR_OCR:
    case NS_ERR_TESSDATA:
    case NS_ERR_PATTERNS:
    case NS_ERR_CATALOG:
        return MHD_HTTP_INTERNAL_SERVER_ERROR;
    default:
        return MHD_HTTP_UNPROCESSABLE_CONTENT;
    }
}

/* Is this an image or PDF we read, judged by its first bytes (never by the name or header)? */
static int looks_like_document(const unsigned char *data, size_t size)
{
    static const struct {
        const char *magic;
        size_t offset, length;
    } signatures[] = {
        {"\x89PNG\r\n\x1a\n", 0, 8}, {"\xff\xd8\xff", 0, 3}, {"II*\0", 0, 4}, {"MM\0*", 0, 4},
        {"%PDF-", 0, 5},             {"BM", 0, 2},           {"RIFF", 0, 4}, {"ftyp", 4, 4},
        {"P5", 0, 2},                {"P6", 0, 2},           {"P4", 0, 2},
    };
    for (size_t i = 0; i < sizeof signatures / sizeof *signatures; i++)
        if (size >= signatures[i].offset + signatures[i].length &&
            memcmp(data + signatures[i].offset, signatures[i].magic, signatures[i].length) == 0)
            return 1;
    return 0;
}

/* --keep DIR: the uploads of one request, saved for later study (only when asked). */
static void keep_uploads(server *srv, const request *req)
{
    if (!srv->options->keep_dir)
        return;
    pthread_mutex_lock(&srv->keep_lock);
    unsigned long number = ++srv->kept;
    pthread_mutex_unlock(&srv->keep_lock);
    for (int i = 0; i < req->count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/upload-%ld-%lu-%d.bin", srv->options->keep_dir, (long)time(NULL), number,
                 i + 1);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd < 0)
            continue;
        size_t done = 0;
        while (done < req->sizes[i]) {
            ssize_t n = write(fd, req->bodies[i] + done, req->sizes[i] - done);
            if (n <= 0)
                break;
            done += (size_t)n;
        }
        close(fd);
    }
}


static enum MHD_Result handle_read(struct MHD_Connection *connection, server *srv, request *req)
{
    if (req->too_large) {
        char message[160];
        snprintf(message, sizeof message, "the upload is over the %zu MB limit",
                 srv->options->max_upload_bytes >> 20);
        return answer_error(connection, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", message);
    }
    if (req->too_many)
        return answer_error(connection, MHD_HTTP_CONTENT_TOO_LARGE, "too_many_photos",
                            "at most 6 photos of one notice can be read at once");
    if (req->count == 0 || req->total == 0)
        return answer_error(connection, MHD_HTTP_BAD_REQUEST, "empty", "no photo was received");
    for (int i = 0; i < req->count; i++)
        if (!looks_like_document(req->bodies[i], req->sizes[i])) {
            char message[160];
            snprintf(message, sizeof message, "photo %d is not an image or PDF noticescan reads (PNG, JPEG, HEIC, "
                     "TIFF, WebP, BMP, PDF)", i + 1);
            return answer_error(connection, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_format", message);
        }
    if (!pool_admit(&srv->pool))
        return answer_error(connection, MHD_HTTP_SERVICE_UNAVAILABLE, "busy",
                            "too many photos are waiting to be read; try again in a minute");
    keep_uploads(srv, req);
    int engine = pool_acquire(&srv->pool, srv->options->time_limit_seconds);
    if (engine < 0) {
        pool_release(&srv->pool, -1);
        return answer_error(connection, MHD_HTTP_SERVICE_UNAVAILABLE, "busy",
                            "every reader stayed busy for too long; try again in a minute");
    }
    const void *data[MAX_PHOTOS];
    for (int i = 0; i < req->count; i++)
        data[i] = req->bodies[i];
    ns_document *document =
        ns_engine_read_images(srv->pool.engines[engine], req->count > 1 ? "photos" : "photo", data, req->sizes,
                              req->count);
    pool_release(&srv->pool, engine);
    /* A read leaves tens of MB free in this connection thread's malloc arena: give it back now. */
    malloc_trim(0);
    if (!document)
        return answer_error(connection, 500, "out_of_memory", "out of memory");
    char *json = ns_document_to_json(document, NULL);
    unsigned status = http_status_for(ns_document_status(document));
    ns_document_free(document);
    return answer_json(connection, status, json);
}

/* ---- fields in: corrections, letters, calendar ------------------------- */

/*
 * A document made from fields a person typed or corrected:
 * {"fields": {"notice_code": "CP14", "amount_due": "1075.21", ...}} (or the
 * fields object alone). The same explainer as everywhere else then makes
 * the plan. NULL with a message when the body is not such an object.
 */
static ns_document *document_from_fields(const server *srv, const request *req, char *err, size_t errlen)
{
    if (req->count != 1 || req->too_large) {
        snprintf(err, errlen, "expected a JSON object of fields, at most %zu MB",
                 srv->options->max_upload_bytes >> 20);
        return NULL;
    }
    json_error_t error;
    json_t *root = json_loadb((const char *)req->bodies[0], req->sizes[0], JSON_REJECT_DUPLICATES, &error);
    json_t *fields = json_object_get(root, "fields");
    if (!fields)
        fields = root;
    const char *code = json_string_value(json_object_get(fields, "notice_code"));
    if (!json_is_object(fields) || !code) {
        snprintf(err, errlen, "expected {\"fields\": {\"notice_code\": \"CP14\", ...}}%s%s", root ? "" : ": ",
                 root ? "" : error.text);
        json_decref(root);
        return NULL;
    }
    ns_date today = {0, 0, 0}; /* the local date */
    ns_document *document = ns_document_for_code(srv->knowledge, code, today, 0);
    for (int id = 0; document && ns_document_status(document) == NS_OK && id < NS_FIELD_ALL_COUNT; id++) {
        json_t *value = json_object_get(fields, ns_field_name((ns_field_id)id));
        char number[32];
        const char *text = json_string_value(value);
        if (json_is_integer(value)) {
            snprintf(number, sizeof number, "%lld", (long long)json_integer_value(value));
            text = number;
        }
        if (id == NS_FIELD_NOTICE_CODE || !text || !*text)
            continue;
        if (ns_document_correct(document, (ns_field_id)id, text, err, errlen) != NS_OK) {
            ns_document_free(document);
            document = NULL;
        }
    }
    json_decref(root);
    if (document && ns_document_status(document) != NS_OK) {
        snprintf(err, errlen, "%s", ns_document_error(document));
        ns_document_free(document);
        return NULL;
    }
    return document;
}

static enum MHD_Result handle_plan(struct MHD_Connection *connection, server *srv, request *req)
{
    char reason[512] = "out of memory";
    ns_document *document = document_from_fields(srv, req, reason, sizeof reason);
    if (!document)
        return answer_error(connection, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_fields", reason);
    char *json = ns_document_to_json(document, NULL);
    ns_document_free(document);
    return answer_json(connection, MHD_HTTP_OK, json);
}

static enum MHD_Result handle_letter(struct MHD_Connection *connection, server *srv, request *req)
{
    const char *kind = MHD_lookup_connection_value(connection, MHD_GET_ARGUMENT_KIND, "kind");
    char reason[512] = "out of memory";
    ns_document *document = document_from_fields(srv, req, reason, sizeof reason);
    if (!document)
        return answer_error(connection, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_fields", reason);
    char *letter = kind ? ns_document_letter(document, kind) : NULL;
    ns_document_free(document);
    if (!letter)
        return answer_error(connection, MHD_HTTP_UNPROCESSABLE_CONTENT, "no_letter",
                            "this notice has no letter of that kind (dispute, abatement or cdp, as the notice "
                            "allows)");
    char name[64];
    snprintf(name, sizeof name, "noticescan-%s-letter.txt", strcmp(kind, "cdp") == 0         ? "cdp"
                                                             : strcmp(kind, "abatement") == 0 ? "abatement"
                                                                                             : "dispute");
    return answer(connection, MHD_HTTP_OK, "text/plain; charset=utf-8", letter, strlen(letter), name);
}

static enum MHD_Result handle_calendar(struct MHD_Connection *connection, server *srv, request *req)
{
    char reason[512] = "out of memory";
    ns_document *document = document_from_fields(srv, req, reason, sizeof reason);
    if (!document)
        return answer_error(connection, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_fields", reason);
    char *calendar = ns_document_to_ics(document);
    ns_document_free(document);
    if (!calendar)
        return answer_error(connection, MHD_HTTP_UNPROCESSABLE_CONTENT, "no_deadline",
                            "this notice has no deadline to put in a calendar");
    return answer(connection, MHD_HTTP_OK, "text/calendar; charset=utf-8", calendar, strlen(calendar),
                  "noticescan-deadline.ics");
}

static enum MHD_Result handle_explain(struct MHD_Connection *connection, server *srv, const char *code)
{
    ns_date today = {0, 0, 0}; /* the local date */
    ns_document *document = ns_document_for_code(srv->knowledge, code, today, 0);
    if (!document)
        return answer_error(connection, 500, "out_of_memory", "out of memory");
    if (ns_document_status(document) != NS_OK) {
        enum MHD_Result result =
            answer_error(connection, MHD_HTTP_NOT_FOUND, "unknown_code", ns_document_error(document));
        ns_document_free(document);
        return result;
    }
    char *json = ns_document_to_json(document, NULL);
    ns_document_free(document);
    return answer_json(connection, MHD_HTTP_OK, json);
}

/* ---- routing ----------------------------------------------------------- */

/* Constant-time comparison, so the token cannot be guessed a character at a time. */
static int token_matches(const char *expected, const char *given)
{
    if (!given)
        return 0;
    size_t length = strlen(expected);
    unsigned char difference = strlen(given) != length;
    for (size_t i = 0; i < length; i++)
        difference |= (unsigned char)(expected[i] ^ (given[i] ? given[i] : 0));
    return difference == 0;
}

static int request_authorized(const server *srv, struct MHD_Connection *connection)
{
    if (!srv->token[0])
        return 1;
    const char *given = MHD_lookup_connection_value(connection, MHD_GET_ARGUMENT_KIND, "t");
    if (!given)
        given = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "X-Noticescan-Token");
    return token_matches(srv->token, given);
}

static enum MHD_Result on_post_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                    const char *content_type, const char *transfer_encoding, const char *data,
                                    uint64_t offset, size_t size)
{
    request *req = cls;
    (void)kind, (void)filename, (void)content_type, (void)transfer_encoding;
    if (strcmp(key, "photo") != 0)
        return MHD_YES; /* other form fields are ignored */
    if (offset == 0 && !request_start_part(req))
        return MHD_YES; /* too many: remembered, answered when the body ends */
    return request_append(req, data, size) ? MHD_YES : MHD_NO;
}

typedef enum route { ROUTE_PAGE, ROUTE_READ, ROUTE_PLAN, ROUTE_LETTER, ROUTE_CALENDAR, ROUTE_EXPLAIN, ROUTE_NONE } route;

static route route_of(const char *method, const char *url)
{
    int get = strcmp(method, MHD_HTTP_METHOD_GET) == 0, post = strcmp(method, MHD_HTTP_METHOD_POST) == 0;
    if (get && (strcmp(url, "/") == 0 || strcmp(url, "/index.html") == 0))
        return ROUTE_PAGE;
    if (get && strncmp(url, "/api/explain/", 13) == 0 && url[13])
        return ROUTE_EXPLAIN;
    if (!post)
        return ROUTE_NONE;
    if (strcmp(url, "/api/read") == 0)
        return ROUTE_READ;
    if (strcmp(url, "/api/plan") == 0)
        return ROUTE_PLAN;
    if (strcmp(url, "/api/letter") == 0)
        return ROUTE_LETTER;
    if (strcmp(url, "/api/ics") == 0)
        return ROUTE_CALENDAR;
    return ROUTE_NONE;
}

/* First call of a POST: set up how its body is received (multipart photos, or raw bytes). */
static request *request_begin(server *srv, struct MHD_Connection *connection)
{
    request *req = calloc(1, sizeof *req);
    if (!req)
        return NULL;
    req->srv = srv;
    const char *type = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (type && strncmp(type, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA,
                        strlen(MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA)) == 0) {
        req->post = MHD_create_post_processor(connection, (size_t)64 * 1024, on_post_part, req);
        if (!req->post) {
            free(req);
            return NULL;
        }
    } else {
        req->raw = 1;
    }
    return req;
}

static enum MHD_Result request_receive(request *req, const char *data, size_t size)
{
    if (req->post)
        return MHD_post_process(req->post, data, size);
    if (req->count == 0 && !request_start_part(req))
        return MHD_NO;
    return request_append(req, data, size) ? MHD_YES : MHD_NO;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **request_state)
{
    server *srv = cls;
    (void)version;
    route where = route_of(method, url);
    if (*request_state == NULL) {
        if (!request_authorized(srv, connection))
            return answer_error(connection, MHD_HTTP_FORBIDDEN, "forbidden",
                                "this address needs the access link that `noticescan serve` printed");
        if (where == ROUTE_NONE)
            return answer_error(connection, MHD_HTTP_NOT_FOUND, "not_found", "no such page");
        if (where == ROUTE_PAGE)
            return answer_page(connection);
        if (where == ROUTE_EXPLAIN)
            return handle_explain(connection, srv, url + 13);
        request *req = request_begin(srv, connection);
        if (!req)
            return MHD_NO;
        *request_state = req;
        return MHD_YES;
    }
    request *req = *request_state;
    if (*upload_data_size != 0) {
        enum MHD_Result result = request_receive(req, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return result;
    }
    switch (where) {
    case ROUTE_READ:
        return handle_read(connection, srv, req);
    case ROUTE_PLAN:
        return handle_plan(connection, srv, req);
    case ROUTE_LETTER:
        return handle_letter(connection, srv, req);
    case ROUTE_CALENDAR:
        return handle_calendar(connection, srv, req);
    default:
        return answer_error(connection, MHD_HTTP_NOT_FOUND, "not_found", "no such page");
    }
}

static void on_request_done(void *cls, struct MHD_Connection *connection, void **request_state,
                            enum MHD_RequestTerminationCode code)
{
    (void)cls, (void)connection, (void)code;
    request_free(*request_state);
    *request_state = NULL;
}

/* ---- start-up ---------------------------------------------------------- */

/* Prints a QR code of text with half-block characters: two rows of modules per line of text. */
static void print_qr_code(FILE *out, const char *text)
{
    QRcode *code = QRcode_encodeString(text, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
    if (!code)
        return;
    const int quiet = 2; /* white border modules, so phone cameras find the code */
    int size = code->width;
    for (int y = -quiet; y < size + quiet; y += 2) {
        fputs("  ", out);
        for (int x = -quiet; x < size + quiet; x++) {
            int top = y >= 0 && y < size && x >= 0 && x < size && (code->data[y * size + x] & 1);
            int bottom = y + 1 >= 0 && y + 1 < size && x >= 0 && x < size && (code->data[(y + 1) * size + x] & 1);
            /* Dark modules print as spaces on a light block: the code reads on dark and light terminals. */
            fputs(top && bottom ? " " : top ? "\u2584" : bottom ? "\u2580" : "\u2588", out);
        }
        fputc('\n', out);
    }
    QRcode_free(code);
}

static int make_token(char *token, size_t len)
{
    unsigned char random_bytes[16];
    if (len < 2 * sizeof random_bytes + 1 ||
        getrandom(random_bytes, sizeof random_bytes, 0) != (ssize_t)sizeof random_bytes)
        return 0;
    for (size_t i = 0; i < sizeof random_bytes; i++)
        snprintf(token + 2 * i, 3, "%02x", random_bytes[i]);
    return 1;
}

static int pool_create(engine_pool *pool, const ns_knowledge *knowledge, const ns_engine_options *engine_options,
                       int count, int queue_limit)
{
    pool->engines = calloc((size_t)count, sizeof(ns_engine *));
    pool->busy = calloc((size_t)count, sizeof *pool->busy);
    pool->count = 0;
    pool->queue_limit = queue_limit;
    pthread_mutex_init(&pool->lock, NULL);
    pthread_cond_init(&pool->freed, NULL);
    if (!pool->engines || !pool->busy)
        return 0;
    for (int i = 0; i < count; i++) {
        char reason[512] = "";
        if (ns_engine_create(knowledge, engine_options, &pool->engines[i], reason, sizeof reason) != NS_OK) {
            fprintf(stderr, "noticescan serve: %s\n", reason);
            return 0;
        }
        pool->count++;
    }
    return 1;
}

static void pool_free(engine_pool *pool)
{
    for (int i = 0; i < pool->count; i++)
        ns_engine_free(pool->engines[i]);
    free(pool->engines);
    free(pool->busy);
    pthread_mutex_destroy(&pool->lock);
    pthread_cond_destroy(&pool->freed);
}

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int signal_number)
{
    (void)signal_number;
    stop_requested = 1;
}

static struct MHD_Daemon *start_daemon(server *srv, const struct sockaddr_in *address)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG;
    return MHD_start_daemon(
        flags, ntohs(address->sin_port), NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR, address,
        MHD_OPTION_NOTIFY_COMPLETED, on_request_done, srv,
        /* Slow or stalled uploads are dropped; reading itself is bounded by the queue time limit. */
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)srv->options->time_limit_seconds,
        /* Connections beyond this get refused by the kernel's backlog, not by a thread each. */
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)(srv->pool.queue_limit + 16), MHD_OPTION_END);
}

int serve_run(const serve_options *options, const ns_knowledge *knowledge, const ns_engine_options *engine_options)
{
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_port = htons(options->port);
    if (inet_pton(AF_INET, options->address, &address.sin_addr) != 1) {
        fprintf(stderr, "noticescan serve: %s: not an IPv4 address\n", options->address);
        return 2;
    }
    server srv = {.options = options, .knowledge = knowledge};
    pthread_mutex_init(&srv.keep_lock, NULL);
    /* A token whenever the server is reachable beyond this machine, or when asked for. */
    int loopback = (ntohl(address.sin_addr.s_addr) >> 24) == 127;
    if ((!loopback || options->require_token) && !make_token(srv.token, sizeof srv.token)) {
        fprintf(stderr, "noticescan serve: no random bytes for the access token\n");
        return 3;
    }
    int status = 0;
    struct MHD_Daemon *daemon = NULL;
    if (!pool_create(&srv.pool, knowledge, engine_options, options->workers, options->queue_limit)) {
        status = 3;
    } else if (!(daemon = start_daemon(&srv, &address))) {
        fprintf(stderr, "noticescan serve: cannot listen on %s:%u: %s\n", options->address, options->port,
                strerror(errno));
        status = 3;
    } else {
        const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
        char url[256];
        snprintf(url, sizeof url, "http://%s:%u/%s%s", options->address, info ? info->port : options->port,
                 srv.token[0] ? "?t=" : "", srv.token);
        printf("noticescan is reading notices at %s\n", url);
        if (srv.token[0]) {
            printf("Scan this with your phone's camera to open it (same Wi-Fi network):\n");
            print_qr_code(stdout, url);
        }
        printf("Photos stay on this machine%s. Press Ctrl-C to stop.\n",
               options->keep_dir ? " (and are kept in --keep's folder)" : " and are deleted after each reply");
        fflush(stdout);
        signal(SIGINT, on_stop_signal);
        signal(SIGTERM, on_stop_signal);
        while (!stop_requested)
            pause();
        MHD_stop_daemon(daemon);
    }
    pool_free(&srv.pool);
    pthread_mutex_destroy(&srv.keep_lock);
    return status;
}

/* ---- command line ------------------------------------------------------ */

static const char serve_usage[] =
    "Usage: noticescan serve [OPTIONS]\n"
    "\n"
    "Serves one page where a phone photographs a notice and gets the plan, and a\n"
    "JSON API under it (see README). Photos are read on this machine only.\n"
    "\n"
    "Options:\n"
    "  --listen ADDR:PORT   where to listen (default 127.0.0.1:8080). Any other\n"
    "                       address serves the local network and then every request\n"
    "                       needs the access link printed at start (with a QR code)\n"
    "  -j, --jobs N         photos read at once, one OCR engine each (default 2)\n"
    "  --queue N            reads admitted at once, running and waiting; more get\n"
    "                       503 Busy (default 16)\n"
    "  --max-upload-mb N    largest upload, all photos together (default 40)\n"
    "  --time-limit S       longest wait for a free engine, for a stalled upload,\n"
    "                       and for reading one page (default 120)\n"
    "  --keep DIR           keep every upload in DIR (default: memory only)\n"
    "  --token              require the access link even on 127.0.0.1\n"
    "  --tessdata DIR       Tesseract language data\n"
    "  --patterns DIR       pattern files instead of the built-in set\n"
    "  --catalog-file FILE  catalog instead of the built-in one\n"
    "  -h, --help           show this help\n";

static int parse_listen(const char *text, serve_options *options, char *address, size_t len)
{
    const char *colon = strrchr(text, ':');
    char *end = NULL;
    if (!colon || colon == text || (size_t)(colon - text) >= len)
        return 0;
    unsigned long port = strtoul(colon + 1, &end, 10);
    if (!colon[1] || *end || port > 65535)
        return 0;
    memcpy(address, text, (size_t)(colon - text));
    address[colon - text] = '\0';
    options->address = address;
    options->port = (unsigned)port;
    return 1;
}

static int parse_count(const char *text, long low, long high, long *out)
{
    char *end = NULL;
    long value = strtol(text, &end, 10);
    if (!*text || *end || value < low || value > high)
        return 0;
    *out = value;
    return 1;
}

int serve_main(int argc, char **argv)
{
    static char address[64];
    serve_options options = {"127.0.0.1", 8080, 2, 16, (size_t)40 << 20, 120, NULL, 0};
    ns_engine_options engine_options = {0};
    const char *patterns_dir = NULL, *catalog_path = NULL;
    static const struct option long_options[] = {
        {"listen", required_argument, NULL, 'l'},     {"jobs", required_argument, NULL, 'j'},
        {"queue", required_argument, NULL, 'Q'},      {"max-upload-mb", required_argument, NULL, 'M'},
        {"time-limit", required_argument, NULL, 'T'}, {"keep", required_argument, NULL, 'k'},
        {"token", no_argument, NULL, 't'},            {"tessdata", required_argument, NULL, 'D'},
        {"patterns", required_argument, NULL, 'P'},   {"catalog-file", required_argument, NULL, 'C'},
        {"help", no_argument, NULL, 'h'},             {NULL, 0, NULL, 0},
    };
    int option;
    long value;
    optind = 1;
    while ((option = getopt_long(argc, argv, "j:h", long_options, NULL)) != -1) {
        int ok = 1;
        switch (option) {
        case 'l': ok = parse_listen(optarg, &options, address, sizeof address); break;
        case 'j': ok = parse_count(optarg, 1, 64, &value) && (options.workers = (int)value); break;
        case 'Q': ok = parse_count(optarg, 1, 10000, &value) && (options.queue_limit = (int)value); break;
        case 'M': ok = parse_count(optarg, 1, 1024, &value) && (options.max_upload_bytes = (size_t)value << 20); break;
        case 'T': ok = parse_count(optarg, 1, 3600, &value) && (options.time_limit_seconds = (int)value); break;
        case 'k': options.keep_dir = optarg; break;
        case 't': options.require_token = 1; break;
        case 'D': engine_options.tessdata_dir = optarg; break;
        case 'P': patterns_dir = optarg; break;
        case 'C': catalog_path = optarg; break;
        case 'h': fputs(serve_usage, stdout); return 0;
        default: fputs(serve_usage, stderr); return 2;
        }
        if (!ok) {
            const char *name = "?";
            for (const struct option *known = long_options; known->name; known++)
                if (known->val == option)
                    name = known->name;
            fprintf(stderr, "noticescan serve: --%s %s: not a valid value\n%s", name, optarg, serve_usage);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "noticescan serve: unexpected argument '%s'\n%s", argv[optind], serve_usage);
        return 2;
    }
    struct stat info;
    if (options.keep_dir && (stat(options.keep_dir, &info) != 0 || !S_ISDIR(info.st_mode))) {
        fprintf(stderr, "noticescan serve: --keep %s: not a folder\n", options.keep_dir);
        return 2;
    }
    /*
     * Every connection has a thread, and glibc gives threads arenas of their own (up to 8 per core):
     * freed image memory spread over many arenas is not returned. Measured under the load test:
     * RSS 268 MB after warm-up, 661 MB after 200 requests. Few arenas keep it flat.
     */
    mallopt(M_ARENA_MAX, 2);
    if (options.queue_limit < options.workers)
        options.queue_limit = options.workers;
    /* The same limit bounds the reading of each page, so one hard photo cannot hold an engine for long. */
    engine_options.ocr_seconds_per_page = options.time_limit_seconds;
    ns_knowledge *knowledge = NULL;
    char reason[1024] = "";
    if (ns_knowledge_load(patterns_dir, catalog_path, &knowledge, reason, sizeof reason) != NS_OK) {
        fprintf(stderr, "noticescan serve: %s\n", reason);
        return 3;
    }
    int status = serve_run(&options, knowledge, &engine_options);
    ns_knowledge_free(knowledge);
    return status;
}
