"""Shared figure style and small plotting helpers.

Nothing here runs at import: call :func:`use_style` explicitly (the notebooks do it in
their first cell). Plot helpers take ``ax=None`` and return the ``Axes`` they drew on.
"""

from .alt_text import describe
from .inline import render_inline_once
from .reading import show_course_tables

__all__ = [
    "PALETTE",
    "describe",
    "use_style",
    "new_ax",
    "label_bars",
    "highlight_color",
    "source_note",
    "flag_ticks",
    "fit_title",
    "row_labels",
    "shorten",
    "stack_labels",
    "wrap",
]

# Okabe-Ito: distinguishable with the common colour-vision deficiencies. Figures never
# rely on colour alone: highlights also get a bold label or a hatch.
PALETTE = {
    "china": "#D55E00",
    "united_states": "#0072B2",
    "latin_america": "#009E73",
    "multilateral": "#CC79A7",
    "firms": "#E69F00",
    "neutral": "#8C8C8C",
    "highlight": "#D55E00",
    "muted": "#BFBFBF",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "ink": "#222222",
}

_STYLE = {
    # Large, high-contrast text: the notebooks are projected in seminar rooms. Figures
    # are at most MAX_WIDTH px wide, so JupyterLab shows them at their own size, and
    # font.size is the smallest text any figure uses: 12 pt at 100 dpi is 16.7 px, about
    # 12.5 pt on a 96-dpi screen (tests/test_figures_fit.py checks every figure).
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.family": "DejaVu Sans",  # ships with matplotlib: no font is fetched
    "font.size": 12,
    "axes.titlesize": 14,
    "axes.titleweight": "bold",
    "axes.labelsize": 12,
    "legend.fontsize": 12,
    "legend.title_fontsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": None,  # filled in use_style (needs matplotlib's cycler)
    "legend.frameon": False,
    # Unhinted glyphs: FreeType's hinter is a large share of drawing a label-heavy chart
    # (about 15% of every figure here) and at 100 dpi the text looks the same.
    "text.hinting": "no_hinting",
}


def use_style() -> None:
    """Apply the workbook's style to figures and tables (explicit, never at import).

    Inside a Jupyter kernel that uses the inline backend it also makes each figure
    render once instead of three times, with its alt text (see :mod:`dsrlab.blocks.inline`),
    and course tables are shown made for reading (see :mod:`dsrlab.blocks.reading`).
    """
    import matplotlib as mpl
    from cycler import cycler

    style = dict(_STYLE)
    style["axes.prop_cycle"] = cycler(
        color=[PALETTE[k] for k in ("united_states", "china", "latin_america", "firms", "sky")]
    )
    mpl.rcParams.update(style)
    render_inline_once()
    show_course_tables()


def new_ax(ax=None, figsize=None):
    """Return ``ax``, or a fresh Axes on a new figure when ``ax`` is None."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def label_bars(ax, bars, labels):
    """Write one label at the end of each bar (horizontal or vertical); return ``ax``."""
    ax.bar_label(bars, labels=list(labels), padding=3)
    return ax


def flag_ticks(ax, axis, labels, flags, **kw):
    """Put ``labels`` on the ``"x"`` or ``"y"`` ticks 0, 1, ...; flagged ones get "►" and bold.

    A highlight is never shown by colour alone. Returns ``ax``.
    """
    texts = [("► " if f else "") + str(lab) for lab, f in zip(labels, flags, strict=True)]
    setter = ax.set_xticks if axis == "x" else ax.set_yticks
    setter(range(len(texts)), texts, **kw)
    getter = ax.get_xticklabels if axis == "x" else ax.get_yticklabels
    for tick, flag in zip(getter(), flags, strict=True):
        tick.set_fontweight("bold" if flag else "normal")
    return ax


def shorten(text: str, limit: int = 42) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut.

    Examples
    --------
    >>> shorten("Digital Silk Road", 10)
    'Digital S…'
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters (for titles and notes).

    Examples
    --------
    >>> wrap("Who drives the DSR in the region", 20).splitlines()
    ['Who drives the DSR', 'in the region']
    """
    import textwrap

    return textwrap.fill(text, width)


