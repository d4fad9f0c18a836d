/*
 * cli_serve.h - `noticescan serve`: an HTTP server (libmicrohttpd) with one
 * phone-first page and a JSON API, for reading notices photographed with a
 * phone on the home network. Part of the command line, not the library.
 */
#ifndef NOTICESCAN_CLI_SERVE_H
#define NOTICESCAN_CLI_SERVE_H

#include "noticescan.h"

typedef struct serve_options {
    const char *address;     /* IPv4 address to listen on: "127.0.0.1" by default */
    unsigned port;           /* 0: any free port (printed) */
    int workers;             /* engines, one photo each at a time (-j) */
    int queue_limit;         /* reads admitted at once (running + waiting); more get 503 */
    size_t max_upload_bytes; /* per request, all photos together */
    int time_limit_seconds;  /* a request waits this long for an engine; uploads stall this long at most */
    const char *keep_dir;    /* NULL: uploads live in memory only and are freed after the reply */
    int require_token;       /* 1: an access token even on 127.0.0.1 (always on beyond it) */
} serve_options;

/* `noticescan serve [OPTIONS]`: argv[0] is "serve". Returns the exit status. */
int serve_main(int argc, char **argv);

/* Runs the server until SIGINT or SIGTERM. Returns 0, or 3 when it cannot start. */
int serve_run(const serve_options *options, const ns_knowledge *knowledge, const ns_engine_options *engine_options);

/* The page with its script and style nonce filled in. Caller frees. */
char *serve_page_render(const char *nonce);

#endif
