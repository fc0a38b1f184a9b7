// claimgraph network page, part 4: labels readable at the overview. Zoomed out, vis-network
// leaves out every label smaller than its draw threshold, so the overview was an unlabelled
// cloud. After each frame the labels of the lens's most central nodes (chosen in Python,
// largest first) are drawn again in screen space at a fixed size, each only where it
// overlaps no label drawn before it, and only while vis-network does not draw it itself.
(function () {
  "use strict";
  var cg = window.claimgraph;
  var network = cg.network;
  var PIXELS = 13, PAD = 2;
  var THRESHOLD = 7;  // vis-network's scaling.label.drawThreshold in page_style.py
  var SMALLEST_FONT = 10;

  function overlaps(box, taken) {
    return taken.some(function (other) {
      return box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3];
    });
  }

  network.on("afterDrawing", function (ctx) {
    var central = cg.drawing().central || [];
    if (!central.length) { return; }
    var scale = network.getScale();
    var ratio = (network.canvas && network.canvas.pixelRatio) || window.devicePixelRatio || 1;
    var width = ctx.canvas.width / ratio, height = ctx.canvas.height / ratio;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = "600 " + PIXELS + "px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
    ctx.fillStyle = "#1f2933";
    var taken = [], drawn = 0;
    central.forEach(function (id) {
      var node = network.body.nodes[id];
      if (!node || node.options.hidden) { return; }
      var font = (node.options.font && node.options.font.size) || SMALLEST_FONT;
      if (font * scale >= THRESHOLD) { return; }  // vis-network draws this one
      var text = node.options.label;
      if (!text || !text.trim()) { return; }
      var at = network.canvasToDOM({ x: node.x, y: node.y });
      var top = at.y + node.options.size * scale + 2;
      var half = ctx.measureText(text).width / 2;
      var box = [at.x - half - PAD, top - PAD, at.x + half + PAD, top + PIXELS + PAD];
      if (box[2] < 0 || box[0] > width || box[3] < 0 || box[1] > height || overlaps(box, taken)) {
        return;
      }
      ctx.strokeText(text, at.x, top);
      ctx.fillText(text, at.x, top);
      taken.push(box);
      drawn += 1;
    });
    ctx.restore();
    document.body.dataset.overviewLabels = String(drawn);
  });
})();