def stack_labels(xs, texts, per_char: float, right: float, pad: float = 0.0):
    """Place one label beside each point of a line so that no two labels overlap.

    A label is ``len(text) * per_char + pad`` data units long and runs right of its point
    or left of it (never past ``0`` or ``right``). Taking the points in order, each label
    goes on the lowest level (0, 1, ...) where one of its two sides is free, the right
    side first: labels fill the gaps between earlier ones, so the stack stays low.

    Returns
    -------
    tuple of lists
        ``levels`` (int per label) and ``left`` (True where the label goes left).

    Examples
    --------
    >>> stack_labels([0, 1, 9], ["aaaa", "bb", "cccc"], per_char=1, right=10)
    ([0, 1, 0], [False, False, True])
    """
    widths = [len(text) * per_char + pad for text in texts]
    taken: list[list[tuple[float, float]]] = []  # per level, the spans placed on it
    levels, left = [0] * len(xs), [False] * len(xs)
    for i in sorted(range(len(xs)), key=lambda k: xs[k]):
        x, w = xs[i], widths[i]
        sides = [(lft, span) for lft, span in ((False, (x, x + w)), (True, (x - w, x)))
                 if span[0] >= 0 and span[1] <= right] or [(x + w > right, (x - w, x)
                                                            if x + w > right else (x, x + w))]
        for level in range(len(taken) + 1):
            if level == len(taken):
                taken.append([])
            free = [(lft, span) for lft, span in sides
                    if all(span[1] < a or span[0] > b for a, b in taken[level])]
            if free:
                left[i], span = free[0]
                taken[level].append(span)
                levels[i] = level
                break
    return levels, left


def highlight_color(is_highlight: bool, base: str = "neutral") -> str:
    """The colour for a bar or point: the highlight colour, else ``base``."""
    return PALETTE["highlight"] if is_highlight else PALETTE[base]


def source_note(ax, text: str):
    """Put a small "Source: ..." line under the axes; return ``ax``."""
    from ..base.i18n import t

    ax.annotate(
        f"{t('core.source')}: {text}",
        xy=(0, 0),
        xycoords="axes fraction",
        xytext=(0, -32),
        textcoords="offset points",
        color=PALETTE["ink"],
        va="top",
    )
    return ax


def fit_title(ax, text: str, chars: int, pad: float | None = None, xlabel: str = "") -> None:
    """Title on as few balanced lines of at most ``chars`` characters as it needs (so it
    stays inside the figure), and x label, both placed directly: left to matplotlib,
    placing them re-measures every tick label at each layout pass."""
    from textwrap import fill

    lines = -(-len(text) // chars)
    ax.set_title(fill(text, -(-len(text) // lines) + 4), y=1.0, pad=pad)
    ax.set_xlabel(xlabel)
    if not xlabel:  # nothing to place
        ax.xaxis.set_label_coords(0, 0)


def row_labels(ax, labels, marked, fontsize=None, guides: bool = False, rows=None) -> None:
    """Name rows 0, 1, ... (or at the y values ``rows``) with texts left of the axes, the
    marked one bold with ▶; with ``guides``, a faint line along each row. Cheaper than
    tick labels, which matplotlib re-measures whenever it places a title or axis label;
    only the longest labels (and the marked one) take part in layout: the others fit in
    the margin those make."""
    import matplotlib as mpl
    from matplotlib.collections import LineCollection
    from matplotlib.transforms import ScaledTranslation

    along = ax.get_yaxis_transform()
    shift = along + ScaledTranslation(-4 / 72, 0, ax.figure.dpi_scale_trans)
    def chars(label):  # the longest line of a label
        return max(map(len, label.split("\n")))

    widest = max(map(chars, labels), default=0)
    rows = list(range(len(labels))) if rows is None else list(rows)
    for row, label, mark in zip(rows, labels, marked, strict=True):
        ax.text(0, row, ("▶ " if mark else "") + label, transform=shift, ha="right",
                va="center", fontsize=fontsize, fontweight="bold" if mark else "normal",
                in_layout=bool(mark) or chars(label) > 0.65 * widest)
    if guides:
        grid = {k: mpl.rcParams[f"grid.{k}"] for k in ("color", "linewidth", "alpha")}
        ax.add_collection(LineCollection([[(0, y), (1, y)] for y in rows],
                                         transform=along, zorder=0, **grid), autolim=False)
    ax.set_yticks([])
    ax.tick_params(length=0)
