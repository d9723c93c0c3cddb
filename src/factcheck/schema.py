"""Check a loaded annotation against ``annotations/schema.json`` and explain each failure."""

from __future__ import annotations

import datetime
import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:  # jsonschema is imported only to explain a failure: it takes longer to load
    import jsonschema

from .hygiene import explain_url
from .problems import ProblemList
from .yaml_loader import YamlDocument

_TYPE_NAMES = {
    str: "a string",
    bool: "true/false",
    int: "a whole number",
    float: "a number",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing (an empty value)",
}

_JSON_TYPES = {"string": str, "integer": int, "array": list, "object": dict}

_PATTERN_HINTS = {
    "url": "must be an http:// or https:// address with a host",
    "archive_url": "must be an http:// or https:// address with a host",
    "date": 'must be a date written "YYYY", "YYYY-MM" or "YYYY-MM-DD"',
    "accessed": 'must be a date written "YYYY-MM-DD"',
    "created": 'must be a date written "YYYY-MM-DD"',
    "updated": 'must be a date written "YYYY-MM-DD"',
    "paragraph": "must be a paragraph id such as 'tax-benefits' (lowercase words joined by -)",
    "page": "must be the path of an essay page inside docs/, such as 'chapters/two.md'",
}


def _is_whole_number(checker, instance) -> bool:
    # JSON Schema counts 1.0 as an integer; YAML's 1.0 is a float and would break occurrence.
    return isinstance(instance, int) and not isinstance(instance, bool)


@lru_cache(maxsize=8)
def _validator(schema_path: str, mtime: float) -> jsonschema.Draft7Validator:
    import jsonschema

    strict_draft7 = jsonschema.validators.extend(
        jsonschema.Draft7Validator,
        type_checker=jsonschema.Draft7Validator.TYPE_CHECKER.redefine("integer", _is_whole_number),
    )
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return strict_draft7(schema)


class SchemaUnusable(Exception):
    """The schema file itself is wrong, so no annotation can be checked against it."""


def load_validator(schema_path: Path) -> jsonschema.Draft7Validator:
    """The full validator, which checks the schema itself first and explains every failure."""
    try:
        return _validator(str(schema_path), schema_path.stat().st_mtime)
    except Exception as exc:
        raise SchemaUnusable(str(exc).split("\n", 1)[0]) from None


def prepare(schema_path: Path) -> None:
    """Compile the schema's fast check; raises when the schema cannot be read or compiled.

    The full validator, which also checks the schema against the draft-07 meta-schema, is loaded
    when a file first fails the fast check (tests check the shipped schema against it).
    """
    _fast_validator(str(schema_path), schema_path.stat().st_mtime)


@lru_cache(maxsize=8)
def _fast_validator(schema_path: str, mtime: float):
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    return fastjsonschema.compile(schema, use_formats=False)


_PLAIN_ATOMS = frozenset({str, int, bool, type(None)})


def _plain_json(value: Any) -> bool:
    """Only strings, whole numbers, true/false, null, lists and string-keyed mappings.

    The compiled check counts 2.0 as a whole number, as JSON Schema does, where ours does not;
    floats, dates and anything else YAML can produce go to the full validator.
    """
    kind = type(value)
    if kind in _PLAIN_ATOMS:
        return True
    if kind is list:
        return all(map(_plain_json, value))
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str or not _plain_json(item):
                return _plain_json_exact(value)
        return True
    return _plain_json_exact(value)  # a subclass, or something that is not plain JSON


