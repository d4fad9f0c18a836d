# noticescan - build, test, install.
#
#   make              library (static and shared) and CLI into build/
#   make check        every test (unit + end-to-end on samples/)
#   make sanitize     the tests again under AddressSanitizer and UBSan
#   make bench        time per page against bare tesseract, same images
#   make eval         per-field accuracy on a generated evaluation set
#   make install PREFIX=/usr/local DESTDIR=

CC ?= cc
PREFIX ?= /usr/local
BUILD ?= build
PKGS := tesseract lept libpcre2-8 jansson libexif libheif libpng libjpeg poppler-glib cairo

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS := $(shell pkg-config --libs $(PKGS))
TEST_CFLAGS := $(shell pkg-config --cflags cmocka)
TEST_LIBS := $(shell pkg-config --libs cmocka)

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE -fPIC $(WARNINGS) $(CFLAGS) -Iinclude -Ipipeline -I$(BUILD) $(PKG_CFLAGS)
LDLIBS := $(PKG_LIBS) -ldl -lm

# Every pipeline/*.c is part of the library except the command line's own files (cli*.c).
LIB_SOURCES := $(filter-out pipeline/cli%.c,$(sort $(wildcard pipeline/*.c)))
CLI_SOURCES := $(sort $(wildcard pipeline/cli*.c))
LIB_OBJECTS := $(LIB_SOURCES:pipeline/%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
CLI_OBJECTS := $(CLI_SOURCES:pipeline/%.c=$(BUILD)/%.o)
PATTERN_FILES := $(sort $(wildcard patterns/*.pat))
CATALOG_FILE := catalog/notices.json
LETTER_FILES := $(sort $(wildcard catalog/letters/*.txt))
DATA_FILES := $(PATTERN_FILES) $(CATALOG_FILE) $(LETTER_FILES)

# Every tests/test_*.c is a test program; the slow ones (real Tesseract on images) run last.
SLOW_TESTS := test_end_to_end
TESTS := $(filter-out $(SLOW_TESTS),$(sort $(basename $(notdir $(wildcard tests/test_*.c))))) $(SLOW_TESTS)
TEST_BINARIES := $(TESTS:%=$(BUILD)/tests/%)

.PHONY: all check check-includes check-generator unit sanitize bench eval install uninstall clean format FORCE
all: $(BUILD)/noticescan $(BUILD)/libnoticescan.a $(BUILD)/libnoticescan.so $(BUILD)/noticescan.pc

$(BUILD):
	mkdir -p $(BUILD)/tests

$(BUILD)/embed: tools/embed.c | $(BUILD)
	$(CC) -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/embedded.c: $(BUILD)/embed $(DATA_FILES)
	$(BUILD)/embed $@ $(foreach f,$(PATTERN_FILES),$(f)=$(f)) catalog/notices.json=$(CATALOG_FILE) $(foreach f,$(LETTER_FILES),$(f)=$(f))

$(BUILD)/%.o: pipeline/%.c $(wildcard pipeline/*.h) include/noticescan.h | $(BUILD)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/embedded.o: $(BUILD)/embedded.c pipeline/base.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libnoticescan.a: $(LIB_OBJECTS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/libnoticescan.so: $(LIB_OBJECTS)
	$(CC) -shared -Wl,-soname,libnoticescan.so.0 $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/noticescan: $(CLI_OBJECTS) $(BUILD)/libnoticescan.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The prefix the .pc file was written for: rewritten (and the .pc remade) when PREFIX changes.
$(BUILD)/prefix: FORCE | $(BUILD)
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' > $@

$(BUILD)/noticescan.pc: Makefile $(BUILD)/prefix
	printf 'prefix=%s\nlibdir=$${prefix}/lib\nincludedir=$${prefix}/include\n\nName: noticescan\nDescription: Read IRS notices from photos and scans\nVersion: %s\nRequires.private: %s\nLibs: -L$${libdir} -lnoticescan\nLibs.private: -ldl -lm\nCflags: -I$${includedir}\n' \
	  '$(PREFIX)' "$$(sed -n 's/^#define NS_VERSION_STRING "\(.*\)"/\1/p' include/noticescan.h)" '$(PKGS)' > $@

$(BUILD)/tests/%: tests/%.c tests/testutil.h $(BUILD)/libnoticescan.a | $(BUILD)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -o $@ $< $(BUILD)/libnoticescan.a $(TEST_LIBS) $(LDLIBS)

# No pipeline stage includes a later stage's header, and the include graph has no cycle.
check-includes:
	sh tests/check-includes.sh --self-test
	sh tests/check-includes.sh

# Unit tests first (fast), then the end-to-end run through real Tesseract.
check: check-includes all $(TEST_BINARIES) check-generator
	@failed=0; for t in $(TESTS); do \
	  echo "== $$t"; \
	  NOTICESCAN_ROOT=$(CURDIR) NOTICESCAN_BIN=$(BUILD)/noticescan $(BUILD)/tests/$$t || failed=$$((failed + 1)); \
	done; \
	if [ $$failed -ne 0 ]; then echo "$$failed test program(s) failed"; exit 1; fi; \
	echo "all test programs passed"

unit: all $(TEST_BINARIES)
	@for t in $(filter-out $(SLOW_TESTS),$(TESTS)); do \
	  NOTICESCAN_ROOT=$(CURDIR) NOTICESCAN_BIN=$(BUILD)/noticescan $(BUILD)/tests/$$t || exit 1; done

# The same tests with AddressSanitizer and UndefinedBehaviorSanitizer, in their own build tree.
sanitize:
	$(MAKE) BUILD=build/sanitize CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  LDFLAGS="-fsanitize=address,undefined" check

# The sample and evaluation generator (tools/notice-gen) checks itself: Debian's python3, Pillow, numpy.
check-generator:
	/usr/bin/python3 tools/notice-gen/test_notice_gen.py

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
