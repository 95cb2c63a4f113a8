# FinOps Center MAP toolchain: one non-recursive Makefile. `make help`.

.SUFFIXES:

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
DESTDIR   ?=

CC        ?= cc
BUILD     ?= build
OPT       ?= -O2
SAN       ?=
# warnings are errors here, in the suite and in CI; on another compiler,
# `make WERROR=` builds without
WERROR    ?= -Werror
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wno-format-nonliteral $(WERROR)
CFLAGS    ?= $(OPT) -g
ALLCFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib \
            $(WARN) $(CFLAGS) $(SAN) -pthread
LDLIBS    = -lcsv -lz -lisal -lxxhash -ljansson -pthread

# every cmd/*.c but common.c is a tool
TOOLS     = $(filter-out common,$(patsubst cmd/%.c,%,$(wildcard cmd/*.c)))
# lib/ in three layers (HACKING): core (errors, memory, money, dates, TSV,
# hashing), intake (CSV, JSON maps, manifests: curscan's), map (the domain).
# The tools link one static archive of all three.
LIBSRC    = $(wildcard lib/core/*.c lib/intake/*.c lib/map/*.c)
LIBHDR    = $(wildcard lib/*/*.h)
LIBOBJ    = $(LIBSRC:lib/%.c=$(BUILD)/lib/%.o)
LIBA      = $(BUILD)/libmap.a
COMMONOBJ = $(BUILD)/cmd/common.o
TOOLOBJ   = $(TOOLS:%=$(BUILD)/cmd/%.o)
SCRIPTS   = $(patsubst cmd/%.sh,%,$(wildcard cmd/*.sh))
BINS      = $(TOOLS:%=$(BUILD)/bin/%) $(SCRIPTS:%=$(BUILD)/bin/%)
# programs the suite runs that use lib/ as another tool would (not installed)
TESTPROGS = $(patsubst tests/lib/%.c,$(BUILD)/tests/%,$(wildcard tests/lib/*.c))
MANPAGES  = $(wildcard man/*.1 man/*.5)

all: deps $(BINS) $(TESTPROGS)

objs: $(TOOLOBJ) $(COMMONOBJ) $(LIBOBJ)

lib: $(LIBA)

help:
	@echo 'make              build the tools into $(BUILD)/bin'
	@echo 'make demo         run the toolkit on the data that ships with it'
	@echo 'make check        the whole test suite (golden, sanitizers, fuzz replay, man lint)'
	@echo 'make check-fresh  the README set-up (./setup demo, ./setup check) in a bare Debian 12 root'
	@echo 'make test         golden tests only, on the normal build'
	@echo 'make regold       rewrite golden files from the current build, for review'
	@echo 'make lib          the static library of lib/ ($(BUILD)/libmap.a)'
	@echo 'make san          build with AddressSanitizer + UBSan into build-san/'
	@echo 'make fuzz         build libFuzzer targets into build-fuzz/ (clang)'
	@echo 'make manlint      mandoc -Tlint on every man page'
	@echo 'make bench        benchmarks (bench/README)'
	@echo 'make install      install tools, man pages, completions (PREFIX, DESTDIR)'
	@echo 'make clean        remove build outputs'

deps:
	@scripts/deps.sh build

$(BUILD)/lib/%.o: lib/%.c $(LIBHDR)
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) -c -o $@ $<

$(LIBA): $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(BUILD)/cmd/%.o: cmd/%.c cmd/common.h $(LIBHDR)
	@mkdir -p $(BUILD)/cmd
	$(CC) $(ALLCFLAGS) -c -o $@ $<

$(SCRIPTS:%=$(BUILD)/bin/%): $(BUILD)/bin/%: cmd/%.sh cmd/common.h
	@mkdir -p $(BUILD)/bin
	v=$$(sed -n 's/^#define TOOLKIT_VERSION "\(.*\)"/\1/p' cmd/common.h); \
	    sed "s/^version=.*/version=$$v	# from cmd\/common.h/" cmd/$*.sh > $@ && chmod +x $@

$(TOOLS:%=$(BUILD)/bin/%): $(BUILD)/bin/%: $(BUILD)/cmd/%.o $(COMMONOBJ) $(LIBA)
	@mkdir -p $(BUILD)/bin
	$(CC) $(ALLCFLAGS) -o $@ $< $(COMMONOBJ) $(LIBA) $(LDLIBS)

$(TESTPROGS): $(BUILD)/tests/%: tests/lib/%.c $(LIBA) $(LIBHDR)
	@mkdir -p $(BUILD)/tests
	$(CC) $(ALLCFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

demo: all
	@scripts/deps.sh demo
	@sh demo/run.sh $(BUILD)/bin

test: all
	@sh tests/run.sh $(BUILD)/bin

regold: all
	@sh tests/run.sh -r $(BUILD)/bin

check:
	@sh tests/check.sh

# the README's set-up in a bare Debian 12 root (mmdebstrap; root); CI=true
# make check runs it too
check-fresh:
	@sh tests/fresh.sh

san:
	@$(MAKE) BUILD=build-san OPT=-O1 SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' all

fuzz: deps
	@sh fuzz/build.sh

manlint:
	@rc=0; for m in $(MANPAGES); do mandoc -Tlint -W warning $$m || rc=1; done; exit $$rc

bench: all
	@sh bench/run.sh
	@sh bench/quadratic.sh
	@sh bench/night.sh
	@sh bench/nights.sh
	@sh bench/mapstate.sh

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	for t in $(TOOLS) $(SCRIPTS); do cp $(BUILD)/bin/$$t $(DESTDIR)$(BINDIR)/$$t; done
	cp man/*.1 $(DESTDIR)$(MANDIR)/man1/
	cp man/*.5 $(DESTDIR)$(MANDIR)/man5/
	for f in completions/bash/*; do cp $$f $(DESTDIR)$(BASHCOMPDIR)/; done
	for f in completions/zsh/_*; do cp $$f $(DESTDIR)$(ZSHCOMPDIR)/; done

clean:
	rm -rf build build-san build-fuzz

.PHONY: all lib objs help deps demo test regold check check-fresh san fuzz manlint bench install clean
