// claimgraph page tools: the year slider, the document filter, saving the view as SVG or
// PNG, and the URL fragment that reopens the same lens, node and filters. Built on the
// page's API (window.claimgraph, network.js) and nothing else; corpus text reaches the
// DOM only through textContent, and the SVG escapes every label it writes.
(function () {
  "use strict";
  var cg = window.claimgraph;
  var info = cg.info;
  var el = cg.el;

  // The tools' controls, made here (one section above the details) so the page's markup
  // stays the network's.
  function controls() {
    var section = el("section");
    section.id = "cg-tools";
    var time = el("div");
    time.id = "cg-time";
    var note = el("p", "", "hint");
    note.id = "cg-years";
    note.setAttribute("aria-live", "polite");
    time.append(el("h2", "Time"), slider("cg-year-from", "From"), slider("cg-year-to", "To"), note);
    var docs = el("div");
    docs.id = "cg-docs";
    var select = el("select");
    select.id = "cg-doc";
    select.setAttribute("aria-label", "Show what one source document says");
    var all = el("option", "All documents");
    all.value = "";
    select.appendChild(all);
    docs.append(el("h2", "Document"), select);
    var link = el("input");
    link.id = "cg-link";
    link.type = "text";
    link.readOnly = true;
    link.setAttribute("aria-label", "Link to this view");
    section.append(time, docs, el("h2", "Save and share"), button("cg-save-svg", "Save as SVG"),
      button("cg-save-png", "Save as PNG"), link);
    var details = document.getElementById("cg-details");
    details.parentNode.insertBefore(section, details.previousElementSibling);
  }

  function slider(id, text) {
    var label = el("label", text + " ", "range");
    var input = el("input");
    input.id = id;
    input.type = "range";
    input.step = "1";
    label.appendChild(input);
    return label;
  }

  function button(id, text) {
    var made = el("button", text, "action");
    made.id = id;
    made.type = "button";
    return made;
  }

  controls();

  // -- time: a window of years; a dated node outside it is hidden, undated nodes stay ----
  var spans = info.map(function (item) { return item.years || null; });
  var first = Infinity, last = -Infinity;
  spans.forEach(function (span) {
    if (span) { first = Math.min(first, span[0]); last = Math.max(last, span[1]); }
  });
  var dated = first <= last;
  var from = document.getElementById("cg-year-from");
  var to = document.getElementById("cg-year-to");
  var yearNote = document.getElementById("cg-years");
  var windowYears = dated ? [first, last] : null;

  function setYears(lo, hi, quiet) {
    if (!dated) { return; }
    lo = Math.max(first, Math.min(lo, last));
    hi = Math.max(lo, Math.min(hi, last));
    from.value = String(lo);
    to.value = String(hi);
    windowYears = [lo, hi];
    var whole = lo === first && hi === last;
    yearNote.textContent = whole ? "All years (" + first + "\u2013" + last + ")"
      : lo + "\u2013" + hi + " (undated nodes stay)";
    cg.setFilter("years", whole ? null : function (id) {
      var span = spans[id];
      return span !== null && (span[1] < lo || span[0] > hi);
    });
    if (!quiet) { saveState(); }
  }

  if (dated) {
    [from, to].forEach(function (input) {
      input.min = String(first);
      input.max = String(last);
      input.addEventListener("input", function () {
        var lo = Number(from.value), hi = Number(to.value);
        if (input === from && lo > hi) { hi = lo; }
        if (input === to && hi < lo) { lo = hi; }
        setYears(lo, hi);
      });
    });
    setYears(first, last, true);
  } else {
    document.getElementById("cg-time").hidden = true;
  }

  // -- documents: keep what comes from one source document ---------------------------
  var docSelect = document.getElementById("cg-doc");
  // A claim's document, or the documents of the claims a person, work or topic stands in.
  var docsOf = info.map(function (item) {
    return item.doc ? [item.doc] : (item.docs || []).map(function (n) { return cg.data.docList[n]; });
  });
  var documents = {};
  docsOf.forEach(function (docs) { docs.forEach(function (d) { documents[d] = true; }); });
  var docNames = cg.data.documents || {};
  Object.keys(documents).sort().forEach(function (doc) {
    var option = el("option", docNames[doc] ? docNames[doc] + " (" + doc + ")" : doc);
    option.value = doc;
    docSelect.appendChild(option);
  });
  if (docSelect.options.length <= 2) { document.getElementById("cg-docs").hidden = true; }

  function setDocument(doc, quiet) {
    docSelect.value = documents[doc] ? doc : "";
    var chosen = docSelect.value;
    cg.setFilter("document", chosen ? function (id) {
      return docsOf[id].length > 0 && docsOf[id].indexOf(chosen) === -1;
    } : null);
    if (!quiet) { saveState(); }
  }
  docSelect.addEventListener("change", function () { setDocument(docSelect.value); });

  // -- the URL fragment: fragment.js keeps lens and node; these keep hide, doc and years --
  function hiddenKindList() {
    var hidden = cg.hiddenKinds();
    return Object.keys(hidden).filter(function (kind) { return hidden[kind]; }).sort();
  }

  function saveState() {
    var years = dated && (windowYears[0] !== first || windowYears[1] !== last)
      ? windowYears[0] + "-" + windowYears[1] : null;
    cg.writeFragment({ hide: hiddenKindList().join(",") || null, doc: docSelect.value || null,
      years: years });
    document.getElementById("cg-link").value = location.href;
  }

  // Kinds are switched as a click on the legend would, so the legend shows them off too.
  function setHiddenKinds(kinds) {
    document.querySelectorAll("#cg-legend li").forEach(function (row) {
      var off = kinds.indexOf(row.dataset.kind) !== -1;
      if (off !== (cg.hiddenKinds()[row.dataset.kind] === true)) { row.click(); }
    });
  }

  function applyState() {
    var params = cg.readFragment();
    if (params.get("doc")) { setDocument(params.get("doc"), true); }
    var years = /^(\d{1,4})-(\d{1,4})$/.exec(params.get("years") || "");
    if (years) { setYears(Number(years[1]), Number(years[2]), true); }
    if (params.get("hide")) { setHiddenKinds(params.get("hide").split(",")); }
  }

  // -- saving the view -----------------------------------------------------------------
  function xml(text) {
    return String(text).replace(/[<>&"']/g, function (c) {
      return { "<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&apos;" }[c];
    }).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
  }

  var SVG_LABELS = 60;

  function colour(node) {
    var c = node.color;
    return typeof c === "string" ? c : (c && c.background) || "#9aa0a6";
  }

  // The nodes and edges drawn now (hidden ones left out) at their positions, labels as
  // the canvas shows them, in a viewBox around them: a vector copy for papers and slides.
  function exportSVG() {
    var positions = cg.network.getPositions();
    var shown = cg.nodes.get({ filter: function (n) { return !n.hidden; } });
    var visible = {};
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    shown.forEach(function (n) {
      var p = positions[n.id], r = n.size || 6;
      visible[n.id] = true;
      box = [Math.min(box[0], p.x - r), Math.min(box[1], p.y - r),
        Math.max(box[2], p.x + r), Math.max(box[3], p.y + r)];
    });
    if (!shown.length) { box = [0, 0, 100, 100]; }
    var pad = 40, lines = [], circles = [], labels = [];
    // Labels for the biggest nodes, as many as the overview names: a vector copy of
    // thousands of overlapping labels would be unreadable.
    var labelled = {};
    shown.slice().sort(function (a, b) { return (b.size || 0) - (a.size || 0) || a.id - b.id; })
      .slice(0, SVG_LABELS).forEach(function (n) { labelled[n.id] = true; });
    cg.edges.forEach(function (e) {
      if (!visible[e.from] || !visible[e.to]) { return; }
      var a = positions[e.from], b = positions[e.to];
      lines.push("<line x1=\"" + a.x.toFixed(1) + "\" y1=\"" + a.y.toFixed(1) + "\" x2=\"" +
        b.x.toFixed(1) + "\" y2=\"" + b.y.toFixed(1) + "\" stroke-width=\"" +
        (e.width || 1) + "\"/>");
    });
    shown.forEach(function (n) {
      var p = positions[n.id], r = n.size || 6;
      circles.push("<circle cx=\"" + p.x.toFixed(1) + "\" cy=\"" + p.y.toFixed(1) + "\" r=\"" +
        r + "\" fill=\"" + xml(colour(n)) + "\"><title>" + xml(info[n.id].label) +
        "</title></circle>");
      var font = Math.max(10, Math.round(r * 0.9));
      if (labelled[n.id]) {
        labels.push("<text x=\"" + p.x.toFixed(1) + "\" y=\"" + (p.y + r + font).toFixed(1) +
          "\" font-size=\"" + font + "\">" + xml(cg.shorten(info[n.id].label, 40)) + "</text>");
      }
    });
    var w = box[2] - box[0] + 2 * pad, h = box[3] - box[1] + 2 * pad;
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"" + (box[0] - pad).toFixed(1) + " " +
      (box[1] - pad).toFixed(1) + " " + w.toFixed(1) + " " + h.toFixed(1) + "\" width=\"" +
      Math.round(w) + "\" height=\"" + Math.round(h) + "\">\n<title>" + xml(document.title) +
      " \u2014 " + xml(cg.lensName()) + "</title>\n" +
      "<g stroke=\"#b9bec5\">" + lines.join("") + "</g>\n" +
      "<g stroke=\"#555\" stroke-width=\"0.5\">" + circles.join("") + "</g>\n" +
      "<g font-family=\"sans-serif\" fill=\"#222\" text-anchor=\"middle\">" + labels.join("") +
      "</g>\n</svg>\n";
  }

  function exportPNG() {
    return document.querySelector("#cg-network canvas").toDataURL("image/png");
  }

  function fileName(suffix) {
    return "claimgraph-" + cg.lensName() + suffix;
  }

  // A download needs no network: a blob: URL for the SVG, the canvas's data: URL for PNG.
  function download(href, name) {
    var link = el("a");
    link.href = href;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    return link;
  }

  document.getElementById("cg-save-svg").addEventListener("click", function () {
    var url = URL.createObjectURL(new Blob([exportSVG()], { type: "image/svg+xml" }));
    download(url, fileName(".svg"));
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  });
  document.getElementById("cg-save-png").addEventListener("click", function () {
    download(exportPNG(), fileName(".png"));
  });

  applyState();
  ["lens", "details", "kinds"].forEach(function (name) { cg.on(name, saveState); });
  window.addEventListener("hashchange", applyState);
  saveState();

  cg.tools = { exportSVG: exportSVG, exportPNG: exportPNG, setYears: setYears,
    setDocument: setDocument, setHiddenKinds: setHiddenKinds, yearRange: [first, last] };
})();
