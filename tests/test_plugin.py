"""The MkDocs plugin as other plugins and users meet it: claim pages are ordinary pages whose
output other plugins can change, options are per build, and titles from annotations cannot
break the theme's markup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import write

CLAIM = """paragraph: plain
quote: "no annotation"
occurrence: 1
kind: claim
verdict: inaccurate
claim: {claim}
note: It has this one.
sources:
  - title: "Example source"
    url: https://www.example-agency.org/source
    publisher: Example Publisher
    date: "2019-05"
    supports: Shows an example.
author: Test author
created: "2026-11-26"
"""

FOREIGN_HOOK = """
from mkdocs.plugins import event_priority

@event_priority({priority})
def on_post_page(output, page, config):
    return output.replace("</head>", '<meta name="foreign-hook" content="{priority}">\\n</head>', 1)
"""


def _build(site: Path, out: Path, **overrides):
    config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(out), strict=True,
                         **overrides)
    mkdocs_build(config)
    return out


def _configure(site: Path, plugin: str) -> None:
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - factcheck\n" in text
    config.write_text(text.replace("  - factcheck\n", plugin), encoding="utf-8")


def test_an_essay_page_keeps_the_title_of_its_own_heading(fixture_site, tmp_path):
    """Generators take a page's title from a leading heading; the notes must not hide it."""
    out = _build(fixture_site, tmp_path / "out")
    html = (out / "index.html").read_text(encoding="utf-8")
    topic = html[html.index('data-md-component="header-topic"'):]
    assert topic.split("</span>")[0].split()[-3:] == ["A", "small", "essay"]  # not "Home"
    assert html.index('<h1 id="a-small-essay">A small essay</h1>') < html.index('class="fc-essay"')
    assert html.count("<h1") == 1


@pytest.mark.parametrize("priority", [100, 50, 0, -100])
def test_another_plugins_page_output_reaches_every_page(fixture_site, tmp_path, priority):
    write(fixture_site / "hooks.py", FOREIGN_HOOK.format(priority=priority))
    with (fixture_site / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - hooks.py\n")
    out = _build(fixture_site, tmp_path / "built")
    pages = sorted(out.rglob("*.html"))
    assert (out / "claims" / "real-projects" / "index.html") in pages
    for page in pages:
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        assert f'<meta name="foreign-hook" content="{priority}">' in html, page


def test_titles_from_annotations_cannot_open_a_tag_or_close_an_attribute(fixture_site, tmp_path):
    hostile = 'Research & development is </title><script>x</script> "quoted" here.'
    (fixture_site / "annotations" / "hostile-title.yaml").write_text(
        CLAIM.format(claim=f"'{hostile}'"), encoding="utf-8")
    html = (_build(fixture_site, tmp_path / "built") / "claims" / "hostile-title" /
            "index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
    assert "<" not in title and ">" not in title and "&" not in title
    assert "Research ＆ development is ‹/title›‹script›x‹/script› ”quoted” here" in title
    description = re.search(r'<meta name="description" content="([^"]*)"', head).group(1)
    assert "‹/title›" in description
    assert html.count("<script>x</script>") == 0
    # the claim itself is shown as written in the body, escaped by the page's serialiser
    assert "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;" in html


def test_claim_pages_can_be_turned_off(fixture_site, tmp_path):
    _configure(fixture_site, "  - factcheck:\n      claim_pages: false\n")
    out = _build(fixture_site, tmp_path / "built")
    assert not list((out / "claims").glob("*/index.html"))
    index = (out / "claims" / "index.html").read_text(encoding="utf-8")
    assert 'class="fc-claim-item__claim"' in index
    claim_link = re.search(r'<a [^>]*class="fc-claim-item__claim"[^>]*>', index).group(0)
    assert 'href="../#a-real-projects"' in claim_link
    essay = (out / "index.html").read_text(encoding="utf-8")
    assert "claims/real-projects/" not in essay and "claims/real-projects/" not in index


def test_the_plugin_can_be_switched_off(fixture_site, tmp_path):
    _configure(fixture_site, "  - factcheck:\n      enabled: false\n")
    out = _build(fixture_site, tmp_path / "built")
    essay = (out / "index.html").read_text(encoding="utf-8")
    assert "fc-note" not in essay and not (out / "claims").exists()


def test_options_do_not_leak_from_one_build_to_the_next(fixture_site, tmp_path):
    """mkdocs serve keeps one plugin instance for every rebuild; each build starts afresh."""
    from mkdocs.config import load_config as load

    config = load(config_file=str(fixture_site / "mkdocs.yml"), site_dir=str(tmp_path / "one"))
    plugin = config.plugins["factcheck"]
    plugin.on_startup(command="serve", dirty=False)
    mkdocs_build(config)
    assert (tmp_path / "one" / "claims" / "real-projects" / "index.html").is_file()
    plugin.config["claim_pages"] = False
    config = load(config_file=str(fixture_site / "mkdocs.yml"), site_dir=str(tmp_path / "two"))
    config.plugins["factcheck"] = plugin  # as serve does: the same instance, loaded again
    plugin.load_config({"claim_pages": False})
    mkdocs_build(config)
    assert not (tmp_path / "two" / "claims" / "real-projects").exists()
    plugin.load_config({})
    config = load(config_file=str(fixture_site / "mkdocs.yml"), site_dir=str(tmp_path / "three"))
    config.plugins["factcheck"] = plugin
    mkdocs_build(config)
    assert (tmp_path / "three" / "claims" / "real-projects" / "index.html").is_file()
