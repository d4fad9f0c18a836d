# noticescan - build, test, install.
#
#   make              library (static and shared) and CLI into build/
#   make check        every test (unit + end-to-end on samples/)
#   make sanitize     the tests again under AddressSanitizer and UBSan; the thread test under ThreadSanitizer
#   make memcheck     the tests and the CLI on some samples under valgrind (no memory errors or definite leaks)
#   make lint         clang-tidy (.clang-tidy) and cppcheck over the library and the CLI
#   make fuzz         each libFuzzer target in tests/fuzz/ for FUZZ_SECONDS seconds (clang)
#   make bench        time per page against bare tesseract, same images
#   make eval         per-field accuracy on a generated evaluation set
#   make install PREFIX=/usr/local DESTDIR=

CC ?= cc
PREFIX ?= /usr/local
BUILD ?= build
PKGS := tesseract lept libpcre2-8 jansson libexif libheif libpng libjpeg poppler-glib cairo

# The command line alone also serves HTTP (serve) and prints QR codes.
CLI_PKGS := libmicrohttpd libqrencode
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
CLI_LIBS := $(shell pkg-config --libs $(CLI_PKGS))
PKG_LIBS := $(shell pkg-config --libs $(PKGS))
TEST_CFLAGS := $(shell pkg-config --cflags cmocka)
TEST_LIBS := $(shell pkg-config --libs cmocka)

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE -fPIC $(WARNINGS) $(CFLAGS) -Iinclude -Ipipeline -I$(BUILD) $(PKG_CFLAGS)
# Each compile also writes a .d file listing the headers it read, so editing a header rebuilds its users.
DEPFLAGS := -MMD -MP
LDLIBS := $(PKG_LIBS) -ldl -lm

