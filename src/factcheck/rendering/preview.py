"""What a live preview shows when annotations have problems: the site as the valid annotations
make it, a box listing every problem at the top of the essay, and a box at the paragraph a
broken annotation is about (when its file says which)."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from ..checking.catalog import Catalog
from ..checking.essay import UI_ATTRIBUTE
from ..problems import Problem


def problem_spots(catalog: Catalog, root: Path) -> dict[tuple[str, str], list[Problem]]:
    """The errors of each broken annotation whose file names a paragraph of an essay page."""
    from ..checking.project import UnreadableFile, read_annotation_file
    from ..checking.yaml_document import YamlProblem
    from ..checking.yaml_reader import decode, parse

    spots: dict[tuple[str, str], list[Problem]] = {}
    by_file: dict[str, list[Problem]] = {}
    for problem in catalog.problems.errors:
        by_file.setdefault(problem.path, []).append(problem)
    for shown, problems in by_file.items():
        try:
            data = parse(decode(read_annotation_file(root / shown))).data
        except (UnreadableFile, YamlProblem, OSError):
            continue
        if not isinstance(data, dict):
            continue
        page, paragraph = data.get("page", catalog.main_page), data.get("paragraph")
        if isinstance(page, str) and paragraph in catalog.pages.get(page, {}):
            spots.setdefault((page, paragraph), []).extend(problems)
    return spots


def problems_box(problems: list[Problem], title: str) -> etree.Element:
    box = etree.Element("div", {"class": "fc-problems", "role": "alert", UI_ATTRIBUTE: ""})
    heading = etree.SubElement(box, "p", {"class": "fc-problems__title"})
    etree.SubElement(heading, "strong").text = title
    items = etree.SubElement(box, "ul")
    for problem in problems:
        etree.SubElement(items, "li").text = problem.format()
    return box
