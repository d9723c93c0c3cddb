import json
import subprocess
import sys

from conftest import SCHEMA
from factcheck.checking.schema import check
from factcheck.checking.yaml_reader import load_bytes
from factcheck.problems import ProblemList

VALID = b"""\
paragraph: tax-benefits
quote: "a 75% reduction"
kind: claim
verdict: unsupported
claim: Some regions cut AI workers' income tax by 75%.
note: Nothing found.
sources:
  - title: T
    url: https://www.example-agency.org/t
    publisher: P
    date: "2019"
    supports: S
author: A
created: "2026-11-26"
"""


def problems_for(raw: bytes) -> list:
    problems = ProblemList()
    check(load_bytes(raw), "annotations/x.yaml", SCHEMA, problems)
    return [(p.line, p.col, p.message) for p in problems]


def test_valid_claim_passes():
    assert problems_for(VALID) == []


def test_unknown_field_suggests_the_intended_one_at_the_key():
    found = problems_for(VALID.replace(b"sources:", b"soruces:"))
    messages = [m for _, _, m in found]
    assert any("unknown field 'soruces'" in m and "did you mean 'sources'" in m for m in messages)
    assert (7, 1) in [(line, col) for line, col, _ in found]


def test_unquoted_no_and_dates_explain_the_yaml_surprise():
    found = problems_for(VALID.replace(b'created: "2026-11-26"', b"created: 2026-11-26")
                         .replace(b"author: A", b"author: no"))
    text = "\n".join(m for _, _, m in found)
    assert "'author' must be a string: YAML read the unquoted word 'no' as false" in text
    assert "unquoted date '2026-11-26' as a date; put it in quotes" in text


def test_claim_needs_verdict_and_claim_sentence():
    raw = VALID.replace(b"verdict: unsupported\n", b"").replace(b"claim: Some", b"xclaim: Some")
    messages = [m for _, _, m in problems_for(raw)]
    assert any("missing required field 'verdict'" in m and "kind: claim" in m for m in messages)
    assert any("missing required field 'claim'" in m for m in messages)


def test_verdict_only_on_claims():
    raw = VALID.replace(b"kind: claim", b"kind: context")
    messages = [m for _, _, m in problems_for(raw)]
    assert any("belong only to kind: claim" in m for m in messages)


def test_bad_enum_url_and_long_claim_each_reported_at_their_value():
    raw = (VALID.replace(b"verdict: unsupported", b"verdict: mostly-acurate")
           .replace(b"https://www.example-agency.org/t", b"javascript:alert(1)")
           .replace(b"claim: Some regions", b"claim: " + b"x" * 130))
    found = problems_for(raw)
    by_line = {line: m for line, _, m in found}
    assert "did you mean 'mostly-accurate'" in by_line[4]
    assert "http:// or https://" in by_line[9]
    assert "at most 120 allowed" in by_line[5]
    assert len(found) == 3  # all problems, not only the first


def test_the_shipped_schema_is_valid_draft_07():
    import jsonschema

    jsonschema.Draft7Validator.check_schema(json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_valid_files_are_checked_without_loading_jsonschema():
    # jsonschema takes longer to import than the whole check of a small project; it only explains.
    code = ("import sys; from factcheck.checking.yaml_reader import load_bytes;"
            "from factcheck.checking import schema;"
            "from factcheck.problems import ProblemList; from pathlib import Path;"
            f"schema.check(load_bytes({VALID!r}), 'x.yaml', Path({str(SCHEMA)!r}), ProblemList());"
            "print('jsonschema' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
