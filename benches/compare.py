#!/usr/bin/env python3
"""Times quire against pdftotext on the same PDFs, in one run, with hyperfine.

For each PDF: (a) pdftotext, (b) quire convert --to json (extraction + structure),
(c) quire convert to jats,epub,pdf, each of (b) and (c) as typed (one document may use a
second thread on a free core) and with --jobs 1 (one core). Prints medians per document,
then the --jobs 2 speed-up over --jobs 1 on the whole set (one thread per document), the
peak memory (RSS) on the largest document, and last the ratios quire/pdftotext (median
over documents).

Usage: benches/compare.py [--runs N] [--bin target/release/quire] PDF_DIR
"""
import argparse, json, os, resource, shutil, statistics, subprocess, sys, tempfile

def hyperfine(cmds, runs, warmup=1):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    args = ["hyperfine", "--style", "none", "--runs", str(runs), "--warmup", str(warmup),
            "--export-json", out, "-N"] + cmds
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        res = json.load(f)["results"]
    os.unlink(out)
    return [r["median"] for r in res]

def peak_rss_mb(cmd):
    """Peak resident memory of one run of cmd, in MB (from the child's rusage)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024.0

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf_dir")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--bin", default="target/release/quire")
    a = ap.parse_args()
    for tool in ("hyperfine", "pdftotext"):
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} not found (apt-get install hyperfine poppler-utils)")
    pdfs = sorted(os.path.join(a.pdf_dir, f) for f in os.listdir(a.pdf_dir) if f.endswith(".pdf"))
    if not pdfs:
        sys.exit(f"bench: no PDFs in {a.pdf_dir}")
    tmp = tempfile.mkdtemp(prefix="quire-bench-")
    # Measured first: rusage of children is a maximum over every child waited for so far.
    npages = lambda p: int(subprocess.run(["pdfinfo", p], capture_output=True, text=True).stdout.split("Pages:")[1].split()[0])
    longest = max(pdfs, key=npages)
    rss = peak_rss_mb([a.bin, "convert", "--force", "--quiet", "--out", tmp, longest])
    rows, ratios = [], {k: [] for k in ("json", "all", "json1", "all1")}
    print(f"{'document':<26}{'pages':>6}{'pdftotext':>11}{'json':>9}{'all':>9}{'json -j1':>10}{'all -j1':>9}"
          f"{'json/ptt':>10}{'all/ptt':>9}{'-j1 json':>10}{'-j1 all':>9}")
    for pdf in pdfs:
        name = os.path.basename(pdf)
        pages = npages(pdf)
        q = f"{a.bin} convert --force --quiet --out {tmp}"
        t = hyperfine([f"pdftotext {pdf} {tmp}/ptt.txt",
                       f"{q} --to json {pdf}", f"{q} --to jats,epub,pdf {pdf}",
                       f"{q} --jobs 1 --to json {pdf}", f"{q} --jobs 1 --to jats,epub,pdf {pdf}"], a.runs)
        r = [x / t[0] for x in t[1:]]
        for k, v in zip(ratios, r):
            ratios[k].append(v)
        rows.append((name, pages, t))
        print(f"{name:<26}{pages:>6}{t[0]*1000:>9.1f}ms{t[1]*1000:>7.1f}ms{t[2]*1000:>7.1f}ms{t[3]*1000:>8.1f}ms{t[4]*1000:>7.1f}ms"
              f"{r[0]:>10.2f}{r[1]:>9.2f}{r[2]:>10.2f}{r[3]:>9.2f}")
    per_page = [(n, p, t[4] / p * 1000) for n, p, t in rows]
    print("\nfull conversion per page, one core (ms): " + ", ".join(f"{n} {ms:.1f}" for n, _, ms in per_page))
    q = f"{a.bin} convert --force --quiet --out {tmp} --to jats,epub,pdf"
    j1, j2 = hyperfine([f"{q} --jobs 1 {a.pdf_dir}", f"{q} --jobs 2 {a.pdf_dir}"], max(5, a.runs // 2))
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nbatch of {len(pdfs)}: --jobs 1 {j1:.3f}s, --jobs 2 {j2:.3f}s, speed-up {j1 / j2:.2f}")
    print(f"peak RSS converting the longest document ({os.path.basename(longest)}): {rss:.1f} MB")
    m = {k: statistics.median(v) for k, v in ratios.items()}
    print(f"median ratio quire/pdftotext, one document per run (a second thread when a core is free): "
          f"extraction+structure (--to json) {m['json']:.2f}, three formats {m['all']:.2f}")
    print(f"median ratio quire/pdftotext, --jobs 1 (one core): "
          f"extraction+structure (--to json) {m['json1']:.2f}, three formats {m['all1']:.2f}")

if __name__ == "__main__":
    main()
