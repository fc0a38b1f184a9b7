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
  var search = document.getElementById("cg-search");
  var matchNote = document.getElementById("cg-matches");

  // Case and accents do not count ("bukharin" finds "Bukharin"); people are also found by
  // their other spellings ("Ezhov" finds "Nikolai Ivanovich Yezhov").
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var searchable = null;  // folded labels and spellings, made on the first search

  function matches(query) {
    if (searchable === null) {
      searchable = info.map(function (item) {
        return [item.label].concat(item.aliases || []).map(fold);
      });
    }
    var found = [];
    query = fold(query);
    info.forEach(function (item, id) {
      if (!hiddenKinds[item.kind] && searchable[id].some(function (text) {
        return text.indexOf(query) !== -1;
      })) {
        found.push(id);
      }
    });
    return found;
  }

  search.addEventListener("input", function () {
    hideTip();
    var query = search.value.trim().toLowerCase();
    if (!query) { network.unselectAll(); matchNote.textContent = ""; return; }
    var found = matches(query);
    network.selectNodes(found);
    matchNote.textContent = found.length + (found.length === 1 ? " match" : " matches");
    if (found.length && found.length <= 30) { network.fit({ nodes: found, animation: false }); }
  });

  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    var found = matches(search.value.trim().toLowerCase());
    if (found.length) { focusNode(found[0]); }
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
    });
  });

  // A focused view opens on its person, selected and detailed.
  if (data.focus !== null && data.focus !== undefined) {
    network.selectNodes([data.focus]);
    showDetails(data.focus);
  }

  // For tests and the browser console.
  window.claimgraph = { network: network, showDetails: showDetails, showNodeTip: showNodeTip };
})();
