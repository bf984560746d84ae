/* entgraph explorer: draws the graph data embedded in the page with vis-network.
 *
 * Safety rule: every text from the data (names, quotes, sentences, ids) reaches the
 * page through textContent, a form property or a vis-network string title (drawn as
 * text); this file never builds HTML from strings.
 */
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("entgraph-data").textContent);
  const NODES = DATA.nodes;
  const EDGES = DATA.edges;
  const DIRECTED = new Set(DATA.directed);
  const FALLBACK_COLOR = "#8c8c8c";
  const LABEL_CHARS = 40;
  const LIST_LIMIT = 8;

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

  // ---- indexes ---------------------------------------------------------------------

  // Edge ids touching each node, for details and for the isolated-node filter.
  const incident = NODES.map(() => []);
  for (const edge of EDGES) {
    incident[edge.from].push(edge.id);
    if (edge.to !== edge.from) incident[edge.to].push(edge.id);
  }
  const typesPresent = countBy(NODES, (n) => n.type, Object.keys(DATA.typeColors));
  const relationsPresent = countBy(EDGES, (e) => e.relation, Object.keys(DATA.relationColors));
  const maxWeight = EDGES.reduce((m, e) => Math.max(m, e.weight), 1);

  /** Counts per key, known keys first (in their order), then the others by count. */
  function countBy(items, key, known) {
    const counts = new Map();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) || 0) + 1);
    const order = known.filter((k) => counts.has(k));
    const rest = [...counts.keys()].filter((k) => !known.includes(k));
    rest.sort((a, b) => counts.get(b) - counts.get(a));
    return order.concat(rest).map((k) => [k, counts.get(k)]);
  }

  // ---- what vis-network draws ----------------------------------------------------

  function nodeSizes() {
    const roots = NODES.map((n) => Math.sqrt(Math.max(1, n.mentions)));
    const lo = Math.min(...roots, 1);
    const hi = Math.max(...roots, 1);
    return roots.map((r) => 10 + (26 * (r - lo)) / (hi - lo || 1));
  }

  function visNodes() {
    const sizes = nodeSizes();
    return NODES.map((n, i) => {
      const color = typeColor(n.type);
      const item = {
        id: n.id,
        label: short(n.label),
        title: n.label + " (" + n.type + ")\n" + plural(n.mentions, "mention") +
          " in " + plural(n.documents, "document"),
        size: sizes[i],
        color: {
          background: color, border: "#3b4148",
          highlight: { background: color, border: "#111111" },
          hover: { background: color, border: "#111111" },
        },
      };
      if (n.x !== undefined) Object.assign(item, { x: n.x, y: n.y });
      return item;
    });
  }

  function visEdges() {
    const logMax = Math.log(maxWeight) || 1;
    return EDGES.map((e) => {
      const color = relationColor(e.relation);
      const directed = DIRECTED.has(e.relation);
      return {
        id: e.id,
        from: e.from,
        to: e.to,
        width: 1 + (6 * Math.log(e.weight)) / logMax,
        title: NODES[e.from].label + arrowText(e.relation) + NODES[e.to].label + "\n" +
          e.relation + " ×" + e.weight,
        color: { color: color, highlight: color, hover: color, opacity: directed ? 0.95 : 0.55 },
        arrows: directed ? { to: { enabled: true, scaleFactor: 0.7 } } : { to: { enabled: false } },
        dashes: e.relation === "affiliation" ? [8, 5] : false,
        // Static curves keep a quotation apart from the co-mention of the same pair;
        // no dynamic smoothing, which adds a simulated node per edge.
        smooth: directed
          ? { enabled: true, type: e.relation === "quotation" ? "curvedCW" : "curvedCCW", roundness: 0.2 }
          : false,
      };
    });
  }

  // ---- filters ---------------------------------------------------------------------

  const state = {
    types: new Set(typesPresent.map(([k]) => k)),
    relations: new Set(relationsPresent.map(([k]) => k)),
    minWeight: 1,
    hideIsolated: false,
  };
  let nodeVisible = NODES.map(() => true);
  let edgeVisible = EDGES.map(() => true);

  function computeVisibility() {
    const nodeOk = NODES.map((n) => state.types.has(n.type));
    const edgeOk = EDGES.map(
      (e) => state.relations.has(e.relation) && e.weight >= state.minWeight &&
        nodeOk[e.from] && nodeOk[e.to],
    );
    if (state.hideIsolated) {
      for (const n of NODES) {
        if (nodeOk[n.id]) nodeOk[n.id] = incident[n.id].some((id) => edgeOk[id]);
      }
    }
    nodeVisible = nodeOk;
    edgeVisible = edgeOk;
  }

  const nodeSet = new vis.DataSet(visNodes());
  const edgeSet = new vis.DataSet(visEdges());
  const nodeView = new vis.DataView(nodeSet, { filter: (item) => nodeVisible[item.id] });
  const edgeView = new vis.DataView(edgeSet, { filter: (item) => edgeVisible[item.id] });

  function applyFilters() {
    computeVisibility();
    nodeView.refresh();
    edgeView.refresh();
    byId("shown").textContent = "Showing " + fmt(nodeView.length) + " of " +
      plural(NODES.length, "entity", "entities") + ", " +
      fmt(edgeView.length) + " of " + plural(EDGES.length, "relation") + ".";
  }

  // ---- the network -----------------------------------------------------------------

  const big = !DATA.physics;
  const network = new vis.Network(byId("network"), { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    layout: { improvedLayout: !big && NODES.length <= 100, randomSeed: 7 },
    nodes: {
      shape: "dot",
      borderWidth: 1,
      font: { size: 14, color: "#1f2328", strokeWidth: 3, strokeColor: "#ffffff" },
    },
    edges: { smooth: false, arrowStrikethrough: false, hoverWidth: 0.5, selectionWidth: 2 },
    interaction: {
      hover: true,
      tooltipDelay: 200,
      hideEdgesOnDrag: big,
      hideEdgesOnZoom: big,
      multiselect: false,
    },
    physics: {
      enabled: DATA.physics,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -70, springLength: 110, avoidOverlap: 0.3 },
      stabilization: { enabled: DATA.physics, iterations: 300, updateInterval: 50 },
    },
  });

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

  function quoteBlock(text, who, isQuote) {
    return el("blockquote", { className: isQuote ? "quote" : "" }, text, who);
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
    return n.quoteEvidence.map((q) => quoteBlock(q.text, el("span", { className: "who" },
      "in " + q.document + (q.title ? " (" + q.title + ")" : "")), true));
  }

  function quotesBy(id) {
    if (NODES[id].quoteEvidence.length) return speakerQuotes(NODES[id]);
    const items = [];
    for (const e of edgesOf(id, (e) => e.relation === "quotation" && e.from === id)) {
      for (const text of e.evidence) {
        items.push(quoteBlock(text, el("span", { className: "who" }, "about ", nodeButton(e.to)), true));
      }
    }
    return items.slice(0, LIST_LIMIT);
  }

  function quotesAbout(id) {
    const items = [];
    for (const e of edgesOf(id, (e) => e.relation === "quotation" && e.to === id)) {
      for (const text of e.evidence) {
        items.push(quoteBlock(text, el("span", { className: "who" }, nodeButton(e.from), " said"), true));
      }
    }
    return items.slice(0, LIST_LIMIT);
  }

  function exampleSentences(id) {
    const seen = new Set();
    const items = [];
    for (const e of edgesOf(id, (e) => e.relation !== "quotation")) {
      for (const text of e.evidence) {
        if (seen.has(text)) continue;
        seen.add(text);
        const other = e.from === id ? e.to : e.from;
        items.push(quoteBlock(text, el("span", { className: "who" }, e.relation + " with ", nodeButton(other)), false));
      }
    }
    return items.slice(0, LIST_LIMIT);
  }

  function aliasItems(n) {
    const items = n.aliases.map(([name, count]) =>
      el("li", null, count ? name + " ×" + count : name));
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
      ...section(evidenceTitle, e.evidence.map((text) =>
        quoteBlock(text, speaker ? speaker.cloneNode(true) : null, e.relation === "quotation"))),
    );
  }

  function clearDetails() {
    byId("details").replaceChildren(
      el("p", { className: "hint" }, "Select an entity or a relation to see its evidence."));
  }

  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else clearDetails();
  });

  // ---- find ------------------------------------------------------------------------

  /** The best node for a query: exact name, exact alias, name prefix, then substring. */
  function findNode(query) {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    const tests = [
      (n) => n.label.toLowerCase() === q,
      (n) => n.aliases.some(([a]) => a.toLowerCase() === q),
      (n) => n.label.toLowerCase().startsWith(q),
      (n) => n.label.toLowerCase().includes(q),
      (n) => n.aliases.some(([a]) => a.toLowerCase().includes(q)),
    ];
    for (const test of tests) {
      const hits = NODES.filter(test);
      if (hits.length) return hits.reduce((a, b) => (b.mentions > a.mentions ? b : a)).id;
    }
    return null;
  }

  function focusNode(id) {
    if (!nodeVisible[id]) resetFilters();
    network.selectNodes([id]);
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.0),
      animation: { duration: 400, easingFunction: "easeInOutQuad" },
    });
    showNode(id);
    return id;
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
  for (const n of [...NODES].sort((a, b) => b.mentions - a.mentions)) {
    names.append(el("option", { value: n.label }));
  }

  // ---- header and controls ---------------------------------------------------------

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
    const left = DATA.omitted;
    if (left.nodes > 0) {
      const types = Object.entries(left.types).map(([t, c]) => fmt(c) + " " + t).join(", ");
      byId("omitted").textContent = "Showing the " + fmt(NODES.length) + " most connected of " +
        fmt(DATA.total.nodes) + " entities (max nodes: " + fmt(DATA.maxNodes) + "). Left out: " +
        fmt(left.nodes) + " entities (" + types + ") and " + plural(left.edges, "relation") + ".";
      byId("omitted").hidden = false;
    }
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
      line.style.borderTopStyle = relation === "affiliation" ? "dashed" : "solid";
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
    const physics = byId("physics");
    physics.checked = DATA.physics;
    physics.addEventListener("change", () => {
      network.setOptions({ physics: { enabled: physics.checked } });
    });
    byId("reset").addEventListener("click", resetFilters);
  }

  function resetFilters() {
    state.types = new Set(typesPresent.map(([k]) => k));
    state.relations = new Set(relationsPresent.map(([k]) => k));
    state.minWeight = 1;
    state.hideIsolated = false;
    for (const box of document.querySelectorAll("#types input, #relations input")) box.checked = true;
    byId("min-weight").value = "1";
    byId("min-weight-value").textContent = "1";
    byId("hide-isolated").checked = false;
    applyFilters();
  }

  header();
  legend();
  options();
  applyFilters();

  // ---- for tests, benchmarks and the curious: counts come from vis-network itself ----

  const view = {
    network: network,
    drawn: false,
    firstDrawMs: null,
    nodeCount: () => network.body.data.nodes.length,
    edgeCount: () => network.body.data.edges.length,
    drawnNodeCount: () => network.body.nodeIndices.length,
    drawnEdgeCount: () => network.body.edgeIndices.length,
    selectedNodes: () => network.getSelectedNodes(),
    find: find,
    focus: focusNode,
    showNode: showNode,
    showEdge: showEdge,
  };
  network.once("afterDrawing", () => {
    view.drawn = true;
    view.firstDrawMs = performance.now();
    document.body.dataset.drawn = "true";
  });
  window.entgraphView = view;
})();