# Every pipeline/*.c is part of the library except the command line's own files (cli*.c).
LIB_SOURCES := $(filter-out pipeline/cli%.c,$(sort $(wildcard pipeline/*.c)))
CLI_SOURCES := $(sort $(wildcard pipeline/cli*.c))
LIB_OBJECTS := $(LIB_SOURCES:pipeline/%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
CLI_OBJECTS := $(CLI_SOURCES:pipeline/%.c=$(BUILD)/%.o)
# The command line's parts apart from main(), linked into the tests that check them.
CLI_PARTS := $(filter-out $(BUILD)/cli.o,$(CLI_OBJECTS))
PATTERN_FILES := $(sort $(wildcard patterns/*.pat))
CATALOG_FILE := catalog/notices.json
LETTER_FILES := $(sort $(wildcard catalog/letters/*.txt))
DATA_FILES := $(PATTERN_FILES) $(CATALOG_FILE) $(LETTER_FILES)

# $(call remember,FILE,VALUE) writes VALUE into FILE when it differs from what is there, at parse time.
# A target that depends on FILE is then rebuilt exactly when VALUE changes (a data file added or removed,
# PREFIX or compiler flags changed), with no FORCE prerequisite, so `make -q` can say "up to date" after a build.
shell_quote = '$(subst ','\'',$(1))'
remember = $(shell mkdir -p $(dir $(1)) && printf '%s\n' $(call shell_quote,$(2)) | cmp -s - $(1) \
  || printf '%s\n' $(call shell_quote,$(2)) > $(1))
ifneq ($(filter-out clean,$(or $(MAKECMDGOALS),all)),)
$(call remember,$(BUILD)/data-files,$(DATA_FILES))
$(call remember,$(BUILD)/prefix,$(PREFIX))
$(call remember,$(BUILD)/flags,$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(LDLIBS))
endif

# Every tests/test_*.c is a test program; the slow ones (real Tesseract on images) run last.
SLOW_TESTS := test_end_to_end test_hostile test_network
TESTS := $(filter-out $(SLOW_TESTS),$(sort $(basename $(notdir $(wildcard tests/test_*.c))))) $(SLOW_TESTS)
TEST_BINARIES := $(TESTS:%=$(BUILD)/tests/%)

.PHONY: all check check-includes check-generator check-contrib unit sanitize memcheck lint fuzz bench eval \
  serve-test cluster-test install uninstall clean format
# A recipe that fails leaves no half-written target behind to be taken as up to date next time.
.DELETE_ON_ERROR:
all: $(BUILD)/noticescan $(BUILD)/libnoticescan.a $(BUILD)/libnoticescan.so $(BUILD)/noticescan.pc

$(BUILD) $(BUILD)/tests:
	mkdir -p $@

$(BUILD)/embed: tools/embed.c | $(BUILD)
	$(CC) -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/embedded.c: $(BUILD)/embed $(DATA_FILES) $(BUILD)/data-files
	$(BUILD)/embed $@ $(foreach f,$(PATTERN_FILES),$(f)=$(f)) catalog/notices.json=$(CATALOG_FILE) $(foreach f,$(LETTER_FILES),$(f)=$(f))

$(BUILD)/%.o: pipeline/%.c $(BUILD)/flags | $(BUILD)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/embedded.o: $(BUILD)/embedded.c $(BUILD)/flags
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/libnoticescan.a: $(LIB_OBJECTS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/libnoticescan.so: $(LIB_OBJECTS)
	$(CC) -shared -Wl,-soname,libnoticescan.so.0 $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/noticescan: $(CLI_OBJECTS) $(BUILD)/libnoticescan.a
	$(CC) $(LDFLAGS) -o $@ $^ $(CLI_LIBS) $(LDLIBS) -lpthread

# The serve page, compiled in as one C string (quotes and backslashes escaped, a line per line).
$(BUILD)/cli_serve_html.h: pipeline/cli_serve.html | $(BUILD)
	{ echo 'static const char serve_page_html[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/    "/' -e 's/$$/\\n"/' $<; echo ';'; } > $@

$(BUILD)/cli_serve_page.o: $(BUILD)/cli_serve_html.h

# $(BUILD)/prefix holds the prefix the .pc file was written for (see remember above).
$(BUILD)/noticescan.pc: Makefile $(BUILD)/prefix include/noticescan.h
	printf 'prefix=%s\nlibdir=$${prefix}/lib\nincludedir=$${prefix}/include\n\nName: noticescan\nDescription: Read IRS notices from photos and scans\nVersion: %s\nRequires.private: %s\nLibs: -L$${libdir} -lnoticescan\nLibs.private: -ldl -lm\nCflags: -I$${includedir}\n' \
	  '$(PREFIX)' "$$(sed -n 's/^#define NS_VERSION_STRING "\(.*\)"/\1/p' include/noticescan.h)" '$(PKGS)' > $@

# The command line's parts apart from main(), as an archive: a test links only the parts it uses.
$(BUILD)/libnoticescan-cli.a: $(CLI_PARTS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/tests/%: tests/%.c $(BUILD)/libnoticescan-cli.a $(BUILD)/libnoticescan.a $(BUILD)/flags | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(TEST_CFLAGS) -o $@ $< $(BUILD)/libnoticescan-cli.a $(BUILD)/libnoticescan.a \
	  $(TEST_LIBS) $(CLI_LIBS) $(LDLIBS) -lpthread

# No pipeline stage includes a later stage's header, and the include graph has no cycle.
check-includes:
	sh tests/check-includes.sh --self-test
	sh tests/check-includes.sh

# Unit tests first (fast), then the end-to-end run through real Tesseract.
check: check-includes all $(TEST_BINARIES) check-generator check-contrib
	@failed=0; for t in $(TESTS); do \
	  echo "== $$t"; \
	  NOTICESCAN_ROOT=$(CURDIR) NOTICESCAN_BIN=$(BUILD)/noticescan $(BUILD)/tests/$$t || failed=$$((failed + 1)); \
	done; \
	if [ $$failed -ne 0 ]; then echo "$$failed test program(s) failed"; exit 1; fi; \
	echo "all test programs passed"

unit: all $(TEST_BINARIES)
	@for t in $(filter-out $(SLOW_TESTS),$(TESTS)); do \
	  NOTICESCAN_ROOT=$(CURDIR) NOTICESCAN_BIN=$(BUILD)/noticescan $(BUILD)/tests/$$t || exit 1; done

# The same tests with AddressSanitizer and UndefinedBehaviorSanitizer, in their own build tree; then the
# thread test (several engines, one shared knowledge) under ThreadSanitizer, where any report fails it.
THREAD_TEST := $(basename $(notdir $(wildcard tests/test_threads.c)))
sanitize:
	$(MAKE) BUILD=build/sanitize CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  LDFLAGS="-fsanitize=address,undefined" check
ifneq ($(THREAD_TEST),)
	$(MAKE) BUILD=build/tsan CFLAGS="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" build/tsan/tests/$(THREAD_TEST)
	NOTICESCAN_ROOT=$(CURDIR) TSAN_OPTIONS=halt_on_error=1 build/tsan/tests/$(THREAD_TEST)
endif

# Under valgrind: every test program but the end-to-end one (unit, text-mode, CLI, golden, stress,
# fuzz replays, API errors), then the CLI end to end on one sample per input path (a 2-page TIFF, a
# phone JPEG with EXIF, HEIC). All 11 samples would take over half an hour: a page costs about 1.5
# min of CPU under valgrind. Any memory error or definite leak fails; memory a library keeps
# reachable, or loses only possibly, is suppressed in tests/valgrind.supp with a comment per entry.
# Each program's report is in $(BUILD)/memcheck/.
# test_second_look reads whole pages again several ways: about 19 minutes under valgrind, so it is left
# to make sanitize (AddressSanitizer with its leak check runs it in a minute).
MEMCHECK_TESTS := $(filter-out $(SLOW_TESTS) test_threads test_second_look,$(TESTS))
MEMCHECK_SAMPLES := samples/cp503-2page-office.tif samples/cp90-phone-exif.jpg samples/cp2000-phone.heic
VALGRIND := valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
  --errors-for-leak-kinds=definite --suppressions=tests/valgrind.supp --num-callers=40
# A CLI run that a test kills on purpose (the kill -9 resume test) leaves a log without a summary:
# only a summary that counts errors fails the run.
memcheck: all $(MEMCHECK_TESTS:%=$(BUILD)/tests/%)
	@mkdir -p $(BUILD)/memcheck; rm -f $(BUILD)/memcheck/*.log; failed=0; \
	for t in $(MEMCHECK_TESTS); do \
	  echo "== $$t under valgrind"; \
	  NOTICESCAN_ROOT=$(CURDIR) \
	  NOTICESCAN_BIN="$(VALGRIND) --log-file=$(CURDIR)/$(BUILD)/memcheck/noticescan-%p.log $(BUILD)/noticescan" \
	  $(VALGRIND) --log-file=$(BUILD)/memcheck/$$t.log $(BUILD)/tests/$$t >$(BUILD)/memcheck/$$t.out 2>&1 \
	    || { failed=$$((failed + 1)); cat $(BUILD)/memcheck/$$t.out $(BUILD)/memcheck/$$t.log; }; \
	done; \
	echo "== noticescan on $(MEMCHECK_SAMPLES) under valgrind"; \
	$(VALGRIND) --log-file=$(BUILD)/memcheck/samples.log $(BUILD)/noticescan --json -q $(MEMCHECK_SAMPLES) \
	  > $(BUILD)/memcheck/samples.jsonl || { failed=$$((failed + 1)); cat $(BUILD)/memcheck/samples.log; }; \
	bad=$$(grep -l 'ERROR SUMMARY: [1-9]' $(BUILD)/memcheck/noticescan-*.log 2>/dev/null); \
	if [ -n "$$bad" ]; then cat $$bad; failed=$$((failed + 1)); fi; \
	if [ $$failed -ne 0 ]; then echo "memcheck: errors or leaks, see $(BUILD)/memcheck/"; exit 1; fi; \
	echo "memcheck: no memory errors and no definite leaks"

# Static analysis of the library and the CLI; .clang-tidy says which checks run and why some do not.
# One stamp per source file, so a second run only looks again at what changed.
CLANG_TIDY ?= clang-tidy
CPPCHECK ?= cppcheck
LINT_SOURCES := $(LIB_SOURCES) $(CLI_SOURCES)
LINT_HEADERS := $(wildcard include/*.h pipeline/*.h)
LINT_FLAGS := -std=c11 -D_GNU_SOURCE -Iinclude -Ipipeline -I$(BUILD) $(PKG_CFLAGS)

lint: $(LINT_SOURCES:pipeline/%.c=$(BUILD)/lint/%.tidy) $(BUILD)/lint/cppcheck

$(BUILD)/lint:
	mkdir -p $@

$(BUILD)/lint/%.tidy: pipeline/%.c .clang-tidy $(LINT_HEADERS) $(BUILD)/cli_serve_html.h | $(BUILD)/lint
	@echo "clang-tidy $<"
	@$(CLANG_TIDY) --quiet $< -- $(LINT_FLAGS) 2>$@.stderr || { cat $@.stderr >&2; exit 1; } # stderr: counts of hidden warnings
	@touch $@

# tools/cppcheck.cfg spells out jansson's iteration macros, which cppcheck cannot see otherwise.
$(BUILD)/lint/cppcheck: $(LINT_SOURCES) $(LINT_HEADERS) tools/cppcheck.cfg | $(BUILD)/lint
	@echo "cppcheck $(LINT_SOURCES)"
	@$(CPPCHECK) --std=c11 -D_GNU_SOURCE -Iinclude -Ipipeline --enable=warning,style,performance,portability \
	  --library=gnu --library=tools/cppcheck.cfg --inline-suppr --error-exitcode=1 --quiet $(LINT_SOURCES)
	@touch $@

# libFuzzer targets (tests/fuzz/fuzz_*.c, built with clang in build/fuzz) run one after the other,
# each from its seeds in tests/fuzz/corpus/NAME/; what they add goes to build/fuzz/corpus/NAME/ and
# a crashing input to build/fuzz/findings/NAME/. A finding, once fixed, is copied to
# tests/fuzz/regressions/NAME/, where test_fuzz_replay runs it again in every `make check`.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := $(sort $(basename $(notdir $(wildcard tests/fuzz/fuzz_*.c))))
FUZZ_SANITIZERS := -fsanitize=address,undefined -fno-sanitize-recover=undefined
# 30 s for one input is a hang; 2 GB is what a decoder may use before its size limit refuses it.
FUZZ_OPTIONS := -timeout=30 -rss_limit_mb=2048 -print_final_stats=1

fuzz:
	$(MAKE) BUILD=build/fuzz CC=clang CFLAGS="-O1 -g $(FUZZ_SANITIZERS) -fsanitize=fuzzer-no-link" \
	  LDFLAGS="$(FUZZ_SANITIZERS)" $(FUZZ_TARGETS:%=build/fuzz/%)
	@failed=0; for target in $(FUZZ_TARGETS); do \
	  name=$${target#fuzz_}; mkdir -p build/fuzz/corpus/$$name build/fuzz/findings/$$name; \
	  echo "== $$target for $(FUZZ_SECONDS) s"; \
	  build/fuzz/$$target $(FUZZ_OPTIONS) -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=build/fuzz/findings/$$name/ build/fuzz/corpus/$$name tests/fuzz/corpus/$$name \
	    || failed=$$((failed + 1)); \
	done; \
	if [ $$failed -ne 0 ]; then echo "$$failed fuzz target(s) found something: see build/fuzz/findings/"; exit 1; fi

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(BUILD)/libnoticescan.a $(BUILD)/flags
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -DNS_LIBFUZZER -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(BUILD)/libnoticescan.a $(LDLIBS)

# The sample and evaluation generator (tools/notice-gen) checks itself: Debian's python3, Pillow, numpy.
check-generator:
	/usr/bin/python3 tools/notice-gen/test_notice_gen.py

# The cluster recipes that cannot run here (Kubernetes, the container) are checked for syntax and flags.
check-contrib:
	sh tests/cluster/check-contrib.sh

# `noticescan serve` in headless Chromium at a phone's size, then under a bounded load on 127.0.0.1.
serve-test: all
	cd tests/serve && npm ci --no-audit --no-fund --silent && NOTICESCAN_BIN=$(CURDIR)/$(BUILD)/noticescan npm test

# A single-node Slurm on this machine reads the samples as a 4-task array job (needs root, slurm-wlm, munge).
cluster-test: all $(BUILD)/tests/check_records
	sh tests/cluster/test-slurm.sh $(BUILD)

bench: all
	sh tests/bench.sh $(BUILD)/noticescan

eval: all
	sh tests/eval.sh $(BUILD)/noticescan

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include \
	  $(DESTDIR)$(PREFIX)/share/noticescan/patterns
	install -m 755 $(BUILD)/noticescan $(DESTDIR)$(PREFIX)/bin/noticescan
	install -m 644 $(BUILD)/libnoticescan.a $(DESTDIR)$(PREFIX)/lib/libnoticescan.a
	install -m 755 $(BUILD)/libnoticescan.so $(DESTDIR)$(PREFIX)/lib/libnoticescan.so.0
	ln -sf libnoticescan.so.0 $(DESTDIR)$(PREFIX)/lib/libnoticescan.so
	install -m 644 include/noticescan.h $(DESTDIR)$(PREFIX)/include/noticescan.h
	install -m 644 $(BUILD)/noticescan.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/noticescan.pc
	install -m 644 $(PATTERN_FILES) $(DESTDIR)$(PREFIX)/share/noticescan/patterns/
	install -m 644 $(CATALOG_FILE) $(DESTDIR)$(PREFIX)/share/noticescan/notices.json
	install -d $(DESTDIR)$(PREFIX)/share/noticescan/letters
	install -m 644 $(LETTER_FILES) $(DESTDIR)$(PREFIX)/share/noticescan/letters/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/noticescan $(DESTDIR)$(PREFIX)/lib/libnoticescan.a \
	  $(DESTDIR)$(PREFIX)/lib/libnoticescan.so $(DESTDIR)$(PREFIX)/lib/libnoticescan.so.0 \
	  $(DESTDIR)$(PREFIX)/include/noticescan.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/noticescan.pc
	rm -rf $(DESTDIR)$(PREFIX)/share/noticescan

format:
	clang-format -i include/*.h pipeline/*.c pipeline/*.h tests/*.c tests/*.h tools/*.c

clean:
	rm -rf build

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d)
