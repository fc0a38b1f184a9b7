// claimgraph network page, part 3: search. Full-text search over every node the page knows,
// whichever lens draws it: its whole label, every other spelling ("Ezhov" finds "Nikolai
// Ivanovich Yezhov") and, for claims, their whole text, which the details already hold (so
// the page carries it once). Case and accents do not count. Each node's folded text is made
// once, so a keystroke only runs indexOf.
(function () {
  "use strict";
  var cg = window.claimgraph;
  var info = cg.info, el = cg.el, fold = cg.fold, network = cg.network;
  var search = document.getElementById("cg-search");
  var matchNote = document.getElementById("cg-matches");
  var resultList = document.getElementById("cg-results");
  var LISTED = 30;  // results listed under the box; the note counts them all
  var TEXT_FIELD = "Text";  // the details field holding a claim's whole text
  var PERSON = "person";

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
  Object.keys(cg.data.colours).forEach(function (kind, rank) { kindRank[kind] = rank; });

  function rankOf(kind) {
    return kindRank[kind] === undefined ? Object.keys(kindRank).length : kindRank[kind];
  }

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

  // Matches, best first: people, then by tier, kind (palette order), size and number.
  function matches(query) {
    var found = [];
    if (!query) { return found; }
    info.forEach(function (item, id) {
      if (cg.isHidden(id)) { return; }  // a kind off in this lens, or a filter
      var t = tier(id, query);
      if (t !== -1) { found.push({ id: id, tier: t, person: item.kind === PERSON ? 0 : 1 }); }
    });
    return found.sort(function (a, b) {
      return a.person - b.person || a.tier - b.tier ||
        rankOf(info[a.id].kind) - rankOf(info[b.id].kind) ||
        info[b.id].size - info[a.id].size || a.id - b.id;
    });
  }

  // The words around a text match, taken from the unfolded text when folding kept its length.
  function snippet(id, query) {
    var text = fullText(info[id]);
    var folded = haystacks[id].slice(namesEnd[id]);
    var at = folded.indexOf(query);
    if (folded.length !== text.length || at === -1) { return cg.shorten(text, 120); }
    var from = Math.max(0, at - 40), to = Math.min(text.length, at + query.length + 80);
    return (from > 0 ? "\u2026" : "") + text.slice(from, to) + (to < text.length ? "\u2026" : "");
  }

  function resultItem(hit, query) {
    var item = info[hit.id];
    var swatch = el("span", undefined, "swatch");
    swatch.style.background = cg.colourOf(hit.id);
    var button = el("button");
    button.dataset.id = String(hit.id);
    if (!cg.isDrawn(hit.id)) { button.dataset.elsewhere = "yes"; }
    button.append(swatch, el("span", cg.shorten(item.label, 90), "result-label"),
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
    cg.hideTip();
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

  // Select the matches this lens draws, and zoom to them when they are few.
  function showMatches() {
    pendingFrame = null;
    if (!lastQuery) { network.unselectAll(); return; }
    var ids = lastFound.map(function (hit) { return hit.id; }).filter(function (id) {
      return cg.isDrawn(id);
    });
    network.selectNodes(ids);
    if (ids.length && ids.length <= LISTED) { network.fit({ nodes: ids, animation: false }); }
  }

  // Going to one node wins over the selection of all matches still waiting for its frame.
  function goTo(id) {
    if (pendingFrame !== null) { cancelAnimationFrame(pendingFrame); pendingFrame = null; }
    cg.focusNode(id);
  }

  search.addEventListener("input", runSearch);

  // Enter opens the best match: people come first, so a person whenever one matches.
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    if (fold(search.value.trim()) !== lastQuery) { runSearch(); }
    if (lastFound.length) { goTo(lastFound[0].id); }
  });

  // Hidden kinds and filtered nodes leave the results, and another lens draws other matches.
  ["kinds", "lens", "filter"].forEach(function (name) {
    cg.on(name, function () { if (search.value.trim()) { runSearch(); } });
  });

  cg.search = runSearch;
})();
