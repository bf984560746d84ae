/* entgraph explorer, time: the date range control, sparklines and evidence dates.
 *
 * Runs before explorer.js, in the same <script>. Its data: DATA.time (null for an
 * undated graph) = {period, periods: [{label, first, last, documents}], undated};
 * node.timeline / edge.timeline = {period label: count}; edge.evidenceDates.
 *
 * The hook for the page script:
 *
 *   const time = EntgraphTime.create(DATA, onChange);
 *   time.filter(item)        true when a node or edge has mentions in the selected
 *                            periods; explorer.js registers it as the "time" filter
 *                            ({node, edge}), combined with the others. Always true
 *                            while the whole range is selected, undated items too.
 *   time.mount(parent, before)  insert the "Dates" fieldset into parent, before `before`
 *   time.reset()             select the whole range again (does not call onChange)
 *   time.setRange(a, b)      select the periods holding a..b (ISO dates or period labels,
 *                            null = open end), call onChange; returns time.range()
 *   time.range()             [first, last] selected period labels, or null (no dates)
 *   time.details(node)       elements for the details panel: a sparkline of mentions per
 *                            period with first/last seen ([] when the node is undated)
 *   time.evidenceDate(edge, i)  the date of the edge's i-th evidence, or null
 *
 * Same safety rule as explorer.js: text reaches the page only through textContent.
 */
