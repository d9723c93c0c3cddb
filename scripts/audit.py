"""Lighthouse audit of the built essay page: build the site, serve it on 127.0.0.1, run the pinned
Lighthouse (tools/audit) with the mobile preset in headless Chromium, print the four category
scores and whatever keeps a category below its target.

Lighthouse scores vary with the machine's load; the run with the median performance score of
``--runs`` runs is reported, with Lighthouse's benchmark index of the machine (higher is faster).

With ``--baseline`` the same pages are also built without the factcheck plugin and audited in
alternating runs (ours, plain, ours, plain, …), so the difference is measured on one machine at
one time: on a noisy machine that comparison means more than either score.

Usage: python scripts/audit.py [--page PATH] [--runs N] [--keep REPORT.json] [--baseline] [--breakdown]
Exit status: 0 when every target is met, 1 when one is not, 2 when the audit could not run.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from handwritten_twin import write_bare  # noqa: E402

LIGHTHOUSE = ROOT / "tools" / "audit" / "node_modules" / "lighthouse" / "cli" / "index.js"
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
                "--disable-background-networking --disable-component-update --disable-sync "
                "--no-first-run")


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".jsonld", ".csv")


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site the way static hosts do: text gzip-compressed, with a cache lifetime."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the stdlib redirects to the folder's URL
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


def build_site(out: Path) -> None:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run([str(mkdocs), "build", "--strict", "--quiet", "--site-dir", str(out)],
                   cwd=ROOT, check=True)


def build_plain_site(out: Path, config_dir: Path) -> None:
    """The same essay pages with stock Material, as the benchmark's bare essay: no plugin, no
    notes, none of our assets."""
    plain = write_bare(ROOT / "mkdocs.yml", config_dir)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run([str(mkdocs), "build", "--quiet", "--config-file", str(plain),
                    "--site-dir", str(out)], cwd=ROOT, check=True)


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(CompressingHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def median_run(results: list[dict]) -> dict:
    ordered = sorted(results, key=lambda r: r["categories"]["performance"]["score"])
    return ordered[len(ordered) // 2]


def performance(result: dict) -> int:
    return round(result["categories"]["performance"]["score"] * 100)


def run_lighthouse(url: str, report: Path, chrome: str) -> dict:
    env = {**os.environ, "CHROME_PATH": chrome}
    subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json",
                    f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}",
                    "--only-categories=performance,accessibility,best-practices,seo"],
                   env=env, check=True)
    return json.loads(report.read_text(encoding="utf-8"))


def breakdown(result: dict) -> dict[str, float]:
    """Where the main thread's time went (ms), with the page's metrics beside it."""
    audits = result["audits"]
    items = audits["mainthread-work-breakdown"]["details"]["items"]
    figures = {item["groupLabel"]: item["duration"] for item in items}
    for metric in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                   "speed-index"):
        figures[metric] = audits[metric]["numericValue"]
    figures["dom elements"] = audits["dom-size"]["numericValue"]
    return figures


def print_breakdown(ours: list[dict], plain: list[dict]) -> None:
    """Medians over the runs of each figure, with and (when measured) without the plugin."""
    def medians(results: list[dict]) -> dict[str, float]:
        runs = [breakdown(r) for r in results]
        keys = sorted({k for run in runs for k in run}, key=lambda k: -runs[0].get(k, 0))
        return {k: statistics.median(run.get(k, 0) for run in runs) for k in keys}
    with_plugin = medians(ours)
    without = medians(plain) if plain else {}
    print("  median of the runs (ms; dom elements a count)" +
          ("      with plugin   without" if without else ""))
    for key, value in with_plugin.items():
        other = f"  {without.get(key, 0):9.0f}" if without else ""
        print(f"    {key:28} {value:9.0f}{other}")


def shortfalls(result: dict, category: str) -> list[str]:
    audits = result["audits"]
    found = []
    for ref in result["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            found.append(f"    {audit['id']}: {audit['title']} ({audit.get('displayValue', '')})")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="", help="path of the page under the site root")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs (default 3)")
    parser.add_argument("--keep", type=Path, help="also write the Lighthouse JSON report here")
    parser.add_argument("--baseline", action="store_true",
                        help="also audit the same pages without the plugin, alternating runs")
    parser.add_argument("--breakdown", action="store_true",
                        help="print where the main thread's time went, median over the runs")
    args = parser.parse_args(argv)
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not LIGHTHOUSE.is_file():
        print("audit: Lighthouse is not installed; run: cd tools/audit && npm ci", file=sys.stderr)
        return 2
    if not Path(chrome).exists():
        print(f"audit: Chromium not found at {chrome}; set CHROME_PATH", file=sys.stderr)
        return 2
    plain_results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="audit-") as tmp:
        site, report = Path(tmp) / "site", Path(tmp) / "report.json"
        try:
            build_site(site)
            if args.baseline:
                build_plain_site(Path(tmp) / "plain", Path(tmp))
        except subprocess.CalledProcessError:
            print("audit: the site does not build; run make build for details", file=sys.stderr)
            return 2
        servers = [serve(site)] + ([serve(Path(tmp) / "plain")] if args.baseline else [])
        urls = [f"http://127.0.0.1:{s.server_address[1]}/{args.page}" for s in servers]
        results = []
        try:
            for _ in range(max(1, args.runs)):
                results.append(run_lighthouse(urls[0], report, chrome))
                if args.baseline:
                    plain_results.append(run_lighthouse(urls[1], report, chrome))
            result = median_run(results)
            report.write_text(json.dumps(result), encoding="utf-8")
        except subprocess.CalledProcessError as exc:
            print(f"audit: Lighthouse failed (exit status {exc.returncode})", file=sys.stderr)
            return 2
        finally:
            for server in servers:
                server.shutdown()
                server.server_close()
        if args.keep:
            shutil.copy(report, args.keep)
    print(f"Lighthouse {result['lighthouseVersion']}, {result['configSettings']['formFactor']}, "
          f"{result['finalDisplayedUrl']}; median of {len(results)} run(s); benchmark index "
          f"{result['environment']['benchmarkIndex']:.0f}; performance scores "
          f"{[performance(r) for r in results]}")
    if plain_results:
        plain = median_run(plain_results)
        print(f"  same pages without the plugin, alternating runs: performance "
              f"{performance(plain)} (scores {[performance(r) for r in plain_results]}); "
              f"total blocking time {plain['audits']['total-blocking-time']['displayValue']} vs "
              f"{result['audits']['total-blocking-time']['displayValue']} with it")
    if args.breakdown:
        print_breakdown(results, plain_results)
    met = True
    for category, target in TARGETS.items():
        score = round(result["categories"][category]["score"] * 100)
        ok = score >= target
        met = met and ok
        print(f"  {category:15} {score:3}  (target {target}){'' if ok else '  BELOW TARGET'}")
        if not ok:
            print("\n".join(shortfalls(result, category)))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
