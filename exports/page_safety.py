"""What makes an offline page safe to fill with corpus text, shared by the network page and
the reader pages: templates found beside the package, a Content-Security-Policy that lets
only the page's own scripts run, and script bodies that no text can break out of."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path


def template(name: str) -> str:
    """A file from exports/templates, declared as package data so installs carry it.

    Found beside this module rather than through importlib.resources, which
    cannot read from `exports` while it is a namespace package.
    """
    return (Path(__file__).parent / "templates" / name).read_text("utf-8")


def content_security_policy(scripts: list[str]) -> str:
    """A policy that lets only our own inline scripts run and forbids all fetches.

    Script hashes (not 'unsafe-inline') mean that even markup smuggled into the
    page could not run an event handler, and ``default-src 'none'`` means the
    browser refuses any request to the network, whatever the page contains.
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def json_script(value: object) -> str:
    """JSON for a <script type="application/json"> element.

    The HTML parser ends a script element at the first ``</script`` and treats
    ``<!--`` specially whatever the content, so every ``<`` becomes ``\\u003c``
    (the same character to JSON.parse) and a quotation cannot break out.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def js_script(code: str) -> str:
    """JavaScript for an inline <script>, with ``</script`` and ``<!--`` defused.

    In our scripts these can only occur inside strings or regular expressions,
    where ``<\\/`` and ``<\\!`` mean the same characters.
    """
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")
