"""Colour and contrast: the palettes survive the common colour-vision deficiencies, and
every text drawn on a figure has a contrast of at least 4.5:1 against what is behind it.

Simulation: Machado, Oliveira and Fernandes, "A Physiologically-based Model for Simulation
of Color Vision Deficiency", IEEE TVCG 15(6), 2009, the matrices for severity 1.0
(protanopia, deuteranopia, tritanopia), applied in linear sRGB; distance is CIE76 ΔE in
CIELAB (D65). Colours that share a figure must stay at least ``MIN_DELTA_E`` apart under
every simulation; figures never rely on colour alone (hatches, marker shapes, labels), this
is the second line of defence. Contrast is WCAG 2.1's ratio (relative luminance).
"""

import importlib.util
import itertools
from pathlib import Path

import matplotlib.colors as mcolors
import matplotlib.text as mtext
import numpy as np
import pytest

from dsrlab.blocks.plots import PALETTE
from dsrlab.topics import diplomacy

MACHADO = {
    "normal": np.eye(3),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}
MIN_DELTA_E = 9.0
MIN_CONTRAST = 4.5  # WCAG 2.1 AA, normal text

#: Palette keys drawn side by side in one figure (as the plot functions use them).
TOGETHER = {
    "colour cycle": ["united_states", "china", "latin_america", "firms", "sky"],
    "claim stances": ["latin_america", "china", "united_states", "muted"],
    "memberships": ["latin_america", "sky", "yellow", "neutral", "firms"],
    "firm ownership": ["china", "firms", "sky", "muted"],
    "timeline lanes": ["china", "united_states", "latin_america", "multilateral", "firms"],
    "UN votes": list(diplomacy._VOTE_COLOUR.values()),
}


def _linear(colour) -> np.ndarray:
    c = np.array(mcolors.to_rgb(colour))
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ np.clip(linear, 0, 1)
    n = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(n > 0.008856, np.cbrt(n), 7.787 * n + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def contrast(a, b) -> float:
    """WCAG contrast ratio of two colours."""
    la, lb = (float(np.array([0.2126, 0.7152, 0.0722]) @ _linear(c)) for c in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def test_contrast_formula_on_known_pairs():
    assert contrast("black", "white") == pytest.approx(21.0)
    assert contrast("#767676", "white") == pytest.approx(4.54, abs=0.01)  # WCAG's usual grey


@pytest.mark.parametrize("simulation", sorted(MACHADO))
@pytest.mark.parametrize("group", sorted(TOGETHER))
def test_colours_of_one_figure_stay_apart_for_colour_blind_readers(group, simulation):
    matrix = MACHADO[simulation]
    keys = sorted(set(TOGETHER[group]))
    close = []
    for a, b in itertools.combinations(keys, 2):
        d = float(np.linalg.norm(_lab(matrix @ _linear(PALETTE[a]))
                                 - _lab(matrix @ _linear(PALETTE[b]))))
        if d < MIN_DELTA_E:
            close.append(f"{a} {PALETTE[a]} / {b} {PALETTE[b]}: ΔE {d:.1f}")
    assert close == [], f"{group} under {simulation}: {close}"


def test_the_simulation_merges_a_red_and_green_pair_as_colour_blind_readers_see_it():
    # so the check above can fail: our vermilion beside an olive green of the same
    # lightness, far apart for normal vision, runs together for protans and deutans
    red, green = PALETTE["china"], "#808800"
    apart = {s: float(np.linalg.norm(_lab(m @ _linear(red)) - _lab(m @ _linear(green))))
             for s, m in MACHADO.items()}
    assert apart["normal"] > 50
    assert apart["protanopia"] < MIN_DELTA_E and apart["deuteranopia"] < MIN_DELTA_E


_SPEC = importlib.util.spec_from_file_location(
    "figures_fit_colours", Path(__file__).resolve().parents[1] / "test_figures_fit.py")
FIT = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(FIT)


@pytest.mark.parametrize("name", sorted(FIT.FIGURES))
def test_every_text_on_a_figure_has_enough_contrast(name):
    ax = FIT.FIGURES[name]("BOL")
    fig = ax.figure
    fig.canvas.draw()
    low = []
    for text in fig.findobj(mtext.Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        patch = text.get_bbox_patch()
        behind = patch.get_facecolor() if patch is not None else fig.get_facecolor()
        ratio = contrast(text.get_color(), mcolors.to_rgb(behind))
        if ratio < MIN_CONTRAST:
            low.append(f"{text.get_text()[:30]!r} {mcolors.to_hex(text.get_color())} "
                       f"on {mcolors.to_hex(behind)}: {ratio:.2f}")
    assert low == [], f"{name}: {low}"
