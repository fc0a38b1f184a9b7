"""Fill the reader template: the text's markup, the legend, the data and the script.

Safety is the network page's: a Content-Security-Policy that lets only the page's
own inline script run (by its hash) and forbids every request, the corpus text
escaped into the markup, and the JSON data defused so no string can close its
script element.
"""

from __future__ import annotations

import html
import re

from exports.page_safety import content_security_policy, js_script, json_script, template
from exports.reader_markup import LAYER_CLASS
from exports.reader_spans import LAYERS, DocumentSpans

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
#: What the legend calls each layer, in LAYERS order.
LAYER_NAMES = {"passage": "Passages", "claim": "Claims and quotations",
               "source": "Quoted in another document", "reuse": "Text shared with another document",
               "citation": "References", "topic": "Topics", "person": "People",
               "figure": "Figures"}


def render_page(doc: DocumentSpans, markup: str, payload: dict, counts: dict[str, int],
                verdicts: dict[str, int]) -> str:
    """The whole page as text; the same arguments always give the same text."""
    script = js_script(template("reader.js"))
    parts = {
        "title": html.escape(doc.title),
        "identifier": html.escape(doc.identifier),
        "csp": content_security_policy([script]),
        "legend": _legend(counts),
        "verdicts": _verdicts(verdicts),
        "text": markup,
        "data": json_script(payload),
        "app_js": script,
        "summary": html.escape(f"{sum(counts.values()):,} highlighted spans"),
    }
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], template("reader.html"))


def _legend(counts: dict[str, int]) -> str:
    """One toggle per layer that has spans, in LAYERS order."""
    items = []
    for layer in LAYERS:
        if not counts.get(layer):
            continue
        css = LAYER_CLASS[layer]
        items.append(
            f'<li><label><input type="checkbox" checked data-layer="{css}">'
            f'<span class="swatch sw-{css}"></span><span class="kind">{LAYER_NAMES[layer]}</span>'
            f'<span class="count">{counts[layer]:,}</span></label></li>')
    return "\n".join(items)


def _verdicts(verdicts: dict[str, int]) -> str:
    """The quotation-check badges the page shows, each with its count: what the colours mean."""
    chips = [f'<span class="chip" data-v="{html.escape(v)}">{html.escape(v)} {n:,}</span>'
             for v, n in verdicts.items() if n]
    if not chips:
        return ""
    return ('<p class="hint">Quotation checks (badges on the quotations and passages checked '
            'against the corpus copy of the work they cite):</p>\n<p class="chips">'
            + " ".join(chips) + "</p>")


