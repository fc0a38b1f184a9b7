// claimgraph network page, part 5: the state in the address's fragment, so a shared link
// (and a reader's link to a node) reopens the same lens and node:
//   #lens=people&node=<encodeURIComponent(IRI)>&...
// The lens is read by network.js before the first frame; the node here, once the panel
// exists. Changes are written back with history.replaceState, leaving other keys (filters
// that other scripts keep there) as they are.
(function () {
  "use strict";
  var cg = window.claimgraph;
  var byIri = {};
  cg.info.forEach(function (item, id) { byIri[item.iri] = id; });

  function readFragment() {
    return new URLSearchParams(location.hash.replace(/^#/, ""));
  }

  // Set (or, with null or "", remove) keys of the fragment, keeping the others.
  function writeFragment(changes) {
    var params = readFragment();
    Object.keys(changes).forEach(function (key) {
      var value = changes[key];
      if (value === null || value === undefined || value === "") { params.delete(key); }
      else { params.set(key, String(value)); }
    });
    var text = params.toString();
    var address = location.href.replace(/#.*$/, "") + (text ? "#" + text : "");
    try {
      history.replaceState(history.state, "", address);
    } catch (err) {  // a browser that refuses it for file: pages still keeps the view working
      document.body.dataset.fragmentError = String(err);
    }
  }

  // Open the lens and node the fragment names (a node the lens does not draw: its details).
  function applyFragment() {
    var params = readFragment();
    var name = params.get("lens");
    if (name && cg.lensNames.indexOf(name) !== -1 && name !== cg.lensName()) { cg.setLens(name); }
    var id = byIri[params.get("node")];
    if (id !== undefined) { cg.focusNode(id); return true; }
    return false;
  }

  if (!applyFragment() && cg.data.focus !== null && cg.data.focus !== undefined) {
    // A focused view opens on its person, selected and detailed.
    cg.network.selectNodes([cg.data.focus]);
    cg.showDetails(cg.data.focus);
  }

  window.addEventListener("hashchange", applyFragment);
  cg.on("lens", function (name) { writeFragment({ lens: name }); });
  cg.on("details", function (id) { writeFragment({ node: id === null ? null : cg.info[id].iri }); });

  cg.nodeByIri = function (iri) { return byIri[iri]; };
  cg.readFragment = readFragment;
  cg.writeFragment = writeFragment;
})();
