# The two commands of the README. Each installs the system libraries it needs, then builds.
#   make demo   run `kan demo`: discover a known formula and print it
#   make test   run every test (release build: numeric code is 10-50x slower in debug)

SYSTEM_PACKAGES := libgsl-dev libopenblas-dev zlib1g-dev libcairo2-dev fonts-dejavu-core
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test deps sympy

demo: deps
	swift run -c release kan demo

# One build of everything, the examples and the tests included (the examples' tests run their executables).
test: deps sympy
	swift build -c release -Xswiftc -enable-testing --build-tests
	swift test -c release -Xswiftc -enable-testing --skip-build

deps:
	@missing=""; \
	for package in $(SYSTEM_PACKAGES); do \
		dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The tests confirm distilled formulas with SymPy, independently of SwiftKAN's own algebra: Debian's package
# first (pip refuses system-wide installs there), pip only when python3 on the PATH is not the system's.
sympy: deps
	@python3 -c "import sympy" 2>/dev/null && exit 0; \
	echo "installing: python3-sympy"; \
	$(SUDO) apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends python3-sympy; \
	python3 -c "import sympy" 2>/dev/null || python3 -m pip install --quiet sympy
