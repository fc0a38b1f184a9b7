"""Fill the reader template: the text's markup, the legend, the data and the script.

Safety is the network page's: a Content-Security-Policy that lets only the page's
own inline script run (by its hash) and forbids every request, the corpus text
escaped into the markup, and the JSON data defused so no string can close its
script element.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

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
    script = _js_script(_template("reader.js"))
    parts = {
        "title": html.escape(doc.title),
        "identifier": html.escape(doc.identifier),
        "csp": _content_security_policy([script]),
        "legend": _legend(counts),
        "verdicts": _verdicts(verdicts),
        "text": markup,
        "data": _json_script(payload),
        "app_js": script,
        "summary": html.escape(f"{sum(counts.values()):,} highlighted spans"),
    }
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _template("reader.html"))


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


def _template(name: str) -> str:
    """A file of exports/templates (found beside this module, as html.py finds its own)."""
    return (Path(__file__).parent / "templates" / name).read_text("utf-8")


def _content_security_policy(scripts: list[str]) -> str:
    """Only these inline scripts may run, and nothing may be fetched."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def _json_script(payload: dict) -> str:
    """JSON for a <script type="application/json">: every ``<`` written ``\\u003c``."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def _js_script(code: str) -> str:
    """Our script with ``</script`` and ``<!--`` defused (they can only be in strings)."""
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")
