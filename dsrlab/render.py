"""Rendering executed notebooks as offline HTML, shared by ``dsrlab run``, the briefs and the site.

nbconvert's lab template is used without its CDN scripts (require.js, MathJax, mermaid,
the widget manager); an exercise widget becomes a static prompt with its answer folded
away.
"""

from __future__ import annotations

import contextlib
import copy
import re
import sys

from .base.errors import DsrlabError
from .base.fonts import mark_cjk_in_html
from .base.i18n import t
from .exercises.static import static_exercise

__all__ = ["KERNEL", "QUIET_KERNEL", "skip_slow_format_checker", "html_exporter",
           "notebook_html"]

KERNEL = "python3"
# ipykernel warns on stderr that local TCP is unencrypted; keep the terminal to our one line
QUIET_KERNEL = ["--IPKernelApp.log_level=40"]
_WIDGET = "application/vnd.jupyter.widget-view+json"

# lab template without anything fetched from the network: no require.js, MathJax,
# mermaid or widget manager from a CDN (every CSS rule of the lab theme is inlined).
_OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block data_png scoped %}{# the lab template drops the output's alt text: kept here #}
{%- set alt = output | get_metadata('alt', 'image/png') -%}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
{%- if alt %} alt="{{ alt | escape_html }}"{% endif %}>
</div>
{%- endblock data_png %}
{% block extra_css %}<style>
main { max-width: 60rem; margin: 0 auto; }
.jp-OutputArea-output table { font-size: 0.85em; }
.jp-RenderedHTMLCommon table { table-layout: auto; }
/* accessibility, over the lab theme that comes later: a link is told from its text by
   more than colour; prompts readable (4.5:1) */
a { text-decoration: underline !important; }
.jp-InputPrompt, .jp-OutputPrompt { color: #595959 !important; opacity: 1 !important; }
@media print { .jp-Cell { break-inside: avoid; } @page { size: A4; margin: 14mm; } }
</style>{% endblock extra_css %}
"""


def skip_slow_format_checker() -> None:
    """Keep jsonschema from importing ``rfc3987_syntax`` in this process.

    jsonschema imports it, when installed, only to check the ``iri`` string formats, and it
    builds a grammar at import time (about 3 s here). Notebooks never use those formats, so
    the rendering commands skip it; call this before nbformat is first imported.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def html_exporter(exclude_input: bool = True):
    """An nbconvert HTML exporter (no network resources), code inputs hidden by default."""
    import jinja2
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[jinja2.DictLoader({"dsrlab_offline.html.j2": _OFFLINE_TEMPLATE})],
        exclude_input=exclude_input,
        exclude_input_prompt=exclude_input,
        exclude_output_prompt=exclude_input,
    )
    exporter.template_file = "dsrlab_offline.html.j2"
    return exporter


def _static_output(output, note: str):
    """Outputs a static page can show: no stderr; widgets replaced by a note."""
    if output.get("output_type") == "stream" and output.get("name") == "stderr":
        return None
    data = output.get("data") or {}
    if _WIDGET in data:
        kept = {k: v for k, v in data.items() if k in ("text/html", "text/markdown", "image/png")}
        output = copy.deepcopy(output)
        if not kept:
            body = note if note.startswith("<") else f"<p><em>{note}</em></p>"
            kept = {"text/html": body}
        output["data"] = kept
    return output


def notebook_html(nb, exporter=None, title: str | None = None) -> str:
    """HTML of an executed notebook for readers: stderr dropped, exercises static, offline."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.get("outputs"):
            found = re.fullmatch(r"\s*dsrlab\.exercise\(\s*['\"]([^'\"]+)['\"]\s*\)\s*",
                                 cell.get("source", ""))
            # an exercise says how to answer it; any other widget (explorer, form) how to use it
            text = t("briefs.widget_note" if found else "briefs.view_note")
            if found:
                with contextlib.suppress(DsrlabError):
                    text = static_exercise(found.group(1))
            outs = (_static_output(o, text) for o in cell.outputs)
            cell.outputs = [o for o in outs if o is not None]
    if title:
        nb.metadata["title"] = title
    body, _ = (exporter or html_exporter()).from_notebook_node(nb)
    return mark_cjk_in_html(body)  # Chinese source titles in the shipped font
