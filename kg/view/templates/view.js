// kg views: draws the network from the page's JSON and wires hover, click and the controls.
// Every string that came from an article is put into the page with textContent, never as HTML,
// and vis-network gets no `title` at all, so its own tooltip (which some versions parse as HTML)
// never shows article text.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var container = document.getElementById("kg-network");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var clusters = {};
  (data.clusters || []).forEach(function (c) { clusters[c.nodeId] = c; });

  // Read by the browser tests, and handy from the console.
  var state = { network: network, nodes: nodes, edges: edges, drawn: false,
                stabilized: !data.physics, collapsed: false };
  window.kgView = state;
  network.once("afterDrawing", function () { state.drawn = true; });

  // vis-network fits the nodes only; leave room above them for the column captions.
  function fitAll() {
    network.fit();
    if (data.columns && data.columns.length) {
      // Captions sit 55 canvas px above the top row and are ~20 screen px tall.
      var height = container.clientHeight || 1;
      var fitted = network.getScale();
      var room = Math.min(24 + 55 * fitted, height / 3);
      var scale = fitted * (height - room) / height;
      var centre = network.getViewPosition();
      network.moveTo({ scale: scale, position: { x: centre.x, y: centre.y - room / 2 / scale } });
    }
  }
  state.fit = fitAll;
  if (!data.physics) { fitAll(); }

  // ---- column captions, drawn on the canvas so they pan and zoom with the chain
  if (data.columns && data.columns.length) {
    network.on("afterDrawing", function (ctx) {
      // Counter the zoom so captions stay legible when a big chain is zoomed out to fit.
      var size = 15 / Math.min(1, Math.max(network.getScale(), 0.02));
      ctx.save();
      ctx.font = "600 " + size + "px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
      ctx.fillStyle = "#57606a";
      ctx.textAlign = "center";
      ctx.textBaseline = "bottom";
      data.columns.forEach(function (c) { ctx.fillText(c.label, c.x, c.y + 20); });
      ctx.restore();
    });
  }

  // ---- layout by physics only when Python did not precompute one; frozen once stable
  if (data.physics) {
    var progress = document.getElementById("kg-progress");
    var progressValue = document.getElementById("kg-progress-value");
    progress.hidden = false;
    network.on("stabilizationProgress", function (p) {
      progressValue.textContent = Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      progress.hidden = true;
      state.stabilized = true;
      network.fit();
    });
  }

  // ---- details, built as DOM nodes from plain strings
  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text !== undefined && text !== null) { el.textContent = String(text); }
    return el;
  }

  function clip(text, limit) {
    return text.length > limit ? text.slice(0, limit - 1) + "…" : text;
  }

  function fillInfo(target, info, full) {
    target.replaceChildren();
    if (!info) { return; }
    target.appendChild(element("div", "kg-info-title", info.title));
    if (info.kind) { target.appendChild(element("div", "kg-info-kind", info.kind)); }
    if (info.rows && info.rows.length) {
      var dl = element("dl");
      info.rows.forEach(function (row) {
        dl.appendChild(element("dt", null, row[0]));
        dl.appendChild(element("dd", null, row[1]));
      });
      target.appendChild(dl);
    }
    if (info.text) {
      target.appendChild(element("blockquote", "kg-info-text", full ? info.text : clip(info.text, 420)));
    }
    if (!full && info.hint) { target.appendChild(element("div", "kg-info-hint", info.hint)); }
  }

  // network.isCluster logs a console error for an id that no longer exists (an opened cluster).
  function isCluster(id) { return id in network.body.nodes && network.isCluster(id); }

  function nodeRecord(id) {
    if (isCluster(id)) { return clusters[id] ? { info: clusters[id].info, cluster: true } : null; }
    return nodes.get(id);
  }

  function edgeRecord(id) {
    var edge = edges.get(id);
    if (edge) { return edge; }
    // An edge vis-network made while clustering stands for one or more of ours.
    var base = network.getBaseEdges(id);
    return base && base.length ? edges.get(base[0]) : null;
  }

  // ---- hover tooltip, following the pointer
  var tip = document.getElementById("kg-tip");
  var pointer = { x: 0, y: 0 };
  container.addEventListener("pointermove", function (event) {
    pointer.x = event.clientX;
    pointer.y = event.clientY;
    if (!tip.hidden) { placeTip(); }
  });

  function placeTip() {
    var margin = 14;
    var x = pointer.x + margin;
    var y = pointer.y + margin;
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;
    if (x + width > window.innerWidth - 4) { x = Math.max(4, pointer.x - width - margin); }
    if (y + height > window.innerHeight - 4) { y = Math.max(4, pointer.y - height - margin); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  function showTip(record) {
    if (!record || !record.info) { return; }
    var box = element("div", "kg-info");
    fillInfo(box, record.info, false);
    tip.replaceChildren(box);
    tip.hidden = false;
    placeTip();
  }

  function hideTip() { tip.hidden = true; }

  network.on("hoverNode", function (p) { showTip(nodeRecord(p.node)); });
  network.on("hoverEdge", function (p) { showTip(edgeRecord(p.edge)); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  container.addEventListener("pointerleave", hideTip);

  // ---- side panel: details of what was clicked, and the article text with its marks
  var panel = document.getElementById("kg-panel");
  var panelInfo = document.getElementById("kg-panel-info");
  var sections = Array.prototype.slice.call(document.querySelectorAll(".kg-article"));
  var closeButton = document.getElementById("kg-panel-close");
  var articlePage = data.mode === "article";

  function showArticle(index, markId) {
    sections.forEach(function (section) {
      section.hidden = section.id !== "kg-article-" + index;
    });
    var section = document.getElementById("kg-article-" + index);
    if (!section) { return; }
    section.querySelectorAll("mark.kg-current").forEach(function (m) { m.classList.remove("kg-current"); });
    var mark = markId ? document.getElementById(markId) : section.querySelector("mark");
    if (mark) {
      if (markId) { mark.classList.add("kg-current"); }
      mark.scrollIntoView({ block: "center" });
    }
  }

  // The panel takes width from the canvas: tell vis-network at once (its own check runs once a second).
  // A small graph is refitted, so the whole chain stays in view beside the text; in a big one the reader
  // has zoomed somewhere, so keep the zoom and only bring the clicked node back into view if it left it.
  function resized(focusId) {
    network.setSize("100%", "100%");
    if (nodes.length <= 300) { fitAll(); return; }
    if (focusId !== undefined && focusId in network.body.nodes) {
      var p = network.canvasToDOM(network.getPositions([focusId])[focusId]);
      if (p.x < 0 || p.y < 0 || p.x > container.clientWidth || p.y > container.clientHeight) {
        network.moveTo({ position: network.getPositions([focusId])[focusId] });
      }
    }
    network.redraw();
  }

  function openPanel(record, focusId) {
    hideTip();
    fillInfo(panelInfo, record.info, true);
    var wasHidden = panel.hidden;
    panel.hidden = false;
    if (wasHidden) { resized(focusId); }
    var article = record.article;
    if (article !== undefined && article !== null) {
      showArticle(article, record.mark);
    } else if (!articlePage) {
      sections.forEach(function (section) { section.hidden = true; });
    }
  }

  network.on("click", function (p) {
    var record = null;
    // A collapsed chain opens on double-click; a panel opening on the first click would move it away.
    if (p.nodes.length && isCluster(p.nodes[0])) { return; }
    var focusId;
    if (p.nodes.length) {
      focusId = p.nodes[0];
      record = nodeRecord(focusId);
    } else if (p.edges.length) {
      record = edgeRecord(p.edges[0]);
      focusId = record ? record.to : undefined;
    }
    if (record) { openPanel(record, focusId); }
  });
  if (closeButton) {
    closeButton.addEventListener("click", function () {
      panel.hidden = true;
      network.unselectAll();
      resized();
    });
  }
  if (data.openArticle !== null && data.openArticle !== undefined) { showArticle(data.openArticle, null); }

  // ---- controls
  var fit = document.getElementById("kg-fit");
  if (fit) { fit.addEventListener("click", fitAll); }

  // vis-network rebuilds its edge and node indices after each cluster change (O(n) each, so
  // 14 s for 136 chains in 2,000 nodes); pass refreshData=false and rebuild once at the end.
  function refreshClusters() { network.body.emitter.emit("_dataChanged"); }

  function collapse() {
    (data.clusters || []).forEach(function (c) {
      network.cluster({
        joinCondition: function (options) { return options.cluster === c.id; },
        clusterNodeProperties: {
          id: c.nodeId, label: c.label, shape: "dot", value: Math.max(c.claims, 1),
          borderWidth: c.single ? 4 : 2,
          color: { background: "#d55e00", border: c.single ? "#c62828" : "#1f2328",
                   highlight: { background: "#d55e00", border: "#1f2328" } },
          font: { size: 16, color: "#1f2328", strokeWidth: 4, strokeColor: "#ffffff" }
        }
      }, false);
    });
    refreshClusters();
    state.collapsed = true;
  }

  function expand() {
    (data.clusters || []).forEach(function (c) {
      if (isCluster(c.nodeId)) { network.openCluster(c.nodeId, undefined, false); }
    });
    refreshClusters();
    state.collapsed = false;
  }

  var toggle = document.getElementById("kg-collapse");
  if (toggle) {
    toggle.setAttribute("aria-pressed", "false");
    toggle.addEventListener("click", function () {
      if (state.collapsed) { expand(); } else { collapse(); }
      toggle.setAttribute("aria-pressed", String(state.collapsed));
      toggle.textContent = state.collapsed ? "Expand copy chains" : "Collapse copy chains";
    });
  }
  network.on("doubleClick", function (p) {
    if (p.nodes.length && isCluster(p.nodes[0])) {
      hideTip();
      network.openCluster(p.nodes[0]);
      state.collapsed = (data.clusters || []).some(function (c) { return isCluster(c.nodeId); });
      if (toggle && !state.collapsed) {
        toggle.setAttribute("aria-pressed", "false");
        toggle.textContent = "Collapse copy chains";
      }
    }
  });
  state.collapse = collapse;
  state.expand = expand;
})();
