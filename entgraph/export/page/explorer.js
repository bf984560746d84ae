/* entgraph explorer: draws the graph data embedded in the page on a 2D canvas; layouts
 * come from graphology's ForceAtlas2 and noverlap (vendored, see vendor/README.md).
 *
 * Safety rule: every text from the data (names, quotes, sentences, ids) reaches the
 * page through textContent, a form property or a canvas label; this file never builds
 * HTML from strings.
 *
 * What is drawn: the page holds every entity. `scope` says which are in play (the
 * DATA.viewNodes most important, by rank, plus any entity found by search and its
 * neighbours); the active filters (see `filters` below) then say which of those are
 * visible. Views of up to DATA.layoutMax nodes are laid out again here (ForceAtlas2,
 * then noverlap so no two nodes overlap); bigger ones keep the positions computed in
 * Python.
 */
(function () {
  "use strict";

  const marks = { start: performance.now() };
  const DATA = JSON.parse(document.getElementById("entgraph-data").textContent);
  marks.parsed = performance.now();
  const NODES = DATA.nodes;
  const EDGES = DATA.edges;
  const TEXTS = DATA.texts;
  const DOCS = DATA.docs || []; // [id, title, web address or ""] of evidence documents
  const DIRECTED = new Set(DATA.directed);
  const FALLBACK_COLOR = "#8c8c8c";
  const LABEL_CHARS = 40;
  const LIST_LIMIT = 8;
  const NEIGHBOURS_ON_FIND = 15;
  const NAMES_LISTED = 2000;
  const FIT_PADDING = 40; // pixels between the fitted view and the canvas edge
  const SEPARATE_MAX = 800; // nodes that get the exact overlap removal after noverlap
  const BATCH_MIN = 2000; // above this many nodes, draw them grouped by type (fewer calls)
  // Time (timefilter.js, run before this file): the date range filter, sparklines and
  // evidence dates. Its control re-runs the filters when the range moves.
  const time = EntgraphTime.create(DATA, () => applyFilters());

  // ---- small helpers -------------------------------------------------------------

  /** el("li", {className: "x"}, "text", child) -> element; strings become text nodes. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
    }
    return node;
  }

  function byId(id) {
    return document.getElementById(id);
  }

  function fmt(n) {
    return Number(n).toLocaleString("en");
  }

  function plural(n, word, many) {
    return fmt(n) + " " + (n === 1 ? word : many || word + "s");
  }

  function short(text) {
    return text.length > LABEL_CHARS ? text.slice(0, LABEL_CHARS - 1) + "…" : text;
  }

  function typeColor(type) {
    return DATA.typeColors[type] || FALLBACK_COLOR;
  }

  function relationColor(relation) {
    return DATA.relationColors[relation] || FALLBACK_COLOR;
  }

  function arrowText(relation) {
    return DIRECTED.has(relation) ? " → " : " — ";
  }

  /** An edge's evidence as [text, date or null, document or null] triples, in order. */
  function evidenceOf(e) {
    const docs = e.evidenceDocs || [];
    return e.evidence.map((t, i) => [TEXTS[t], time.evidenceDate(e, i), DOCS[docs[i]] || null]);
  }

  /** "in <title>": an evidence item's document by its title (its id when it has none),
   * a link to its web address when it has one; null for no document. */
  function docLine(id, title, url) {
    const name = title || id;
    if (!name) return null;
    const link = /^https?:\/\//i.test(url || "")
      ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", title: id }, name)
      : el("span", { title: id }, name);
    return el("span", { className: "who doc" }, "in ", link);
  }

  function docOf(doc) {
    return doc ? docLine(doc[0], doc[1], doc[2]) : null;
  }

  function hexToRgba(hex, alpha) {
    const n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  // ---- indexes ---------------------------------------------------------------------

  // Edge ids touching each node, for details, neighbourhoods and the isolated filter.
  const incident = NODES.map(() => []);
  for (const edge of EDGES) {
    incident[edge.from].push(edge.id);
    if (edge.to !== edge.from) incident[edge.to].push(edge.id);
  }
  const typesPresent = countBy(NODES, (n) => n.type, Object.keys(DATA.typeColors));
  const relationsPresent = countBy(EDGES, (e) => e.relation, Object.keys(DATA.relationColors));
  const maxWeight = EDGES.reduce((m, e) => Math.max(m, e.weight), 1);
  const lowered = NODES.map((n) => ({
    label: n.label.toLowerCase(),
    aliases: n.aliases.map(([a]) => a.toLowerCase()),
  }));

  /** Counts per key, known keys first (in their order), then the others by count. */
  function countBy(items, key, known) {
    const counts = new Map();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) || 0) + 1);
    const order = known.filter((k) => counts.has(k));
    const rest = [...counts.keys()].filter((k) => !known.includes(k));
    rest.sort((a, b) => counts.get(b) - counts.get(a));
    return order.concat(rest).map((k) => [k, counts.get(k)]);
  }

  // ---- scope: which entities are in play before filters ----------------------------

  const scope = {
    size: DATA.viewNodes, // the `size` most important entities ...
    extra: new Set(), // ... plus these (found by search, with their neighbourhood)
  };

  function inScope(id) {
    return NODES[id].rank < scope.size || scope.extra.has(id);
  }

  // ---- filters: every filter is a test; one function combines them all -------------

  /* A filter is {node?: (n) => bool, edge?: (e) => bool}; a node is visible when it is in
   * scope and passes every node test, an edge when both its ends are visible and it
   * passes every edge test. The date range (timefilter.js) is one of them. To add
   * another: register it with
   * entgraphView.filters.add("name", {edge: ...}) and call entgraphView.filters.apply()
   * whenever its control changes. */
  const state = {
    types: new Set(typesPresent.map(([k]) => k)),
    relations: new Set(relationsPresent.map(([k]) => k)),
    minWeight: 1,
    hideIsolated: false,
  };
  const filterTests = new Map([
    ["type", { node: (n) => state.types.has(n.type) }],
    ["relation", { edge: (e) => state.relations.has(e.relation) }],
    ["weight", { edge: (e) => e.weight >= state.minWeight }],
    // True while the whole range is selected, undated entities and relations included.
    ["time", { node: (n) => time.filter(n), edge: (e) => time.filter(e) }],
  ]);
  let nodeVisible = NODES.map(() => false);
  let edgeVisible = EDGES.map(() => false);
  let visibleNodes = 0;
  let visibleEdges = 0;

  function computeVisibility() {
    const nodeTests = [...filterTests.values()].filter((f) => f.node).map((f) => f.node);
    const edgeTests = [...filterTests.values()].filter((f) => f.edge).map((f) => f.edge);
    const nodeOk = NODES.map((n) => inScope(n.id) && nodeTests.every((test) => test(n)));
    const edgeOk = EDGES.map(
      (e) => nodeOk[e.from] && nodeOk[e.to] && edgeTests.every((test) => test(e)),
    );
    if (state.hideIsolated) {
      for (const n of NODES) {
        if (nodeOk[n.id]) nodeOk[n.id] = incident[n.id].some((id) => edgeOk[id]);
      }
    }
    nodeVisible = nodeOk;
    edgeVisible = edgeOk;
    visibleNodes = nodeOk.reduce((s, ok) => s + (ok ? 1 : 0), 0);
    visibleEdges = edgeOk.reduce((s, ok) => s + (ok ? 1 : 0), 0);
  }

  // ---- what is drawn: positions, sizes, colours --------------------------------------

  const container = byId("network");
  const N = NODES.length;
  // Radius in screen pixels at the fitted zoom: 3 to 14 by the root of the mentions.
  const radius = (function () {
    const roots = NODES.map((n) => Math.sqrt(Math.max(1, n.mentions)));
    const hi = roots.reduce((m, r) => Math.max(m, r), 1);
    return Float64Array.from(roots, (r) => 3 + (11 * (r - 1)) / (hi - 1 || 1));
  })();
  // Python's positions for every node (y down, as on screen); views of up to
  // DATA.layoutMax nodes get their own layout in X/Y.
  const HOME_X = Float64Array.from(NODES, (n) => n.x || 0);
  const HOME_Y = Float64Array.from(NODES, (n) => n.y || 0);
  const X = Float64Array.from(HOME_X);
  const Y = Float64Array.from(HOME_Y);
  const logMax = Math.log(maxWeight) || 1;
  const edgeWidth = EDGES.map((e) => 0.6 + (2.4 * Math.log(e.weight)) / logMax);
  const edgeColor = EDGES.map((e) =>
    hexToRgba(relationColor(e.relation), DIRECTED.has(e.relation) ? 0.85 : 0.5));
  const labels = NODES.map((n) => short(n.label));
  // One path per colour and half-pixel width step: the group of each edge, once.
  const edgeGroup = EDGES.map((e, i) => edgeColor[i] + "|" + Math.round(edgeWidth[i] * 2) / 2);
  // Least important first: the order nodes are drawn in (the important ones on top).
  const DRAW_ORDER = Int32Array.from(NODES.map((n) => n.id).sort((a, b) => NODES[b].rank - NODES[a].rank));

  const selection = { node: null, neighbours: new Set() };
  marks.graph = performance.now();

  // ---- the painter: one 2D canvas, batched paths, a grid for hit-testing ------------

  /* Canvas 2D, not WebGL: headless Chromium without a GPU renders WebGL in software
   * (SwiftShader), where sigma.js took 2-4 s a frame for the full BBC graph; batched
   * canvas paths take a fraction of that (README, "Explorer"). */
  const canvas = el("canvas", { id: "graph-canvas" });
  canvas.setAttribute("aria-label", "Entity graph");
  container.append(canvas);
  const tooltip = el("div", { id: "tooltip", hidden: true });
  container.append(tooltip);
  const ctx = canvas.getContext("2d");
  const camera = { x: 0, y: 0, scale: 1, fitScale: 1 };
  let drawNodes = new Int32Array(0); // visible nodes in drawing order (see applyFilters)
  let drawEdges = new Int32Array(0);
  const drawIndex = new Int32Array(N).fill(-1); // position of each node in drawNodes
  let grid = new Map();
  let gridCell = 1;
  let width = 0;
  let height = 0;
  let frameMs = 0;
  let pending = false;
  let labelBoxes = []; // [node id, left, top, right, bottom] of every label in the last frame

  function resize() {
    const dpr = window.devicePixelRatio || 1;
    width = container.clientWidth;
    height = container.clientHeight;
    canvas.width = Math.max(1, Math.round(width * dpr));
    canvas.height = Math.max(1, Math.round(height * dpr));
    canvas.style.width = width + "px";
    canvas.style.height = height + "px";
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  /** Node radius on screen: grows with zoom, but slower than distances do. */
  function screenRadius(id) {
    const zoom = Math.sqrt(camera.scale / camera.fitScale);
    return radius[id] * Math.min(3, Math.max(0.5, zoom));
  }

  function sx(id) {
    return (X[id] - camera.x) * camera.scale + width / 2;
  }

  function sy(id) {
    return (Y[id] - camera.y) * camera.scale + height / 2;
  }

  /** Index the visible nodes in a grid (world units) for hit-testing. */
  function indexNodes() {
    grid = new Map();
    gridCell = 40 / camera.fitScale || 1;
    for (const id of drawNodes) {
      const key = Math.floor(X[id] / gridCell) + "," + Math.floor(Y[id] / gridCell);
      const cell = grid.get(key);
      if (cell) cell.push(id);
      else grid.set(key, [id]);
    }
  }

  /** The node drawn on top at screen point (px, py), or null. */
  function nodeAt(px, py) {
    const wx = (px - width / 2) / camera.scale + camera.x;
    const wy = (py - height / 2) / camera.scale + camera.y;
    const reach = Math.ceil((14 * 3 + 4) / camera.scale / gridCell);
    const cx = Math.floor(wx / gridCell);
    const cy = Math.floor(wy / gridCell);
    let best = null;
    for (let i = cx - reach; i <= cx + reach; i++) {
      for (let j = cy - reach; j <= cy + reach; j++) {
        for (const id of grid.get(i + "," + j) || []) {
          const d = Math.hypot(sx(id) - px, sy(id) - py);
          // Drawn last is on top (see draw).
          if (d <= screenRadius(id) + 1 && (best === null || drawIndex[id] > drawIndex[best])) best = id;
        }
      }
    }
    return best;
  }

  /** The visible edge within 4 px of screen point (px, py), or null. */
  function edgeAt(px, py) {
    let best = null;
    let bestD = 4;
    for (const eid of drawEdges) {
      const e = EDGES[eid];
      const [x1, y1, x2, y2] = [sx(e.from), sy(e.from), sx(e.to), sy(e.to)];
      const dx = x2 - x1;
      const dy = y2 - y1;
      const len2 = dx * dx + dy * dy || 1;
      const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len2));
      const d = Math.hypot(x1 + t * dx - px, y1 + t * dy - py);
      if (d < bestD) { bestD = d; best = eid; }
    }
    return best;
  }

  function draw() {
    pending = false;
    const started = performance.now();
    ctx.clearRect(0, 0, width, height);
    const margin = 20;
    const inView = (x, y) => x > -margin && x < width + margin && y > -margin && y < height + margin;
    // Edges: one path per colour and width step, skipped when both ends are off one side.
    const groups = new Map();
    for (const eid of drawEdges) {
      const e = EDGES[eid];
      const x1 = sx(e.from), y1 = sy(e.from), x2 = sx(e.to), y2 = sy(e.to);
      if ((x1 < 0 && x2 < 0) || (y1 < 0 && y2 < 0) || (x1 > width && x2 > width) || (y1 > height && y2 > height)) continue;
      const key = edgeGroup[eid];
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(eid);
    }
    for (const [key, group] of groups) {
      const [color, w] = key.split("|");
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = Number(w);
      ctx.beginPath();
      for (const eid of group) {
        const e = EDGES[eid];
        ctx.moveTo(sx(e.from), sy(e.from));
        ctx.lineTo(sx(e.to), sy(e.to));
      }
      ctx.stroke();
      if (!DIRECTED.has(EDGES[group[0]].relation)) continue;
      // Arrow heads at the target's rim.
      ctx.beginPath();
      for (const eid of group) {
        const e = EDGES[eid];
        const x1 = sx(e.from), y1 = sy(e.from), x2 = sx(e.to), y2 = sy(e.to);
        const len = Math.hypot(x2 - x1, y2 - y1);
        if (len < 12 || !inView(x2, y2)) continue;
        const ux = (x2 - x1) / len, uy = (y2 - y1) / len;
        const tipX = x2 - ux * (screenRadius(e.to) + 1), tipY = y2 - uy * (screenRadius(e.to) + 1);
        const size = 5 + Number(w);
        ctx.moveTo(tipX, tipY);
        ctx.lineTo(tipX - ux * size - uy * size * 0.5, tipY - uy * size + ux * size * 0.5);
        ctx.lineTo(tipX - ux * size + uy * size * 0.5, tipY - uy * size - ux * size * 0.5);
        ctx.closePath();
      }
      ctx.fill();
    }
    // Nodes in drawNodes order (later ones on top, as nodeAt assumes); a run of nodes of
    // one type is one path, which makes big views (sorted by type) a few calls.
    ctx.lineWidth = 1;
    ctx.strokeStyle = "#ffffff";
    let runType = null;
    const flush = () => {
      if (runType === null) return;
      ctx.fillStyle = typeColor(runType);
      ctx.fill();
      ctx.stroke();
    };
    for (const id of drawNodes) {
      const x = sx(id), y = sy(id);
      if (!inView(x, y)) continue;
      const type = NODES[id].type;
      if (type !== runType) {
        flush();
        runType = type;
        ctx.beginPath();
      }
      const r = screenRadius(id);
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    flush();
    if (selection.node !== null && nodeVisible[selection.node]) {
      const id = selection.node;
      ctx.beginPath();
      ctx.arc(sx(id), sy(id), screenRadius(id) + 3, 0, 2 * Math.PI);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#111111";
      ctx.stroke();
    }
    drawLabels();
    frameMs = performance.now() - started;
  }

  /** Labels that fit: the selection and its neighbours first, then by importance; a
   * label is drawn only where it overlaps no label drawn before it. */
  function drawLabels() {
    const zoom = camera.scale / camera.fitScale;
    const budget = Math.round(60 * Math.max(1, zoom));
    const taken = [];
    const order = [];
    labelBoxes = [];
    if (selection.node !== null) order.push(selection.node, ...selection.neighbours);
    // Most important first, whatever order the nodes are drawn in.
    for (let i = N - 1; i >= 0 && order.length < budget * 4; i--) {
      if (nodeVisible[DRAW_ORDER[i]]) order.push(DRAW_ORDER[i]);
    }
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    let drawnLabels = 0;
    const seen = new Set();
    for (const id of order) {
      if (seen.has(id) || !nodeVisible[id]) continue;
      seen.add(id);
      const forced = id === selection.node || selection.neighbours.has(id);
      if (!forced && drawnLabels >= budget) break;
      const x = sx(id) + screenRadius(id) + 3, y = sy(id);
      if (x < -200 || x > width || y < 0 || y > height) continue;
      const w = ctx.measureText(labels[id]).width;
      if (!forced && x + w > width - 2) continue; // would be cut off at the edge
      const box = [x - 1, y - 8, x + w + 1, y + 8];
      if (taken.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) continue;
      taken.push(box);
      labelBoxes.push([id, ...box]);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(labels[id], x, y);
      ctx.fillStyle = id === selection.node ? "#000000" : "#1f2328";
      ctx.fillText(labels[id], x, y);
      drawnLabels++;
    }
  }

  function redraw() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(draw);
    }
  }

  /** Fit the camera to the visible nodes. */
  function fitCamera() {
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const id of drawNodes) {
      minX = Math.min(minX, X[id]); maxX = Math.max(maxX, X[id]);
      minY = Math.min(minY, Y[id]); maxY = Math.max(maxY, Y[id]);
    }
    if (minX === Infinity) minX = maxX = minY = maxY = 0;
    const pad = FIT_PADDING;
    const scale = Math.min((width - 2 * pad) / (maxX - minX || 1), (height - 2 * pad) / (maxY - minY || 1));
    camera.scale = camera.fitScale = Math.min(scale, 4);
    camera.x = (minX + maxX) / 2;
    camera.y = (minY + maxY) / 2;
    indexNodes();
  }

  // Pan with a drag, zoom with the wheel around the pointer, click to select.
  let drag = null;
  canvas.addEventListener("pointerdown", (event) => {
    drag = { x: event.offsetX, y: event.offsetY, cx: camera.x, cy: camera.y, moved: false };
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener("pointermove", (event) => {
    if (drag) {
      const dx = event.offsetX - drag.x, dy = event.offsetY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      if (drag.moved) {
        camera.x = drag.cx - dx / camera.scale;
        camera.y = drag.cy - dy / camera.scale;
        redraw();
      }
      return;
    }
    const id = nodeAt(event.offsetX, event.offsetY);
    canvas.style.cursor = id === null ? "" : "pointer";
    if (id === null) {
      tooltip.hidden = true;
    } else {
      const n = NODES[id];
      tooltip.textContent = n.label + " (" + n.type + ") · " + plural(n.mentions, "mention") +
        " in " + plural(n.documents, "document");
      tooltip.style.left = event.offsetX + 12 + "px";
      tooltip.style.top = event.offsetY + 12 + "px";
      tooltip.hidden = false;
    }
  });
  canvas.addEventListener("pointerup", (event) => {
    const click = drag && !drag.moved;
    drag = null;
    if (click) clickAt(event.offsetX, event.offsetY);
  });
  canvas.addEventListener("pointerleave", () => { tooltip.hidden = true; });
  canvas.addEventListener("wheel", (event) => {
    event.preventDefault();
    const factor = Math.exp(-event.deltaY * 0.0015);
    const next = Math.min(camera.fitScale * 40, Math.max(camera.fitScale / 4, camera.scale * factor));
    const wx = (event.offsetX - width / 2) / camera.scale + camera.x;
    const wy = (event.offsetY - height / 2) / camera.scale + camera.y;
    camera.scale = next;
    camera.x = wx - (event.offsetX - width / 2) / next;
    camera.y = wy - (event.offsetY - height / 2) / next;
    redraw();
  }, { passive: false });
  new ResizeObserver(() => { resize(); redraw(); }).observe(container);
  resize();
  marks.renderer = performance.now();

  // ---- layout of what is visible ---------------------------------------------------

  let lastLayoutMs = 0;
  let layoutPasses = 0;
  const layoutSteps = {}; // ms since the layout started, after each step

  /** World units per screen pixel when fitCamera fits the nodes `ids` (in X, Y). */
  function perPixelOf(ids) {
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const id of ids) {
      minX = Math.min(minX, X[id]); maxX = Math.max(maxX, X[id]);
      minY = Math.min(minY, Y[id]); maxY = Math.max(maxY, Y[id]);
    }
    const pad = 2 * FIT_PADDING;
    return Math.max((maxX - minX) / (width - pad || 1), (maxY - minY) / (height - pad || 1)) || 1;
  }

  /** Push apart every pair of `ids` closer than their radii plus 2 px at the fitted zoom,
   * until none is (or 50 rounds); returns the rounds used. Deterministic. */
  function separate(ids) {
    for (let round = 1; round <= 50; round++) {
      const perPixel = perPixelOf(ids);
      const cell = 32 * perPixel;
      const cells = new Map();
      for (const id of ids) {
        const key = Math.floor(X[id] / cell) + "," + Math.floor(Y[id] / cell);
        if (!cells.has(key)) cells.set(key, []);
        cells.get(key).push(id);
      }
      let moved = false;
      for (const id of ids) {
        const cx = Math.floor(X[id] / cell), cy = Math.floor(Y[id] / cell);
        for (let i = cx - 1; i <= cx + 1; i++) {
          for (let j = cy - 1; j <= cy + 1; j++) {
            for (const other of cells.get(i + "," + j) || []) {
              if (other <= id) continue;
              const need = (radius[id] + radius[other] + 2) * perPixel;
              let dx = X[other] - X[id], dy = Y[other] - Y[id];
              let d = Math.hypot(dx, dy);
              if (d >= need) continue;
              if (d === 0) { dx = 1; dy = 0; d = 1; }
              const push = (need - d) / 2 + perPixel * 0.5;
              X[id] -= (dx / d) * push; Y[id] -= (dy / d) * push;
              X[other] += (dx / d) * push; Y[other] += (dy / d) * push;
              moved = true;
            }
          }
        }
      }
      if (!moved) return round;
    }
    return 50;
  }

  /** Lay the visible nodes out again (views of up to DATA.layoutMax nodes): graphology's
   * ForceAtlas2 from their Python positions, then noverlap with each node's radius
   * (plus a margin) in world units at the fitted zoom, so no two nodes overlap there. */
  function layoutVisible(limit, effort) {
    const started = performance.now();
    X.set(HOME_X);
    Y.set(HOME_Y);
    const ids = drawNodes;
    if (ids.length <= limit && ids.length > 1) {
      const sub = new graphology.UndirectedGraph();
      for (const id of ids) sub.addNode(String(id), { x: HOME_X[id], y: HOME_Y[id] });
      for (const eid of drawEdges) {
        const e = EDGES[eid];
        if (e.from === e.to) continue;
        const u = String(e.from), v = String(e.to);
        const w = 1 + Math.log(e.weight);
        if (sub.hasEdge(u, v)) sub.updateEdgeAttribute(u, v, "weight", (old) => old + w);
        else sub.addEdge(u, v, { weight: w });
      }
      const fa2 = graphologyLibrary.layoutForceAtlas2;
      const settings = Object.assign(fa2.inferSettings(sub), {
        barnesHutOptimize: ids.length > 250,
        gravity: 0.5,
        scalingRatio: 20,
      });
      // Work in proportion to 1 / nodes; a filter change gets a third of it (quick).
      const iterations = Math.max(20, Math.min(150, Math.round((30000 * effort) / ids.length)));
      fa2.assign(sub, { iterations: iterations, settings: settings, getEdgeWeight: "weight" });
      layoutSteps.fa2 = performance.now() - started;
      // noverlap spreads the nodes, which shrinks the fitted zoom: size them from the
      // extent again, and finish with exact pair pushes where noverlap left overlaps.
      sub.forEachNode((key, a) => { X[Number(key)] = a.x; Y[Number(key)] = a.y; });
      const perPixel = perPixelOf(ids);
      sub.forEachNode((key) => sub.setNodeAttribute(key, "size", (radius[Number(key)] + 3) * perPixel));
      graphologyLibrary.layoutNoverlap.assign(sub, {
        maxIterations: ids.length <= SEPARATE_MAX ? 60 : 20,
        settings: { margin: 0, ratio: 1, expansion: 1.05, gridSize: 20 },
      });
      sub.forEachNode((key, a) => { X[Number(key)] = a.x; Y[Number(key)] = a.y; });
      layoutSteps.noverlap = performance.now() - started;
      // Exact separation converges fast on a few hundred nodes; beyond, where nodes are
      // packed closer anyway, noverlap's approximation is kept.
      layoutPasses = ids.length <= SEPARATE_MAX ? separate(ids) : 0;
      layoutSteps.separate = performance.now() - started;
    }
    lastLayoutMs = performance.now() - started;
  }

  /** Place the nodes that were not visible `before`, keeping everyone else in place. */
  function placeNew(first, before) {
    const fresh = new Set(Array.from(drawNodes).filter((id) => !before[id]));
    if (!fresh.size) return;
    const old = Array.from(drawNodes).filter((id) => before[id]);
    const placed = new Uint8Array(N);
    for (const id of old) placed[id] = 1;
    const perPixel = old.length > 1 ? perPixelOf(old) : 1 / camera.fitScale;
    let maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const id of old) {
      maxX = Math.max(maxX, X[id]); minY = Math.min(minY, Y[id]); maxY = Math.max(maxY, Y[id]);
    }
    if (maxX === -Infinity) maxX = minY = maxY = 0;
    const order = [first, ...Array.from(fresh).filter((id) => id !== first)];
    let k = 0;
    for (const id of order) {
      if (!fresh.has(id)) continue;
      let x = 0, y = 0, w = 0;
      for (const eid of incident[id]) {
        if (!edgeVisible[eid]) continue;
        const other = EDGES[eid].from === id ? EDGES[eid].to : EDGES[eid].from;
        if (placed[other] && other !== id) { x += X[other]; y += Y[other]; w++; }
      }
      if (w) { x /= w; y /= w; } else { x = maxX + 80 * perPixel; y = (minY + maxY) / 2; }
      k++;
      const angle = k * 2.399963; // the golden angle: neighbours spread around, never in line
      X[id] = x + Math.cos(angle) * 24 * perPixel;
      Y[id] = y + Math.sin(angle) * 24 * perPixel;
      placed[id] = 1;
    }
    if (drawNodes.length <= SEPARATE_MAX) separate(Array.from(drawNodes));
  }

  let lastApplyMs = 0;

  /** Recompute what is visible from the scope and every filter; lay it out again when
   * it is small enough, fit the camera to it and redraw. */
  function applyFilters(options) {
    // Filters lay out views of up to layoutMax nodes at once (a fraction of a second);
    // asking for more entities (Show more, search) up to layoutMaxScope (about a second).
    // With `place: id` the view keeps its layout and only the entities that appear are
    // placed: `id` next to its visible neighbours (or beside the view), the others around.
    const opts = Object.assign(
      { layout: DATA.layoutMax, fit: true, place: null, effort: 1 / 3 }, options || {});
    const started = performance.now();
    const before = nodeVisible;
    computeVisibility();
    drawNodes = DRAW_ORDER.filter((id) => nodeVisible[id]);
    if (drawNodes.length > BATCH_MIN) {
      // Big views: by type, then by importance, so each type is one path (see draw).
      const typeOrder = new Map(typesPresent.map(([type], i) => [type, i]));
      drawNodes = Int32Array.from(drawNodes).sort((a, b) =>
        typeOrder.get(NODES[a].type) - typeOrder.get(NODES[b].type) || NODES[b].rank - NODES[a].rank);
    }
    drawIndex.fill(-1);
    drawNodes.forEach((id, i) => { drawIndex[id] = i; });
    const edges = [];
    for (let eid = 0; eid < EDGES.length; eid++) if (edgeVisible[eid]) edges.push(eid);
    drawEdges = Int32Array.from(edges);
    if (opts.place !== null) placeNew(opts.place, before);
    else if (opts.layout) layoutVisible(opts.layout, opts.effort);
    if (opts.fit) fitCamera();
    else indexNodes();
    redraw();
    lastApplyMs = performance.now() - started;
    const laidOut = opts.place !== null || visibleNodes <= opts.layout;
    byId("shown").textContent = "Showing " + fmt(visibleNodes) + " of " +
      plural(NODES.length, "entity", "entities") + ", " +
      fmt(visibleEdges) + " of " + plural(EDGES.length, "relation") + "." +
      (laidOut ? "" : " Too many to lay out at once: they keep their places; “Lay out again” spreads them.");
    scopeLine();
  }

  // ---- details panel ---------------------------------------------------------------

  function nodeButton(id) {
    const button = el("button", { type: "button", className: "link" }, NODES[id].label);
    button.addEventListener("click", () => focusNode(id));
    return button;
  }

  function section(title, items) {
    return items.length ? [el("h3", null, title), ...items] : [];
  }

  function facts(pairs) {
    const dl = el("dl");
    for (const [name, value] of pairs) {
      if (value === null || value === undefined || value === "") continue;
      dl.append(el("dt", null, name), el("dd", null, String(value)));
    }
    return dl;
  }

  /** An evidence text with who said it, its document and, in a dated graph, its date. */
  function quoteBlock(text, who, isQuote, date, doc) {
    const when = date ? el("span", { className: "who date" }, date) : null;
    return el("blockquote", { className: isQuote ? "quote" : "" }, text, who, doc || null, when);
  }

  /** "quotation →" for an edge from this node, "← quotation" for one into it. */
  function relationPart(e, id) {
    if (!DIRECTED.has(e.relation)) return e.relation;
    return e.from === id ? e.relation + " →" : "← " + e.relation;
  }

  function strongestNeighbors(id) {
    const totals = new Map();
    for (const eid of incident[id]) {
      const e = EDGES[eid];
      const other = e.from === id ? e.to : e.from;
      const entry = totals.get(other) || { weight: 0, parts: new Map() };
      const part = relationPart(e, id);
      entry.weight += e.weight;
      entry.parts.set(part, (entry.parts.get(part) || 0) + e.weight);
      totals.set(other, entry);
    }
    const ranked = [...totals.entries()].sort((a, b) => b[1].weight - a[1].weight);
    return ranked.slice(0, 10).map(([other, entry]) => {
      const parts = [...entry.parts.entries()].map(([part, weight]) => part + " ×" + weight);
      return el("li", null, nodeButton(other), " " + parts.join(", "));
    });
  }

  function edgesOf(id, test) {
    return incident[id].map((eid) => EDGES[eid]).filter(test)
      .sort((a, b) => b.weight - a.weight);
  }

  /** Each quote of a speaker with its document, also those that name nobody. */
  function speakerQuotes(n) {
    return n.quoteEvidence.map((q) => quoteBlock(q.text, null, true, null,
      docLine(q.document, q.title, q.url)));
  }

  function quotesBy(id) {
    if (NODES[id].quoteEvidence.length) return speakerQuotes(NODES[id]);
    const items = [];
    for (const e of edgesOf(id, (e) => e.relation === "quotation" && e.from === id)) {
      for (const [text, date, doc] of evidenceOf(e)) {
        items.push(quoteBlock(text, el("span", { className: "who" }, "about ", nodeButton(e.to)), true, date, docOf(doc)));
      }
    }
    return items.slice(0, LIST_LIMIT);
  }

  function quotesAbout(id) {
    const items = [];
    for (const e of edgesOf(id, (e) => e.relation === "quotation" && e.to === id)) {
      for (const [text, date, doc] of evidenceOf(e)) {
        items.push(quoteBlock(text, el("span", { className: "who" }, nodeButton(e.from), " said"), true, date, docOf(doc)));
      }
    }
    return items.slice(0, LIST_LIMIT);
  }

  function exampleSentences(id) {
    const seen = new Set();
    const items = [];
    for (const e of edgesOf(id, (e) => e.relation !== "quotation")) {
      for (const [text, date, doc] of evidenceOf(e)) {
        if (seen.has(text)) continue;
        seen.add(text);
        const other = e.from === id ? e.to : e.from;
        items.push(quoteBlock(text, el("span", { className: "who" }, e.relation + " with ", nodeButton(other)), false, date, docOf(doc)));
      }
    }
    return items.slice(0, LIST_LIMIT);
  }

  function aliasItems(n) {
    // Each alias with its count and how it joined the entity (its provenance), so a
    // merge can be checked and overridden with an alias file.
    const items = n.aliases.map(([name, count, how]) =>
      el("li", null, (count ? name + " ×" + count : name) + (how && how !== "same name" ? " (" + how + ")" : "")));
    if (n.aliasTotal > n.aliases.length) {
      items.push(el("li", null, "… and " + fmt(n.aliasTotal - n.aliases.length) + " more"));
    }
    return items;
  }

  function showNode(id) {
    const n = NODES[id];
    const neighbors = strongestNeighbors(id);
    byId("details").replaceChildren(
      el("h2", null, n.label),
      el("p", { className: "kind" }, n.type + " · " + n.key),
      facts([
        ["Mentions", fmt(n.mentions)],
        ["Documents", fmt(n.documents)],
        ["Quotes", n.quotes ? fmt(n.quotes) : null],
        ["Roles", n.roles.join("; ")],
        ["Connections", fmt(incident[id].length)],
      ]),
      ...time.details(n),
      ...section("Aliases", n.aliases.length ? [el("ul", null, ...aliasItems(n))] : []),
      ...section("Strongest connections", neighbors.length ? [el("ul", null, ...neighbors)] : []),
      ...section("Quotes by " + n.label, quotesBy(id)),
      ...section("Quoted about " + n.label, quotesAbout(id)),
      ...section("Example sentences", exampleSentences(id)),
    );
  }

  function showEdge(id) {
    const e = EDGES[id];
    const source = NODES[e.from].label;
    const evidenceTitle = e.relation === "quotation"
      ? "What " + source + " said"
      : "Example sentences";
    const speaker = e.relation === "quotation" ? el("span", { className: "who" }, source) : null;
    byId("details").replaceChildren(
      el("h2", null, nodeButton(e.from), arrowText(e.relation), nodeButton(e.to)),
      el("p", { className: "kind" }, e.relation),
      facts([
        ["Weight", fmt(e.weight)],
        ["Documents", fmt(e.documents)],
        ["Role", e.role],
      ]),
      ...section(evidenceTitle, evidenceOf(e).map(([text, date, doc]) =>
        quoteBlock(text, speaker ? speaker.cloneNode(true) : null, e.relation === "quotation", date, docOf(doc)))),
    );
  }

  function clearDetails() {
    byId("details").replaceChildren(
      el("p", { className: "hint" }, "Select an entity or a relation to see its evidence."));
  }

  function select(id) {
    selection.node = id;
    selection.neighbours = new Set();
    if (id !== null) {
      for (const eid of incident[id]) {
        if (!edgeVisible[eid]) continue;
        const e = EDGES[eid];
        selection.neighbours.add(e.from === id ? e.to : e.from);
      }
    }
    redraw();
  }

  function clickAt(px, py) {
    const id = nodeAt(px, py);
    if (id !== null) {
      select(id);
      showNode(id);
      return;
    }
    const eid = edgeAt(px, py);
    select(null);
    if (eid !== null) showEdge(eid);
    else clearDetails();
  }

  // ---- find ------------------------------------------------------------------------

  /** The best node for a query among ALL entities: exact name, exact alias, name
   * prefix, name substring, then alias substring; ties go to the most mentioned. */
  function findNode(query) {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    const tests = [
      (i) => lowered[i].label === q,
      (i) => lowered[i].aliases.includes(q),
      (i) => lowered[i].label.startsWith(q),
      (i) => lowered[i].label.includes(q),
      (i) => lowered[i].aliases.some((a) => a.includes(q)),
    ];
    for (const test of tests) {
      let best = null;
      for (let i = 0; i < NODES.length; i++) {
        if (test(i) && (best === null || NODES[i].mentions > NODES[best].mentions)) best = i;
      }
      if (best !== null) return best;
    }
    return null;
  }

  /** Bring `id` into view: into scope with its strongest neighbours, filters cleared
   * when they hide it; then select it and move the camera to it. */
  function focusNode(id) {
    tooltip.hidden = true;
    let changed = false;
    if (!inScope(id)) {
      scope.extra.add(id);
      const ranked = incident[id].map((eid) => EDGES[eid]).sort((a, b) => b.weight - a.weight);
      for (const e of ranked.slice(0, NEIGHBOURS_ON_FIND)) scope.extra.add(e.from === id ? e.to : e.from);
      changed = true;
    }
    if (!passesFilters(id)) {
      resetControls(); // the filters hid it: show everything, laid out again
      applyFilters({ layout: DATA.layoutMaxScope, effort: 1 });
    } else if (changed || !nodeVisible[id]) {
      applyFilters({ place: id });
    }
    select(id);
    showNode(id);
    camera.x = X[id];
    camera.y = Y[id];
    camera.scale = Math.max(camera.scale, camera.fitScale * 1.5);
    redraw();
    return id;
  }

  function passesFilters(id) {
    return [...filterTests.values()].every((f) => !f.node || f.node(NODES[id]));
  }

  function find(query) {
    const id = findNode(query);
    byId("find-status").textContent = id === null ? "No entity matches “" + query.trim() + "”." : "";
    return id === null ? null : focusNode(id);
  }

  byId("find").addEventListener("submit", (event) => {
    event.preventDefault();
    find(byId("find-input").value);
  });
  const names = byId("find-names");
  const byMentions = [...NODES].sort((a, b) => b.mentions - a.mentions);
  for (const n of byMentions.slice(0, NAMES_LISTED)) names.append(el("option", { value: n.label }));

  // ---- header, scope and controls ---------------------------------------------------

  function header() {
    byId("title").textContent = DATA.title;
    const s = DATA.summary;
    const parts = [];
    if (s.documents !== undefined) parts.push(plural(s.documents, "document"));
    parts.push(plural(DATA.total.nodes, "entity", "entities"));
    parts.push(plural(DATA.total.edges, "relation"));
    if (s.window) parts.push("co-mention window: " + s.window);
    if (s.model) parts.push("model: " + s.model);
    if (s.generator) parts.push(s.generator);
    byId("summary").textContent = parts.join(" · ");
  }

  function scopeLine() {
    const total = NODES.length;
    const size = Math.min(scope.size, total);
    const more = byId("show-more");
    const all = byId("show-all");
    const fewer = byId("show-fewer");
    let text = size >= total
      ? "All " + plural(total, "entity", "entities") + " are in play."
      : "The " + fmt(size) + " most connected of " + plural(total, "entity", "entities") +
        (scope.extra.size ? ", plus " + fmt(scope.extra.size) + " found by search" : "") +
        "; " + fmt(total - size) + " more are in this page.";
    byId("scope-text").textContent = text;
    more.hidden = size >= total;
    more.textContent = "Show " + fmt(Math.min(total, size * 2) - size) + " more";
    all.hidden = size >= total;
    fewer.hidden = size <= DATA.viewNodes && !scope.extra.size;
  }

  function setScope(size) {
    scope.size = Math.max(1, Math.min(NODES.length, size));
    scope.extra.clear();
    select(null);
    applyFilters({ layout: DATA.layoutMaxScope, effort: 1 });
  }

  function checkRow(checked, onChange, ...content) {
    const box = el("input", { type: "checkbox", checked: checked });
    box.addEventListener("change", () => onChange(box.checked));
    return el("label", { className: "legend-row" }, box, ...content);
  }

  function toggle(set, key) {
    return (on) => {
      if (on) set.add(key);
      else set.delete(key);
      applyFilters();
    };
  }

  function legend() {
    const types = byId("types");
    for (const [type, count] of typesPresent) {
      const swatch = el("span", { className: "swatch" });
      swatch.style.background = typeColor(type);
      types.append(checkRow(true, toggle(state.types, type), swatch,
        el("span", { className: "name" }, type),
        el("span", { className: "count" }, fmt(count))));
    }
    const relations = byId("relations");
    for (const [relation, count] of relationsPresent) {
      const line = el("span", { className: "line" + (DIRECTED.has(relation) ? " directed" : "") });
      line.style.borderTopStyle = "solid";
      line.style.borderTopColor = relationColor(relation);
      line.style.setProperty("--c", relationColor(relation));
      relations.append(checkRow(true, toggle(state.relations, relation), line,
        el("span", { className: "name" }, relation),
        el("span", { className: "count" }, fmt(count))));
    }
    if (!relationsPresent.length) relations.append(el("p", { className: "hint" }, "No relations."));
  }

  function options() {
    const range = byId("min-weight");
    range.max = String(maxWeight);
    range.disabled = maxWeight <= 1;
    range.addEventListener("input", () => {
      state.minWeight = Number(range.value);
      byId("min-weight-value").textContent = range.value;
      applyFilters();
    });
    byId("hide-isolated").addEventListener("change", (event) => {
      state.hideIsolated = event.target.checked;
      applyFilters();
    });
    // Also for views above layoutMax nodes, which are not laid out automatically.
    byId("relayout").addEventListener("click", () => applyFilters({ layout: Infinity, effort: 1 }));
    byId("reset").addEventListener("click", () => {
      resetControls();
      applyFilters();
    });
    byId("show-more").addEventListener("click", () => setScope(scope.size * 2));
    byId("show-all").addEventListener("click", () => setScope(NODES.length));
    byId("show-fewer").addEventListener("click", () => setScope(DATA.viewNodes));
    time.mount(byId("controls"), byId("options"));
  }

  /** Every filter control back to "show all", without redrawing. */
  function resetControls() {
    state.types = new Set(typesPresent.map(([k]) => k));
    state.relations = new Set(relationsPresent.map(([k]) => k));
    state.minWeight = 1;
    state.hideIsolated = false;
    time.reset();
    for (const box of document.querySelectorAll("#types input, #relations input")) box.checked = true;
    byId("min-weight").value = "1";
    byId("min-weight-value").textContent = "1";
    byId("hide-isolated").checked = false;
  }

  header();
  legend();
  options();
  marks.controls = performance.now();
  applyFilters({ effort: 1 });
  marks.applied = performance.now();

  // ---- window.entgraphView: for tests, benchmarks and the curious --------------------
  /* nodeCount()/edgeCount(): what the filters let through; drawnNodeCount() and
   * drawnEdgeCount(): what the painter holds to draw (the two must agree).
   * screenPosition(id): the node's centre in page pixels (for clicks in tests);
   * labelBoxes(): [id, left, top, right, bottom] of each label drawn in the last frame.
   * filters.add(name, {node, edge}) registers another filter; filters.apply() redraws.
   * nodeAt(x, y): the node a click at page pixels (x, y) picks. scope(n) draws the n
   * most important entities; find(text) and focus(id) bring an entity into view;
   * setTimeRange(start, end) selects the periods holding start..end (ISO dates or
   * period labels, null = open end) and redraws; timeRange() is [first, last] selected
   * period labels, or null in an undated graph;
   * timings(): lastApplyMs, lastLayoutMs, frameMs (the last frame) and marks. */
  const view = {
    drawn: false,
    firstDrawMs: null,
    totalNodes: NODES.length,
    nodeCount: () => visibleNodes,
    edgeCount: () => visibleEdges,
    drawnNodeCount: () => drawNodes.length,
    drawnEdgeCount: () => drawEdges.length,
    visibleIds: () => Array.from(drawNodes),
    labelBoxes: () => labelBoxes.map((b) => b.slice()),
    selectedNodes: () => (selection.node === null ? [] : [selection.node]),
    screenPosition: (id) => {
      const box = canvas.getBoundingClientRect();
      return { x: box.left + sx(id), y: box.top + sy(id), radius: screenRadius(id) };
    },
    nodeAt: (x, y) => {
      const box = canvas.getBoundingClientRect();
      return nodeAt(x - box.left, y - box.top);
    },
    find: find,
    focus: focusNode,
    showNode: showNode,
    showEdge: showEdge,
    scope: setScope,
    setTimeRange: (start, end) => time.setRange(start, end),
    timeRange: () => time.range(),
    filters: {
      add: (name, test) => filterTests.set(name, test),
      remove: (name) => filterTests.delete(name),
      apply: (options) => applyFilters(options),
      state: state,
    },
    timings: () => ({ lastApplyMs: lastApplyMs, lastLayoutMs: lastLayoutMs, layoutPasses: layoutPasses, layoutSteps: layoutSteps, frameMs: frameMs, marks: marks }),
  };
  function drawn() {
    view.drawn = true;
    view.firstDrawMs = performance.now();
    document.body.dataset.drawn = "true";
  }
  // The first frame is drawn on the next animation frame; the one after it has painted.
  requestAnimationFrame(() => requestAnimationFrame(drawn));
  window.entgraphView = view;
})();
