"""Layout of a chronology figure: one row per event, every title whole (wrapped onto
lines, never cut), in one or two columns, and the split of a long period into periods
whose figures each fit one 1080 px screen (used by :mod:`dsrlab.topics.origins`)."""

from __future__ import annotations

from .plots import wrap

__all__ = ["chronology", "figure_height", "split_periods", "MAX_HEIGHT"]

_TITLE_CHARS = 42  # a label line in a two-column chronology (about 4.5 inches at 12 pt)
_ONE_COLUMN = 16  # up to this many events, one column
_LINE = 0.2  # inches: one line of 12 pt text (matplotlib's 1.2 line spacing)
_GAP = 0.15  # lines of space between two events
MAX_HEIGHT = 10.6  # inches at 100 dpi: one 1080 px screen, with a margin


def chronology(titles: list[str]) -> tuple[list[str], list[float], int, float]:
    """Lay titles out as a chronology: every title whole, wrapped onto lines.

    Returns the wrapped labels, each label's top row (in lines, per column), the number
    of events in the first column and the height in lines of the tallest column.
    """
    columns = 1 if len(titles) <= _ONE_COLUMN else 2
    chars = _TITLE_CHARS if columns == 2 else 2 * _TITLE_CHARS
    labels = [wrap(title, chars) for title in titles]
    sizes = [label.count("\n") + 1 + _GAP for label in labels]
    split = len(labels)
    if columns == 2:  # the break that makes the two columns most even
        ends = [sum(sizes[:i]) for i in range(len(sizes) + 1)]
        split = min(range(1, len(sizes)), key=lambda i: max(ends[i], ends[-1] - ends[i]))
    tops, row = [], 0.0
    for i, size in enumerate(sizes):
        if i == split:
            row = 0.0
        tops.append(row)
        row += size
    height = max(sum(sizes[:split]), sum(sizes[split:]))
    return labels, tops, split, height


def figure_height(lines: float, legend_rows: int) -> float:
    """Inches: the title, the chronology's lines and a legend of ``legend_rows`` rows."""
    return 0.9 + 0.3 * legend_rows + _LINE * lines


def split_periods(years: list[int], titles: list[str], first: int, last: int,
                  legend_rows: int) -> list[tuple[int, int]]:
    """Consecutive (start, end) years covering ``first``..``last``: the fewest periods
    whose chronologies fit ``MAX_HEIGHT``, then the most even ones. ``years`` and
    ``titles`` are the events' (in date order); a single year too tall stays alone.
    """
    distinct = sorted(set(years))

    def height(i: int, j: int) -> float:  # the figure of distinct[i..j]
        lines = chronology([title for year, title in zip(years, titles, strict=True)
                            if distinct[i] <= year <= distinct[j]])[3]
        return figure_height(lines, legend_rows)

    # best[j] = (periods, tallest, starts) for distinct[0..j]
    best: list[tuple[int, float, tuple[int, ...]]] = []
    for j in range(len(distinct)):
        options = []
        for i in range(j + 1):
            h = height(i, j)
            if h > MAX_HEIGHT and i < j:
                continue
            count, tallest, starts = best[i - 1] if i else (0, 0.0, ())
            options.append((count + 1, max(tallest, h), (*starts, i)))
        best.append(min(options))
    starts = best[-1][2]
    return [(first if n == 0 else distinct[i],
             last if n == len(starts) - 1 else distinct[starts[n + 1]] - 1)
            for n, i in enumerate(starts)]
