# vm67 — see README.md. Every target installs the Debian packages it needs.

SWIFT      ?= swift
CONFIG     ?= release
BUILD_DIR  := .build/$(CONFIG)
VM67       := $(BUILD_DIR)/vm67
ENSURE     := tools/ensure-debian-packages.sh

# What building needs, what the tests need on top (reference emulator,
# cross compiler for guest code), what the benchmark needs.
# The vm67 CMS (guest/cms) is cross-compiled with Debian's s390x GCC; its
# NSS is made by a Python script, its system disk by a host C tool.
GUEST_PACKAGES := gcc-s390x-linux-gnu gcc-12-multilib-s390x-linux-gnu binutils-s390x-linux-gnu python3 gcc
BUILD_PACKAGES := libssh-dev libncurses-dev zlib1g-dev libbz2-dev libcrypt-dev $(GUEST_PACKAGES)
TEST_PACKAGES  := $(BUILD_PACKAGES) hercules tmux openssh-client sshpass
BENCH_PACKAGES := $(BUILD_PACKAGES) hercules openssh-client

.PHONY: build cms test bench gen gen-check run deps clean

build:
	@$(ENSURE) $(BUILD_PACKAGES)
	$(SWIFT) build -c $(CONFIG)
	$(MAKE) -C guest/cms

# The vm67 CMS nucleus as a named saved system: guest/cms/build/cms.nss.
cms:
	@$(ENSURE) $(GUEST_PACKAGES)
	$(MAKE) -C guest/cms

# Regenerates the dispatch from the instruction table (Sources/S370Spec).
gen:
	$(SWIFT) build --product GenTables
	.build/debug/GenTables .

# Fails when the committed generated files differ from what `gen` makes.
gen-check: gen
	@git diff --exit-code -- Sources/S370Core/Generated || \
	  (echo "vm67: generated files are stale: run 'make gen' and commit" >&2; exit 1)

# The assembler's tests use @testable import, which a release build allows
# only with testing enabled.
test: gen-check
	@$(ENSURE) $(TEST_PACKAGES)
	$(SWIFT) build -c $(CONFIG) --build-tests -Xswiftc -enable-testing
	$(MAKE) -C guest/cms
	$(SWIFT) test -c $(CONFIG) --skip-build -Xswiftc -enable-testing

bench:
	@$(ENSURE) $(BENCH_PACKAGES)
	$(SWIFT) build -c release --product S370Bench
	$(SWIFT) build -c release --product CPBench
	$(SWIFT) build -c release --product SessionBench
	.build/release/S370Bench --shared ../shared
	.build/release/CPBench
	.build/release/SessionBench

# Starts the daemon on the shipped configuration (config/), state in var/:
# ssh -p 2367 alice@localhost (password alice), or logon@ for the logo screen.
run: build
	@mkdir -p var
	$(VM67) serve --config config --state var

clean:
	rm -rf .build
	$(MAKE) -C guest/cms clean