def _plain_json_exact(value: Any) -> bool:
    if isinstance(value, (str, int, type(None))):  # bool is an int
        return True
    if isinstance(value, list):
        return all(_plain_json_exact(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _plain_json_exact(item)
                   for key, item in value.items())
    return False


def passes_fast(data: Any, schema_path: Path) -> bool:
    """True only when ``data`` is certainly schema-valid, by a check compiled once per schema.

    False means "not known": the full validator decides and explains. The compiled check is
    never more lenient than jsonschema on plain JSON data (its ``$`` is end of string, jsonschema's
    also allows a final line break), so a True here is a True there.
    """
    if not _plain_json(data):
        return False
    try:
        _fast_validator(str(schema_path), schema_path.stat().st_mtime)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _field_name(path: tuple) -> str:
    parts = []
    for part in path:
        parts.append(f"[{part + 1}]" if isinstance(part, int) else f".{part}")
    return "".join(parts).lstrip(".") or "the file"


def _describe_value(value: Any, written: str | None, wanted: type | None) -> str:
    shown = f" {written!r}" if written else ""
    if isinstance(value, bool):
        return (
            f"YAML read the unquoted word{shown} as {str(value).lower()}; put the value in quotes"
        )
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"YAML read the unquoted date{shown} as a date; put it in quotes, for example \"2026-11-26\""
    if wanted is str and isinstance(value, (int, float)) and written:
        return f"YAML read the unquoted{shown} as the number {value!r}; put it in quotes"
    if wanted is int and isinstance(value, float):
        return f"got the number {value!r}; write a whole number such as 2"
    if wanted is str and value is None and written:
        return f"YAML read the unquoted{shown} as nothing; put it in quotes"
    return f"got {_TYPE_NAMES.get(type(value), type(value).__name__)}"


def _message(error: jsonschema.ValidationError, document: YamlDocument) -> tuple[str, tuple]:
    """A contributor-facing sentence for one schema error, and the path it is about."""
    path = tuple(error.absolute_path)
    name = _field_name(path)
    last = path[-1] if path else None
    validator = error.validator
    if validator == "additionalProperties":
        extras = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        key = extras[0]
        guess = difflib.get_close_matches(key, list(error.schema.get("properties", {})), n=1)
        hint = f"; did you mean '{guess[0]}'?" if guess else "; remove it"
        where = "source" if path else "annotation"
        return f"unknown field '{key}' in {where} {name if path else ''}".rstrip() + hint, path + (
            ("__key__", key),
        )
    if validator == "required":
        missing = error.message.split("'")[1]
        owner = "a source" if path else "an annotation"
        because = ""
        if list(error.schema_path)[:1] == ["allOf"]:
            because = f" (needed for kind: {error.instance.get('kind')})"
        return f"missing required field '{missing}' in {owner}{because}", path + (("__at__", "kind"),)
    if validator == "type":
        expected = _JSON_TYPES.get(error.validator_value)
        wanted = _TYPE_NAMES.get(expected, error.validator_value)
        described = _describe_value(error.instance, document.written_as(path), expected)
        return f"'{name}' must be {wanted}: {described}", path
    if validator == "enum":
        choices = ", ".join(error.validator_value)
        guess = difflib.get_close_matches(str(error.instance), error.validator_value, n=1)
        hint = f"; did you mean '{guess[0]}'?" if guess else ""
        return f"'{name}' is '{error.instance}', which is not one of: {choices}{hint}", path
    if validator == "pattern":
        hint = _PATTERN_HINTS.get(last, f"does not match {error.validator_value}")
        if last in ("url", "archive_url"):
            hint = explain_url(error.instance) or hint
        return f"'{name}' {hint} (got {error.instance!r})", path
    if validator == "maxLength":
        limit = error.validator_value
        return f"'{name}' is {len(error.instance)} characters long; at most {limit} allowed", path
    if validator == "minLength":
        return f"'{name}' is empty; write something or remove the field", path
    if validator == "minItems":
        return f"'{name}' needs at least {error.validator_value} entry", path
    if validator == "minimum":
        return f"'{name}' must be at least {error.validator_value}", path
    if validator == "not" and error.validator_value == {"required": ["title"]}:
        return ("'title' is for context and editorial notes; a claim's card shows its 'claim' "
                "sentence, so remove 'title'", path + (("__key__", "title"),))
    if validator == "not":
        present = [k for k in ("verdict", "claim") if k in error.instance]
        return (
            f"{' and '.join(repr(k) for k in present)} belong only to kind: claim; "
            "remove them or set kind: claim",
            path + (("__key__", present[0]),) if present else path,
        )
    return f"'{name}': {error.message}", path


def check(document: YamlDocument, path: str, schema_path: Path, problems: ProblemList) -> bool:
    """Add one problem per schema error; return True when the document is schema-valid."""
    if passes_fast(document.data, schema_path):
        return True  # the full validator would find nothing; it runs only to explain failures
    validator = load_validator(schema_path)
    errors = sorted(validator.iter_errors(document.data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        message, at = _message(error, document)
        position = _resolve_position(document, at)
        problems.error(path, position.line, position.col, message)
    return not errors


def _resolve_position(document: YamlDocument, at: tuple):
    if at and isinstance(at[-1], tuple):
        marker, key = at[-1]
        base = at[:-1]
        if (base + (key,)) in document.key_positions:
            return document.key_positions[base + (key,)]
        return document.position(base)
    return document.position(at)
