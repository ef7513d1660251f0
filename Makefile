# quire — build, convert, test, evaluate.
#   make                 build the release binary and convert $(INPUT)/*.pdf into $(OUTPUT)/
#   make test            run the whole test suite
#   make check           validate every output in $(OUTPUT)/ and fail on invalid outputs or lost text
#   make bench           time quire against pdftotext (hyperfine) and print the ratios
#   make eval            score the dev corpus (../shared/corpus/dev), its reflowed editions read back, then the real documents (real-dev, JATS)
#   make clean           remove build products and outputs
#   make fuzz            fuzz extract+normalise with cargo-fuzz for $(FUZZTIME) s (see fuzz/README.md)
# Override the folders: make INPUT=/archive OUTPUT=/converted   (make -j works)

INPUT   ?= input
OUTPUT  ?= output
CARGO   ?= cargo
BIN     := target/release/quire
SHARED  ?= ../shared
DEV     ?= $(SHARED)/corpus/dev
REALDEV ?= $(SHARED)/corpus/real-dev
EVALOUT ?= target/eval

PDFS    := $(wildcard $(INPUT)/*.pdf)
OUTS    := $(foreach p,$(PDFS),$(addprefix $(OUTPUT)/$(basename $(notdir $(p))),.xml .epub .pdf))

.PHONY: all build test check eval eval-variants bench clean fuzz FORCE
.DELETE_ON_ERROR:

all: $(OUTS) $(OUTPUT)/index.html

build: $(BIN)

# cargo decides whether anything needs rebuilding; the binary's timestamp changes only when it does.
$(BIN): FORCE
	$(CARGO) build --release --locked --bin quire

# One PDF gives three outputs in one run; they are rebuilt when older than the PDF or the binary.
$(OUTPUT)/%.xml $(OUTPUT)/%.epub $(OUTPUT)/%.pdf: $(INPUT)/%.pdf $(BIN) | $(OUTPUT)
	$(BIN) convert --force --quiet --verify --jobs 1 --out $(OUTPUT) $<

# The archive index lists every document checked into $(OUTPUT) (kept in $(OUTPUT)/.quire/).
$(OUTPUT)/index.html: $(OUTS)
	$(BIN) index --out $(OUTPUT) $@

# Validates every output in $(OUTPUT) and fails if any is invalid or lost text on the round trip.
check: all
	python3 $(SHARED)/tools/validate-jats -q $(OUTPUT)/*.xml
	python3 $(SHARED)/tools/validate-epub -q $(OUTPUT)/*.epub
	python3 $(SHARED)/tools/validate-pdf $(OUTPUT)/*.pdf
	$(BIN) index --strict --out $(OUTPUT) $(OUTPUT)/index.html

$(OUTPUT):
	mkdir -p $@

test:
	$(CARGO) build --locked --examples
	$(CARGO) test --locked --all-targets
	$(CARGO) test --locked --doc
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --locked --no-deps --quiet

eval: $(BIN)
	@if [ -d "$(DEV)" ]; then \
	  rm -rf $(EVALOUT) && mkdir -p $(EVALOUT) && \
	  $(BIN) convert --force --quiet --out $(EVALOUT) $(DEV); \
	  python3 $(SHARED)/tools/score.py --truth $(DEV) --out $(EVALOUT) --json $(EVALOUT)/score.json; \
	  mkdir -p $(EVALOUT)/back && \
	  $(BIN) convert --force --quiet --to jats --out $(EVALOUT)/back $(EVALOUT)/*.pdf; \
	  echo; echo "the reflowed editions read back by quire (notes, paragraphs, body survive the round trip):"; \
	  python3 $(SHARED)/tools/score.py --truth $(DEV) --out $(EVALOUT)/back --formats jats --json $(EVALOUT)/back/score.json; \
	else echo "no dev corpus at $(DEV): nothing to evaluate"; fi
	@if [ -d "$(REALDEV)" ]; then \
	  rm -rf $(EVALOUT)/real && mkdir -p $(EVALOUT)/real && \
	  $(BIN) convert --force --quiet --to jats --out $(EVALOUT)/real $(REALDEV); \
	  echo; echo "real documents ($(REALDEV)):"; \
	  python3 $(SHARED)/tools/score.py --truth $(REALDEV) --out $(EVALOUT)/real --formats jats --json $(EVALOUT)/real/score.json; \
	else echo "no real-document corpus at $(REALDEV): skipped"; fi

# The dev truths re-typeset by Chromium in four other layouts (tests/variants/retypeset.py),
# converted and scored: how quire holds on pages it was not tuned on.
eval-variants: $(BIN)
	@if [ -d "$(DEV)" ] && command -v chromium >/dev/null; then \
	  rm -rf $(EVALOUT)/variants && \
	  python3 tests/variants/retypeset.py $(DEV) $(EVALOUT)/variants/corpus && \
	  $(BIN) convert --force --quiet --to jats --out $(EVALOUT)/variants/out $(EVALOUT)/variants/corpus/*.pdf; \
	  python3 $(SHARED)/tools/score.py --truth $(EVALOUT)/variants/corpus --out $(EVALOUT)/variants/out --formats jats --json $(EVALOUT)/variants/score.json; \
	else echo "needs the dev corpus at $(DEV) and chromium: skipped"; fi

# Times quire against pdftotext on the dev corpus (hyperfine); prints the ratios last.
bench: $(BIN)
	python3 benches/compare.py --bin $(BIN) $(if $(wildcard $(DEV)),$(DEV),tests/fixtures)

clean:
	$(CARGO) clean
	rm -f $(OUTPUT)/*.xml $(OUTPUT)/*.epub $(OUTPUT)/*.pdf $(OUTPUT)/*.json $(OUTPUT)/index.html
	rm -rf $(OUTPUT)/.quire

# Fuzzes extract -> normalise -> JSON (fuzz/, a crate outside this workspace, built in fuzz/target).
# Needs `cargo install cargo-fuzz`; RUSTC_BOOTSTRAP lets stable rustc take the sanitizer flags.
FUZZTIME ?= 600
fuzz:
	mkdir -p fuzz/corpus/extract
	cd fuzz && RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run extract corpus/extract seeds -- \
	  -dict=pdf.dict -jobs=1 -workers=1 -max_len=200000 -timeout=10 -rss_limit_mb=2048 \
	  -max_total_time=$(FUZZTIME)
