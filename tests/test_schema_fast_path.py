"""The compiled schema check agrees with jsonschema: a file it passes is valid, and a file it
fails goes to jsonschema, which explains the failure."""

from __future__ import annotations

import contextlib
import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adversarial.corpus import CASES
from conftest import ROOT, SCHEMA
from factcheck.checking import schema
from factcheck.checking.yaml_reader import YamlProblem, decode, parse

VALIDATOR = schema.load_validator(SCHEMA)


def _documents(folder: Path) -> list[tuple[str, object]]:
    documents = []
    for path in sorted(folder.glob("*.yaml")):
        with contextlib.suppress(YamlProblem):  # such a file never reaches the schema check
            documents.append((path.name, parse(decode(path.read_bytes())).data))
    return documents


CORPUS = _documents(CASES)
REAL = _documents(ROOT / "annotations")


def test_there_is_something_to_compare():
    assert len(CORPUS) >= 40 and len(REAL) >= 10
    assert any(VALIDATOR.is_valid(data) for _, data in CORPUS)
    assert any(not VALIDATOR.is_valid(data) for _, data in CORPUS)


@pytest.mark.parametrize(("name", "data"), CORPUS + REAL, ids=[n for n, _ in CORPUS + REAL])
def test_the_compiled_check_agrees_with_jsonschema(name, data):
    assert schema.passes(data, SCHEMA) == VALIDATOR.is_valid(data)


VALID = {
    "paragraph": "real-projects", "quote": "the real projects", "kind": "claim",
    "verdict": "accurate", "claim": "A claim.", "note": "A note.", "author": "A", "created": "2026-11-26",
    "sources": [{"title": "T", "url": "https://www.example-agency.org/", "publisher": "P", "date": "2019",
                 "supports": "S"}],
}
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False), st.dates(),
    st.text(max_size=8), st.sampled_from(["claim", "context", "opinion", "2019-07", "2019\n",
                                          "https://www.example-agency.org/x\n", "p-1", "a-b", ""]),
    st.lists(st.text(max_size=3), max_size=2),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from([*VALID, "occurrence", "caveats", "since", "extra"]),
                       VALUES, max_size=4),
       st.lists(st.sampled_from(list(VALID)), max_size=3, unique=True),
       st.dictionaries(st.sampled_from(["title", "url", "date", "archive_url", "x"]), VALUES,
                       max_size=2))
def test_a_compiled_pass_is_never_a_jsonschema_failure(changes, removed, source_changes):
    data = {**VALID, **changes}
    for key in removed:
        data.pop(key, None)
    if isinstance(data.get("sources"), list):
        data["sources"] = [{**VALID["sources"][0], **source_changes}]
    if schema.passes(data, SCHEMA):
        assert VALIDATOR.is_valid(data), data


def test_a_float_whole_number_is_left_to_jsonschema():
    data = {**VALID, "occurrence": 2.0}
    assert not schema.passes(data, SCHEMA)
    assert not VALIDATOR.is_valid(data)
    assert schema.passes({**VALID, "occurrence": 2}, SCHEMA)


def test_only_plain_json_goes_to_the_compiled_check():
    assert schema._plain_json(VALID)
    assert not schema._plain_json({**VALID, "created": datetime.date(2026, 11, 26)})
    assert not schema._plain_json({**VALID, "occurrence": 2.0})
