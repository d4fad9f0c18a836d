/*
 * test_network.c - noticescan opens no network connection. libtesseract links
 * libcurl (it can fetch an image named by URL), and Poppler and libheif come with
 * their own dependencies; noticescan must never reach any network. The command
 * reads a scanned notice (through Tesseract's OCR) and a PDF under strace, which
 * records the network system calls of every thread. A socket of any family but
 * AF_UNIX, or a connect, sendto or sendmsg to such an address, fails the test
 * (glibc may look for the local nscd socket: AF_UNIX, no network). `noticescan
 * serve` listens by design and is not run here. Skipped, saying so, where
 * strace is missing or cannot trace.
 */
#include "testutil.h"

#include <sys/wait.h>

/* Whether one line of strace's output shows the network being used (not a local AF_UNIX socket). */
static int line_uses_network(const char *line)
{
    const char *socket_call = strstr(line, "socket(");
    if (socket_call && (socket_call == line || socket_call[-1] == ' ') &&
        !strstr(socket_call, "socket(AF_UNIX"))
        return 1;
    static const char *const sending[] = {"connect(", "sendto(", "sendmsg(", "bind("};
    for (size_t i = 0; i < sizeof sending / sizeof *sending; i++) {
        const char *call = strstr(line, sending[i]);
        const char *family = call ? strstr(call, "sa_family=") : NULL;
        if (family && strncmp(family, "sa_family=AF_UNIX", 17) != 0)
            return 1;
    }
    return 0;
}

/* Lines as strace 6.1 wrote them: curl reaching a server, and glibc looking for nscd. */
static void the_check_tells_network_calls_from_local_ones(void **state)
{
    (void)state;
    assert_true(line_uses_network("24326 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5"));
    assert_true(
        line_uses_network("7 socket(AF_INET6, SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 3"));
    assert_true(line_uses_network("24326 connect(5, {sa_family=AF_INET, sin_port=htons(9), "
                                  "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 EINPROGRESS"));
    assert_false(line_uses_network("24326 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0) = 3"));
    assert_false(line_uses_network("24326 connect(3, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, "
                                   "110) = -1 ENOENT (No such file or directory)"));
    assert_false(line_uses_network("24326 socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0"));
}

static int strace_can_trace(void)
{
    return system("strace -f -qq -o /dev/null true >/dev/null 2>&1") == 0;
}

static void reading_a_scan_and_a_pdf_opens_no_network_connection(void **state)
{
    (void)state;
    if (!strace_can_trace()) {
        print_message("SKIPPED: strace is not installed or cannot trace here (see packages.txt)\n");
        skip();
    }
    char *folder = test_temp_folder("network");
    char *trace = NULL, *command = NULL;
    assert_true(asprintf(&trace, "%s/trace.txt", folder) > 0);
    /* LeakSanitizer stops a program that is traced: make sanitize's build runs here without it. */
    const char *binary = getenv("NOTICESCAN_BIN");
    assert_true(
        asprintf(&command,
                 "cd '%s' && ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=%%network,openat -o '%s' %s "
                 "--json -q "
                 "-j 1 --today 2024-03-20 samples/cp161-scan.tif tests/fixtures/cp14-text.pdf >/dev/null",
                 test_root(), trace, binary ? binary : "build/noticescan") > 0);
    int status = system(command);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0); /* both read: the trace covers OCR and the PDF reader */
    FILE *lines = fopen(trace, "r");
    assert_non_null(lines);
    char *line = NULL;
    size_t capacity = 0, calls = 0, network = 0, scan_opened = 0;
    while (getline(&line, &capacity, lines) != -1) {
        if (strstr(line, " openat(")) { /* traced too, to show the trace saw the thread that reads */
            scan_opened += strstr(line, "samples/cp161-scan.tif") != NULL;
            continue;
        }
        calls++;
        if (line_uses_network(line)) {
            print_message("  network: %s", line);
            network++;
        }
    }
    print_message("  %zu network-family system calls traced, %zu of them beyond this machine\n", calls,
                  network);
    assert_true(scan_opened > 0);
    assert_int_equal(network, 0);
    free(line);
    fclose(lines);
    free(trace);
    free(command);
    test_remove_tree(folder);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_check_tells_network_calls_from_local_ones),
        cmocka_unit_test(reading_a_scan_and_a_pdf_opens_no_network_connection),
    };
    return cmocka_run_group_tests_name("network", tests, NULL, NULL);
}
