"""The corrections rule: a published verdict may change only with a dated correction.

``validate.py --published origin/main`` compares each annotation's verdict with the one in that
git revision. A changed verdict needs a ``corrections`` entry whose ``previous_verdict`` is the
published one.
"""

from __future__ import annotations

import subprocess

from ..checking.catalog import Catalog
from ..checking.project import Project, SetupError
from ..checking.yaml_document import YamlProblem
from ..checking.yaml_reader import decode, parse
from ..problems import Problem


def _git(project: Project, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=project.root, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise SetupError(f"cannot run git: {exc}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SetupError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return result.stdout


def published_verdicts(project: Project, ref: str) -> dict[str, str]:
    """Annotation id -> verdict, as published at git revision ``ref``."""
    folder = project.annotations_dir.relative_to(project.root).as_posix()
    listing = _git(project, "ls-tree", "-z", "--name-only", ref, f"{folder}/").split(b"\0")
    verdicts = {}
    for name in (n.decode("utf-8", "replace") for n in listing if n.endswith(b".yaml")):
        try:
            data = parse(decode(_git(project, "show", f"{ref}:{name}"))).data
        except YamlProblem:
            continue  # not valid where it was published: nothing to hold the new file to
        if isinstance(data, dict) and isinstance(data.get("verdict"), str):
            verdicts[name.rsplit("/", 1)[-1][: -len(".yaml")]] = data["verdict"]
    return verdicts


def verdict_changes(catalog: Catalog, project: Project, ref: str) -> list[Problem]:
    """An error for every verdict that differs from ``ref`` without a correction saying so."""
    published = published_verdicts(project, ref)
    problems = []
    for annotation in catalog.annotations:
        before = published.get(annotation.id)
        if before is None or before == annotation.verdict:
            continue
        if any(c.previous_verdict == before for c in annotation.corrections):
            continue
        problems.append(Problem(
            annotation.path, 1, 1,
            f"the verdict changed from '{before}' (published at {ref}) to "
            f"'{annotation.verdict}'; add a corrections entry with date, what changed and why, "
            f"and previous_verdict: {before}"))
    return problems
