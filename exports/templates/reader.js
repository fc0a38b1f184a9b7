/* The reader's script: a panel for each highlight, layer toggles, and the
 * #at=START-END / #node=IRI jumps. The text and its marks are already in the
 * page (written by the server), so this only reads them: opening a book of
 * thousands of highlights costs no DOM building. Corpus text reaches the DOM
 * only through textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("rd-data").textContent);
  var text = document.getElementById("rd-text");
  var details = document.getElementById("rd-details");
  var CLASS = {passage: "pa", claim: "c", source: "s", reuse: "r", citation: "ci",
               topic: "t", person: "p", figure: "g"};
  var WHAT = {passage: "Passage", claim: "Claim", source: "Quoted in another document",
              reuse: "Text shared with another document", citation: "Reference",
              topic: "Topic mention", person: "Person mention", figure: "Figure"};
  // Spans come as a flat list: layer, start less the previous start, length, entry.
  var count = data.spans.length / 4;
  var layers = new Uint8Array(count), starts = new Int32Array(count), ends = new Int32Array(count),
      entries = new Int32Array(count);
  for (var n = 0, at = 0; n < count; n++) {
    at += data.spans[4 * n + 1];
    layers[n] = data.spans[4 * n]; starts[n] = at; ends[n] = at + data.spans[4 * n + 2];
    entries[n] = data.spans[4 * n + 3];
  }
  var marked = [];

  function layerOf(i) { return data.layers[layers[i]]; }
  function infoOf(i) { return data.info[entries[i]]; }
  function nodeHref(iri) { return data.view + "#node=" + encodeURIComponent(iri); }
  /* IRIs come without the base they share, unless they start with a scheme. */
  function full(iri) { return !iri || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(iri) ? iri : data.base + iri; }
  function atOffsets(start, end) {
    var found = [];
    for (var i = 0; i < count; i++) if (starts[i] === start && ends[i] === end) found.push(i);
    return found;
  }
  function fragments(i) { return Array.prototype.slice.call(text.querySelectorAll('mark[data-i="' + i + '"]')); }
  function layerShown(i) { return !text.classList.contains("no-" + CLASS[layerOf(i)]); }

  function el(tag, textValue, cls) {
    var node = document.createElement(tag);
    if (textValue !== undefined && textValue !== null) node.textContent = String(textValue);
    if (cls) node.className = cls;
    return node;
  }

  /* The span's characters as the page shows them, a line break between lines. */
  function spanText(i) {
    var out = "", line = null;
    fragments(i).forEach(function (frag) {
      var here = frag.closest(".l");
      if (line !== null && here !== line) out += "\n";
      line = here;
      out += frag.textContent;
    });
    return out;
  }

  function clearMarks() {
    marked.forEach(function (node) { node.classList.remove("hit"); });
    marked = [];
  }

  function mark(nodes) {
    clearMarks();
    nodes.forEach(function (node) { node.classList.add("hit"); marked.push(node); });
    if (nodes.length) nodes[0].scrollIntoView({block: "center"});
  }

  function spanLink(label, target) {
    var a = el("a", label);
    a.href = "#at=" + starts[target] + "-" + ends[target];
    a.addEventListener("click", function (event) {
      event.preventDefault();
      history.replaceState(null, "", a.getAttribute("href"));
      jumpTo(target);
    });
    return a;
  }

  function section(i) {
    var info = infoOf(i), layer = layerOf(i), box = el("section");
    var first = fragments(i)[0];
    var line = first ? first.closest(".l").dataset.n : "";
    box.appendChild(el("div", WHAT[layer] + (line ? " · line " + line : ""), "what"));
    box.appendChild(el("h3", info.label));
    if (info.verdict) {
      var chip = el("span", "quotation check: " + info.verdict, "chip");
      chip.dataset.v = info.verdict;
      box.appendChild(chip);
    }
    box.appendChild(el("div", spanText(i), "quote"));
    if (info.rows && info.rows.length) {
      var dl = el("dl");
      info.rows.forEach(function (row) { dl.appendChild(el("dt", row[0])); dl.appendChild(el("dd", row[1])); });
      box.appendChild(dl);
    }
    var list = el("ul");
    if (info.node) {
      var open = el("a", "Open in the network");
      open.href = nodeHref(full(info.node));
      open.className = "to-network";
      var item = el("li");
      item.appendChild(open);
      list.appendChild(item);
    }
    (info.links || []).forEach(function (link) {
      var li = el("li"), a;
      if (link[1] === "span") a = spanLink(link[0], link[2]);
      else {
        a = el("a", link[0]);
        a.href = link[1] === "node" ? nodeHref(full(link[2])) : link[2];
      }
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function show(indices) {
    details.textContent = "";
    indices.forEach(function (i) { details.appendChild(section(i)); });
    document.body.dataset.shown = indices.join(",");
  }

  function jumpTo(i) {
    mark(fragments(i));
    show([i]);
  }

  /* Lines holding characters start..end, for an #at= that no span matches exactly. */
  function linesBetween(start, end) {
    var lines = text.querySelectorAll(".l"), low = 0, high = lines.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (Number(lines[mid].dataset.s) <= start) low = mid; else high = mid - 1;
    }
    var found = [];
    for (var k = low; k < lines.length && (k === low || Number(lines[k].dataset.s) < end); k++) found.push(lines[k]);
    return found;
  }

  /* The spans an IRI names: its annotation, its body (claim, citation, figure) or the
   * node it stands for (a person, topic, work: all their spans). */
  function spansFor(iri) {
    if (data.annotation && iri.indexOf(data.annotation) === 0) {  // <annotation>START-END-…
      var m = /^(\d+)-(\d+)-/.exec(iri.slice(data.annotation.length));
      if (m) return atOffsets(Number(m[1]), Number(m[2]));
    }
    var found = [];
    for (var i = 0; i < count; i++) {
      var info = infoOf(i);
      if (full(info.node) === iri || full(info.body) === iri ||
          (data.annotations && data.annotations[i] === iri)) found.push(i);
    }
    return found;
  }

  function follow() {
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at > 0) {
        try { params[part.slice(0, at)] = decodeURIComponent(part.slice(at + 1)); } catch (e) { /* not ours */ }
      }
    });
    var found = [];
    if (params.node) found = spansFor(params.node);
    else if (params.at) {
      var m = /^(\d+)-(\d+)$/.exec(params.at);
      if (!m) return;
      var start = Number(m[1]), end = Number(m[2]);
      found = atOffsets(start, end);
      if (!found.length) {
        clearMarks();
        var lines = linesBetween(start, end);
        mark(lines);
        document.body.dataset.shown = "";
        return;
      }
    }
    if (!found.length) return;
    var nodes = [];
    found.forEach(function (i) { nodes = nodes.concat(fragments(i)); });
    mark(nodes);
    show([found[0]]);
  }

  text.addEventListener("click", function (event) {
    if (String(window.getSelection() || "").length) return;  // selecting text to copy it
    var chain = [], seen = {};
    for (var node = event.target; node && node !== text; node = node.parentElement) {
      if (node.tagName === "MARK") {
        var i = Number(node.dataset.i);
        if (!seen[i] && layerShown(i)) { seen[i] = true; chain.push(i); }
      }
    }
    if (!chain.length) return;
    mark(fragments(chain[0]));
    history.replaceState(null, "", "#at=" + starts[chain[0]] + "-" + ends[chain[0]]);
    show(chain);
  });

  document.getElementById("rd-legend").addEventListener("change", function (event) {
    var box = event.target;
    if (box.dataset.layer) text.classList.toggle("no-" + box.dataset.layer, !box.checked);
  });

  document.getElementById("rd-network").href = nodeHref(data.doc.iri);
  window.addEventListener("hashchange", follow);
  window.claimgraphReader = {data: data, jumpTo: jumpTo, spansFor: spansFor, show: show,
                             iri: full};
  follow();
  requestAnimationFrame(function () {
    setTimeout(function () { document.body.dataset.readyMs = String(performance.now()); }, 0);
  });
})();
