"""Verdict colours pass WCAG AA in Material's light (default) and dark (slate) palettes.

The colours come from our stylesheet and the page backgrounds from Material's own CSS, so a
change to either is checked. Verdict colours are used for text (marker numbers) on the page
background, and as the background of badges whose text is ``--fc-badge-fg``.
"""

import colorsys
import re
from pathlib import Path

import material
import pytest

from factcheck.model import KIND_LABELS, VERDICTS

CSS = Path(__file__).resolve().parent.parent / "src" / "factcheck" / "rendering" / "assets" / "factcheck.css"
MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
AA_TEXT = 4.5
KEYS = [*VERDICTS, *KIND_LABELS.keys() - {"claim"}]


def block(css: str, selector: str) -> str:
    """The declarations of every rule whose selector list includes ``selector``, in order."""
    found = re.findall(r"(?:^|[{},\s])" + re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert found, f"no rule for {selector}"
    return ";".join(found)


def variables(declarations: str) -> dict[str, str]:
    return dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+?)\s*(?:;|$)", declarations))


def parse_colour(value: str, hue: float = 0.0) -> tuple[float, float, float, float]:
    value = value.strip()
    if value.startswith("#"):
        digits = value[1:]
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits)
        channels = [int(digits[i : i + 2], 16) / 255 for i in range(0, len(digits), 2)]
        return (*channels[:3], channels[3] if len(channels) == 4 else 1.0)
    hsla = r"hsla?\(\s*var\(--md-hue\)\s*,\s*([\d.]+)%\s*,\s*([\d.]+)%\s*(?:,\s*([\d.]+))?\s*\)"
    match = re.fullmatch(hsla, value)
    assert match, f"cannot read colour {value!r}"
    saturation, lightness = float(match.group(1)) / 100, float(match.group(2)) / 100
    r, g, b = colorsys.hls_to_rgb(hue / 360, lightness, saturation)
    return r, g, b, float(match.group(3) or 1)


def luminance(rgb) -> float:
    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def material_background(scheme: str):
    css = "".join(p.read_text(encoding="utf-8") for p in MATERIAL_CSS.glob("*.min.css"))
    hue = float(re.search(r"--md-hue:([\d.]+)deg", css).group(1))
    values = variables(block(css, f"[data-md-color-scheme={scheme}]"))
    colour = parse_colour(values["--md-default-bg-color"], hue)
    assert colour[3] == 1, "the page background is opaque"
    return colour


def palettes():
    css = CSS.read_text(encoding="utf-8")
    light = variables(block(css, ":root"))
    dark = {**light, **variables(block(css, '[data-md-color-scheme="slate"]'))}
    return {"default": light, "slate": dark}


def test_contrast_formula_matches_known_values():
    assert contrast(parse_colour("#000"), parse_colour("#fff")) == pytest.approx(21)
    assert contrast(parse_colour("#777777"), parse_colour("#ffffff")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("key", KEYS)
def test_verdict_colour_is_readable_as_text_on_the_page(scheme, key):
    colours = palettes()[scheme]
    ratio = contrast(parse_colour(colours[f"--fc-{key}"]), material_background(scheme))
    assert ratio >= AA_TEXT, f"{key} on {scheme} background: {ratio:.2f}:1"


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("key", KEYS)
def test_badge_text_is_readable_on_the_verdict_colour(scheme, key):
    colours = palettes()[scheme]
    ratio = contrast(parse_colour(colours["--fc-badge-fg"]), parse_colour(colours[f"--fc-{key}"]))
    assert ratio >= AA_TEXT, f"badge text on {key} ({scheme}): {ratio:.2f}:1"


def test_every_verdict_and_kind_has_a_colour_in_both_palettes():
    css = CSS.read_text(encoding="utf-8")
    for selector in (":root", '[data-md-color-scheme="slate"]'):
        defined = variables(block(css, selector))
        assert {f"--fc-{key}" for key in KEYS} | {"--fc-badge-fg"} <= defined.keys(), selector


# Verdicts and kinds stay apart for readers with typical vision and with each common colour-vision
# deficiency; a difference of 8 in CIEDE2000 is clearly visible side by side.
DISTINCT = 8.0


def test_colour_distance_matches_known_values():
    from colour_vision import ciede2000

    # Sharma, Wu and Dalal (2005), test data pair 1 and pair 17.
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_every_pair_of_verdict_colours_is_told_apart_with_common_colour_blindness(scheme):
    from itertools import combinations

    from colour_vision import closest

    colours = palettes()[scheme]
    too_close = []
    for a, b in combinations(KEYS, 2):
        distance, vision = closest(parse_colour(colours[f"--fc-{a}"]), parse_colour(colours[f"--fc-{b}"]))
        if distance < DISTINCT:
            too_close.append(f"{a}/{b}: {distance:.1f} ({vision})")
    assert too_close == []
