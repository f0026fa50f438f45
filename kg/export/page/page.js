// The interactive page: draws a readable part of the graph with Cytoscape.js, grows it on
// demand, filters it by issue and date, and shows the evidence of a clicked edge. Every text
// from the data goes into the page with textContent (never innerHTML), so a label or quote can
// only ever be text.
//
// What is drawn: never more than data.limits.nodes nodes and data.limits.edges edges when the
// page opens or a filter changes. It starts from a chosen node (the "Start from" box, the
// address's #focus=, the issue filter, or `kg export --focus`) and its busiest neighbours; else
// from the busiest node and, around it, the busiest nodes next to what is drawn. A click on a
// node draws its hidden neighbours; "Show more" draws more around what is drawn.
(function () {
  "use strict";

  const started = performance.now();
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const body = document.body;
  const details = document.getElementById("details");
  const status = document.getElementById("status");
  const controls = {
    form: document.getElementById("filters"),
    issue: document.getElementById("issue"),
    asof: document.getElementById("asof"),
    undated: document.getElementById("undated"),
    superseded: document.getElementById("superseded"),
    reset: document.getElementById("reset"),
    search: document.getElementById("search"),
    names: document.getElementById("names"),
    more: document.getElementById("more"),
  };
  const limits = data.limits;

  // -- Small DOM helpers ------------------------------------------------------------------

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function definitions(pairs) {
    const list = el("dl");
    for (const [term, value] of pairs) {
      if (value === "" || value === undefined || value === null) continue;
      list.append(el("dt", term), el("dd", value));
    }
    return list;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  // -- The data, unpacked (kg/export/packed.py) ---------------------------------------------

  // A packed table as a list of records: text columns hold numbers into data.strings, and a
  // column named in "same" repeats another.
  function records(table) {
    const texts = new Set(table.text);
    const names = Object.keys(table.columns);
    const rows = [];
    for (let i = 0; i < table.count; i++) {
      const row = {};
      for (const name of names) {
        const value = table.columns[name][i];
        row[name] = texts.has(name) ? data.strings[value] : value;
      }
      for (const [name, twin] of Object.entries(table.same)) row[name] = row[twin];
      rows.push(row);
    }
    return rows;
  }

  const nodes = records(data.nodes);
  const edges = records(data.edges);
  const statements = records(data.statements);
  const sources = records(data.sources);
  const nodeIndex = new Map(nodes.map((node, i) => [node.id, i]));
  const kindLook = new Map(data.legend.nodes.map(([kind, shape, colour]) => [kind, [shape, colour]]));
  const incident = nodes.map(() => []); // node -> the edges that meet it
  edges.forEach(function (edge, i) {
    // An edge id the export left out is its IRI in <>, for a joint position with its holder.
    if (edge.id === "") edge.id = `<${edge.iri}>`;
    else if (edge.id === "+") edge.id = `<${edge.iri}> (${nodes[edge.source].id})`;
    if (data.filters) {
      const named = new Set();
      for (const [statement] of edge.evidence) {
        for (const source of statements[statement].sources) named.add(sources[source].label);
      }
      edge.sources = Array.from(named).sort().join("; ");
    }
    incident[edge.source].push(i);
    if (edge.target !== edge.source) incident[edge.target].push(i);
  });
  const edgeIndex = new Map(edges.map((edge, i) => [edge.id, i]));

  function other(edge, node) {
    return edge.source === node ? edge.target : edge.source;
  }

  // -- Filters (stances view) -------------------------------------------------------------

  // Superseded as of a day: a later position is known by then (or its day is unknown).
  function supersededAsOf(edge, asOf) {
    if (!edge.superseded) return false;
    if (!asOf) return true;
    return (edge.laterSince || []).some((day) => day === "" || day <= asOf);
  }

  function edgeVisible(edge, f) {
    if (f.issue && nodes[edge.target].id !== f.issue) return false;
    const since = edge.since || "";
    const until = edge.until || "";
    if (!since && !f.undated) return false;
    if (f.asOf && since && since > f.asOf) return false;
    if (f.asOf && until && until < f.asOf) return false;
    if (!f.superseded && supersededAsOf(edge, f.asOf)) return false;
    return true;
  }

  function currentFilters() {
    if (!data.filters) return { issue: "", asOf: "", undated: true, superseded: true };
    return {
      issue: controls.issue.value,
      asOf: controls.asof.value,
      undated: controls.undated.checked,
      superseded: controls.superseded.checked,
    };
  }

  function filtering(f) {
    return Boolean(f.issue || f.asOf || !f.undated || !f.superseded);
  }

  // -- What is drawn ----------------------------------------------------------------------

  const state = {
    filters: currentFilters(),
    focus: -1, // the node the drawing starts from, or -1
    passes: new Uint8Array(edges.length), // 1: the edge passes the filters
    degree: new Int32Array(nodes.length), // edges that pass, per node
    shown: new Set(), // the nodes drawn (before the filters hide the unconnected)
    selected: null, // { kind: "node" | "edge", id }
  };

  function computePasses() {
    const f = state.filters;
    state.degree.fill(0);
    edges.forEach(function (edge, i) {
      const passes = edgeVisible(edge, f);
      state.passes[i] = passes ? 1 : 0;
      if (passes) {
        state.degree[edge.source]++;
        if (edge.target !== edge.source) state.degree[edge.target]++;
      }
    });
  }

  // Busiest first; then by label and id, so the same data always draws the same.
  function busier(a, b) {
    if (state.degree[a] !== state.degree[b]) return state.degree[b] - state.degree[a];
    const la = nodes[a].label || "";
    const lb = nodes[b].label || "";
    if (la !== lb) return la < lb ? -1 : 1;
    return nodes[a].id < nodes[b].id ? -1 : nodes[a].id > nodes[b].id ? 1 : 0;
  }

  // The hidden neighbours of `node` over edges that pass, busiest first.
  function hiddenNeighbours(node) {
    const found = new Set();
    for (const i of incident[node]) {
      if (!state.passes[i]) continue;
      const next = other(edges[i], node);
      if (!state.shown.has(next)) found.add(next);
    }
    return Array.from(found).sort(busier);
  }

  // Edges that pass between `node` and the nodes drawn (itself included).
  function edgesToShown(node) {
    let count = 0;
    for (const i of incident[node]) {
      if (state.passes[i] && (state.shown.has(other(edges[i], node)) || other(edges[i], node) === node)) count++;
    }
    return count;
  }

  // Add nodes from `candidates` (a function giving the next one, or -1) while the drawing
  // stays within `maxNodes` nodes and `maxEdges` edges (no edge limit when null).
  function grow(next, maxNodes, maxEdges) {
    let drawnEdges = countDrawnEdges();
    let added = 0;
    while (state.shown.size < maxNodes) {
      const node = next();
      if (node < 0) break;
      const more = edgesToShown(node);
      if (maxEdges !== null && drawnEdges + more > maxEdges) break;
      state.shown.add(node);
      drawnEdges += more;
      added++;
    }
    return added;
  }

  function countDrawnEdges() {
    let count = 0;
    edges.forEach(function (edge, i) {
      if (state.passes[i] && state.shown.has(edge.source) && state.shown.has(edge.target)) count++;
    });
    return count;
  }

  // The busiest node next to what is drawn (or, when nothing is next to it, the busiest node
  // not drawn that has an edge): -1 when none is left.
  function nextAround() {
    let best = -1;
    for (const node of state.shown) {
      for (const i of incident[node]) {
        if (!state.passes[i]) continue;
        const next = other(edges[i], node);
        if (!state.shown.has(next) && (best < 0 || busier(next, best) < 0)) best = next;
      }
    }
    if (best >= 0) return best;
    for (let node = 0; node < nodes.length; node++) {
      if (!state.shown.has(node) && state.degree[node] > 0 && (best < 0 || busier(node, best) < 0)) best = node;
    }
    return best;
  }

  // The start: everything when it fits; else the focus and its busiest neighbours; else the
  // busiest node and the busiest around it.
  function start() {
    computePasses();
    state.shown = new Set();
    const f = state.filters;
    const pool = [];
    let passing = 0;
    for (let i = 0; i < edges.length; i++) passing += state.passes[i];
    for (let node = 0; node < nodes.length; node++) {
      if (!filtering(f) || state.degree[node] > 0 || node === state.focus) pool.push(node);
    }
    if (pool.length <= limits.nodes && passing <= limits.edges) {
      state.shown = new Set(pool);
      return;
    }
    if (state.focus >= 0) {
      state.shown.add(state.focus);
      const around = hiddenNeighbours(state.focus);
      let at = 0;
      grow(() => (at < around.length ? around[at++] : -1), limits.nodes, limits.edges);
      return;
    }
    const first = pool.filter((node) => state.degree[node] > 0).sort(busier)[0];
    if (first === undefined) return;
    state.shown.add(first);
    grow(nextAround, limits.nodes, limits.edges);
  }

  // -- The graph --------------------------------------------------------------------------

  // Later rules win: the base look, then what one view adds, then selection.
  const style = [
    {
      selector: "node",
      style: {
        label: "data(label)",
        shape: "data(shape)",
        "background-color": "data(colour)",
        "border-width": 1,
        "border-color": "#333333",
        width: 30,
        height: 30,
        "font-size": 11,
        "text-wrap": "wrap",
        "text-max-width": 150,
        "text-valign": "bottom",
        "text-margin-y": 4,
        color: "#111111",
      },
    },
    { selector: 'node[group = "actor"]', style: { width: 34, height: 34, "font-weight": "bold" } },
    { selector: "node.more", style: { "border-width": 3, "border-style": "double" } },
    {
      selector: "edge",
      style: {
        "curve-style": "bezier",
        "target-arrow-shape": "triangle",
        "line-color": "data(colour)",
        "target-arrow-color": "data(colour)",
        width: 2.5,
      },
    },
    {
      // Edge labels only when few edges are drawn (limits.labels): else the colour and the
      // legend tell the stance, and a click the rest.
      selector: "edge.labelled",
      style: {
        label: "data(label)",
        "font-size": 10,
        color: "data(colour)",
        "text-rotation": "autorotate",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": 2,
      },
    },
  ];
  if (data.layout === "columns") {
    style.push(
      { selector: 'node[group = "actor"]', style: { "text-halign": "left", "text-valign": "center",
        "text-margin-x": -8, "text-margin-y": 0, "font-size": 14 } },
      { selector: 'node[group != "actor"]', style: { "text-halign": "right", "text-valign": "center",
        "text-margin-x": 8, "text-margin-y": 0, "text-max-width": 260, "font-size": 12 } },
      // Thicker edges for positions with more evidence.
      { selector: "edge", style: { width: "mapData(evidenceCount, 1, 4, 2.5, 7)" } },
    );
  }
  style.push(
    { selector: "edge.superseded", style: { "line-style": "dashed", opacity: 0.6 } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#000000" } },
    { selector: "edge:selected", style: { width: 8 } },
  );

  if (data.filters) controls.form.hidden = false; // before drawing: it changes the room left

  const cy = cytoscape({
    container: document.getElementById("graph"),
    elements: [],
    style: style,
    layout: { name: "preset" },
    minZoom: 0.1,
    maxZoom: 4,
  });

  function nodeElement(node) {
    const record = nodes[node];
    const [shape, colour] = kindLook.get(record.kind) || ["ellipse", "#a0a0a0"];
    return { group: "nodes", data: Object.assign({}, record, { index: node, shape, colour }) };
  }

  function edgeElement(i) {
    const record = edges[i];
    const element = Object.assign({}, record, {
      index: i,
      source: nodes[record.source].id,
      target: nodes[record.target].id,
    });
    delete element.evidence;
    return { group: "edges", data: element };
  }

  let drawing = null; // { started, what } of a draw under way, for the timings
  const counts = { nodes: 0, edges: 0, hidden: 0 };

  // Draw what state.shown and the filters say; keep the selection when it is still drawn.
  function draw(what) {
    drawing = { started: performance.now(), what };
    const f = state.filters;
    const drawnEdges = [];
    edges.forEach(function (edge, i) {
      if (state.passes[i] && state.shown.has(edge.source) && state.shown.has(edge.target)) drawnEdges.push(i);
    });
    let drawnNodes = Array.from(state.shown);
    if (filtering(f)) {
      const touched = new Set();
      for (const i of drawnEdges) { touched.add(edges[i].source); touched.add(edges[i].target); }
      drawnNodes = drawnNodes.filter((node) => touched.has(node) || node === state.focus);
    }
    drawnNodes.sort((a, b) => a - b);
    cy.batch(function () {
      cy.elements().remove();
      cy.add(drawnNodes.map(nodeElement).concat(drawnEdges.map(edgeElement)));
      cy.edges().forEach((edge) => edge.toggleClass("superseded", supersededAsOf(edge.data(), f.asOf)));
      if (drawnEdges.length <= limits.labels) cy.edges().addClass("labelled");
      cy.nodes().forEach((node) => node.toggleClass("more", hiddenNeighbours(node.data("index")).length > 0));
    });
    const layout = data.layout === "columns"
      ? { name: "preset", positions: columns(), padding: 30, animate: false }
      : { name: "cose", animate: false, randomize: false, padding: 30, nodeRepulsion: 9000,
          idealEdgeLength: 80 };
    cy.layout(layout).run();
    cy.resize();
    cy.fit(cy.elements(), 30);
    if (state.selected) {
      const element = cy.getElementById(state.selected.id);
      if (element.nonempty()) element.select();
    }
    counts.nodes = drawnNodes.length;
    counts.edges = drawnEdges.length;
    writeStatus(drawnNodes.length, drawnEdges.length);
    writeHash();
  }

  function writeStatus(drawnNodes, drawnEdges) {
    const f = state.filters;
    let passing = 0;
    for (let i = 0; i < edges.length; i++) passing += state.passes[i];
    const what = data.filters ? "positions" : "edges";
    let text = `Showing ${drawnNodes} of ${nodes.length} nodes and ${drawnEdges} of ` +
      `${edges.length} ${what}`;
    if (f.asOf) text += ` as of ${f.asOf}`;
    text += ".";
    let hidden = 0;
    for (let node = 0; node < nodes.length; node++) {
      if (!state.shown.has(node) && state.degree[node] > 0) hidden++;
    }
    counts.hidden = hidden;
    if (hidden > 0) {
      const filtered = filtering(f) ? `, of ${passing} ${what} that pass the filters` : "";
      text += ` ${hidden} more nodes with ${what} are not drawn${filtered}: click a node ` +
        "to draw its neighbours, or Show more.";
    }
    status.textContent = text;
    controls.more.hidden = hidden === 0;
    controls.more.textContent = `Show ${Math.min(limits.grow, hidden)} more`;
  }

  // The page reports on <body> what it drew, once Cytoscape has drawn it, and how long the
  // first draw and the last change took (from the page's start, or from the change).
  function markRendered() {
    body.setAttribute("data-rendered-nodes", String(counts.nodes));
    body.setAttribute("data-rendered-edges", String(counts.edges));
    body.setAttribute("data-hidden-nodes", String(counts.hidden));
    // Labels drawn: every node's, and each edge's when the edges carry labels.
    const labelled = cy.nodes().filter((n) => n.data("label")).length +
      cy.edges(".labelled").filter((e) => e.data("label")).length;
    body.setAttribute("data-rendered-labels", String(labelled));
    if (drawing) {
      const now = performance.now();
      if (!body.getAttribute("data-first-draw-ms")) {
        // From the start of the page's loading (performance.now()'s origin), parsing included.
        body.setAttribute("data-first-draw-ms", now.toFixed(1));
        body.setAttribute("data-script-ms", (now - started).toFixed(1));
      }
      body.setAttribute("data-last-draw-ms", (now - drawing.started).toFixed(1));
      body.setAttribute("data-last-draw", drawing.what);
      drawing = null;
    }
  }

  // Keep the address in step with the filters, the focus and the selection.
  function writeHash() {
    const f = state.filters;
    const params = new URLSearchParams();
    if (state.focus >= 0 && !(f.issue && nodes[state.focus].id === f.issue)) {
      params.set("focus", nodes[state.focus].id);
    }
    if (f.issue) params.set("issue", f.issue);
    if (f.asOf) params.set("asof", f.asOf);
    if (!f.undated) params.set("undated", "0");
    if (!f.superseded) params.set("superseded", "0");
    if (state.selected) params.set(state.selected.kind, state.selected.id);
    try {
      history.replaceState(null, "", "#" + params.toString());
    } catch (error) {
      // Some browsers refuse to touch the address of a local file; the page works without.
    }
  }

  // A new start: after a filter, a focus or a reset.
  function restart(what) {
    const began = performance.now();
    const before = state.filters.issue;
    state.filters = currentFilters();
    if (state.filters.issue) {
      const issue = nodeIndex.get(state.filters.issue);
      state.focus = issue === undefined ? -1 : issue;
    } else if (before && state.focus === nodeIndex.get(before)) {
      state.focus = -1; // the issue filter was the start; it is gone
    }
    start();
    draw(what);
    if (drawing) drawing.started = began; // the answer's time includes choosing what to draw
  }

  function fillChoices() {
    const issues = nodes.map((node, i) => i).filter((i) => nodes[i].group === "issue");
    issues.sort(function (a, b) {
      const ka = nodes[a].kind + "\u0000" + nodes[a].label;
      const kb = nodes[b].kind + "\u0000" + nodes[b].label;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    if (data.filters) {
      for (const i of issues) {
        const option = el("option", `${nodes[i].label} (${nodes[i].kind})`);
        option.value = nodes[i].id;
        controls.issue.append(option);
      }
    }
    const byLabel = nodes.map((node, i) => i).sort(busier);
    for (const i of byLabel) {
      const option = el("option", `${nodes[i].label} (${nodes[i].kind})`);
      option.value = nodes[i].id;
      controls.names.append(option);
    }
  }

  // The node a search names: its id, or its label (case aside), or the one label that
  // contains it.
  function findNode(text) {
    const wanted = text.trim();
    if (!wanted) return -1;
    if (nodeIndex.has(wanted)) return nodeIndex.get(wanted);
    const folded = wanted.toLowerCase();
    const exact = nodes.findIndex((node) => (node.label || "").toLowerCase() === folded);
    if (exact >= 0) return exact;
    const within = nodes.map((node, i) => i)
      .filter((i) => (nodes[i].label || "").toLowerCase().includes(folded));
    return within.length === 1 ? within[0] : -1;
  }

  // -- Details ----------------------------------------------------------------------------

  function showEvidence(evidence) {
    details.append(el("h3", `Evidence (${evidence.length})`));
    if (evidence.length === 0) details.append(el("p", "No statement evidences this position.", "hint"));
    for (const [number, quotes, wordings] of evidence) {
      const record = statements[number];
      const box = el("div", null, "evidence");
      for (const quote of quotes) box.append(el("blockquote", `\u201c${data.strings[quote]}\u201d`));
      for (const wording of wordings) {
        box.append(el("p", `As reported: \u201c${data.strings[wording]}\u201d`, "wording"));
      }
      let who = record.speaker;
      if (record.onBehalfOf && record.onBehalfOf !== record.speaker) who += `, for ${record.onBehalfOf}`;
      if (record.office) who += `, as ${record.office}`;
      box.append(el("p", who, "meta"));
      box.append(definitions([
        ["Date", record.date || "undated"],
        ["How dated", record.dateNote],
        ["Channel", record.channel],
        ["Relayed by", record.reportedBy],
      ]));
      for (const source of record.sources.map((s) => sources[s])) {
        const line = el("p", null, "meta");
        line.append(el("span", "Source: " + source.label));
        const extra = [source.publisher, source.date].filter(Boolean).join(", ");
        if (extra) line.append(el("span", ` (${extra})`));
        if (/^https?:\/\//i.test(source.url)) {
          line.append(document.createTextNode(" "));
          const link = el("a", source.url);
          link.href = source.url;
          link.rel = "noopener noreferrer";
          link.target = "_blank";
          line.append(link);
        }
        box.append(line);
      }
      details.append(box);
    }
  }

  function showEdge(i) {
    clear(details);
    const d = edges[i];
    // A joint position is one position of several holders: name them all.
    const from = d.holders || nodes[d.source].label;
    details.append(el("h2", `${from} \u2192 ${nodes[d.target].label}`));
    if (data.filters) {
      details.append(definitions([
        ["Stance", d.stanceLabel],
        ["Polarity", d.polarity],
        ["Condition", d.condition],
        ["Since", d.since || "unknown"],
        ["Until", d.until],
        ["Superseded", d.superseded ? `yes, by ${d.supersededBy}` : "no"],
        ["Sources", d.sources],
        ["Position", d.position],
      ]));
      showEvidence(d.evidence || []);
    } else {
      details.append(definitions(data.edgeFields.map((name) => [name, display(d[name])])));
    }
  }

  function showNode(node) {
    clear(details);
    const d = nodes[node];
    details.append(el("h2", d.label));
    details.append(definitions(data.nodeFields.map((name) => [name, display(d[name])])));
    const passing = incident[node].filter((i) => state.passes[i]);
    if (passing.length === 0) return;
    details.append(el("h3", `${data.filters ? "Positions" : "Edges"} (${passing.length})`));
    const list = el("ul");
    const listed = new Set(); // a joint position draws an edge per holder: one row for all
    let shown = 0;
    for (const i of passing) {
      const edge = edges[i];
      if (edge.position) {
        if (listed.has(edge.position)) continue;
        listed.add(edge.position);
      }
      if (shown === limits.listed) {
        list.append(el("li", `and ${passing.length - shown} more`, "hint"));
        break;
      }
      shown++;
      const item = el("li");
      const from = edge.holders || nodes[edge.source].label;
      const button = el("button", `${from} \u2014 ${edge.label} \u2014 ${nodes[edge.target].label}`);
      button.type = "button";
      button.addEventListener("click", function () { selectEdge(i); });
      item.append(button);
      list.append(item);
    }
    details.append(list);
  }

  function display(value) {
    if (value === true) return "yes";
    if (value === false) return "no";
    return value;
  }

  // A click on an edge, or on a position in a node's list: draw both ends if need be.
  function selectEdge(i) {
    const edge = edges[i];
    state.selected = { kind: "edge", id: edge.id };
    if (!state.shown.has(edge.source) || !state.shown.has(edge.target)) {
      state.shown.add(edge.source);
      state.shown.add(edge.target);
      draw("select");
    } else {
      cy.elements().unselect();
      cy.getElementById(edge.id).select();
      writeHash();
    }
    showEdge(i);
  }

  // A click on a node: select it, and draw up to limits.grow of its hidden neighbours.
  function selectNode(node) {
    state.selected = { kind: "node", id: nodes[node].id };
    const around = hiddenNeighbours(node);
    if (!state.shown.has(node) || around.length > 0) {
      state.shown.add(node);
      let at = 0;
      grow(() => (at < around.length ? around[at++] : -1), state.shown.size + limits.grow, null);
      draw("grow");
    } else {
      cy.elements().unselect();
      cy.getElementById(nodes[node].id).select();
      writeHash();
    }
    showNode(node);
  }

  // -- Legend -----------------------------------------------------------------------------

  // Each Cytoscape shape as a small SVG, so the legend draws exactly what the graph draws.
  const SVG = "http://www.w3.org/2000/svg";
  const SHAPES = {
    hexagon: ["polygon", { points: "4,1 12,1 16,8 12,15 4,15 0,8" }],
    ellipse: ["ellipse", { cx: 8, cy: 8, rx: 7, ry: 7 }],
    "round-rectangle": ["rect", { x: 1, y: 2, width: 14, height: 12, rx: 3 }],
    tag: ["polygon", { points: "1,2 11,2 15,8 11,14 1,14" }],
    diamond: ["polygon", { points: "8,0 16,8 8,16 0,8" }],
    rhomboid: ["polygon", { points: "4,2 16,2 12,14 0,14" }],
    rectangle: ["rect", { x: 1, y: 2, width: 14, height: 12 }],
    barrel: ["rect", { x: 2, y: 1, width: 12, height: 14, rx: 3, ry: 6 }],
    triangle: ["polygon", { points: "8,1 16,15 0,15" }],
  };

  function glyph(shape, colour) {
    const [tag, attributes] = SHAPES[shape] || SHAPES.ellipse;
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("class", "glyph");
    const figure = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) figure.setAttribute(name, String(value));
    figure.setAttribute("fill", colour);
    figure.setAttribute("stroke", "#333333");
    svg.append(figure);
    return svg;
  }

  function legend() {
    const box = document.getElementById("legend");
    if (!data.filters) {
      clear(details);
      details.append(el("p", "Click a node or an edge to see its attributes; a node " +
        "drawn with a double border has neighbours not drawn yet.", "hint"));
    }
    if (data.legend.edges.length === 0) {
      box.append(el("h3", "Kinds"));
      return kindLegend(box);
    }
    box.append(el("h3", data.filters ? "Stances" : "Edges"));
    const list = el("ul");
    for (const [label, colour] of data.legend.edges) {
      const item = el("li");
      const swatch = el("span", null, "swatch");
      swatch.style.background = colour;
      item.append(swatch, el("span", label));
      list.append(item);
    }
    if (data.filters) {
      const item = el("li");
      const swatch = el("span", null, "swatch dashed");
      item.append(swatch, el("span", "superseded position"));
      list.append(item);
    }
    box.append(list, el("h3", "Kinds"));
    kindLegend(box);
  }

  function kindLegend(box) {
    const kinds = el("ul");
    for (const [kind, shape, colour] of data.legend.nodes) {
      const item = el("li");
      item.append(glyph(shape, colour), el("span", kind));
      kinds.append(item);
    }
    const item = el("li");
    item.append(el("span", "\u25ce", "glyph"), el("span", "double border: more to draw"));
    kinds.append(item);
    box.append(kinds);
  }

  // -- Layout -----------------------------------------------------------------------------

  // Actors in a column on the left, issues on the right; each issue sits near the mean row of
  // its holders, so that few edges cross. Labels face outwards.
  function columns() {
    const byLabel = (a, b) => (a.data("label") < b.data("label") ? -1 : 1);
    const actors = cy.nodes('[group = "actor"]').sort(byLabel);
    const row = {};
    actors.forEach(function (node, i) { row[node.id()] = i; });
    const issues = cy.nodes('[group != "actor"]').map(function (node) {
      const rows = node.incomers("node").map((n) => row[n.id()]).filter((r) => r !== undefined);
      const mean = rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : actors.length;
      return { node: node, key: [mean, node.data("kind"), node.data("label")] };
    });
    issues.sort(function (a, b) {
      for (let i = 0; i < 3; i++) {
        if (a.key[i] < b.key[i]) return -1;
        if (a.key[i] > b.key[i]) return 1;
      }
      return 0;
    });
    // Rows at least 90 px apart for up to ten issues (44 px for more) and 38 px for actors;
    // the longer column sets the height and the other spreads over it.
    const issueGap = issues.length <= 10 ? 90 : 44;
    const height = Math.max((issues.length - 1) * issueGap, (actors.length - 1) * 38, 1);
    const at = (i, count) => (count > 1 ? (i * height) / (count - 1) : height / 2);
    const positions = {};
    issues.forEach(function (item, i) { positions[item.node.id()] = { x: 560, y: at(i, issues.length) }; });
    actors.forEach(function (node, i) { positions[node.id()] = { x: 0, y: at(i, actors.length) }; });
    return positions;
  }

  // -- Start ------------------------------------------------------------------------------

  // The page's state in its address:
  // #focus=ID&issue=ID&asof=YYYY-MM-DD&undated=0&superseded=0&edge=ID (or node=ID)
  function fromHash() {
    const params = new URLSearchParams(window.location.hash.slice(1));
    if (data.filters) {
      if (params.has("issue")) controls.issue.value = params.get("issue");
      if (params.has("asof")) controls.asof.value = params.get("asof");
      if (params.has("undated")) controls.undated.checked = params.get("undated") !== "0";
      if (params.has("superseded")) controls.superseded.checked = params.get("superseded") !== "0";
    }
    return params;
  }

  fillChoices();
  if (data.filters) {
    for (const input of [controls.issue, controls.asof, controls.undated, controls.superseded]) {
      input.addEventListener("change", () => restart("filter"));
    }
  }
  // Enter in the box would submit its form (and the policy forbids that): start from it.
  document.getElementById("find").addEventListener("submit", function (event) {
    event.preventDefault();
    controls.search.dispatchEvent(new Event("change"));
  });
  controls.search.addEventListener("change", function () {
    const node = findNode(controls.search.value);
    if (node < 0) {
      status.textContent = `Nothing is named \u201c${controls.search.value}\u201d: pick a name from the list.`;
      return;
    }
    if (data.filters && controls.issue.value && controls.issue.value !== nodes[node].id) {
      controls.issue.value = "";
    }
    state.focus = node;
    state.selected = { kind: "node", id: nodes[node].id };
    restart("focus");
    showNode(node);
  });
  controls.more.addEventListener("click", function () {
    grow(nextAround, state.shown.size + limits.grow, null);
    draw("more");
  });
  controls.reset.addEventListener("click", function () {
    controls.issue.value = "";
    controls.asof.value = "";
    controls.undated.checked = true;
    controls.superseded.checked = true;
    controls.search.value = "";
    state.focus = -1;
    state.selected = null;
    restart("reset");
  });
  legend();
  const params = fromHash();
  const wantedFocus = params.get("focus") || (data.focus >= 0 ? nodes[data.focus].id : "");
  if (wantedFocus && nodeIndex.has(wantedFocus)) {
    state.focus = nodeIndex.get(wantedFocus);
    controls.search.value = nodes[state.focus].label;
  }

  cy.on("tap", "node", (event) => selectNode(event.target.data("index")));
  cy.on("tap", "edge", (event) => selectEdge(event.target.data("index")));
  cy.on("render", markRendered);

  state.filters = currentFilters();
  if (state.filters.issue && nodeIndex.has(state.filters.issue)) {
    state.focus = nodeIndex.get(state.filters.issue);
  }
  start();
  const wanted = params.get("edge") || params.get("node");
  if (wanted && edgeIndex.has(wanted)) {
    const i = edgeIndex.get(wanted);
    state.shown.add(edges[i].source);
    state.shown.add(edges[i].target);
    state.selected = { kind: "edge", id: wanted };
    draw("open");
    showEdge(i);
  } else if (wanted && nodeIndex.has(wanted)) {
    state.shown.add(nodeIndex.get(wanted));
    state.selected = { kind: "node", id: wanted };
    draw("open");
    showNode(nodeIndex.get(wanted));
  } else {
    draw("open");
  }
})();
