# jianbao: plain GNU make. `make` builds the release binary, `make run` makes the
# briefing pack from seeds/ into out/, `make test` runs every test in a release and
# an ASan+UBSan build (and a short fuzz run when clang is installed), `make bench`
# runs the benchmarks, `make fuzz [FUZZ_TIME=s]` runs each fuzz harness s seconds.
MODE ?= release
B := build/$(MODE)
PKGS := harfbuzz harfbuzz-subset freetype2 libcjson libutf8proc libunibreak fontconfig libpng

# Install missing Debian packages the first time a cheap check fails.
DEPS_OK := $(shell pkg-config --exists $(PKGS) 2>/dev/null && test -f /usr/include/hpdf.h \
  && test -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc \
  && command -v mutool >/dev/null && command -v qpdf >/dev/null && command -v pdftotext >/dev/null \
  && command -v valgrind >/dev/null \
  && echo yes)
ifneq ($(DEPS_OK),yes)
DEPS_LOG := $(shell sh scripts/deps.sh 1>&2; echo $$?)
ifneq ($(DEPS_LOG),0)
$(error jianbao: could not install the packages listed in scripts/deps.sh)
endif
endif

CC ?= cc
WARN := -std=c11 -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
ifeq ($(MODE),asan)
OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else ifeq ($(MODE),fuzz)
# libFuzzer needs clang; the library is instrumented, the harnesses link libFuzzer's main.
CC := clang
OPT := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
OPT := -O2 -g
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS := $(shell pkg-config --libs $(PKGS)) -lhpdf -lz -lm -lpthread
CPPFLAGS := -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L $(PKG_CFLAGS)
ALL_CFLAGS := $(WARN) $(OPT) $(CPPFLAGS) -MMD -MP $(CFLAGS)

LIB_SRCS := $(sort $(wildcard src/core/*.c src/ingest/*.c src/extract/*.c src/compose/*.c \
  src/layout/*.c src/render/*.c))
CLI_SRCS := $(sort $(wildcard src/cli/*.c))
TEST_SRCS := $(sort $(wildcard tests/unit/*.c))
BENCH_SRCS := $(sort $(wildcard bench/*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(B)/obj/%.o)
CLI_OBJS := $(CLI_SRCS:%.c=$(B)/obj/%.o)
TEST_OBJS := $(TEST_SRCS:%.c=$(B)/obj/%.o)
FUZZ_NAMES := extract build typeset
# Each harness also links with a plain main (tests/fuzz/replay.c), so the ASan
# build replays the regression inputs without clang.
REPLAYS := $(FUZZ_NAMES:%=$(B)/fuzz-replay-%)
FUZZERS := $(FUZZ_NAMES:%=$(B)/fuzz-%)
FUZZ_TIME ?= 60

.PHONY: all run test bench clean valgrind lint fuzz fuzzers
all: $(B)/jianbao $(B)/unit-tests $(REPLAYS)

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC [$(MODE)] $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libjianbao.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(B)/jianbao: $(CLI_OBJS) $(B)/libjianbao.a
	$(CC) $(OPT) -o $@ $^ $(PKG_LIBS)

$(B)/unit-tests: $(TEST_OBJS) $(B)/libjianbao.a
	$(CC) $(OPT) -o $@ $^ $(PKG_LIBS)

$(B)/fuzz-replay-%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(B)/libjianbao.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/fuzz-%: tests/fuzz/fuzz_%.c $(B)/libjianbao.a
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS)

fuzzers: $(FUZZERS)

$(B)/bench-%: bench/%.c $(B)/libjianbao.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

run: all
	@mkdir -p out
	$(B)/jianbao pack seeds -o out
	@for f in seeds/*.txt; do n=$$(basename $$f .txt); \
	  $(B)/jianbao typeset $$f -o out/$$n.pdf && echo "wrote out/$$n.pdf (typeset)"; done

test:
	$(MAKE) MODE=release all
	$(MAKE) MODE=asan all
	@if command -v clang >/dev/null 2>&1; then $(MAKE) MODE=fuzz fuzzers; \
	  else echo "fuzz: clang not found, the fuzz harnesses are not built (regression inputs still replay)"; fi
	sh tests/run.sh

# Runs each harness FUZZ_TIME seconds, one process at a time; skipped without clang.
fuzz:
	@if command -v clang >/dev/null 2>&1; then $(MAKE) MODE=fuzz fuzzers && sh tests/fuzz/run.sh $(FUZZ_TIME); \
	  else echo "fuzz: clang not found, skipped (apt-get install clang to run it)"; fi

bench: all
	sh bench/run.sh

valgrind: all
	sh tests/valgrind.sh

clean:
	rm -rf build

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(TEST_OBJS:.o=.d)
