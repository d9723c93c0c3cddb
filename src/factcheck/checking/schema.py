"""Check a loaded annotation against ``annotations/schema.json`` and explain each failure.

A check compiled once per schema (``fastjsonschema``) decides whether a file is valid; the full
``jsonschema`` validator, slower to import, runs only to explain a failing file, one message per
field. Dates are then checked against the calendar, which a pattern cannot do.
"""

from __future__ import annotations

import datetime
import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from ..problems import ProblemList, field_name
from .urls import explain_url
from .yaml_document import YamlDocument

if TYPE_CHECKING:
    import jsonschema

_TYPE_NAMES = {
    str: "a string", bool: "true/false", int: "a whole number", float: "a number",
    list: "a list", dict: "a mapping", type(None): "nothing (an empty value)",
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
DATE_FIELDS = ("created", "updated", "date", "accessed")
# Which schema error explains a field best when it has several.
_PREFERENCE = ("type", "enum", "pattern", "maxLength", "minLength")


class SchemaUnusable(Exception):
    """The schema file itself is wrong, so no annotation can be checked against it."""


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


def load_validator(schema_path: Path) -> jsonschema.Draft7Validator:
    """The full validator, which checks the schema itself first and explains every failure."""
    try:
        return _validator(str(schema_path), schema_path.stat().st_mtime)
    except Exception as exc:
        raise SchemaUnusable(str(exc).split("\n", 1)[0]) from None


@lru_cache(maxsize=8)
def _compiled(schema_path: str, mtime: float):
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    return fastjsonschema.compile(schema, use_formats=False)


def prepare(schema_path: Path) -> None:
    """Compile the schema's check; raises when the schema cannot be read or compiled."""
    _compiled(str(schema_path), schema_path.stat().st_mtime)


def _plain_json(value: Any) -> bool:
    """Only strings, whole numbers, true/false, null, lists and string-keyed mappings: what the
    compiled check judges exactly as ours (it counts 2.0 as a whole number; dates are not JSON)."""
    if isinstance(value, (str, int, type(None))):  # bool is an int
        return True
    if isinstance(value, list):
        return all(_plain_json(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _plain_json(item) for key, item in value.items())
    return False


def passes(data: Any, schema_path: Path) -> bool:
    """True only when ``data`` is certainly schema-valid. The compiled check is never more
    lenient than jsonschema on plain JSON data (its ``$`` is end of string, jsonschema's also
    allows a final line break), so a True here is a True there."""
    if not _plain_json(data):
        return False
    try:
        _compiled(str(schema_path), schema_path.stat().st_mtime)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _as_written(value: Any, written: str | None) -> str:
    return repr(written) if written else repr(value)


def _describe_value(value: Any, written: str | None, wanted: type | None) -> str:
    shown = f" {written!r}" if written else ""
    if isinstance(value, bool):
        return f"YAML read the unquoted word{shown} as {str(value).lower()}; put the value in quotes"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"YAML read the unquoted date{shown} as a date; put it in quotes, for example \"2026-11-26\""
    if wanted is str and isinstance(value, (int, float)) and written:
        return f"YAML read the unquoted{shown} as the number {value!r}; put it in quotes"
    if wanted is int and isinstance(value, float):
        return f"got the number {value!r}; write a whole number such as 2"
    if wanted is str and value is None and written:
        return f"YAML read the unquoted{shown} as nothing; put it in quotes"
    return f"got {_TYPE_NAMES.get(type(value), type(value).__name__)}"


def _enum_message(name: str, error, document: YamlDocument, path: tuple) -> str:
    choices = ", ".join(error.validator_value)
    value = error.instance
    if not isinstance(value, str):
        written = document.written_as(path)
        return (f"'{name}' must be one of: {choices}; got {_as_written(value, written)}, which "
                f"YAML reads as {_TYPE_NAMES.get(type(value), type(value).__name__)}")
    guess = difflib.get_close_matches(value, error.validator_value, n=1)
    hint = f"; did you mean '{guess[0]}'?" if guess else ""
    return f"'{name}' is '{value}', which is not one of: {choices}{hint}"


def _message(error, document: YamlDocument) -> tuple[str, tuple]:
    """A contributor-facing sentence for one schema error, and the path it is about."""
    path = tuple(error.absolute_path)
    name = field_name(path)
    last = path[-1] if path else None
    validator = error.validator
    if validator == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        key = sorted(set(error.instance) - set(known))[0]
        guess = difflib.get_close_matches(key, known, n=1)
        hint = f"; did you mean '{guess[0]}'?" if guess else "; remove it"
        where = f"in source {name}" if path else "in annotation"
        return f"unknown field '{key}' {where}{hint}", path + (("__key__", key),)
    if validator == "required":
        missing = error.message.split("'")[1]
        owner = f"'{name}'" if path else "an annotation"
        because = ""
        if list(error.schema_path)[:1] == ["allOf"]:
            because = f" (needed for kind: {error.instance.get('kind')})"
        return f"missing required field '{missing}' in {owner}{because}", path + (("__at__", "kind"),)
    if validator == "type":
        expected = _JSON_TYPES.get(error.validator_value)
        enum = error.schema.get("enum")
        if enum:
            error.validator_value = enum
            return _enum_message(name, error, document, path), path
        wanted = _TYPE_NAMES.get(expected, error.validator_value)
        described = _describe_value(error.instance, document.written_as(path), expected)
        return f"'{name}' must be {wanted}: {described}", path
    if validator == "enum":
        return _enum_message(name, error, document, path), path
    if validator == "pattern":
        hint = _PATTERN_HINTS.get(last, f"does not match {error.validator_value}")
        if last in ("url", "archive_url"):
            hint = explain_url(error.instance) or hint
        return f"'{name}' {hint} (got {error.instance!r})", path
    if validator == "maxLength":
        return (f"'{name}' is {len(error.instance)} characters long; at most "
                f"{error.validator_value} allowed"), path
    if validator == "minLength":
        return f"'{name}' is empty; write something or remove the field", path
    if validator == "maxItems":
        return (f"'{name}' has {len(error.instance)} entries; at most {error.validator_value} "
                "allowed: keep the ones that matter most, or merge them"), path
    if validator == "minItems":
        return f"'{name}' needs at least {error.validator_value} entry", path
    if validator == "minimum":
        return f"'{name}' must be at least {error.validator_value}", path
    if validator == "not" and error.validator_value == {"required": ["title"]}:
        return ("'title' is for context and editorial notes; a claim's card shows its 'claim' "
                "sentence, so remove 'title'", path + (("__key__", "title"),))
    if validator == "not":
        present = [k for k in ("verdict", "claim") if k in error.instance]
        return (f"{' and '.join(repr(k) for k in present)} belong only to kind: claim; "
                "remove them or set kind: claim",
                path + (("__key__", present[0]),) if present else path)
    return f"'{name}': {error.message}", path


def check(document: YamlDocument, path: str, schema_path: Path, problems: ProblemList) -> set[tuple]:
    """Add one problem per field the schema refuses; return the refused fields' paths."""
    if passes(document.data, schema_path):
        return set()
    validator = load_validator(schema_path)
    best: dict[tuple, Any] = {}
    for error in validator.iter_errors(document.data):
        where = tuple(error.absolute_path)
        if error.validator in ("additionalProperties", "required", "not"):
            where += (error.validator, error.message)
        rank = _PREFERENCE.index(error.validator) if error.validator in _PREFERENCE else len(_PREFERENCE)
        if where not in best or rank < best[where][0]:
            best[where] = (rank, error)
    refused = set()
    for _, error in sorted(best.values(), key=lambda item: [str(p) for p in item[1].absolute_path]):
        message, at = _message(error, document)
        position = _resolve_position(document, at)
        problems.error(path, position.line, position.col, message)
        if error.validator == "additionalProperties":
            refused.add(at[:-1] + (at[-1][1],))  # the unknown field's value is not looked at
        elif error.validator not in ("required", "not"):
            refused.add(at)
    return refused


def calendar_problems(document: YamlDocument) -> list[tuple[tuple, str]]:
    """``(path, message)`` for each date that matches its pattern but is not a real day."""
    found = []
    for path, value in _dates(document.data):
        parts = value.split("-")
        try:
            year = int(parts[0])
            if year < 1 or len(parts) == 1:
                datetime.date(year, 1, 1)
            else:
                datetime.date(year, int(parts[1]), int(parts[2]) if len(parts) == 3 else 1)
        except (ValueError, IndexError):
            found.append((path, f"'{field_name(path)}' is {value!r}, which is not a real date; "
                                "check the day, month and year"))
    return found


def _dates(data: Any, path: tuple = ()):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in DATE_FIELDS and isinstance(value, str) and value[:4].isdigit():
                yield path + (key,), value
            elif isinstance(value, (dict, list)):
                yield from _dates(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _dates(value, path + (index,))


def _resolve_position(document: YamlDocument, at: tuple):
    if at and isinstance(at[-1], tuple):
        _, key = at[-1]
        base = at[:-1]
        if (base + (key,)) in document.key_positions:
            return document.key_positions[base + (key,)]
        return document.position(base)
    return document.position(at)
