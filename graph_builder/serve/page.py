"""The endpoint's page at ``/``: a query box, a results table and the named queries.

One self-contained page (no CDN, no framework). Results are shown with
``textContent`` only, never parsed as HTML: corpus text may hold markup. The
Content-Security-Policy allows exactly the page's own script, by hash, so even
markup that slipped into the page could not run.
"""

from __future__ import annotations

import base64
import hashlib
import html

from graph_builder.errors import QueryError

_SCRIPT = """
"use strict";
const $ = (id) => document.getElementById(id);
const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";

function element(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

function termText(term) {
  if (!term) return "";
  if (term.type === "triple") {
    const t = term.value;
    return "<< " + [t.subject, t.predicate, t.object].map(termText).join(" ") + " >>";
  }
  if (term.type === "bnode") return "_:" + term.value;
  return term.value;
}

function say(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

function showTable(data) {
  const vars = data.head.vars;
  const head = document.createElement("tr");
  vars.forEach((name) => head.appendChild(element("th", name)));
  $("results").appendChild(head);
  data.results.bindings.forEach((row) => {
    const line = document.createElement("tr");
    vars.forEach((name) => line.appendChild(element("td", termText(row[name]))));
    $("results").appendChild(line);
  });
  return data.results.bindings.length;
}

async function run() {
  $("results").replaceChildren();
  $("graph").textContent = "";
  say("Running…", false);
  const started = performance.now();
  let response, text;
  try {
    response = await fetch("sparql", {
      method: "POST",
      headers: {"Content-Type": "application/sparql-query", "Accept": ACCEPT},
      body: $("query").value,
    });
    text = await response.text();
  } catch (err) {
    say("Could not reach the endpoint: " + err, true);
    return;
  }
  if (!response.ok) {
    say(response.status + " " + response.statusText + ": " + text, true);
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2) + " s";
  const cut = response.headers.get("X-Claimgraph-Truncated") === "true"
    ? " (cut at the endpoint's row limit)" : "";
  const type = response.headers.get("Content-Type") || "";
  if (type.startsWith("application/sparql-results+json")) {
    const data = JSON.parse(text);
    if ("boolean" in data) {
      say("Answer: " + (data.boolean ? "yes" : "no") + " in " + seconds, false);
    } else {
      const n = showTable(data);
      say(n + (n === 1 ? " row" : " rows") + cut + " in " + seconds, false);
    }
  } else {
    $("graph").textContent = text;
    say("Triples" + cut + " in " + seconds, false);
  }
}

async function loadNamed() {
  let list;
  try {
    list = await (await fetch("queries")).json();
  } catch (err) {
    $("named").appendChild(element("li", "Named queries could not be loaded: " + err));
    return;
  }
  if (list.length === 0) $("named").appendChild(element("li", "(none)"));
  list.forEach((item) => {
    const entry = document.createElement("li");
    const button = element("button", item.name);
    button.type = "button";
    button.addEventListener("click", () => { $("query").value = item.query; });
    entry.appendChild(button);
    entry.appendChild(element("span", " " + item.question));
    $("named").appendChild(entry);
  });
}

$("run").addEventListener("click", run);
$("query").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run();
});
loadNamed();
"""

_STYLE = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
main { display: flex; gap: 2em; align-items: flex-start; }
section { flex: 3; min-width: 0; }
aside { flex: 1; }
textarea { width: 100%; height: 12em; font: 13px monospace; box-sizing: border-box; }
table { border-collapse: collapse; margin-top: 1em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
pre { white-space: pre-wrap; font-size: 13px; }
#status { margin-left: 1em; }
.error { color: #a00; }
aside ul { padding-left: 1em; }
aside li { margin-bottom: 0.5em; }
code { background: #f3f3f3; }
"""

_DEFAULT_QUERY = """SELECT ?person ?name WHERE {
  ?person a schema:Person ; schema:name ?name .
}
ORDER BY ?name
LIMIT 20"""

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>claimgraph SPARQL — {title}</title>
<style>{style}</style>
</head>
<body>
<h1>claimgraph SPARQL endpoint</h1>
<p>Graph: <code>{title}</code>. Programs send SPARQL 1.1 Protocol requests to
<code>/sparql</code>. Predeclared prefixes: {prefixes}.</p>
<main>
<section>
<textarea id="query" spellcheck="false" aria-label="SPARQL query">{query}</textarea>
<p><button id="run" type="button">Run</button><span id="status"></span></p>
<table id="results"></table>
<pre id="graph"></pre>
</section>
<aside>
<h2>Named queries</h2>
<ul id="named"></ul>
</aside>
</main>
<script>{script}</script>
</body>
</html>
"""

#: The page's Content-Security-Policy: its own inline script and style, requests to itself.
CSP = ("default-src 'none'; script-src 'sha256-{}'; style-src 'unsafe-inline'; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'").format(
    base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii"))


def page(title: str, prefixes: list[str]) -> bytes:
    """The page, with the graph's name and the predeclared prefixes escaped into it."""
    return _TEMPLATE.format(
        title=html.escape(title), style=_STYLE, query=html.escape(_DEFAULT_QUERY),
        prefixes=html.escape(" ".join(f"{p}:" for p in prefixes)), script=_SCRIPT,
    ).encode("utf-8")


def named_queries() -> list[dict[str, str]]:
    """The named queries as they are now: name, question, and SPARQL with the defaults bound.

    Read at each request, so queries added while the server runs are listed; one
    that cannot be read is listed with the reason instead of hiding the others.
    """
    from graph_builder.query import named

    found = []
    for name in named.names():
        try:
            query = named.load(name)
        except QueryError as exc:
            found.append({"name": name, "question": f"(cannot be read: {exc})", "query": ""})
            continue
        found.append({"name": name, "question": query.question, "query": query.sparql()})
    return found
