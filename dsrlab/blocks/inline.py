"""How a figure is shown in a notebook: rendered once, with its alt text and its data.

The inline backend's PNG formatter is replaced by :func:`_figure_png` (one render, the
alt text in the output's metadata) and an ``<img alt>`` HTML form that JupyterLab shows;
a described figure is followed by its description and data table folded away.
:func:`figure_outputs` gives the same outputs for a widget to hold (see
:func:`dsrlab.topics.origins.timeline_explorer`). Nothing runs at import.
"""

from .alt_text import alt_text, details_html

__all__ = ["figure_outputs", "render_inline_once"]

_INLINE = ("inline", "module://matplotlib_inline.backend_inline")


def _backend() -> str | None:
    """The configured backend name, without resolving (and importing) an automatic one."""
    import matplotlib as mpl

    try:
        return mpl.get_backend(auto_select=False)
    except TypeError:  # matplotlib < 3.10
        return mpl.rcParams._get("backend")


def _inline_shell():
    """The running IPython shell when matplotlib draws with the inline backend, else None."""
    import sys

    if "IPython" not in sys.modules:  # plain Python, pytest, a CLI: nothing to configure
        return None
    shell = sys.modules["IPython"].get_ipython()
    if shell is None or _backend() not in _INLINE:
        return None
    return shell


def _settle_inline_figures() -> None:
    """Mark open figures as drawn, so pyplot's end-of-cell hook does not render them.

    A described figure (see :mod:`dsrlab.blocks.alt_text`) is shown here instead, followed
    by its description and data table folded away, and closed: JupyterLab does not read
    an image's alt text, but a screen reader reads the ``<details>`` under it.
    """
    if _backend() not in _INLINE:
        return
    from IPython.display import HTML, display
    from matplotlib import pyplot as plt
    from matplotlib._pylab_helpers import Gcf

    for manager in Gcf.get_all_fig_managers():
        fig = manager.canvas.figure
        fig.stale = False
        details = details_html(fig)
        if details is not None:
            display(fig)
            display(HTML(details))
            plt.close(fig)


def _figure_png(fig):
    """Base64 PNG of ``fig`` for the inline backend, laid out and rendered in one pass.

    IPython's own formatter lays the figure out in a first pass and renders it in a
    second (then crops it to ``bbox_inches="tight"``). Here the Agg canvas draws once,
    running constrained layout inside that draw, exactly as a window would. A figure
    whose content still sticks out of its canvas (say a long title) is printed again,
    cropped tight, so nothing is ever clipped.
    """
    if not fig.axes and not fig.lines:
        return None  # as IPython: an empty figure shows nothing
    made = _MADE.pop(id(fig), None)  # drawn a moment ago for the text/html form
    png = made[1] if made is not None and made[0]() is fig else _png(fig)
    alt = alt_text(fig)
    return png if alt is None else (png, {"alt": alt})  # nbconvert reads image/png's alt


_MADE: dict = {}  # id(figure) -> (weak ref, PNG): text/html is formatted before image/png


def _figure_html(fig):
    """A described figure as ``<img alt=...>`` HTML, which JupyterLab shows in place of
    the PNG (it prefers HTML, and gives an image/png output no alt text); None otherwise."""
    alt = alt_text(fig)
    if alt is None or (not fig.axes and not fig.lines):
        return None
    from html import escape
    from weakref import ref

    png = _png(fig)
    _MADE.clear()
    _MADE[id(fig)] = (ref(fig), png)
    return (f'<img class="dsrlab-figure" src="data:image/png;base64,{png}" '
            f'alt="{escape(alt, quote=True)}">')


def _png(fig) -> str:
    """Base64 PNG of ``fig`` (see :func:`_figure_png`)."""
    from base64 import b64encode
    from io import BytesIO

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    out = BytesIO()
    canvas.print_png(out, pil_kwargs=_PIL_PNG)
    box = fig.get_tightbbox(canvas.get_renderer())
    width, height = fig.get_size_inches()
    slack = 0.01  # inches
    if box.x0 < -slack or box.y0 < -slack or box.x1 > width + slack or box.y1 > height + slack:
        out = BytesIO()
        canvas.print_figure(out, format="png", dpi=fig.dpi, bbox_inches="tight",
                            facecolor=fig.get_facecolor(), edgecolor=fig.get_edgecolor(),
                            pil_kwargs=_PIL_PNG)
    return b64encode(out.getvalue()).decode("ascii")


# PNG is lossless at every level; level 1 encodes ~3x faster for about the same size
# on these flat-colour charts.
_PIL_PNG = {"compress_level": 1}


def render_inline_once() -> None:
    """Show inline figures after one render instead of three.

    By default a figure shown inline is rendered by pyplot's end-of-cell hook (a full
    draw nobody sees), laid out again by IPython's PNG formatter, measured for
    ``bbox_inches="tight"`` and rendered a third time. Here a hook that runs first at
    the end of each cell marks inline figures as up to date (pyplot's redraw skips
    them; the inline backend shows them anyway) and the PNG formatter is
    :func:`_figure_png`. Only the default PNG output of the inline backend is changed:
    other backends (e.g. ipympl) or formats chosen by the user are left alone.
    """
    shell = _inline_shell()
    if shell is None:
        return
    import sys

    import matplotlib.pyplot as plt

    if "matplotlib_inline.backend_inline" not in sys.modules:
        # What pyplot does on the first figure: load the inline backend, which
        # registers its end-of-cell hooks and IPython's figure formatters.
        plt.switch_backend(_backend())
    from matplotlib.figure import Figure
    from matplotlib_inline.config import InlineBackend

    if set(InlineBackend.instance().figure_formats) == {"png"}:
        shell.display_formatter.formatters["image/png"].for_type(Figure, _figure_png)
        shell.display_formatter.formatters["text/html"].for_type(Figure, _figure_html)
    hooks = shell.events.callbacks.setdefault("post_execute", [])
    if _settle_inline_figures not in hooks:
        hooks.insert(0, _settle_inline_figures)


def figure_outputs(fig) -> list[dict]:
    """``fig`` as display outputs, the way the inline backend shows it, then closed.

    The PNG with its alt text (and the ``<img alt>`` form JupyterLab shows), followed by
    the description and data table of a described figure. An ``ipywidgets.Output`` is
    given these as its ``outputs`` instead of capturing ``plt.show()`` with ``with out:``
    while its cell runs: papermill's client (nbclient) answers a capturing Output on the
    kernel's shell channel while it waits there for the cell's reply, misses that reply,
    and sits idle until the cell's timeout (jupyter/nbclient#312; ten minutes a run).
    """
    import matplotlib.pyplot as plt

    html = _figure_html(fig)  # before the PNG, which reuses its render
    png = _figure_png(fig)
    data, metadata = {"text/plain": repr(fig)}, {}
    if isinstance(png, tuple):
        png, metadata["image/png"] = png
    if png is not None:
        data["image/png"] = png
    if html is not None:
        data["text/html"] = html
    outputs = [{"output_type": "display_data", "data": data, "metadata": metadata}]
    details = details_html(fig)
    if details is not None:
        outputs.append({"output_type": "display_data", "metadata": {},
                        "data": {"text/html": details, "text/plain": alt_text(fig) or ""}})
    plt.close(fig)
    return outputs
