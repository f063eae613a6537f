"""Shared figure style and small plotting helpers.

Nothing here runs at import: call :func:`use_style` explicitly (the notebooks do it in
their first cell). Plot helpers take ``ax=None`` and return the ``Axes`` they drew on.
"""

import math

__all__ = [
    "PALETTE",
    "use_style",
    "new_ax",
    "qualifier_label",
    "label_bars",
    "highlight_color",
    "source_note",
    "flag_ticks",
    "shorten",
    "stack_labels",
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
    # Large, high-contrast text: the notebooks are projected in seminar rooms.
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.family": "DejaVu Sans",  # ships with matplotlib: no font is fetched
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": None,  # filled in use_style (needs matplotlib's cycler)
    "legend.frameon": False,
}


def use_style() -> None:
    """Apply the workbook's figure style to matplotlib (explicit, never at import)."""
    import matplotlib as mpl
    from cycler import cycler

    style = dict(_STYLE)
    style["axes.prop_cycle"] = cycler(
        color=[PALETTE[k] for k in ("united_states", "china", "latin_america", "firms", "sky")]
    )
    mpl.rcParams.update(style)


def new_ax(ax=None, figsize=None):
    """Return ``ax``, or a fresh Axes on a new figure when ``ax`` is None."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


_QUALIFIER_SIGNS = {
    "exact": "",
    "approx": "≈ ",
    "nearly": "≲ ",
    "more_than": "> ",
    "at_least": "≥ ",
    "less_than": "< ",
}


def qualifier_label(value, qualifier: str = "exact", unit: str = "") -> str:
    """Format a number with its qualifier, so "more than" or "nearly" is never lost.

    Examples
    --------
    >>> qualifier_label(4000, "more_than")
    '> 4,000'
    >>> qualifier_label(1, "less_than", "%")
    '< 1%'
    >>> qualifier_label(29.5, "nearly", " USD m")
    '≲ 29.5 USD m'
    """
    if qualifier is None or (isinstance(qualifier, float) and math.isnan(qualifier)):
        qualifier = "exact"
    if qualifier not in _QUALIFIER_SIGNS:
        raise ValueError(
            f"unknown qualifier {qualifier!r}; valid: {', '.join(_QUALIFIER_SIGNS)}"
        )
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{_QUALIFIER_SIGNS[qualifier]}{number}{unit}"


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


def stack_labels(xs, texts, per_char: float, right: float, pad: float = 0.0):
    """Place one label beside each point of a line so that no two labels overlap.

    A label runs right of its point (or left, when it would pass ``right``) and is
    ``len(text) * per_char + pad`` data units long; overlapping labels are stacked on
    the lowest free level (0, 1, ...).

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
    left = [x + w > right for x, w in zip(xs, widths, strict=True)]
    spans = [(x - w, x) if lft else (x, x + w) for x, w, lft in zip(xs, widths, left, strict=True)]
    ends: list[float] = []
    levels = [0] * len(spans)
    for i in sorted(range(len(spans)), key=lambda k: spans[k][0]):
        start, end = spans[i]
        for k, last in enumerate(ends):
            if start > last:
                ends[k], levels[i] = end, k
                break
        else:
            ends.append(end)
            levels[i] = len(ends) - 1
    return levels, left


def highlight_color(is_highlight: bool, base: str = "neutral") -> str:
    """The colour for a bar or point: the highlight colour, else ``base``."""
    return PALETTE["highlight"] if is_highlight else PALETTE[base]


def source_note(ax, text: str):
    """Put a small "Source: ..." line under the axes; return ``ax``."""
    from .i18n import t

    ax.annotate(
        f"{t('core.source')}: {text}",
        xy=(0, 0),
        xycoords="axes fraction",
        xytext=(0, -32),
        textcoords="offset points",
        fontsize=8,
        color=PALETTE["ink"],
        va="top",
    )
    return ax
