// claimgraph network page. Corpus text is only ever put into the page with
// textContent, never innerHTML or a vis-network string `title`, so markup in a
// quotation is shown as text and runs nothing.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("cg-data").textContent);
  var info = data.info;
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(
    document.getElementById("cg-network"), { nodes: nodes, edges: edges }, data.options);
  var panel = document.getElementById("cg-details");
  var tip = document.getElementById("cg-tooltip");
  var hiddenKinds = {};

  // Markers for tests and for timing: when the first frame was drawn, and how many nodes.
  network.once("afterDrawing", function () {
    var marks = document.body.dataset;
    marks.drawMs = String(Math.round(performance.now()));
    marks.drawnNodes = String(Object.keys(network.getPositions()).length);
    marks.drawn = "yes";
  });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function shorten(text, limit) {
    return text.length <= limit ? text : text.slice(0, limit - 1) + "\u2026";
  }

  // Direction marks only in a directed view (big views draw no arrowheads, yet are directed).
  function arrow(edge, out) {
    if (!data.directed) { return "\u2014 "; }
    return out ? "\u2192 " : "\u2190 ";
  }

  function colourOf(id) {
    var colour = nodes.get(id).color;
    return typeof colour === "string" ? colour : colour.background;
  }

  // -- tooltip ------------------------------------------------------------------
  function placeTip(pointer) {
    var box = document.getElementById("cg-network").getBoundingClientRect();
    var x = box.left + pointer.x + 14;
    var y = box.top + pointer.y + 14;
    tip.hidden = false;
    tip.style.left = Math.min(x, window.innerWidth - tip.offsetWidth - 8) + "px";
    tip.style.top = Math.min(y, window.innerHeight - tip.offsetHeight - 8) + "px";
  }

  function showNodeTip(id, pointer) {
    var item = info[id];
    tip.replaceChildren(el("strong", item.label), el("div", item.kind, "tip-kind"));
    item.details.slice(0, 3).forEach(function (pair) {
      tip.appendChild(el("div", pair[0] + ": " + shorten(pair[1], 200)));
    });
    placeTip(pointer);
  }

  function showEdgeTip(id, pointer) {
    var edge = edges.get(id);
    tip.replaceChildren(
      el("div", info[edge.from].label),
      el("strong", arrow(edge, true) + edge.kind + " " + arrow(edge, true)),
      el("div", info[edge.to].label));
    placeTip(pointer);
  }

  function hideTip() { tip.hidden = true; }

  network.on("hoverNode", function (p) { showNodeTip(p.node, p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showEdgeTip(p.edge, p.pointer.DOM); });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) {
    network.on(name, hideTip);
  });

  // -- details panel ------------------------------------------------------------
  function connectionList(id) {
    var list = el("ul");
    network.getConnectedEdges(id).slice(0, 100).forEach(function (edgeId) {
      var edge = edges.get(edgeId);
      var out = edge.from === id;
      var other = out ? edge.to : edge.from;
      var text = arrow(edge, out) + edge.kind + ": " + info[other].label;
      var button = el("button", text);
      button.addEventListener("click", function () { focusNode(other); });
      var item = el("li");
      item.appendChild(button);
      list.appendChild(item);
    });
    return list;
  }

  function showDetails(id) {
    var item = info[id];
    var chip = el("span", item.kind, "chip");
    chip.style.background = colourOf(id);
    var fields = el("dl");
    item.details.forEach(function (pair) {
      fields.appendChild(el("dt", pair[0]));
      fields.appendChild(el("dd", pair[1]));
    });
    panel.replaceChildren(el("h2", item.label), chip, fields);
    if (item.community !== undefined) { panel.appendChild(communityButton(item.community)); }
    panel.append(el("h2", "Connections"), connectionList(id));
  }

  function communityButton(number) {
    var members = [];
    info.forEach(function (other, id) {
      if (other.community === number && !hiddenKinds[other.kind]) { members.push(id); }
    });
    var button = el("button", "Select its community (" + members.length + " shown)", "action");
    button.addEventListener("click", function () {
      network.selectNodes(members);
      network.fit({ nodes: members, animation: false });
    });
    return button;
  }

  function clearDetails() {
    panel.replaceChildren(el("p", "Click a node to see its details.", "hint"));
  }

  function focusNode(id) {
    hideTip();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    showDetails(id);
  }

  network.on("click", function (p) {
    if (p.nodes.length) { showDetails(p.nodes[0]); } else { clearDetails(); }
  });

  // -- search -------------------------------------------------------------------
  // Full-text search: a node is found by its whole label, every other spelling the view
  // gives it ("Ezhov" finds "Nikolai Ivanovich Yezhov") and, for claims, their whole text,
  // which the details already hold (so the page carries it once). Case and accents do not
  // count. Each node's folded text is made once, so a keystroke only runs indexOf.
  var search = document.getElementById("cg-search");
  var matchNote = document.getElementById("cg-matches");
  var resultList = document.getElementById("cg-results");
  var LISTED = 30;  // results listed under the box; the note counts them all
  var TEXT_FIELD = "Text";  // the details field holding a claim's whole text
  var PERSON = "person";
  var FOLDED = { "\u00df": "ss", "\u0142": "l", "\u00f8": "o", "\u0111": "d", "\u00e6": "ae",
    "\u0153": "oe", "\u0131": "i", "\u00f0": "d", "\u00fe": "th", "\u2018": "'", "\u2019": "'",
    "\u201c": "\"", "\u201d": "\"" };

  // Lower case first ("\u0130" lowers to i plus a dot), then accents off, then the letters
  // that carry no separable accent ("\u0141" to l); whitespace runs become one space.
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u00df\u0142\u00f8\u0111\u00e6\u0153\u0131\u00f0\u00fe\u2018\u2019\u201c\u201d]/g,
        function (c) { return FOLDED[c]; })
      .replace(/\s+/g, " ");
  }

  function fullText(item) {
    var pair = item.details.find(function (p) { return p[0] === TEXT_FIELD; });
    return pair ? pair[1].replace(/\s+/g, " ").trim() : "";
  }

  // One string per node: "\n" + its names joined by "\n" + "\n" + its text. A folded query
  // holds no "\n", so "\n" + query + "\n" is an exact name and "\n" + query a name's start.
  // Made once, just after the first frame (so it does not delay it) or at the first search.
  var haystacks = null;
  var namesEnd = [];
  var kindRank = {};
  var sizes = data.nodes.map(function (node) { return node.size || 0; });

  function buildIndex() {
    if (haystacks !== null) { return; }
    var started = performance.now();
    haystacks = info.map(function (item) {
      var names = "\n" + [item.label].concat(item.aliases || []).map(function (name) {
        return fold(name).trim();
      }).join("\n") + "\n";
      namesEnd.push(names.length);
      return names + fold(fullText(item));
    });
    document.querySelectorAll("#cg-legend li").forEach(function (row, rank) {
      kindRank[row.dataset.kind] = rank;
    });
    document.body.dataset.searchIndexMs = (performance.now() - started).toFixed(1);
  }
  network.once("afterDrawing", function () { setTimeout(buildIndex, 0); });

  // How well a node's names match: 0 a whole name, 1 a name's start, 2 a word's start,
  // 3 inside a word; 4 its text only; -1 not at all.
  function tier(id, query) {
    var hay = haystacks[id], end = namesEnd[id];
    var at = hay.indexOf(query);
    if (at === -1) { return -1; }
    if (at >= end) { return 4; }
    if (hay.indexOf("\n" + query + "\n") !== -1) { return 0; }
    var start = hay.indexOf("\n" + query);
    if (start !== -1 && start < end - 1) { return 1; }
    for (; at !== -1 && at < end; at = hay.indexOf(query, at + 1)) {
      if (!/[\p{L}\p{N}]/u.test(hay[at - 1])) { return 2; }
    }
    return 3;
  }

  // Matches of shown kinds, best first: people, then by tier, kind (legend order) and size.
  function matches(query) {
    var found = [];
    if (!query) { return found; }
    info.forEach(function (item, id) {
      if (hiddenKinds[item.kind]) { return; }
      var t = tier(id, query);
      if (t !== -1) { found.push({ id: id, tier: t, person: item.kind === PERSON ? 0 : 1 }); }
    });
    return found.sort(function (a, b) {
      return a.person - b.person || a.tier - b.tier ||
        kindRank[info[a.id].kind] - kindRank[info[b.id].kind] ||
        sizes[b.id] - sizes[a.id] || a.id - b.id;
    });
  }

  // The words around a text match, taken from the unfolded text when folding kept its length.
  function snippet(id, query) {
    var text = fullText(info[id]);
    var folded = haystacks[id].slice(namesEnd[id]);
    var at = folded.indexOf(query);
    if (folded.length !== text.length || at === -1) { return shorten(text, 120); }
    var from = Math.max(0, at - 40), to = Math.min(text.length, at + query.length + 80);
    return (from > 0 ? "\u2026" : "") + text.slice(from, to) + (to < text.length ? "\u2026" : "");
  }

  function resultItem(hit, query) {
    var item = info[hit.id];
    var swatch = el("span", undefined, "swatch");
    swatch.style.background = colourOf(hit.id);
    var button = el("button");
    button.dataset.id = String(hit.id);
    button.append(swatch, el("span", shorten(item.label, 90), "result-label"),
      el("span", item.kind, "result-kind"));
    if (hit.tier === 4) { button.appendChild(el("span", snippet(hit.id, query), "result-text")); }
    button.addEventListener("click", function () { goTo(hit.id); });
    var row = el("li");
    row.appendChild(button);
    return row;
  }

  var lastQuery = null, lastFound = [], pendingFrame = null;

  // The list answers at once; the network's selection and zoom, which cost more than the
  // search on a big page, follow in the next frame, once for a burst of keystrokes.
  function runSearch() {
    var started = performance.now();
    hideTip();
    buildIndex();
    var query = fold(search.value.trim());
    lastQuery = query;
    lastFound = matches(query);
    resultList.replaceChildren.apply(resultList, lastFound.slice(0, LISTED).map(function (hit) {
      return resultItem(hit, query);
    }));
    var count = lastFound.length;
    matchNote.textContent = !query ? "" : count + (count === 1 ? " match" : " matches") +
      (count > LISTED ? ", the first " + LISTED + " listed" : "");
    document.body.dataset.searchMs = (performance.now() - started).toFixed(1);
    if (pendingFrame === null) { pendingFrame = requestAnimationFrame(showMatches); }
  }

  function showMatches() {
    pendingFrame = null;
    if (!lastQuery) { network.unselectAll(); return; }
    var ids = lastFound.map(function (hit) { return hit.id; });
    network.selectNodes(ids);
    if (ids.length && ids.length <= LISTED) { network.fit({ nodes: ids, animation: false }); }
  }

  // Going to one node wins over the selection of all matches still waiting for its frame.
  function goTo(id) {
    if (pendingFrame !== null) { cancelAnimationFrame(pendingFrame); pendingFrame = null; }
    focusNode(id);
  }

  search.addEventListener("input", runSearch);

  // Enter opens the best match: people come first, so a person whenever one matches.
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    if (fold(search.value.trim()) !== lastQuery) { runSearch(); }
    if (lastFound.length) { goTo(lastFound[0].id); }
  });

  // -- legend: click a kind to hide or show it -------------------------------------
  document.querySelectorAll("#cg-legend li").forEach(function (row) {
    row.addEventListener("click", function () {
      hideTip();
      var kind = row.dataset.kind;
      hiddenKinds[kind] = !hiddenKinds[kind];
      row.classList.toggle("off", hiddenKinds[kind]);
      var changes = [];
      info.forEach(function (item, id) {
        if (item.kind === kind) { changes.push({ id: id, hidden: hiddenKinds[kind] }); }
      });
      nodes.update(changes);
      if (search.value.trim()) { runSearch(); }  // hidden kinds leave the results
    });
  });

  // A focused view opens on its person, selected and detailed.
  if (data.focus !== null && data.focus !== undefined) {
    network.selectNodes([data.focus]);
    showDetails(data.focus);
  }

  // For tests and the browser console.
  window.claimgraph = {
    network: network, showDetails: showDetails, showNodeTip: showNodeTip, fold: fold
  };
})();