const EntgraphTime = (function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  const IN = "#4e79a7";
  const OUT = "#c9d3de";

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    return node;
  }

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function create(DATA, onChange) {
    const T = DATA.time;
    const periods = T ? T.periods : [];
    const indexOf = new Map(periods.map((p, i) => [p.label, i]));
    let lo = 0;
    let hi = periods.length - 1;
    let view = null; // the mounted control, updated on every change

    function whole() {
      return lo <= 0 && hi >= periods.length - 1;
    }

    function filter(item) {
      if (!T || whole()) return true;
      const timeline = item.timeline;
      if (!timeline) return false;
      for (const label of Object.keys(timeline)) {
        const i = indexOf.get(label);
        if (i !== undefined && i >= lo && i <= hi && timeline[label] > 0) return true;
      }
      return false;
    }

    // A date or label to a period index: the first period ending on or after a start,
    // the last period beginning on or before an end.
    function startIndex(value) {
      if (value === null || value === undefined || value === "") return 0;
      if (indexOf.has(value)) return indexOf.get(value);
      const i = periods.findIndex((p) => p.last >= String(value));
      return i < 0 ? periods.length : i;
    }

    function endIndex(value) {
      if (value === null || value === undefined || value === "") return periods.length - 1;
      if (indexOf.has(value)) return indexOf.get(value);
      let found = -1;
      periods.forEach((p, i) => {
        if (p.first <= String(value)) found = i;
      });
      return found;
    }

    function range() {
      if (!T) return null;
      if (lo > hi) return [];
      return [periods[lo].label, periods[hi].label];
    }

    function setRange(start, end) {
      if (!T) return null;
      lo = startIndex(start);
      hi = endIndex(end);
      update();
      onChange();
      return range();
    }

    function reset() {
      lo = 0;
      hi = periods.length - 1;
      update();
    }

    function documentsIn() {
      let n = 0;
      for (let i = Math.max(lo, 0); i <= hi && i < periods.length; i++) n += periods[i].documents;
      return n;
    }

    function update() {
      if (!view) return;
      view.bars.forEach((bar, i) => bar.setAttribute("fill", i >= lo && i <= hi ? IN : OUT));
      if (lo <= hi) {
        view.start.value = String(lo);
        view.end.value = String(hi);
      }
      const shown = range();
      const span = !shown || !shown.length ? "no period" : shown[0] === shown[1] ? shown[0] : shown[0] + " – " + shown[1];
      let text = span + " · " + documentsIn().toLocaleString("en") + " dated documents";
      if (whole() && T.undated) text += " (and " + T.undated.toLocaleString("en") + " undated)";
      view.label.textContent = text;
    }

    function histogram() {
      const height = 36;
      const peak = Math.max(1, ...periods.map((p) => p.documents));
      const chart = svg("svg", {
        viewBox: "0 0 " + periods.length + " " + height,
        preserveAspectRatio: "none",
        role: "img",
        "aria-label": "Documents per " + T.period,
      });
      chart.style.width = "100%";
      chart.style.height = height + "px";
      chart.style.display = "block";
      const bars = periods.map((p, i) => {
        const h = p.documents ? Math.max(1, (height * p.documents) / peak) : 0;
        const bar = svg("rect", { x: i + 0.1, y: height - h, width: 0.8, height: h, fill: IN });
        const title = svg("title");
        title.textContent = p.label + ": " + p.documents + " documents";
        bar.append(title);
        chart.append(bar);
        return bar;
      });
      return { chart, bars };
    }

    function mount(parent, before) {
      if (!T || !periods.length || !parent) return;
      const { chart, bars } = histogram();
      const last = String(periods.length - 1);
      const start = el("input", { type: "range", id: "time-start", min: "0", max: last, step: "1", value: "0" });
      const end = el("input", { type: "range", id: "time-end", min: "0", max: last, step: "1", value: last });
      start.setAttribute("aria-label", "First " + T.period);
      end.setAttribute("aria-label", "Last " + T.period);
      const label = el("output", { id: "time-range" });
      label.style.display = "block";
      label.style.fontSize = "12px";
      const fieldset = el("fieldset", { id: "time" },
        el("legend", null, "Dates (per " + T.period + ")"), chart, start, end, label);
      start.addEventListener("input", () => {
        lo = Number(start.value);
        if (lo > hi) hi = lo;
        update();
        onChange();
      });
      end.addEventListener("input", () => {
        hi = Number(end.value);
        if (hi < lo) lo = hi;
        update();
        onChange();
      });
      parent.insertBefore(fieldset, before || null);
      view = { bars, start, end, label };
      update();
    }

    function details(node) {
      if (!T || !node.timeline) return [];
      const width = 300;
      const height = 40;
      const counts = periods.map((p) => node.timeline[p.label] || 0);
      const peak = Math.max(1, ...counts);
      const step = width / Math.max(1, periods.length);
      const chart = svg("svg", {
        viewBox: "0 0 " + width + " " + height,
        preserveAspectRatio: "none",
        role: "img",
        class: "sparkline",
        "aria-label": "Mentions per " + T.period,
      });
      chart.style.width = "100%";
      chart.style.height = height + "px";
      chart.style.display = "block";
      if (!whole() && lo <= hi) {
        chart.append(svg("rect", { x: lo * step, y: 0, width: (hi - lo + 1) * step, height: height, fill: "#eef3f8" }));
      }
      const points = counts.map((c, i) => (i * step + step / 2).toFixed(1) + "," + (height - 2 - ((height - 4) * c) / peak).toFixed(1));
      chart.append(svg("polyline", { points: points.join(" "), fill: "none", stroke: IN, "stroke-width": 1.5 }));
      const title = svg("title");
      title.textContent = periods.map((p, i) => p.label + ": " + counts[i]).join("\n");
      chart.append(title);
      let best = 0;
      counts.forEach((c, i) => {
        if (c > counts[best]) best = i;
      });
      const caption = el("p", { className: "hint" },
        "First seen " + node.firstSeen + " · last seen " + node.lastSeen + " · most in " +
        periods[best].label + " (" + counts[best] + ")");
      return [el("h3", null, "Mentions per " + T.period), chart, caption];
    }

    function evidenceDate(edge, i) {
      return edge.evidenceDates && edge.evidenceDates[i] ? edge.evidenceDates[i] : null;
    }

    return { filter, mount, reset, setRange, range, details, evidenceDate };
  }

  return { create };
})();
