"""Every command that README.md and CONTRIBUTING.md show works as written, on a copy of the
project as a fresh clone has it (plus the virtual environments that ``make test`` made).

Each document's commands run in order in a copy of their own, so a command sees what the ones
before it did (the worked example starts a draft, then validates it). Where a document shows a
command's output in a ``text`` block right after it, the real output must begin the same way.
Servers are started, asked for the essay and stopped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, load_script

pytestmark = pytest.mark.slow

bench = load_script("bench")  # free_port and fetch

DOCUMENTS = ("README.md", "CONTRIBUTING.md")
# Commands that are not run here, and why. Everything else in a document's sh blocks runs.
NOT_RUN = {
    "make test": "it is the command that runs this test (CI runs it on a fresh clone)",
    "make audit": "it installs Lighthouse from the npm registry and takes minutes; "
                  "tests/test_reading_*.py check the same pages in Chromium",
    "make bench": "it takes many minutes; tests/test_bench.py checks its parts on tiny inputs",
}
SERVERS = ("make serve", "make zensical-serve")
VENVS = (".venv", ".venv-zensical")


@dataclass
class Command:
    document: str
    line: int
    text: str
    shown_output: str | None  # the text block right after the command's block, if any


def documented_commands(document: str) -> list[Command]:
    text = (ROOT / document).read_text(encoding="utf-8")
    blocks = list(re.finditer(r"^```(\w*)\n(.*?)^```\n", text, re.S | re.M))
    commands = []
    for index, block in enumerate(blocks):
        if block.group(1) != "sh":
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        shown = None
        if (following and following.group(1) == "text"
                and not text[block.end():following.start()].strip()):
            shown = following.group(2)
        first_line = text[:block.start()].count("\n") + 2
        for offset, line in enumerate(block.group(2).splitlines()):
            command = re.sub(r"\s+#.*$", "", line).strip()
            if command and not command.startswith("#"):
                commands.append(Command(document, first_line + offset, command, shown))
    return commands


def test_the_documents_show_commands_and_every_skipped_one_is_still_shown():
    commands = {c.text for document in DOCUMENTS for c in documented_commands(document)}
    assert {"make serve", "make test", "make validate"} <= commands
    assert set(NOT_RUN) <= commands, "a command skipped here is no longer in the documents"


def copy_of_the_project(destination: Path) -> Path:
    """The files a clone would hold (tracked, or new and not ignored), with their times kept so
    that make finds the environments up to date; the environments themselves are linked."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for venv in VENVS:
        if not (ROOT / venv).is_dir():
            pytest.fail(f"{venv} is missing; run: make test")
        (destination / venv).symlink_to(ROOT / venv)
    return destination


def environment(port: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("CI", "GITHUB_ACTIONS", "MAKEFLAGS", "MAKELEVEL")}
    # A contributor's git name, which new_annotation.py takes as the author.
    env.update({"PORT": str(port), "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "user.name",
                "GIT_CONFIG_VALUE_0": "A Contributor", "NO_MKDOCS_2_WARNING": "1"})
    return env


def drafts(project: Path) -> list[Path]:
    return [path for path in (project / "annotations").glob("*.yaml")
            if "TODO" in path.read_text(encoding="utf-8")]


def serve_and_fetch_the_essay(command: Command, project: Path, port: int) -> None:
    log = project / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(["bash", "-c", command.text], cwd=project, stdout=output,
                                  stderr=subprocess.STDOUT, env=environment(port),
                                  start_new_session=True)
        try:
            deadline = time.monotonic() + 180
            html = None
            while html is None and time.monotonic() < deadline and server.poll() is None:
                html = bench.fetch(f"http://127.0.0.1:{port}/")
                time.sleep(0.3)
            printed = log.read_text(encoding="utf-8")
            where = f"{command.document}:{command.line}: `{command.text}`"
            assert html is not None, f"{where} served nothing:\n{printed}"
            assert 'class="fc-note' in html, "the served essay has its notes"
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)


def run(command: Command, project: Path, port: int) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command.text], cwd=project, capture_output=True,
                          text=True, env=environment(port), timeout=900)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_command_in_the_document_works_as_written(document, tmp_path):
    project = copy_of_the_project(tmp_path / "clone")
    ran = []
    for command in documented_commands(document):
        where = f"{document}:{command.line}: `{command.text}`"
        if command.text in NOT_RUN:
            continue
        port = bench.free_port()
        if command.text in SERVERS:
            serve_and_fetch_the_essay(command, project, port)
            ran.append(command.text)
            continue
        draft_waiting = bool(drafts(project))
        result = run(command, project, port)
        printed = result.stdout + result.stderr
        if command.shown_output is not None:
            shown_first = command.shown_output.splitlines()[0]
            assert shown_first in printed.splitlines(), (
                f"{where} no longer prints {shown_first!r}:\n{printed}")
            expected_status = 1 if ": error:" in shown_first else 0
        elif command.text == "make validate" and draft_waiting:
            # A draft from the command before: the validator refuses exactly its placeholders.
            errors = [line for line in printed.splitlines() if ": error:" in line]
            assert errors and all("TODO" in line for line in errors), f"{where}:\n{printed}"
            expected_status = 2  # make's status when the validator it runs exits 1
        else:
            expected_status = 0
        assert result.returncode == expected_status, f"{where} exited {result.returncode}:\n{printed}"
        ran.append(command.text)
    assert ran, f"no command of {document} ran"
    if document == "README.md":
        assert (project / "site" / "claims.csv").is_file(), "the builds wrote the site"
