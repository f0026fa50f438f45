// The stance matrix and the timeline, drawn from the JSON in #matrix-data. Plain DOM, no
// library: every text goes in with textContent, every link is checked to be http(s).
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("matrix-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const byId = (id) => document.getElementById(id);
  const controls = {
    filter: byId("filter"),
    asof: byId("asof"),
    rows: byId("sort-rows"),
    columns: byId("sort-columns"),
    focus: byId("focus"),
    reset: byId("reset"),
  };
  const issues = data.issues.map(([id, label, kind], index) => ({ id, label, kind, index }));
  const actors = data.actors.map(([id, label, kind, state, stateLabel], index) => ({
    id, label, kind, state, stateLabel, index,
  }));
  const unpack = (id) => (id.startsWith("~") ? data.prefix + id.slice(1) : id);
  // Each position is an array in the page, in the order of data.fields.
  const positions = data.positions.map((row, index) => {
    const p = { index };
    data.fields.forEach((field, i) => {
      p[field] = row[i];
    });
    p.id = unpack(p.id);
    return p;
  });

  // A position's evidence, from the shared tables of statements, sources and texts.
  function evidenceOf(p) {
    return p.ev.map(([statement, source, note, quotes, wording]) => {
      const [packed, speaker, date] = data.statements[statement];
      const id = unpack(packed);
      const [sourceLabel, url] = data.sources[source];
      return { id, speaker, date, note: data.texts[note], quotes: data.texts[quotes],
        wording: data.texts[wording], source: sourceLabel, url };
    });
  }
  const state = { view: data.view, sortIssue: -1, selected: null };

  // -- Helpers --------------------------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    return node;
  }

  function stanceOf(p) {
    if (p.s >= 0) return data.stances[p.s];
    const x = p.x || {};
    return { label: x.sl || "", polarity: "", fill: x.fill || "#ffffff", ink: "#000000", code: x.code || "" };
  }

  function marksOf(p) {
    let marks = "";
    if (p.c.length) marks += data.marks[0][0];
    if (p.h.length > 1) marks += data.marks[1][0];
    if (p.sb.length || p.sp.length) marks += data.marks[2][0];
    return marks;
  }

  // Held on a day: begun by then (or undated), not ended before, and not superseded by a
  // position known by then (or undated). Without a day: the query's ?current. The same rule
  // as kg.export.stance_table.held.
  function held(p, asOf) {
    if (!asOf) return p.cur;
    if (p.since && p.since > asOf) return false;
    if (p.until && p.until < asOf) return false;
    return !p.ls.some((day) => day === "" || day <= asOf);
  }

  function cellsOn(asOf) {
    const cells = new Map();
    for (const p of positions) {
      if (!held(p, asOf)) continue;
      for (const a of p.h) {
        const key = a * issues.length + p.t;
        if (!cells.has(key)) cells.set(key, []);
        cells.get(key).push(p);
      }
    }
    return cells;
  }

  const polarityScore = { positive: 1, negative: -1, neutral: 0 };

  function score(list) {
    if (!list.length) return null;
    return list.reduce((sum, p) => sum + (polarityScore[stanceOf(p).polarity] || 0), 0) / list.length;
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url) ? url : "";
  }

  // -- The matrix -----------------------------------------------------------------------------

  function matches(text, words) {
    return words.some((w) => w.toLowerCase().includes(text));
  }

  function layout(cells) {
    const text = controls.filter.value.trim().toLowerCase();
    let rows = actors;
    let columns = issues;
    if (text) {
      const rowHits = actors.filter((a) => matches(text, [a.label, a.stateLabel, a.id]));
      const columnHits = issues.filter((i) => matches(text, [i.label, i.kind, i.id]));
      const filled = (a, i) => cells.has(a.index * issues.length + i.index);
      if (rowHits.length || columnHits.length) {
        rows = rowHits.length ? rowHits : actors;
        columns = columnHits.length ? columnHits : issues;
        if (!columnHits.length) columns = columns.filter((i) => rows.some((a) => filled(a, i)));
        if (!rowHits.length) rows = rows.filter((a) => columns.some((i) => filled(a, i)));
      } else {
        rows = [];
        columns = [];
      }
    }
    const rowCells = (a) => columns.map((i) => cells.get(a.index * issues.length + i.index) || []).flat();
    const columnCells = (i) => rows.map((a) => cells.get(a.index * issues.length + i.index) || []).flat();
    const sortedRows = rows.slice();
    const byName = (x, y) => x.label.localeCompare(y.label) || x.index - y.index;
    if (state.sortIssue >= 0) {
      const rank = (a) => {
        const list = cells.get(a.index * issues.length + state.sortIssue) || [];
        const s = score(list);
        return s === null ? 9 : -s;
      };
      sortedRows.sort((x, y) => rank(x) - rank(y) || x.index - y.index);
    } else if (controls.rows.value === "name") {
      sortedRows.sort(byName);
    } else if (controls.rows.value === "agreement") {
      const key = new Map(rows.map((a) => [a, score(rowCells(a))]));
      sortedRows.sort((x, y) => (key.get(y) ?? -9) - (key.get(x) ?? -9) || byName(x, y));
    }
    const sortedColumns = columns.slice();
    if (controls.columns.value === "name") {
      sortedColumns.sort(byName);
    } else if (controls.columns.value === "agreement") {
      const key = new Map(columns.map((i) => [i, score(columnCells(i))]));
      sortedColumns.sort((x, y) => (key.get(y) ?? -9) - (key.get(x) ?? -9) || byName(x, y));
    }
    const grouped = controls.rows.value === "group" && state.sortIssue < 0;
    return { rows: sortedRows, columns: sortedColumns, grouped };
  }

  function chip(p) {
    const stance = stanceOf(p);
    const node = el("span", "chip");
    node.style.background = stance.fill;
    node.style.color = stance.ink;
    node.append(document.createTextNode(stance.code));
    const marks = marksOf(p);
    if (marks) node.append(el("sup", "marks", marks));
    node.dataset.position = String(p.index);
    return node;
  }

  // The matrix is a grid of divs, not a table: a row holds only its filled cells, placed by
  // column, so that 126 actors by 237 issues lay out as 5,000 elements rather than 30,000.
  const ACTOR_WIDTH = 300;
  const CELL_WIDTH = 50;

  function drawMatrix() {
    const asOf = controls.asof.value;
    const cells = cellsOn(asOf);
    const { rows, columns, grouped } = layout(cells);
    const grid = byId("matrix");
    const width = ACTOR_WIDTH + CELL_WIDTH * columns.length;
    const head = el("div", "head");
    head.style.width = `${width}px`;
    const corner = el("div", "corner", "Actor \u2195");
    corner.title = "Sort the actors by state and name";
    corner.addEventListener("click", () => {
      state.sortIssue = -1;
      controls.rows.value = "group";
      draw();
    });
    head.append(corner);
    for (const issue of columns) {
      const th = el("div", "issue" + (issue.index === state.sortIssue ? " sorted" : ""));
      th.dataset.issue = issue.id;
      th.title = `${issue.label} (${issue.kind}): click to sort the actors by their stance on it`;
      th.append(el("span", "issue-label", issue.label));
      th.addEventListener("click", () => {
        state.sortIssue = state.sortIssue === issue.index ? -1 : issue.index;
        draw();
      });
      head.append(th);
    }
    const body = el("div", "body");
    body.style.width = `${width}px`;
    const column = new Map(columns.map((issue, i) => [issue.index, i]));
    let headed = null;
    let drawn = 0;
    for (const actor of rows) {
      const groupLabel = actor.stateLabel || "No state";
      // A state's own row heads its group; a group without it gets a heading row.
      if (actor.state === actor.id) headed = groupLabel;
      if (grouped && headed !== groupLabel) {
        headed = groupLabel;
        const heading = el("div", "group");
        heading.append(el("span", "group-label", groupLabel));
        body.append(heading);
      }
      const row = el("div", "row");
      const own = actor.state === actor.id || !actor.state;
      const th = el("div", own ? "actor state" : "actor", actor.label);
      th.dataset.actor = actor.id;
      th.title = `${actor.label} (${actor.kind}${actor.stateLabel && !own ? ", " + actor.stateLabel : ""})`;
      row.append(th);
      for (const issue of columns) {
        const list = cells.get(actor.index * issues.length + issue.index);
        if (!list) continue;
        const cell = el("div", "cell has");
        cell.style.left = `${ACTOR_WIDTH + CELL_WIDTH * column.get(issue.index)}px`;
        cell.dataset.actor = actor.id;
        cell.dataset.issue = issue.id;
        for (const p of list) cell.append(chip(p));
        cell.title = list.map((p) => words(p)).join("\n");
        if (state.selected && state.selected[0] === actor.index && state.selected[1] === issue.index) {
          cell.classList.add("selected");
        }
        row.append(cell);
        drawn += 1;
      }
      body.append(row);
    }
    grid.replaceChildren(head, body);
    document.body.dataset.drawnCells = String(drawn);
    document.body.dataset.drawnRows = String(rows.length);
    document.body.dataset.drawnColumns = String(columns.length);
    const when = asOf ? `as of ${asOf}` : "current positions";
    byId("status").textContent =
      `${rows.length} actors \u00d7 ${columns.length} issues, ${drawn} cells with a position (${when}); ` +
      `every cell is a row of who-supports-which-format (${data.rows} rows in all)`;
  }

  function words(p) {
    const stance = stanceOf(p);
    let text = stance.label;
    if (p.c.length) text += ` (on condition: ${p.c.join("; ")})`;
    if (p.h.length > 1) text += ` (jointly: ${p.hl})`;
    if (p.since) text += ` since ${p.since}`;
    if (p.until) text += ` until ${p.until}`;
    return text;
  }

  byId("matrix").addEventListener("click", (event) => {
    const td = event.target.closest(".cell.has");
    if (!td) return;
    const actor = actors.find((a) => a.id === td.dataset.actor);
    const issue = issues.find((i) => i.id === td.dataset.issue);
    for (const old of document.querySelectorAll("#matrix .cell.selected")) old.classList.remove("selected");
    td.classList.add("selected");
    state.selected = [actor.index, issue.index];
    showCell(actor, issue);
  });

  // -- Details: the evidence and the history of a cell, or of one position --------------------

  function showCell(actor, issue) {
    const details = byId("details");
    const asOf = controls.asof.value;
    const history = positions
      .filter((p) => p.t === issue.index && p.h.includes(actor.index))
      .sort((x, y) => (x.since || "0000").localeCompare(y.since || "0000"));
    const parts = [el("h2", "", `${actor.label} on ${issue.label}`)];
    parts.push(el("p", "hint", `${issue.kind}; ${history.length} position(s) in the record, ` +
      `earliest first; ${asOf ? "held as of " + asOf : "current"} ones marked`));
    for (const p of history) parts.push(positionBox(p, held(p, asOf)));
    details.replaceChildren(...parts);
    details.dataset.actor = actor.id;
    details.dataset.issue = issue.id;
  }

  function positionBox(p, isHeld) {
    const stance = stanceOf(p);
    const box = el("div", "position" + (p.sb.length ? " superseded" : ""));
    box.dataset.position = p.id;
    const title = el("h3");
    title.append(chip(p), document.createTextNode(" " + stance.label + (isHeld ? " (held)" : "")));
    box.append(title);
    const facts = el("dl");
    const fact = (name, value) => {
      if (value === "" || value === null || value === undefined) return;
      facts.append(el("dt", "", name), el("dd", "", value));
    };
    fact("Holders", p.hl);
    fact("Issue", issues[p.t].label);
    fact("Condition", p.c.join("; "));
    fact("Since", p.since || "undated");
    fact("Until", p.until);
    fact("Current", p.cur ? "yes" : "no");
    if (p.sb.length) {
      fact("Superseded by", p.sb.map(labelOf).join("; "));
    }
    if (p.sp.length) fact("Supersedes", p.sp.map(labelOf).join("; "));
    fact("Evidence", `${p.ec} statement(s) in ${p.sc} source(s)`);
    box.append(facts);
    for (const { id: statement, speaker, date, note: dateNote, quotes, wording, source, url } of evidenceOf(p)) {
      const item = el("div", "evidence");
      item.dataset.statement = statement;
      if (quotes) item.append(el("blockquote", "", `\u201c${quotes}\u201d`));
      if (wording) item.append(el("p", "wording", wording));
      const meta = el("p", "meta");
      meta.append(document.createTextNode(`${speaker || "unknown speaker"}, ${date || "undated"}` +
        (dateNote ? ` (${dateNote})` : "") + "; "));
      const link = safeUrl(url);
      if (link) {
        const a = el("a", "", source);
        a.href = link;
        a.rel = "noopener noreferrer";
        a.target = "_blank";
        meta.append(a);
      } else {
        meta.append(document.createTextNode(source || ""));
      }
      item.append(meta);
      box.append(item);
    }
    return box;
  }

  function labelOf(index) {
    const p = positions[index];
    return p ? stanceOf(p).label + (p.since ? " since " + p.since : "") : "a position not shown";
  }

  // -- The timeline ---------------------------------------------------------------------------

  function fillFocus() {
    const groups = [["Issues", issues, "i:"], ["Actors", actors, "a:"]];
    for (const [name, items, prefix] of groups) {
      const optgroup = el("optgroup");
      optgroup.label = name;
      for (const item of items) {
        if (!positions.some((p) => (prefix === "i:" ? p.t === item.index : p.h.includes(item.index)))) continue;
        const option = el("option", "", item.label);
        option.value = prefix + item.id;
        optgroup.append(option);
      }
      controls.focus.append(optgroup);
    }
    const wanted = data.focus;
    const option = [...controls.focus.options].find((o) => o.value.slice(2) === wanted);
    if (option) controls.focus.value = option.value;
  }

  // Tracks within a lane: each position, earliest first, on the first track free by its
  // first day (a track is free from the day its last bar ends); an undated one begins first.
  function stack(list) {
    const order = list.slice().sort((p, q) => (p.since || "0000").localeCompare(q.since || "0000") || p.index - q.index);
    const ends = [];
    const track = new Map();
    for (const p of order) {
      const start = p.since || "0000";
      let i = ends.findIndex((end) => end <= start);
      if (i < 0) {
        i = ends.length;
        ends.push("");
      }
      ends[i] = p.end || "9999";
      track.set(p, i);
    }
    return { order, track, count: Math.max(ends.length, 1) };
  }

  function dayNumber(day) {
    const [y, m, d] = (day + "-01-01").split("-").map(Number);
    return Date.UTC(y, (m || 1) - 1, d || 1) / 86400000;
  }

  function drawTimeline() {
    const box = byId("view-timeline");
    const value = controls.focus.value;
    const byIssue = value.startsWith("i:");
    const focus = byIssue ? issues.find((i) => "i:" + i.id === value) : actors.find((a) => "a:" + a.id === value);
    const text = controls.filter.value.trim().toLowerCase();
    if (!focus) {
      box.replaceChildren(el("p", "hint", "No issue or actor to show."));
      return;
    }
    const lanes = new Map();
    for (const p of positions) {
      const keys = byIssue ? (p.t === focus.index ? p.h.map((a) => actors[a]) : []) : p.h.includes(focus.index) ? [issues[p.t]] : [];
      for (const key of keys) {
        if (text && !matches(text, [key.label, key.stateLabel || "", key.id])) continue;
        if (!lanes.has(key)) lanes.set(key, []);
        lanes.get(key).push(p);
      }
    }
    const ordered = [...lanes.keys()].sort((x, y) => x.index - y.index);
    const days = [];
    for (const list of lanes.values()) {
      for (const p of list) {
        for (const d of [p.since, p.end]) if (d) days.push(d);
        for (const e of evidenceOf(p)) if (e.date) days.push(e.date);
      }
    }
    days.sort();
    const first = days.length ? dayNumber(days[0]) : 0;
    const last = days.length ? dayNumber(days[days.length - 1]) : first;
    const span = Math.max(last - first, 1);
    const labelWidth = Math.min(320, 40 + Math.max(60, ...ordered.map((k) => k.label.length * 6.6)));
    const axis = Math.max(480, box.clientWidth - labelWidth - 40);
    const laneHeight = 26;
    const trackHeight = 22;
    // Positions held at the same time (two current ones, an undated one) go on tracks of
    // their own within their lane, so that no bar hides another (the rule of kg.export.timeline).
    const tracks = new Map(ordered.map((key) => [key, stack(lanes.get(key))]));
    const laneTop = new Map();
    let top = 20;
    for (const key of ordered) {
      laneTop.set(key, top);
      top += laneHeight + (tracks.get(key).count - 1) * trackHeight;
    }
    const height = top + 40;
    const x = (day) => labelWidth + 10 + ((dayNumber(day) - first) / span) * (axis - 20);
    const svg = svgEl("svg", { width: labelWidth + axis + 20, height, role: "img" });
    const defs = svgEl("defs");
    svg.append(defs);
    const pattern = svgEl("pattern", { id: "hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
    pattern.append(svgEl("rect", { width: 3, height: 6, fill: "#ffffff", "fill-opacity": 0.55 }));
    defs.append(pattern);
    const axisY = top + 14;
    if (days.length) {
      // a tick on the first of each month (of each year, when there are more than 24)
      const [y0, m0] = days[0].split("-").map(Number);
      const [y1, m1] = days[days.length - 1].split("-").map(Number);
      const months = (y1 - y0) * 12 + (m1 - m0);
      const step = months > 24 ? 12 : months > 12 ? 3 : 1;
      for (let i = 1; i <= months; i += 1) {
        const year = y0 + Math.floor((m0 - 1 + i) / 12);
        const month = ((m0 - 1 + i) % 12) + 1;
        if ((month - 1) % step) continue;
        const day = `${year}-${String(month).padStart(2, "0")}-01`;
        svg.append(svgEl("line", { x1: x(day), y1: 14, x2: x(day), y2: axisY - 10, stroke: "#f0f0f0", class: "tick" }));
        const tick = svgEl("text", { x: x(day), y: axisY, "text-anchor": "middle", "font-size": 10, fill: "#555555" });
        tick.textContent = day.slice(0, 7);
        svg.append(tick);
      }
      if (!months) {
        // within one month: its first and last days
        for (const day of new Set([days[0], days[days.length - 1]])) {
          const tick = svgEl("text", { x: x(day), y: axisY, "text-anchor": "middle", "font-size": 10, fill: "#555555" });
          tick.textContent = day;
          svg.append(tick);
        }
      }
    }
    let points = 0;
    let bars = 0;
    ordered.forEach((key) => {
      const laneY = laneTop.get(key);
      const y = laneY;
      const lane = svgEl("g", { class: "lane", "data-lane": key.id });
      lane.append(svgEl("line", { x1: labelWidth, y1: y + laneHeight / 2, x2: labelWidth + axis, y2: y + laneHeight / 2, stroke: "#e0e0e0" }));
      const label = svgEl("text", { x: 8, y: y + 17, class: "lane-label" });
      label.textContent = key.label;
      lane.append(label);
      const { order: list, track } = tracks.get(key);
      for (const p of list) {
        const y = laneY + track.get(p) * trackHeight;
        const stance = stanceOf(p);
        const start = p.since ? x(p.since) : labelWidth + 10;
        const end = p.end ? x(p.end) : labelWidth + axis - 10;
        const superseded = p.sb.length > 0;
        const bar = svgEl("g", { class: "bar", "data-position": p.id, "data-superseded": String(superseded) });
        const title = svgEl("title");
        title.textContent = `${stance.label}${superseded ? " (superseded)" : ""}, ${p.since || "undated"} to ${p.end || "now"}`;
        bar.append(title);
        const rect = svgEl("rect", { x: start, y: y + 4, width: Math.max(end - start, 6), height: laneHeight - 8, fill: stance.fill });
        if (!p.since) {
          rect.setAttribute("stroke", "#333333");
          rect.setAttribute("stroke-dasharray", "4 2");
        }
        bar.append(rect);
        if (superseded) bar.append(svgEl("rect", { x: start, y: y + 4, width: Math.max(end - start, 6), height: laneHeight - 8, fill: "url(#hatch)" }));
        const words = svgEl("text", { x: start + 4, y: y + 17, fill: stance.ink, "font-size": 10 });
        words.textContent = stance.code + (marksOf(p) ? " " + marksOf(p) : "") + (superseded ? " superseded" : "");
        bar.append(words);
        bar.addEventListener("click", () => {
          byId("details").replaceChildren(positionBox(p, held(p, controls.asof.value)));
        });
        lane.append(bar);
        bars += 1;
        const seen = new Set();
        for (const e of evidenceOf(p)) {
          if (!e.date || seen.has(e.id)) continue;
          seen.add(e.id);
          const dot = svgEl("circle", { cx: x(e.date), cy: y + laneHeight / 2, r: 3.5, fill: "#000000", stroke: "#ffffff", class: "point" });
          const tip = svgEl("title");
          tip.textContent = `${e.date}: ${e.speaker}${e.quotes ? ": \u201c" + e.quotes + "\u201d" : ""}`;
          dot.append(tip);
          lane.append(dot);
          points += 1;
        }
      }
      svg.append(lane);
    });
    const asOf = controls.asof.value;
    if (asOf && days.length) {
      svg.append(svgEl("line", { x1: x(asOf), y1: 10, x2: x(asOf), y2: axisY - 10, stroke: "#000000", "stroke-dasharray": "3 3", class: "asof" }));
    }
    const section = el("section", "timeline");
    section.append(el("h2", "", `${focus.label}: ${byIssue ? "each holder's stance" : "its stance on each issue"} over time`));
    section.append(svg);
    box.replaceChildren(section);
    document.body.dataset.drawnBars = String(bars);
    document.body.dataset.drawnPoints = String(points);
    document.body.dataset.drawnLanes = String(ordered.length);
    byId("status").textContent = `${ordered.length} lanes, ${bars} positions, ${points} dated statements`;
  }

  // -- Legend, views, state in the address ------------------------------------------------------

  function drawLegend() {
    const list = el("ul");
    for (const stance of data.stances) {
      const item = el("li");
      const swatch = el("span", "chip", stance.code);
      swatch.style.background = stance.fill;
      swatch.style.color = stance.ink;
      item.append(swatch, el("span", "", `${stance.label} (${stance.polarity})`));
      list.append(item);
    }
    for (const [letter, meaning] of data.marks) {
      const item = el("li");
      item.append(el("span", "chip", letter), el("span", "", meaning));
      list.append(item);
    }
    byId("legend").replaceChildren(el("h3", "", "Legend"), list);
  }

  function remember() {
    const params = new URLSearchParams();
    params.set("view", state.view);
    if (controls.asof.value) params.set("asof", controls.asof.value);
    if (controls.filter.value) params.set("filter", controls.filter.value);
    if (state.view === "timeline" && controls.focus.value) params.set("focus", controls.focus.value.slice(2));
    history.replaceState(null, "", "#" + params.toString());
  }

  function draw() {
    document.body.dataset.view = state.view;
    byId("view-matrix").hidden = state.view !== "matrix";
    byId("view-timeline").hidden = state.view !== "timeline";
    for (const button of document.querySelectorAll(".tabs button")) {
      button.setAttribute("aria-pressed", String(button.dataset.view === state.view));
    }
    if (state.view === "matrix") drawMatrix();
    else drawTimeline();
    remember();
  }

  function restore() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.get("view") === "matrix" || params.get("view") === "timeline") state.view = params.get("view");
    controls.asof.value = params.get("asof") || data.asOf || "";
    controls.filter.value = params.get("filter") || "";
    const cell = [params.get("actor"), params.get("issue")];
    if (cell[0] && cell[1]) state.open = cell;
    const focus = params.get("focus");
    if (focus) {
      const option = [...controls.focus.options].find((o) => o.value.slice(2) === focus);
      if (option) controls.focus.value = option.value;
    }
  }

  fillFocus();
  restore();
  drawLegend();
  for (const input of [controls.filter, controls.asof, controls.rows, controls.columns, controls.focus]) {
    input.addEventListener(input === controls.filter ? "input" : "change", draw);
  }
  controls.reset.addEventListener("click", () => {
    controls.filter.value = "";
    controls.asof.value = "";
    controls.rows.value = "group";
    controls.columns.value = "kind";
    state.sortIssue = -1;
    draw();
  });
  for (const button of document.querySelectorAll(".tabs button")) {
    button.addEventListener("click", () => {
      state.view = button.dataset.view;
      draw();
    });
  }
  draw();
  if (state.open) {
    // #actor=ID&issue=ID opens that cell's evidence, as a click would
    const td = [...document.querySelectorAll("#matrix .cell.has")].find(
      (cell) => cell.dataset.actor === state.open[0] && cell.dataset.issue === state.open[1]);
    if (td) td.click();
  }
  void document.body.offsetHeight; // lay the page out before saying it is drawn
  document.body.dataset.drawnMs = String(Math.round(performance.now()));
})();
