// claimgraph network page, part 1: the lenses, the network, the tooltip and window.claimgraph,
// which the page's other scripts (details, search, labels, fragment) extend. Corpus text is
// only ever put into the page with textContent, never innerHTML or a vis-network string
// `title`, so markup in a quotation is shown as text and runs nothing.
(function () {
  "use strict";
  var begun = performance.now();
  var data = JSON.parse(document.getElementById("cg-data").textContent);
  document.body.dataset.scriptMs = String(Math.round(begun));
  document.body.dataset.parseMs = String(Math.round(performance.now() - begun));
  var info = data.info;
  var lensNames = data.lenses.map(function (meta) { return meta.name; });
  var opening = lensNames.indexOf(data.lens);  // its drawing is in the main data script
  var container = document.getElementById("cg-network");
  var tip = document.getElementById("cg-tooltip");
  var marks = document.body.dataset;
  var listeners = {};

  function on(name, fn) { (listeners[name] = listeners[name] || []).push(fn); }
  function emit(name, value) {
    (listeners[name] || []).forEach(function (fn) { fn(value); });
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function shorten(text, limit) {
    return text.length <= limit ? text : text.slice(0, limit - 1) + "\u2026";
  }

  var FOLDED = { "\u00df": "ss", "\u0142": "l", "\u00f8": "o", "\u0111": "d", "\u00e6": "ae",
    "\u0153": "oe", "\u0131": "i", "\u00f0": "d", "\u00fe": "th", "\u2018": "'", "\u2019": "'",
    "\u201c": "\"", "\u201d": "\"" };

  // Case and accents do not count in search or name marks. Lower case first ("\u0130" lowers
  // to i plus a dot), then accents off, then the letters that carry no separable accent
  // ("\u0141" to l); whitespace runs become one space.
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u00df\u0142\u00f8\u0111\u00e6\u0153\u0131\u00f0\u00fe\u2018\u2019\u201c\u201d]/g,
        function (c) { return FOLDED[c]; })
      .replace(/\s+/g, " ");
  }

  // Whole IRIs again: the page writes their common start once.
  info.forEach(function (item) { item.iri = data.iriBase + item.iri; });

  var lenses = {};

  // vis-network items from a lens's rows: nodes [id, x, y, size, colour?] and edges
  // [from, to, kind number, weight, evidence...] (see page_payload.lens_drawing). Nodes
  // carry no label: labels.js draws them.
  function visNodes(drawing) {
    return drawing.nodes.map(function (row) {
      return { id: row[0], x: row[1], y: row[2], size: row[3],
        color: row[4] || kindColour(info[row[0]].kind) };
    });
  }

  function visEdges(drawing) {
    return drawing.edges.map(function (row, id) {
      var kinds = drawing.kinds[row[2]];
      var edge = { id: id, from: row[0], to: row[1], kind: kinds.split("; ")[0] };
      if (kinds !== edge.kind) { edge.kinds = kinds; }
      if (row[3] > 1) { edge.weight = row[3]; edge.width = Math.min(1 + 1.2 * Math.log2(row[3]), 6); }
      return edge;
    });
  }

  function lens(number) {
    if (!lenses[number]) {
      var drawing = number === opening ? data :
        JSON.parse(document.getElementById("cg-lens-" + number).textContent);
      lenses[number] = { drawing: drawing, nodes: new vis.DataSet(visNodes(drawing)),
        edges: new vis.DataSet(visEdges(drawing)), hidden: {}, off: {} };
    }
    return lenses[number];
  }

  // What an edge of this lens stands on: its kinds, weight and the claims behind it (for an
  // edge to a claim, that claim).
  function edgeInfo(id) {
    var row = shown.drawing.edges[id];
    if (!row) { return null; }
    var kinds = shown.drawing.kinds[row[2]];
    var evidence = row.length > 4 ? row.slice(4) : [row[0], row[1]].filter(function (end) {
      return CLAIM_KINDS[info[end].kind] === true;
    });
    return { id: id, from: row[0], to: row[1], kind: kinds.split("; ")[0], kinds: kinds,
      weight: row[3], evidence: evidence };
  }
  var CLAIM_KINDS = { quotation: true, turn: true, passage: true, claim: true };

  function startLens() {
    var asked = new URLSearchParams(location.hash.replace(/^#/, "")).get("lens");
    var number = lensNames.indexOf(asked);
    return number === -1 ? opening : number;
  }

  var current = startLens();
  var shown = lens(current);
  var building = performance.now();
  var network = new vis.Network(container, { nodes: shown.nodes, edges: shown.edges },
    shown.drawing.options);
  // For the bench: how much of the first frame vis-network spends taking in the items.
  marks.networkMs = String(Math.round(performance.now() - building));

  // Markers for tests and for timing: when a lens's first frame was drawn, and how many nodes.
  function markFrame(started, first) {
    network.once("afterDrawing", function () {
      var now = performance.now();
      if (first) { marks.drawMs = String(Math.round(now)); }
      marks.lensMs = String(Math.round(now - started));
      marks.drawnNodes = String(Object.keys(network.getPositions()).length);
      marks.lens = lensNames[current];
      marks.drawn = "yes";
    });
  }
  markFrame(0, true);

  function isDrawn(id, name) {
    var number = name === undefined ? current : lensNames.indexOf(name);
    return number !== -1 && ((info[id].in >> number) & 1) === 1;
  }

  function kindColour(kind) { return data.colours[kind] || data.otherColour; }

  function colourOf(id) {
    var node = isDrawn(id) ? shown.nodes.get(id) : null;
    if (!node) { return kindColour(info[id].kind); }
    return typeof node.color === "string" ? node.color : node.color.background;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // -- the lens switcher, note, summary and legend ---------------------------------------
  var tabs = document.getElementById("cg-lenses");
  var legend = document.getElementById("cg-legend");

  function drawTabs() {
    if (lensNames.length < 2) { tabs.replaceChildren(); return; }
    tabs.replaceChildren.apply(tabs, data.lenses.map(function (meta, number) {
      var button = el("button", meta.title);
      button.type = "button";
      button.dataset.lens = meta.name;
      button.setAttribute("aria-pressed", String(number === current));
      button.appendChild(el("span", String(meta.nodes), "lens-count"));
      button.addEventListener("click", function () { setLens(meta.name); });
      return button;
    }));
  }

  function drawLegend() {
    var meta = data.lenses[current];
    document.getElementById("cg-lens-note").textContent = meta.note || "";
    document.getElementById("cg-summary").textContent =
      meta.nodes + " nodes, " + meta.edges + " edges";
    legend.replaceChildren.apply(legend, meta.legend.map(function (row) {
      var item = el("li");
      item.dataset.kind = row[0];
      var swatch = el("span", undefined, "swatch");
      swatch.style.background = row[1];
      item.append(swatch, el("span", row[0], "kind"), el("span", String(row[2]), "count"));
      item.classList.toggle("off", !!shown.hidden[row[0]]);
      return item;
    }));
  }

  // A lens coloured by community lists its communities; a click selects one.
  var communityList = document.getElementById("cg-communities");

  function drawCommunities() {
    var rows = data.lenses[current].communities || [];
    communityList.replaceChildren.apply(communityList, rows.map(function (row) {
      var item = el("li");
      item.dataset.community = String(row[0]);
      item.title = "Select this community";
      var swatch = el("span", undefined, "swatch");
      swatch.style.background = row[1];
      item.append(swatch, el("span", row[3], "kind"), el("span", String(row[2]), "count"));
      item.addEventListener("click", function () { selectCommunity(row[0]); });
      return item;
    }));
  }

  // The nodes of this lens in community `number` (the lens's own, by which it is coloured).
  function communityMembers(number) {
    return shown.drawing.nodes.filter(function (row) {
      return row[5] === number && !isHidden(row[0]);
    }).map(function (row) { return row[0]; });
  }

  function selectCommunity(number) {
    var members = communityMembers(number);
    network.selectNodes(members);
    network.fit({ nodes: members, animation: false });
  }

  // Click a kind to hide or show it in this lens.
  legend.addEventListener("click", function (event) {
    var row = event.target.closest("li");
    if (!row) { return; }
    hideTip();
    var kind = row.dataset.kind;
    shown.hidden[kind] = !shown.hidden[kind];
    row.classList.toggle("off", shown.hidden[kind]);
    applyHidden();
    emit("kinds", kind);
  });

  // What hides a node: its kind switched off in this lens, or any filter other scripts set
  // (setFilter: a name and a function of the info id that says "hide"; null removes it).
  // Filters hold in every lens; kinds belong to the lens where they were switched off.
  var filters = {};

  function filtered(id) {
    for (var name in filters) {
      if (filters[name](id)) { return true; }
    }
    return false;
  }

  function isHidden(id) {
    return filtered(id) || (isDrawn(id) && shown.hidden[info[id].kind] === true);
  }

  // Bring the drawn lens in line with the kinds and filters, updating only what changed.
  function applyHidden() {
    var changes = [];
    shown.drawing.nodes.forEach(function (row) {
      var id = row[0], hide = isHidden(id);
      if (hide !== (shown.off[id] === true)) {
        changes.push({ id: id, hidden: hide });
        shown.off[id] = hide;
      }
    });
    if (changes.length) { shown.nodes.update(changes); }
  }

  function setFilter(name, hides) {
    if (hides) { filters[name] = hides; } else { delete filters[name]; }
    applyHidden();
    emit("filter", name);
  }

  function setLens(name) {
    var number = lensNames.indexOf(name);
    if (number === -1) { throw new Error("no lens named " + name); }
    if (number === current) { return; }
    var started = performance.now();
    hideTip();
    marks.drawn = "";
    current = number;
    shown = lens(number);
    api.nodes = shown.nodes;
    api.edges = shown.edges;
    applyHidden();  // filters set while another lens was drawn hold here too
    network.setOptions(shown.drawing.options);
    network.setData({ nodes: shown.nodes, edges: shown.edges });
    markFrame(started, false);
    drawTabs();
    drawLegend();
    drawCommunities();
    emit("lens", name);
  }

  // -- tooltip -------------------------------------------------------------------------
  function placeTip(pointer) {
    var box = container.getBoundingClientRect();
    var x = box.left + pointer.x + 14;
    var y = box.top + pointer.y + 14;
    tip.hidden = false;
    tip.style.left = Math.min(x, window.innerWidth - tip.offsetWidth - 8) + "px";
    tip.style.top = Math.min(y, window.innerHeight - tip.offsetHeight - 8) + "px";
  }

  function showNodeTip(id, pointer) {
    var item = info[id];
    tip.replaceChildren(el("strong", item.label), el("div", item.kind, "tip-kind"));
    (api.details ? api.details(item) : item.details).slice(0, 3).forEach(function (pair) {
      tip.appendChild(el("div", pair[0] + ": " + shorten(pair[1], 200)));
    });
    placeTip(pointer);
  }

  // Direction marks only in a directed lens (big ones draw no arrowheads, yet are directed).
  function arrow(out) {
    if (!shown.drawing.directed) { return "\u2014 "; }
    return out ? "\u2192 " : "\u2190 ";
  }

  // "3 claims" for an edge that claims justify; nothing for a structural one (author of).
  function weightText(id) {
    var edge = edgeInfo(id);
    var count = Math.max(edge.evidence.length, edge.evidence.length ? edge.weight : 0);
    return count ? plural(count, "claim") : "";
  }

  function showEdgeTip(id, pointer) {
    var edge = shown.edges.get(id);
    tip.replaceChildren(el("div", info[edge.from].label),
      el("strong", arrow(true) + (edge.kinds || edge.kind) + " " + arrow(true)),
      el("div", info[edge.to].label));
    var weight = weightText(id);
    if (weight) { tip.appendChild(el("div", weight, "tip-kind")); }
    placeTip(pointer);
  }

  function hideTip() { tip.hidden = true; }

  network.on("hoverNode", function (p) { showNodeTip(p.node, p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showEdgeTip(p.edge, p.pointer.DOM); });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) {
    network.on(name, hideTip);
  });

  // Select and centre a node drawn in this lens and show its details; a node this lens does
  // not draw still gets its details, which offer the lenses that draw it.
  function focusNode(id) {
    hideTip();
    if (isDrawn(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    } else {
      network.unselectAll();
    }
    api.showDetails(id);
  }

  network.on("click", function (p) {
    if (p.nodes.length) { api.showDetails(p.nodes[0]); }
    else if (p.edges.length) { api.showEdge(p.edges[0]); }
    else { api.clearDetails(); }
  });

  drawTabs();
  drawLegend();
  drawCommunities();

  // The page's API, for its other scripts, for tests and for the browser console. Node ids
  // are info ids everywhere. Events (on): "lens" (name), "details" (id, or null when
  // cleared), "edge" (edge id), "kinds" (kind toggled), "filter" (filter name).
  // Later parts add showDetails, showEdge, clearDetails, details, nameKeys, markedText,
  // search, nodeByIri, readFragment and writeFragment.
  var api = window.claimgraph = {
    network: network, nodes: shown.nodes, edges: shown.edges, info: info, data: data,
    lensNames: lensNames,
    lensName: function () { return lensNames[current]; },
    drawing: function () { return shown.drawing; },
    hiddenKinds: function () { return shown.hidden; },
    isHidden: isHidden, setFilter: setFilter,
    setLens: setLens, focusNode: focusNode, isDrawn: isDrawn, colourOf: colourOf,
    kindColour: kindColour, edgeInfo: edgeInfo, fold: fold, el: el, shorten: shorten, plural: plural,
    arrow: arrow, weightText: weightText, showNodeTip: showNodeTip, hideTip: hideTip,
    communityMembers: communityMembers, on: on, emit: emit
  };
})();
