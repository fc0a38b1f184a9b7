// claimgraph network page, part 4: labels, readable at every zoom. vis-network draws each
// label at its node's scale, so zoomed out they were specks or, in a dense core, a smear of
// overlapping names. The page draws them itself after each frame, in screen space at a
// fixed size: the selected nodes first, then every node of the lens from the largest down,
// each label under its node, or above, right or left of it, only where it overlaps no label
// already drawn. The most central nodes (the
// largest) therefore always carry a readable name at the overview, and zooming in makes
// room for more. vis-network's nodes carry no label at all, which also spares it measuring
// thousands of texts before the first frame.
(function () {
  "use strict";
  var cg = window.claimgraph;
  var network = cg.network;
  var CENTRAL = 25;  // the largest nodes of a lens, drawn in bold
  var BOLD = 13, PLAIN = 11, PAD = 2, CHARS = 32;
  var MOST = 300;  // labels per frame at most, so a frame stays cheap when zoomed out
  var CELL = 64;  // pixels per cell of the grid that finds overlapping labels quickly
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var ranked = {};  // lens name -> node ids, largest first
  var widths = {};  // "id size" -> measured label width in pixels
  var texts = {};  // id -> the label as drawn

  function order() {
    var name = cg.lensName();
    if (!ranked[name]) {
      ranked[name] = cg.drawing().nodes.slice().sort(function (a, b) {
        return b[3] - a[3] || a[0] - b[0];
      }).map(function (row) { return row[0]; });
    }
    return ranked[name];
  }

  function labelOf(id) {
    if (texts[id] === undefined) {
      texts[id] = cg.shorten(cg.info[id].label.replace(/\s+/g, " ").trim(), CHARS);
    }
    return texts[id];
  }

  network.on("afterDrawing", function (ctx) {
    var nodes = network.body.nodes, scale = network.getScale();
    var ratio = (network.canvas && network.canvas.pixelRatio) || window.devicePixelRatio || 1;
    var width = ctx.canvas.width / ratio, height = ctx.canvas.height / ratio;
    var grid = {}, drawn = 0, central = 0;
    var selected = network.getSelectedNodes();
    var ids = selected.length ? selected.concat(order()) : order();
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
    ctx.fillStyle = "#1f2933";

    function cells(box) {
      var out = [];
      for (var gx = Math.floor(box[0] / CELL); gx <= Math.floor(box[2] / CELL); gx++) {
        for (var gy = Math.floor(box[1] / CELL); gy <= Math.floor(box[3] / CELL); gy++) {
          out.push(gx + "," + gy);
        }
      }
      return out;
    }

    function free(box) {
      return cells(box).every(function (key) {
        return !(grid[key] || []).some(function (o) {
          return box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3];
        });
      });
    }

    // Where a label of half-width `half` can go: under its node, else above, right or left;
    // [x, y, box] of the first free spot, or null.
    function place(at, radius, half, pixels) {
      var spots = [[at.x, at.y + radius + 2], [at.x, at.y - radius - 2 - pixels],
        [at.x + radius + 4 + half, at.y - pixels / 2], [at.x - radius - 4 - half, at.y - pixels / 2]];
      for (var n = 0; n < spots.length; n++) {
        var x = spots[n][0], y = spots[n][1];
        var box = [x - half - PAD, y - PAD, x + half + PAD, y + pixels + PAD];
        if (free(box)) { return [x, y, box]; }
      }
      return null;
    }

    for (var k = 0; k < ids.length && drawn < MOST; k++) {
      var id = ids[k], node = nodes[id];
      if (!node || node.options.hidden || (k >= selected.length && selected.indexOf(id) !== -1)) {
        continue;
      }
      var at = network.canvasToDOM({ x: node.x, y: node.y });
      if (at.x < -200 || at.x > width + 200 || at.y < -20 || at.y > height) { continue; }
      var bold = k < selected.length || k - selected.length < CENTRAL;
      var pixels = bold ? BOLD : PLAIN;
      var text = labelOf(id);
      if (!text) { continue; }
      var radius = node.options.size * scale;
      var half = text.length * pixels * 0.3;  // a guess first: most labels fail on overlap
      var spot = place(at, radius, half, pixels);
      if (!spot) { continue; }
      ctx.font = (bold ? "600 " : "") + pixels + "px " + FONT;
      var key = id + " " + pixels;
      if (widths[key] === undefined) { widths[key] = ctx.measureText(text).width; }
      spot = place(at, radius, widths[key] / 2, pixels);
      if (!spot) { continue; }
      ctx.strokeText(text, spot[0], spot[1]);
      ctx.fillText(text, spot[0], spot[1]);
      cells(spot[2]).forEach(function (cell) { (grid[cell] = grid[cell] || []).push(spot[2]); });
      drawn += 1;
      if (bold) { central += 1; }
    }
    ctx.restore();
    document.body.dataset.labelsDrawn = String(drawn);
    document.body.dataset.centralLabels = String(central);
  });
})();
