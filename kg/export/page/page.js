// The interactive page: draws the graph with Cytoscape.js, filters it by issue and date,
// and shows the evidence of a clicked edge. Every text from the data goes into the page with
// textContent (never innerHTML), so a label or quote can only ever be text.
(function () {
  "use strict";

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
  };
  const counts = { nodes: 0, edges: 0 };

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

  // -- The graph --------------------------------------------------------------------------

  // Later rules win: the base look, then what one view adds, then selection and filtering.
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
    { selector: 'node[group = "actor"]', style: { width: 44, height: 44, "font-weight": "bold" } },
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
  ];
  if (data.edgeLabels) {
    style.push({
      selector: "edge",
      style: {
        label: "data(label)",
        "font-size": 10,
        color: "data(colour)",
        "text-rotation": "autorotate",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": 2,
      },
    });
  }
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
    { selector: ".hidden", style: { display: "none" } },
  );

  if (data.filters) controls.form.hidden = false; // before drawing: it changes the room left

  const cy = cytoscape({
    container: document.getElementById("graph"),
    elements: data.elements,
    style: style,
    layout: { name: "preset" },
    minZoom: 0.1,
    maxZoom: 4,
  });

  // -- Filters (stances view) -------------------------------------------------------------

  function laterDates(edge) {
    return edge.data("laterSince") || [];
  }

  // Superseded as of a day: a later position is known by then (or its day is unknown).
  function supersededAsOf(edge, asOf) {
    if (!edge.data("superseded")) return false;
    if (!asOf) return true;
    return laterDates(edge).some((day) => day === "" || day <= asOf);
  }

  function edgeVisible(edge, f) {
    if (f.issue && edge.target().id() !== f.issue) return false;
    const since = edge.data("since") || "";
    const until = edge.data("until") || "";
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

  function applyFilters() {
    const f = currentFilters();
    const filtering = f.issue || f.asOf || !f.undated || !f.superseded;
    const edges = cy.edges().filter((edge) => edgeVisible(edge, f));
    let nodes = cy.nodes();
    if (filtering) nodes = edges.connectedNodes().union(cy.getElementById(f.issue));
    cy.batch(function () {
      cy.edges().forEach((edge) => edge.toggleClass("superseded", supersededAsOf(edge, f.asOf)));
      cy.elements().addClass("hidden");
      edges.union(nodes).removeClass("hidden");
    });
    counts.nodes = nodes.length;
    counts.edges = edges.length;
    const what = data.filters ? "positions" : "edges";
    let text = `Showing ${counts.nodes} of ${cy.nodes().length} nodes and ${counts.edges} of ` +
      `${cy.edges().length} ${what}`;
    if (f.asOf) text += ` as of ${f.asOf}`;
    status.textContent = text + ".";
    writeHash();
  }

  // Keep the address in step with the filters and the selection, so a view can be shared.
  let selected = "";
  function writeHash() {
    const f = currentFilters();
    const params = new URLSearchParams();
    if (f.issue) params.set("issue", f.issue);
    if (f.asOf) params.set("asof", f.asOf);
    if (!f.undated) params.set("undated", "0");
    if (!f.superseded) params.set("superseded", "0");
    if (selected) params.set(selected.kind, selected.id);
    try {
      history.replaceState(null, "", "#" + params.toString());
    } catch (error) {
      // Some browsers refuse to touch the address of a local file; the page works without.
    }
  }

  // Called on Cytoscape's render event only: the counts reach the page once the graph is drawn.
  function markRendered() {
    body.setAttribute("data-rendered-nodes", String(counts.nodes));
    body.setAttribute("data-rendered-edges", String(counts.edges));
  }

  function fillIssues() {
    const issues = cy.nodes('[group = "issue"]').sort(function (a, b) {
      const ka = a.data("kind") + "\u0000" + a.data("label");
      const kb = b.data("kind") + "\u0000" + b.data("label");
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    issues.forEach(function (node) {
      const option = el("option", `${node.data("label")} (${node.data("kind")})`);
      option.value = node.id();
      controls.issue.append(option);
    });
  }

  // -- Details ----------------------------------------------------------------------------

  function showEvidence(records) {
    details.append(el("h3", `Evidence (${records.length})`));
    if (records.length === 0) details.append(el("p", "No statement evidences this position.", "hint"));
    for (const record of records) {
      const box = el("div", null, "evidence");
      for (const quote of record.quotes) box.append(el("blockquote", `\u201c${quote}\u201d`));
      for (const wording of record.reportedWording) {
        box.append(el("p", `As reported: \u201c${wording}\u201d`, "wording"));
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
      for (const source of record.sources) {
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

  function showEdge(edge) {
    clear(details);
    const d = edge.data();
    // A joint position is one position of several holders: name them all.
    const from = d.holders || edge.source().data("label");
    details.append(el("h2", `${from} \u2192 ${edge.target().data("label")}`));
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
      showEvidence((data.evidence || {})[d.position] || []);
    } else {
      details.append(definitions(data.edgeFields.map((name) => [name, display(d[name])])));
    }
  }

  function showNode(node) {
    clear(details);
    const d = node.data();
    details.append(el("h2", d.label));
    details.append(definitions(data.nodeFields.map((name) => [name, display(d[name])])));
    const edges = node.connectedEdges(":visible");
    if (edges.length === 0) return;
    details.append(el("h3", data.filters ? "Positions" : "Edges"));
    const list = el("ul");
    const listed = new Set();  // a joint position draws an edge per holder: one row for all
    edges.forEach(function (edge) {
      const position = edge.data("position");
      if (position) {
        if (listed.has(position)) return;
        listed.add(position);
      }
      const item = el("li");
      const from = edge.data("holders") || edge.source().data("label");
      const button = el("button", `${from} \u2014 ${edge.data("label")} \u2014 ` +
        `${edge.target().data("label")}`);
      button.type = "button";
      button.addEventListener("click", function () { select(edge); });
      item.append(button);
      list.append(item);
    });
    details.append(list);
  }

  function display(value) {
    if (value === true) return "yes";
    if (value === false) return "no";
    return value;
  }

  function select(element) {
    cy.elements().unselect();
    element.select();
    selected = { kind: element.isEdge() ? "edge" : "node", id: element.id() };
    writeHash();
    if (element.isEdge()) showEdge(element); else showNode(element);
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
      details.append(el("p", "Click a node or an edge to see its attributes.", "hint"));
    }
    if (data.legend.edges.length === 0) {
      box.append(el("h3", "Kinds"));
      return kindLegend(box);
    }
    box.append(el("h3", data.filters ? "Stances" : "Edges"));
    const edges = el("ul");
    for (const [label, colour] of data.legend.edges) {
      const item = el("li");
      const swatch = el("span", null, "swatch");
      swatch.style.background = colour;
      item.append(swatch, el("span", label));
      edges.append(item);
    }
    if (data.filters) {
      const item = el("li");
      const swatch = el("span", null, "swatch dashed");
      item.append(swatch, el("span", "superseded position"));
      edges.append(item);
    }
    box.append(edges, el("h3", "Kinds"));
    kindLegend(box);
  }

  function kindLegend(box) {
    const kinds = el("ul");
    for (const [kind, shape, colour] of data.legend.nodes) {
      const item = el("li");
      item.append(glyph(shape, colour), el("span", kind));
      kinds.append(item);
    }
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
    const gap = 90;
    const height = Math.max(issues.length - 1, 1) * gap;
    const positions = {};
    issues.forEach(function (item, i) { positions[item.node.id()] = { x: 560, y: i * gap }; });
    const step = actors.length > 1 ? height / (actors.length - 1) : 0;
    actors.forEach(function (node, i) {
      positions[node.id()] = { x: 0, y: actors.length > 1 ? i * step : height / 2 };
    });
    return positions;
  }

  // -- Start ------------------------------------------------------------------------------

  // The page's state in its address: #issue=ID&asof=YYYY-MM-DD&undated=0&superseded=0&edge=ID
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

  if (data.filters) {
    fillIssues();
    for (const input of [controls.issue, controls.asof, controls.undated, controls.superseded]) {
      input.addEventListener("change", applyFilters);
      input.addEventListener("input", applyFilters);
    }
    controls.reset.addEventListener("click", function () {
      controls.issue.value = "";
      controls.asof.value = "";
      controls.undated.checked = true;
      controls.superseded.checked = true;
      applyFilters();
    });
  }
  legend();
  const params = fromHash();

  cy.on("tap", "node, edge", function (event) { select(event.target); });
  cy.on("render", markRendered);

  const layout = data.layout === "columns"
    ? { name: "preset", positions: columns(), padding: 30, animate: false }
    : { name: "cose", animate: false, randomize: true, padding: 30, nodeRepulsion: 9000,
        idealEdgeLength: 80 };
  cy.layout(layout).run();
  applyFilters();
  cy.resize();
  cy.fit(cy.elements(":visible"), 30);

  const wanted = params.get("edge") || params.get("node");
  if (wanted) {
    const element = cy.getElementById(wanted);
    if (element.nonempty()) select(element);
  }
})();
