"""Checking many files in several processes gives exactly what checking them in one gives.

Forking is run in fresh interpreters here: the test process may hold server threads."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from conftest import SCHEMA, load_script, run_validate
from factcheck.checking.catalog import PAGES_IN_PROCESSES
from factcheck.checking.parallel import MIN_ITEMS

synthetic_site = load_script("synthetic_site")
SiteShape, generate_site = synthetic_site.SiteShape, synthetic_site.generate_site


def _python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, check=True, timeout=300).stdout


def test_results_come_back_in_order_from_other_processes():
    out = json.loads(_python(f"""
        import json, os
        from factcheck.checking.parallel import map_in_processes
        items = list(range({MIN_ITEMS + 37}))
        many = map_in_processes(lambda n: (n * n, os.getpid()), items, jobs=2)
        few = map_in_processes(lambda n: os.getpid(), items[:5], jobs=2)
        one = map_in_processes(lambda n: os.getpid(), items, jobs=1)
        print(json.dumps({{"many": many, "few": few, "one": one, "me": os.getpid()}}))
    """))
    assert [square for square, _ in out["many"]] == [n * n for n in range(MIN_ITEMS + 37)]
    assert out["me"] not in {pid for _, pid in out["many"]}
    assert set(out["few"]) == set(out["one"]) == {out["me"]}


def _validate(root, *args: str):
    return run_validate("--root", str(root), "--no-cache", *args)


def test_a_large_site_validates_the_same_with_two_processes(tmp_path):
    site = generate_site(tmp_path / "site", SCHEMA,  # pages enough to be read in processes too
                         SiteShape(pages=PAGES_IN_PROCESSES + 4, paragraphs=4, words=40,
                                   annotations=MIN_ITEMS + 50))
    files = sorted((site.root / "annotations").glob("*.yaml"))
    for path in files[::97]:  # some problems too, in files spread over the chunks
        path.write_text(path.read_text(encoding="utf-8").replace("kind:", "knd:"), encoding="utf-8")
    for page in site.pages[3::7]:  # and in pages: a paragraph id used twice
        path = site.root / "docs" / page
        path.write_text(path.read_text(encoding="utf-8").replace("#p-para-02", "#p-para-01"),
                        encoding="utf-8")
    one = _validate(site.root, "--essays", site.pattern, "--jobs", "1")
    two = _validate(site.root, "--essays", site.pattern, "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout.count("error:") >= 5
    assert one.stdout.count("is used twice") == len(site.pages[3::7]) >= 3
    assert (two.stdout, two.stderr) == (one.stdout, one.stderr)
