// claimgraph network page, part 2: the details panel. A node's details and claims, an
// edge's evidence: each claim with the names of what it joins marked, who made it, what it
// cites, where it stands, and a link that opens the reader at its characters.
(function () {
  "use strict";
  var cg = window.claimgraph;
  var info = cg.info, el = cg.el, data = cg.data;
  var panel = document.getElementById("cg-details");
  // Kinds whose names are worth marking in a claim's text (a work's title is not a name).
  var NAMED_KINDS = { person: true, organization: true, topic: true };
  var LISTED_EVIDENCE = 100;  // claims listed under an edge; the heading counts them all
  var LISTED_CONNECTIONS = 100;
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;
  var EXCERPT = 420, CONTEXT = 160;  // characters of a long claim shown around its marks

  function field(item, name) {
    var pair = details(item).find(function (p) { return p[0] === name; });
    return pair ? pair[1] : "";
  }

  // The node's details with what the page writes once put back: a claim's source after its
  // text, and its community's description at the end (see page_payload.info_payload).
  function details(item) {
    var pairs = item.details.slice();
    var hasSource = pairs.some(function (p) { return p[0] === "Source"; });
    if (item.doc !== undefined && item.line !== undefined && !hasSource &&
        pairs.length && pairs[0][0] === "Text") {
      pairs.splice(1, 0, ["Source", item.doc + ", line " + item.line + (item.span ?
        ", characters " + item.span[0] + "\u2013" + item.span[1] : "")]);
    }
    var community = item.community !== undefined && data.communities[String(item.community)];
    if (community && !pairs.some(function (p) { return p[0] === "Community"; })) {
      pairs.push(["Community", community]);
    }
    return pairs;
  }

  // The words that mark a node's name in text: the family name of each spelling, taken as
  // its last word ("Nikolai Yezhov") or what stands before a comma ("Yezhov, Nikolai"),
  // folded. A word of the text that starts with one is marked ("Yezhov's" too).
  function nameKeys(id) {
    var item = info[id], keys = [];
    if (!NAMED_KINDS[item.kind]) { return keys; }
    [item.label].concat(item.aliases || []).forEach(function (name) {
      var comma = name.indexOf(",");
      var words = fold(comma > 0 ? name.slice(0, comma) : name).match(WORD) || [];
      var last = words[words.length - 1];
      if (last && last.length >= 3 && keys.indexOf(last) === -1) { keys.push(last); }
    });
    return keys;
  }

  function fold(text) { return cg.fold(text); }

  // The text as text nodes, with the words starting with a key in <mark> elements. A long
  // text is cut to the stretch around its marks, so the names show without scrolling;
  // "details" and the reader give the whole.
  function markedText(text, keys) {
    var spans = [], found;
    WORD.lastIndex = 0;
    while (keys.length && (found = WORD.exec(text)) !== null) {
      var word = fold(found[0]);
      if (keys.some(function (key) { return word.indexOf(key) === 0; })) {
        spans.push([found.index, found.index + found[0].length]);
      }
    }
    var from = 0, to = Math.min(text.length, EXCERPT + CONTEXT);
    if (spans.length && text.length > EXCERPT) {
      from = Math.max(0, spans[0][0] - CONTEXT);
      to = Math.min(text.length, Math.max(spans[spans.length - 1][1] + CONTEXT, from + EXCERPT));
      from = Math.max(0, Math.min(from, to - EXCERPT));
    }
    var out = document.createDocumentFragment(), last = from;
    if (from > 0) { out.append("\u2026"); }
    spans.forEach(function (span) {
      if (span[0] < from || span[1] > to) { return; }
      out.append(text.slice(last, span[0]), el("mark", text.slice(span[0], span[1])));
      last = span[1];
    });
    out.append(text.slice(last, to));
    if (to < text.length) { out.append("\u2026"); }
    return out;
  }

  // Where a claim stands: the document's title (its file name when it has none) and line.
  function place(item) {
    if (!item.doc) { return field(item, "Source"); }
    var title = data.documents[item.doc] || item.doc;
    return title + (item.line !== undefined ? ", line " + item.line : "");
  }

  function readerHref(item) {
    var page = item.doc && data.readers[item.doc];
    return page && item.span ? page + "#at=" + item.span[0] + "-" + item.span[1] : "";
  }

  function claimItem(id, keys) {
    var item = info[id];
    var row = el("li", undefined, "claim");
    row.dataset.id = String(id);
    var quote = el("blockquote");
    quote.appendChild(markedText(field(item, "Text") || item.label, keys));
    var meta = el("div", undefined, "claim-meta");
    [["Made by", "Made by"], ["Speaker", "Speaker"], ["Cited work", "Cites"]].forEach(
      function (pair) {
        var value = field(item, pair[0]);
        if (value) { meta.appendChild(el("span", pair[1] + ": " + value.split("\n").join("; "),
          "claim-" + pair[1].toLowerCase().replace(" ", "-"))); }
      });
    meta.appendChild(el("span", place(item), "claim-place"));
    var href = readerHref(item);
    if (href) {
      var link = el("a", "read in context", "claim-reader");
      link.setAttribute("href", href);
      meta.appendChild(link);
    }
    var open = el("button", "details", "claim-open");
    open.type = "button";
    open.addEventListener("click", function () { cg.focusNode(id); });
    meta.appendChild(open);
    row.append(quote, meta);
    return row;
  }

  function claimList(ids, keys) {
    var list = el("ul", undefined, "claims");
    ids.forEach(function (id) { list.appendChild(claimItem(id, keys)); });
    return list;
  }

  function chip(id) {
    var node = el("span", info[id].kind, "chip");
    node.style.background = cg.colourOf(id);
    return node;
  }

  function linkButton(text, onClick) {
    var button = el("button", text);
    button.type = "button";
    button.addEventListener("click", onClick);
    var item = el("li");
    item.appendChild(button);
    return item;
  }

  function connectionList(id) {
    var list = el("ul", undefined, "connections");
    cg.network.getConnectedEdges(id).slice(0, LISTED_CONNECTIONS).forEach(function (edgeId) {
      var edge = cg.edgeInfo(edgeId);
      var out = edge.from === id;
      var other = out ? edge.to : edge.from;
      var weight = cg.weightText(edgeId);
      var text = cg.arrow(out) + (edge.kinds || edge.kind) + ": " + info[other].label +
        (weight ? " (" + weight + ")" : "");
      list.appendChild(linkButton(text, function () {
        if (weight) { showEdge(edgeId); } else { cg.focusNode(other); }
      }));
    });
    return list;
  }

  // The community the node is coloured by in this lens (the lens's own), else the graph's.
  function communityButton(id) {
    var row = cg.drawing().nodes.find(function (r) { return r[0] === id; });
    var members;
    if (row && row[5] !== undefined) {
      members = cg.communityMembers(row[5]);
    } else {
      members = cg.drawing().nodes.filter(function (r) {
        return info[r[0]].community === info[id].community && !cg.isHidden(r[0]);
      }).map(function (r) { return r[0]; });
    }
    var button = el("button", "Select its community (" + members.length + " shown)", "action");
    button.addEventListener("click", function () {
      cg.network.selectNodes(members);
      cg.network.fit({ nodes: members, animation: false });
    });
    return button;
  }

  // Buttons to the lenses that draw a node this lens leaves out.
  function lensOffer(id) {
    var offer = el("div", undefined, "lens-offer");
    cg.lensNames.forEach(function (name, number) {
      if (!cg.isDrawn(id, name)) { return; }
      var button = el("button", "Show in " + data.lenses[number].title, "action");
      button.dataset.lens = name;
      button.addEventListener("click", function () { cg.setLens(name); cg.focusNode(id); });
      offer.appendChild(button);
    });
    return offer;
  }

  function showDetails(id) {
    cg.hideTip();
    var item = info[id];
    var fields = el("dl");
    details(item).forEach(function (pair) {
      fields.appendChild(el("dt", pair[0]));
      fields.appendChild(el("dd", pair[1]));
    });
    panel.replaceChildren(el("h2", item.label), chip(id), fields);
    var drawn = cg.isDrawn(id);
    if (drawn && item.community !== undefined) { panel.appendChild(communityButton(id)); }
    if (!drawn) {
      var meta = cg.data.lenses[cg.lensNames.indexOf(cg.lensName())];
      panel.append(el("p", "Not drawn in the " + meta.title + " lens.", "hint not-drawn"),
        lensOffer(id));
    } else {
      panel.append(el("h2", "Connections"), connectionList(id));
    }
    if (item.claimCount) {
      var listed = (item.claims || []).length;
      panel.append(el("h2", "Claims (" + item.claimCount + ")"));
      if (listed < item.claimCount) {
        panel.append(el("p", "The first " + listed + " of " + item.claimCount + " listed.", "hint"));
      }
      panel.append(claimList(item.claims || [], nameKeys(id)));
    }
    reveal();
    cg.emit("details", id);
  }

  // An edge's evidence: the claims that justify it (for an edge to a claim, that claim).
  function showEdge(edgeId) {
    cg.hideTip();
    var edge = cg.edgeInfo(edgeId);
    if (!edge) { return; }
    var evidence = edge.evidence;
    var ends = el("ul", undefined, "edge-ends");
    [edge.from, edge.to].forEach(function (id) {
      ends.appendChild(linkButton(info[id].label + " (" + info[id].kind + ")",
        function () { cg.focusNode(id); }));
    });
    var heading = info[edge.from].label + " " + cg.arrow(true) + info[edge.to].label;
    panel.replaceChildren(el("h2", heading), el("p", edge.kinds || edge.kind, "hint edge-kind"),
      ends);
    if (!evidence.length) {
      panel.append(el("p", "This link is part of the records (" + (edge.kinds || edge.kind) +
        "), not drawn from claims.", "hint no-evidence"));
    } else {
      panel.append(el("h2", "Evidence: " + cg.weightText(edgeId)));
      if (evidence.length > LISTED_EVIDENCE) {
        panel.append(el("p", "The first " + LISTED_EVIDENCE + " listed.", "hint"));
      }
      panel.append(claimList(evidence.slice(0, LISTED_EVIDENCE),
        nameKeys(edge.from).concat(nameKeys(edge.to))));
    }
    cg.network.selectEdges([edgeId]);
    reveal();
    cg.emit("edge", edgeId);
  }

  // Bring the details into view when their heading sits out of sight or low in the side
  // panel, which also holds the search results and the legend.
  function reveal() {
    var heading = panel.previousElementSibling || panel;
    var side = document.getElementById("cg-side").getBoundingClientRect();
    var top = heading.getBoundingClientRect().top;
    if (top < side.top || top > side.top + 0.6 * side.height) {
      heading.scrollIntoView({ block: "start" });
    }
  }

  function clearDetails() {
    panel.replaceChildren(el("p", "Click a node to see its details.", "hint"));
    cg.emit("details", null);
  }

  // The node whose details are open follows the user to another lens: selected and
  // centred there when that lens draws it, else offered the lenses that do.
  var open = null;
  cg.on("details", function (id) { open = id; });
  cg.on("edge", function () { open = null; });
  cg.on("lens", function () { if (open !== null) { cg.focusNode(open); } });

  cg.showDetails = showDetails;
  cg.showEdge = showEdge;
  cg.clearDetails = clearDetails;
  cg.nameKeys = nameKeys;
  cg.markedText = markedText;
  cg.details = details;
})();
