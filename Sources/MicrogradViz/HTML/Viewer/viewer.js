// The micrograd viewer: pan and zoom, search, the side panel, highlights, views, layers,
// step sequences and a run's charts, over the data the page embeds. No library, no network.
(function () {
  "use strict";

  /** The JSON in the script element `id`, or null when there is none. */
  function readJSON(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  // The page's data: what every graph shares, then each graph's own part, read when it is first shown.
  const data = readJSON("viewer-data");

  // The first graph comes before the script; the rest of the page (other graphs, edge
  // derivatives, diagrams not shown first) after it, so the page works while the browser reads on.
  const isLoading = () => document.readyState === "loading";
  function whenLoaded(action) {
    if (isLoading()) document.addEventListener("DOMContentLoaded", action, { once: true });
    else action();
  }

  /** Whether graph `index`'s part has been read by the browser. */
  function hasGraphData(index) {
    return data.graphs[index].loaded || !!document.getElementById("viewer-graph-" + index);
  }

  /** Graph `index` with all its parts: views, layers, sequences and the graph itself. */
  function graphData(index) {
    const graph = data.graphs[index];
    if (!graph.loaded) {
      Object.assign(graph, readJSON("viewer-graph-" + index));
      graph.loaded = true;
      for (const layer of graph.layers || []) if (layer.on) state.layersOn.add(layer.id);
    }
    return graph;
  }
  const $ = (id) => document.getElementById(id);
  const diagram = $("diagram");
  const canvas = $("canvas");
  const panel = $("panel");
  const searchInput = $("search");
  const searchResults = $("search-results");

  // MARK: - Numbers

  /** A number from the page's JSON, where NaN and the infinities are strings. */
  function numberOf(value) {
    if (typeof value === "number") return value;
    if (value === "NaN") return NaN;
    if (value === "Infinity") return Infinity;
    if (value === "-Infinity") return -Infinity;
    return Number(value);
  }

  /** Every digit needed to read the number back exactly (JavaScript's shortest round trip). */
  function exact(x) {
    return Object.is(x, -0) ? "-0" : String(x);
  }

  /** Four decimals, scientific notation below 0.001 and from a million: the diagrams' format. */
  function fixed(x, digits = 4) {
    if (Number.isNaN(x)) return "NaN";
    if (!Number.isFinite(x)) return x < 0 ? "-inf" : "inf";
    const magnitude = Math.abs(x);
    if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) {
      const [mantissa, power] = x.toExponential(digits).split("e");
      const exponent = Number(power);
      return mantissa + "e" + (exponent < 0 ? "-" : "+") + String(Math.abs(exponent)).padStart(2, "0");
    }
    const text = x.toFixed(digits);
    return text.startsWith("-") && Number(text) === 0 ? text.slice(1) : text;
  }

  function summarize(values) {
    let sum = 0, squares = 0, min = Infinity, max = -Infinity;
    for (const x of values) {
      sum += x;
      squares += x * x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    return { count: values.length, mean: sum / values.length, min, max, norm: Math.sqrt(squares) };
  }

  // MARK: - Building elements

  /** An element with attributes (or properties for `on…` handlers) and children. */
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
      else if (key === "className") element.className = value;
      else element.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : String(child));
    }
    return element;
  }

  /** An SVG element in the namespace of the page's diagrams. */
  let svgNamespace = null;
  function s(tag, attributes) {
    if (!svgNamespace) {
      const probe = document.createElement("div");
      probe.innerHTML = "<svg></svg>";
      svgNamespace = probe.firstChild.namespaceURI;
    }
    const element = document.createElementNS(svgNamespace, tag);
    for (const [key, value] of Object.entries(attributes || {})) element.setAttribute(key, String(value));
    return element;
  }

  // MARK: - Graphs

  /** What the page knows about one graph, built the first time it is shown. */
  function model(graphIndex) {
    const graph = graphData(graphIndex);
    if (graph.model) return graph.model;
    // The graph comes column by column: one array per field, node i at position i.
    const columns = graph.graph;
    const roles = { i: "input", p: "parameter", c: "constant", m: "intermediate" };
    const numbers = (value) => (Array.isArray(value) ? value.map(numberOf) : [numberOf(value)]);
    const nodes = columns.op.map((op, id) => ({
      id, op, label: columns.label[id], role: roles[columns.role[id]], scope: columns.scopes[columns.scope[id]],
      inputs: columns.inputs[id], shape: columns.shape[id], data: numbers(columns.data[id]), grad: numbers(columns.grad[id]),
    }));
    const users = nodes.map(() => []);
    for (const node of nodes) node.inputs.forEach((input, slot) => users[input].push({ node: node.id, slot }));
    // Every scope path and the values recorded in it or in a scope nested in it.
    const scopes = new Map();
    nodes.forEach((node) => {
      if (!node.scope) return;
      const parts = node.scope.split("/");
      for (let depth = 1; depth <= parts.length; depth++) {
        const path = parts.slice(0, depth).join("/");
        if (!scopes.has(path)) scopes.set(path, []);
        scopes.get(path).push(node.id);
      }
    });
    let edges;
    graph.model = {
      nodes, users, scopes, root: columns.root,
      labels: nodes.map((node) => (node.label || "").toLowerCase()),
      // Each edge's local derivative and what it carries, read the first time the panel needs them.
      get edges() {
        if (edges === undefined) {
          // Still on its way: the panel shows what it has, and again when the page has loaded.
          if (isLoading()) return null;
          edges = readEdges(readJSON("viewer-edges-" + graphIndex), nodes);
        }
        return edges;
      },
    };
    return graph.model;
  }

  // Each node's incoming edges as `[local or null, contribution]`, numbers parsed; an edge
  // written `[local]` carries local × the node's gradient, element by element.
  function readEdges(edges, nodes) {
    if (!edges) return null;
    return edges.map((incoming, id) => incoming && incoming.map((edge) => {
      const local = edge[0] ? edge[0].map(numberOf) : null;
      const contribution = edge.length > 1 ? edge[1].map(numberOf) : local.map((x, index) => x * nodes[id].grad[index]);
      return [local, contribution];
    }));
  }

  /** A value's name: its label, or its operation and id. */
  function nameOf(node) {
    if (node.label) return node.label;
    if (node.op) return node.op + " #" + node.id;
    return "#" + node.id;
  }

  /** Ids reached from `start` by following `next` (inputs or users), without `start`. */
  function reach(start, next) {
    const seen = new Set([start]);
    const pending = [start];
    while (pending.length) {
      for (const other of next(pending.pop())) {
        if (!seen.has(other)) {
          seen.add(other);
          pending.push(other);
        }
      }
    }
    seen.delete(start);
    return seen;
  }

  function ancestorsOf(m, id) {
    return reach(id, (v) => m.nodes[v].inputs);
  }

  function descendantsOf(m, id) {
    return reach(id, (v) => m.users[v].map((use) => use.node));
  }

  // MARK: - State

  const state = {
    graph: 0,
    view: 0,
    selection: null, // { value: id } or { scope: path }
    highlight: null, // "ancestors" or "descendants"
    layersOn: new Set(),
    sequence: 0,
    sequenceStep: 0,
    playing: null,
    allDigits: false,
    scale: 1,
    x: 0,
    y: 0,
  };

  /** The diagram on screen and how its drawn nodes map to values. */
  let shown = null;
  /** Diagrams taken off the screen, by template name, ready to come back. */
  const detachedDiagrams = new Map();
  /** The diagram written inline in the page, by template name, until it is first shown. */
  const inlineDiagrams = new Map();
  for (const svg of canvas.querySelectorAll(":scope > svg[data-template]")) inlineDiagrams.set(svg.dataset.template, svg);

  const currentGraph = () => graphData(state.graph);
  const currentModel = () => model(state.graph);

  // MARK: - Views

  function showView(viewIndex) {
    const graph = currentGraph();
    const view = graph.views[viewIndex];
    state.view = viewIndex;
    if (shown && shown.svg) {
      detachedDiagrams.set(shown.template, shown);
      shown.svg.remove();
    }
    shown = null;
    $("diagram-empty").hidden = !!view;
    if (!view) {
      canvas.replaceChildren();
      $("diagram-empty").textContent =
        "This graph is too big to lay out as a diagram. Find values by name: the panel shows everything about each.";
      return;
    }
    // Only one diagram is on screen at a time: their ids repeat.
    for (const svg of canvas.querySelectorAll(":scope > svg")) {
      if (svg.dataset.template !== view.template) svg.remove();
    }
    const cached = detachedDiagrams.get(view.template);
    if (cached) {
      canvas.append(cached.svg);
      shown = cached;
    } else {
      let svg = inlineDiagrams.get(view.template);
      inlineDiagrams.delete(view.template);
      if (!svg && !document.getElementById(view.template)) {
        // Not read yet: show it once the page has loaded.
        $("diagram-empty").hidden = false;
        $("diagram-empty").textContent = "Loading the diagram…";
        whenLoaded(() => {
          if (currentGraph() === graph && state.view === viewIndex) showView(viewIndex);
        });
        return;
      }
      if (!svg) {
        // Diagrams wait as text (or in a template) until they are first shown.
        const source = document.getElementById(view.template);
        if (source.tagName === "TEMPLATE") {
          svg = source.content.firstElementChild.cloneNode(true);
        } else {
          const holder = document.createElement("div");
          holder.innerHTML = source.textContent;
          svg = holder.firstElementChild;
        }
      }
      if (svg.parentNode !== canvas) canvas.append(svg);
      shown = indexDiagram(svg, view);
    }
    $("view-select").value = String(viewIndex);
    clearMarks();
    applyLayers();
    applySelection(false);
    applySequence();
    fit();
  }

  /** Finds the drawn values, operations and edges of a diagram, and makes the values reachable by keyboard. */
  function indexDiagram(svg, view) {
    const m = currentModel();
    // Pan and zoom work in the view box's units: one CSS pixel each at scale 1.
    const box = svg.viewBox.baseVal;
    if (Number(svg.getAttribute("width")) !== box.width) svg.setAttribute("width", box.width);
    if (Number(svg.getAttribute("height")) !== box.height) svg.setAttribute("height", box.height);
    const values = new Map();
    const operations = new Map();
    for (const group of svg.querySelectorAll("g.node")) {
      const match = /^n(\d+)(_op)?$/.exec(group.id);
      if (!match) continue;
      const drawn = Number(match[1]);
      (match[2] ? operations : values).set(drawn, group);
    }
    const edges = [];
    const edgesByEnds = new Map();
    for (const group of svg.querySelectorAll("g.edge")) {
      const title = group.querySelector("title");
      const match = title && /^n(\d+)(?:_op)?->n(\d+)(_op)?$/.exec(title.textContent);
      if (!match) continue;
      const edge = { from: Number(match[1]), to: Number(match[2]), toOperation: !!match[3], element: group };
      edges.push(edge);
      const key = edge.from + ">" + edge.to;
      if (!edgesByEnds.has(key)) edgesByEnds.set(key, []);
      edgesByEnds.get(key).push(edge);
    }
    const drawnOf = view.values ? (id) => view.values[id] : (id) => id;
    // What each drawn node stands for: a value, or a merged scope.
    const valueOfDrawn = new Map();
    if (view.values) {
      view.values.forEach((drawn, id) => {
        if (drawn !== null && !(view.scopes && view.scopes[drawn])) valueOfDrawn.set(drawn, id);
      });
    } else {
      for (const drawn of values.keys()) valueOfDrawn.set(drawn, drawn);
    }
    const clusters = new Map();
    for (const group of svg.querySelectorAll("g.cluster")) {
      const title = group.querySelector("title");
      if (title && title.textContent.startsWith("cluster_")) clusters.set(group, title.textContent.slice(8));
    }
    for (const [drawn, group] of values) {
      group.setAttribute("tabindex", "0");
      group.setAttribute("role", "button");
      const scope = view.scopes && view.scopes[drawn];
      const id = valueOfDrawn.get(drawn);
      if (scope) group.setAttribute("aria-label", "scope " + scope.path + ", " + scope.members + " values");
      else if (id !== undefined) group.setAttribute("aria-label", describe(m.nodes[id]));
    }
    return {
      svg, view, template: view.template, values, operations, edges, edgesByEnds, drawnOf, valueOfDrawn, clusters,
      annotations: null,
    };
  }

  /** `w1, parameter, data 0.5, grad -1.5`: what a screen reader says for a value. */
  function describe(node) {
    const role = node.id === currentModel().root ? "output" : node.role;
    let text = nameOf(node) + ", " + role;
    if (node.data.length === 1) text += ", data " + fixed(node.data[0]) + ", grad " + fixed(node.grad[0]);
    else text += ", shape [" + node.shape.join(", ") + "]";
    return text;
  }

  /** What a drawn node stands for: `{ value }` or `{ scope }`. */
  function originOf(drawn) {
    const scope = shown.view.scopes && shown.view.scopes[drawn];
    if (scope) return { scope: scope.path };
    const value = shown.valueOfDrawn.get(drawn);
    return value === undefined ? null : { value };
  }

  // MARK: - Pan and zoom

  function applyTransform() {
    canvas.style.transform = "translate(" + state.x + "px, " + state.y + "px) scale(" + state.scale + ")";
  }

  function fit() {
    if (!shown) return;
    const width = diagram.clientWidth;
    const height = diagram.clientHeight;
    const box = shown.svg.viewBox.baseVal;
    const margin = 16;
    const scale = Math.min((width - 2 * margin) / box.width, (height - 2 * margin) / box.height, 2);
    state.scale = Math.max(scale, 0.01);
    state.x = (width - box.width * state.scale) / 2;
    state.y = (height - box.height * state.scale) / 2;
    applyTransform();
  }

  function zoomAt(factor, clientX, clientY) {
    const rect = diagram.getBoundingClientRect();
    const px = clientX === undefined ? rect.width / 2 : clientX - rect.left;
    const py = clientY === undefined ? rect.height / 2 : clientY - rect.top;
    const scale = Math.min(Math.max(state.scale * factor, 0.01), 20);
    state.x = px - ((px - state.x) * scale) / state.scale;
    state.y = py - ((py - state.y) * scale) / state.scale;
    state.scale = scale;
    applyTransform();
  }

  function panBy(dx, dy) {
    state.x += dx;
    state.y += dy;
    applyTransform();
  }

  /** Moves the diagram so that `element` is in the middle, zooming in if it is too small to read. */
  function centerOn(element) {
    if (!element) return;
    const minimum = 0.8;
    if (state.scale < minimum) zoomAt(minimum / state.scale);
    const rect = element.getBoundingClientRect();
    const frame = diagram.getBoundingClientRect();
    panBy(frame.left + frame.width / 2 - (rect.left + rect.width / 2), frame.top + frame.height / 2 - (rect.top + rect.height / 2));
  }

  function isOnScreen(element) {
    const rect = element.getBoundingClientRect();
    const frame = diagram.getBoundingClientRect();
    return rect.left >= frame.left && rect.right <= frame.right && rect.top >= frame.top && rect.bottom <= frame.bottom;
  }

  let drag = null;
  diagram.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, moved: false, pointer: event.pointerId };
  });
  diagram.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.pointer) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      diagram.setPointerCapture(event.pointerId);
      diagram.classList.add("dragging");
    }
    drag.x = event.clientX;
    drag.y = event.clientY;
    panBy(dx, dy);
  });
  function endDrag(event) {
    if (!drag || event.pointerId !== drag.pointer) return;
    diagram.classList.remove("dragging");
    if (drag.moved) {
      // A drag is not a click.
      const swallow = (click) => click.stopPropagation();
      diagram.addEventListener("click", swallow, { capture: true, once: true });
      setTimeout(() => diagram.removeEventListener("click", swallow, { capture: true }), 0);
    }
    drag = null;
  }
  diagram.addEventListener("pointerup", endDrag);
  diagram.addEventListener("pointercancel", endDrag);
  diagram.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      zoomAt(Math.exp(-delta * 0.0015), event.clientX, event.clientY);
    },
    { passive: false }
  );
  diagram.addEventListener("keydown", (event) => {
    if (event.target.closest && event.target.closest("g.node") && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      activateDrawn(event.target.closest("g.node"));
      return;
    }
    const step = event.shiftKey ? 200 : 60;
    const actions = {
      ArrowLeft: () => panBy(step, 0),
      ArrowRight: () => panBy(-step, 0),
      ArrowUp: () => panBy(0, step),
      ArrowDown: () => panBy(0, -step),
      "+": () => zoomAt(1.25),
      "=": () => zoomAt(1.25),
      "-": () => zoomAt(0.8),
      "0": fit,
    };
    const action = actions[event.key];
    if (action && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      action();
    }
  });
  // Tabbing to a value may scroll the clipped frame: undo that, and pan the value into view instead.
  diagram.addEventListener("focusin", (event) => {
    diagram.scrollLeft = 0;
    diagram.scrollTop = 0;
    const group = event.target.closest && event.target.closest("g.node");
    if (group && !isOnScreen(group)) centerOn(group);
  });
  diagram.addEventListener("scroll", () => {
    diagram.scrollLeft = 0;
    diagram.scrollTop = 0;
  });
  $("zoom-in").addEventListener("click", () => zoomAt(1.25));
  $("zoom-out").addEventListener("click", () => zoomAt(0.8));
  $("zoom-fit").addEventListener("click", fit);
  window.addEventListener("resize", () => shown && fit());

  // MARK: - Selecting

  canvas.addEventListener("click", (event) => {
    const group = event.target.closest("g.node, g.cluster");
    if (!group || !shown) return;
    if (group.classList.contains("cluster")) {
      const path = shown.clusters.get(group);
      if (path) select({ scope: path }, { center: false });
      return;
    }
    activateDrawn(group);
  });

  /** Opens what a drawn box stands for: its value, or its scope. */
  function activateDrawn(group) {
    const match = /^n(\d+)(_op)?$/.exec(group.id);
    if (!match) return;
    const origin = originOf(Number(match[1]));
    if (origin) select(origin, { center: false });
  }

  // Hover: a native tooltip made on first hover, so big diagrams carry none in the file.
  canvas.addEventListener("pointerover", (event) => {
    const group = event.target.closest && event.target.closest("g.node");
    if (!group || !shown || group.querySelector(":scope > title")) return;
    const match = /^n(\d+)(_op)?$/.exec(group.id);
    if (!match) return;
    const drawn = Number(match[1]);
    const origin = originOf(drawn);
    let text = null;
    if (origin && origin.scope) text = "scope " + origin.scope + " (click for details)";
    else if (origin && match[2]) {
      const node = currentModel().nodes[origin.value];
      const operation = data.ops[node.op];
      text = operation ? node.op + ": " + operation.name + ", " + operation.formula : node.op;
    } else if (origin) text = describe(currentModel().nodes[origin.value]) + " (click for everything)";
    if (text) {
      const title = s("title");
      title.textContent = text;
      group.prepend(title);
    }
  });

  /** Shows a value (`{ value: id }`) or a scope (`{ scope: path }`) in the panel and marks it in the diagram. */
  function select(target, options = {}) {
    state.selection = target;
    if (!target || target.scope !== undefined) state.highlight = null;
    renderPanel();
    applySelection(options.center !== false);
  }

  function clearSelection() {
    state.selection = null;
    state.highlight = null;
    renderPanel();
    applySelection(false);
  }

  /** The drawn node showing a value in the current view, if any. */
  function drawnElementOf(id) {
    if (!shown) return null;
    const drawn = shown.drawnOf(id);
    return drawn === null || drawn === undefined ? null : shown.values.get(drawn) || null;
  }

  function clearMarks() {
    if (!shown) return;
    for (const name of ["hl-selected", "hl-ancestor", "hl-descendant", "hl-member"]) {
      for (const element of shown.svg.querySelectorAll("." + name)) element.classList.remove(name);
    }
    diagram.classList.remove("highlighting");
  }

  /** Marks the selection, and the ancestors or descendants when asked, in the diagram. */
  function applySelection(center) {
    clearMarks();
    if (!shown || !state.selection) return;
    const m = currentModel();
    const mark = (ids, name) => {
      const drawnSet = new Set();
      for (const id of ids) {
        const drawn = shown.drawnOf(id);
        if (drawn === null || drawn === undefined) continue;
        drawnSet.add(drawn);
      }
      for (const drawn of drawnSet) {
        const group = shown.values.get(drawn);
        if (group) group.classList.add(name);
        const operation = shown.operations.get(drawn);
        if (operation) operation.classList.add(name);
      }
      return drawnSet;
    };
    let target = null;
    if (state.selection.value !== undefined) {
      const id = state.selection.value;
      const selectedDrawn = mark([id], "hl-selected");
      target = drawnElementOf(id);
      if (state.highlight) {
        const related = state.highlight === "ancestors" ? ancestorsOf(m, id) : descendantsOf(m, id);
        const name = state.highlight === "ancestors" ? "hl-ancestor" : "hl-descendant";
        const drawnSet = mark(related, name);
        for (const drawn of selectedDrawn) drawnSet.add(drawn);
        for (const edge of shown.edges) {
          if (drawnSet.has(edge.from) && drawnSet.has(edge.to) && edge.from !== edge.to) edge.element.classList.add(name);
        }
        diagram.classList.add("highlighting");
      }
    } else if (state.selection.scope !== undefined) {
      const members = m.scopes.get(state.selection.scope) || [];
      mark(members, "hl-member");
      const first = members.map(drawnElementOf).find((element) => element);
      target = first || null;
      diagram.classList.add("highlighting");
    }
    if (center && target) {
      centerOn(target);
      target.classList.remove("flash");
      void target.getBoundingClientRect();
      target.classList.add("flash");
    }
  }

  // MARK: - The side panel

  function renderPanel() {
    panel.replaceChildren();
    const selection = state.selection;
    if (!selection) {
      panel.append(h("p", { className: "panel-empty" }, "Click a value in the diagram, or find one by name, to see everything about it."));
      return;
    }
    if (selection.scope !== undefined) return renderScopePanel(selection.scope);
    renderValuePanel(selection.value);
  }

  function nodeLink(id, text) {
    const m = currentModel();
    return h("button", { type: "button", className: "link", "data-node": id, onclick: () => select({ value: id }) }, text || nameOf(m.nodes[id]));
  }

  function scopeLink(path) {
    return h("button", { type: "button", className: "link", "data-scope": path, onclick: () => select({ scope: path }) }, path);
  }

  function renderValuePanel(id) {
    const m = currentModel();
    const node = m.nodes[id];
    const isRoot = id === m.root;
    const operation = node.op ? data.ops[node.op] : null;
    panel.append(h("h2", { id: "panel-title" }, nameOf(node)), h("span", { className: "badge", "data-field": "role" }, isRoot ? "output" : node.role));
    if (isRoot && node.role !== "intermediate") panel.append(h("span", { className: "badge" }, node.role));
    const facts = h("dl", { className: "facts" });
    const fact = (term, ...value) => facts.append(h("dt", null, term), h("dd", null, ...value));
    fact("id", "#" + id);
    if (node.label) fact("label", h("span", { "data-field": "label" }, node.label));
    if (operation) fact("operation", h("code", { "data-field": "op" }, node.op), " " + operation.name + ": ", h("code", null, operation.formula));
    else fact("operation", h("span", { className: "muted" }, "none: a leaf (" + node.role + ")"));
    fact("scope", node.scope ? scopeLink(node.scope) : h("span", { className: "muted" }, "top level"));
    if (node.shape) fact("shape", h("span", { "data-field": "shape" }, "[" + node.shape.join(", ") + "] (" + node.data.length + " elements)"));
    panel.append(facts);

    panel.append(h("h3", null, "data"), numbersView(node.data, node.shape, "data"));
    panel.append(h("h3", null, "grad"), numbersView(node.grad, node.shape, "grad"));

    const edgesInto = m.edges && m.edges[id];
    if (node.inputs.length) {
      panel.append(h("h3", null, "Inputs and the chain rule"));
      const list = h("ol", { className: "inputs" });
      node.inputs.forEach((input, slot) => {
        const operand = node.inputs.length > 1 ? String.fromCharCode(97 + slot) : "a";
        const item = h("li", null, h("code", null, operand), " = ", nodeLink(input));
        if (operation && operation.derivatives[slot]) item.append(h("code", { className: "formula" }, operation.derivatives[slot]));
        const edge = edgesInto && edgesInto[slot];
        if (edge) {
          const [local, contribution] = edge;
          if (local) item.append(h("span", { className: "formula" }, "local derivative ", numbersInline(local)));
          item.append(h("span", { className: "formula" }, "sends ", numbersInline(contribution.map(numberOf)), " to " + nameOf(m.nodes[input]) + ".grad"));
        }
        list.append(item);
      });
      panel.append(list);
    }

    if (m.users[id].length) {
      panel.append(h("h3", null, "Used by"));
      const list = h("ul", { className: "users" });
      const arriving = [];
      for (const use of m.users[id]) {
        const user = m.nodes[use.node];
        const item = h("li", null, nodeLink(use.node), user.inputs.length > 1 ? " as " + String.fromCharCode(97 + use.slot) : "");
        const edge = m.edges && m.edges[use.node] && m.edges[use.node][use.slot];
        if (edge) {
          const contribution = edge[1];
          arriving.push(contribution);
          item.append(h("span", { className: "formula" }, "sends back ", numbersInline(contribution)));
        }
        list.append(item);
      }
      panel.append(list);
      if (arriving.length > 1) {
        const total = arriving[0].map((_, index) => arriving.reduce((sum, values) => sum + values[index], 0));
        panel.append(h("p", { className: "muted" }, "grad is the sum of what the " + arriving.length + " uses send back: ", numbersInline(total)));
      }
    } else if (isRoot) {
      panel.append(h("p", { className: "muted" }, "The output: backward() starts here with grad 1."));
    }

    const notes = layerNotesFor(id);
    if (notes.length) {
      panel.append(h("h3", null, "Layers"));
      panel.append(h("ul", { className: "notes-list" }, notes.map((note) => h("li", null, note))));
    }

    const drawnElsewhere = shown && shown.drawnOf(id) !== undefined && shown.drawnOf(id) !== null && !shown.valueOfDrawn.has(shown.drawnOf(id));
    const actions = h("div", { className: "actions" });
    const toggle = (mode, text, key) =>
      h("button", {
        type: "button", id: "highlight-" + mode, "aria-pressed": String(state.highlight === mode), "aria-keyshortcuts": key,
        onclick: () => {
          state.highlight = state.highlight === mode ? null : mode;
          renderPanel();
          applySelection(false);
        },
      }, text);
    actions.append(
      toggle("ancestors", "What it depends on", "a"),
      toggle("descendants", "What depends on it", "d"),
      h("button", { type: "button", onclick: () => applySelection(true) }, "Show in diagram")
    );
    panel.append(actions);
    if (drawnElsewhere) panel.append(h("p", { className: "muted" }, "In this view the value is inside a scope drawn as one box."));
    if (shown && (shown.drawnOf(id) === null || shown.drawnOf(id) === undefined)) panel.append(h("p", { className: "muted" }, "This value is not drawn in this view."));
  }

  function renderScopePanel(path) {
    const m = currentModel();
    const members = m.scopes.get(path) || [];
    const parameters = members.filter((id) => m.nodes[id].role === "parameter");
    const memberSet = new Set(members);
    const outputs = members.filter((id) => id === m.root || m.users[id].some((use) => !memberSet.has(use.node)));
    panel.append(h("h2", { id: "panel-title" }, path), h("span", { className: "badge" }, "scope"));
    const facts = h("dl", { className: "facts" });
    facts.append(h("dt", null, "values"), h("dd", { "data-field": "members" }, String(members.length)));
    facts.append(h("dt", null, "parameters"), h("dd", null, String(parameters.length)));
    panel.append(facts);
    const graph = currentGraph();
    if (state.view + 1 < graph.views.length && shown && shown.view.scopes && Object.values(shown.view.scopes).some((scope) => scope.path === path || path.startsWith(scope.path + "/"))) {
      panel.append(h("div", { className: "actions" }, h("button", {
        type: "button", id: "open-scope", onclick: () => {
          showView(state.view + 1);
          applySelection(true);
        },
      }, "Open it: " + graph.views[state.view + 1].title)));
    }
    if (outputs.length) {
      panel.append(h("h3", null, "Values it hands on"));
      const brief = (node) => node.data.length === 1
        ? " data " + fixed(node.data[0]) + ", grad " + fixed(node.grad[0])
        : " [" + node.shape.join(", ") + "], grad norm " + fixed(summarize(node.grad).norm);
      panel.append(h("ul", null, outputs.slice(0, 50).map((id) => h("li", null, nodeLink(id), h("span", { className: "muted" }, brief(m.nodes[id]))))));
    }
    panel.append(h("h3", null, "Values in it"));
    panel.append(h("ul", null, members.slice(0, 200).map((id) => h("li", null, nodeLink(id)))));
    if (members.length > 200) panel.append(h("p", { className: "muted" }, "and " + (members.length - 200) + " more; find them by name."));
  }

  /** Notes the layers that are on have for a value and its edges. */
  function layerNotesFor(id) {
    const notes = [];
    for (const layer of currentGraph().layers || []) {
      if (!state.layersOn.has(layer.id)) continue;
      const mark = layer.nodes && layer.nodes[id];
      if (mark) {
        for (const line of [mark.tag, ...(mark.lines || []), ...(mark.tooltip || [])]) {
          if (line) notes.push(layer.title + ": " + line);
        }
      }
      for (const [node, , edgeMark] of layer.edges || []) {
        if (node === id && edgeMark.tooltip) notes.push(layer.title + ": " + edgeMark.tooltip);
      }
    }
    return notes;
  }

  function numbersInline(values) {
    if (values.length === 1) return h("span", { className: "number" }, exact(values[0]));
    if (values.length <= 8) return h("span", { className: "number" }, "[" + values.map(exact).join(", ") + "]");
    const summary = summarize(values);
    return h("span", { className: "number" }, values.length + " numbers, norm " + fixed(summary.norm));
  }

  /** Every element of a value: one number, a table, or a heat strip for big tensors. */
  function numbersView(values, shape, field) {
    if (values.length === 1) return h("output", { className: "number", "data-field": field }, exact(values[0]));
    const container = h("div", { "data-field": field });
    const summary = summarize(values);
    container.append(h("div", { className: "summary-line" }, values.length + " elements · mean " + fixed(summary.mean) + " · min " + fixed(summary.min) + " · max " + fixed(summary.max) + " · norm " + fixed(summary.norm)));
    // A vector wraps every 8 elements; a matrix (or more) keeps its last axis as columns.
    const isVector = !shape || shape.length <= 1;
    const columns = isVector ? Math.min(values.length, 8) : shape[shape.length - 1];
    const rows = Math.max(1, Math.ceil(values.length / Math.max(columns, 1)));
    const largest = values.reduce((best, x) => (Number.isFinite(x) ? Math.max(best, Math.abs(x)) : best), 0);
    if (values.length <= 256 && columns <= 16) {
      const table = h("table", { className: "values" });
      const head = h("tr", null, h("th", null, ""));
      for (let column = 0; column < columns; column++) head.append(h("th", { scope: "col" }, isVector ? "+" + column : String(column)));
      table.append(head);
      for (let row = 0; row < rows; row++) {
        const line = h("tr", null, h("th", { scope: "row" }, isVector ? String(row * columns) : indexText(row, shape)));
        for (let column = 0; column < columns && row * columns + column < values.length; column++) {
          const index = row * columns + column;
          const x = values[index];
          const cell = h("td", { "data-index": index, "data-exact": exact(x), title: exact(x), className: x > 0 ? "positive" : x < 0 ? "negative" : "" }, state.allDigits ? exact(x) : fixed(x));
          if (largest > 0 && Number.isFinite(x)) cell.style.setProperty("--alpha", (0.55 * Math.abs(x)) / largest);
          line.append(cell);
        }
        table.append(line);
      }
      // Four decimals fit the panel; every digit is one click (or a hover) away.
      const toggle = h("button", { type: "button", className: "digits-toggle", "aria-pressed": String(state.allDigits) }, "All digits");
      toggle.addEventListener("click", () => {
        state.allDigits = !state.allDigits;
        for (const button of panel.querySelectorAll(".digits-toggle")) button.setAttribute("aria-pressed", String(state.allDigits));
        for (const cell of panel.querySelectorAll(".values td")) cell.textContent = state.allDigits ? cell.dataset.exact : fixed(Number(cell.dataset.exact));
      });
      container.append(toggle, h("div", { className: "table-scroll" }, table));
      return container;
    }
    container.append(heatStrip(values, isVector ? values.length : columns, largest, shape));
    const details = h("details", null, h("summary", null, "All " + values.length + " numbers as text"));
    details.addEventListener("toggle", () => {
      if (details.open && details.childElementCount === 1) details.append(h("pre", { className: "numbers" }, values.map(exact).join("\n")));
    }, { once: false });
    container.append(details);
    return container;
  }

  /** A row's index: `3`, or `[1, 2]` for the leading axes of a tensor of rank 3 or more. */
  function indexText(row, shape) {
    if (!shape || shape.length <= 2) return String(row);
    const lead = shape.slice(0, -1);
    const index = [];
    let rest = row;
    for (let axis = lead.length - 1; axis >= 0; axis--) {
      index.unshift(rest % lead[axis]);
      rest = Math.floor(rest / lead[axis]);
    }
    return "[" + index.join(", ") + "]";
  }

  /** A canvas with one cell per element, coloured by sign and size; hover or the arrow keys read a cell exactly. */
  function heatStrip(values, columns, largest, shape) {
    const width = Math.min(columns, 512);
    const height = Math.ceil(values.length / width);
    const cell = Math.max(1, Math.min(8, Math.floor(320 / width)));
    const strip = h("canvas", { className: "heat", width: width, height: height, tabindex: 0, role: "img", "aria-label": "heat strip of " + values.length + " elements; use the arrow keys to read them" });
    strip.style.width = width * cell + "px";
    strip.style.height = height * cell + "px";
    const context = strip.getContext("2d");
    const image = context.createImageData(width, height);
    const base = isDark() ? [17, 24, 39] : [255, 255, 255];
    values.forEach((x, index) => {
      const t = largest > 0 && Number.isFinite(x) ? Math.abs(x) / largest : 0;
      const target = Number.isNaN(x) ? [220, 38, 38] : x >= 0 ? [234, 88, 12] : [37, 99, 235];
      const offset = index * 4;
      for (let channel = 0; channel < 3; channel++) image.data[offset + channel] = Math.round(base[channel] + (target[channel] - base[channel]) * (Number.isNaN(x) ? 1 : t));
      image.data[offset + 3] = 255;
    });
    context.putImageData(image, 0, 0);
    const readout = h("output", { className: "heat-readout number", "aria-live": "polite" });
    let cursor = 0;
    const show = (index) => {
      cursor = Math.max(0, Math.min(values.length - 1, index));
      const position = shape && shape.length > 1 ? indexText(Math.floor(cursor / columns), shape).replace(/^\[?/, "[").replace(/\]?$/, ", " + (cursor % columns) + "]") : "[" + cursor + "]";
      readout.textContent = position + " = " + exact(values[cursor]);
    };
    strip.addEventListener("pointermove", (event) => {
      const rect = strip.getBoundingClientRect();
      const x = Math.floor(((event.clientX - rect.left) / rect.width) * width);
      const y = Math.floor(((event.clientY - rect.top) / rect.height) * height);
      if (x >= 0 && y >= 0 && y * width + x < values.length) show(y * width + x);
    });
    strip.addEventListener("keydown", (event) => {
      const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -width, ArrowDown: width, Home: -cursor, End: values.length };
      if (moves[event.key] === undefined) return;
      event.preventDefault();
      event.stopPropagation();
      show(cursor + moves[event.key]);
    });
    strip.addEventListener("focus", () => show(cursor));
    return h("div", null, strip, readout);
  }

  // MARK: - Search

  function runSearch(query) {
    const m = currentModel();
    const text = query.trim().toLowerCase();
    searchResults.replaceChildren();
    if (!text) {
      searchResults.hidden = true;
      return [];
    }
    const found = [];
    const idMatch = /^#(\d+)$/.exec(text);
    if (idMatch && m.nodes[Number(idMatch[1])]) found.push({ value: Number(idMatch[1]), rank: 0 });
    const scopeMatches = [...m.scopes.keys()].filter((path) => path.toLowerCase().includes(text));
    scopeMatches.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    for (const path of scopeMatches.slice(0, 5)) found.push({ scope: path, rank: 1 });
    const values = [];
    m.labels.forEach((label, id) => {
      let rank = -1;
      if (label === text) rank = 0;
      else if (label.startsWith(text)) rank = 1;
      else if (label.includes(text)) rank = 2;
      else if (m.nodes[id].scope.toLowerCase().includes(text)) rank = 3;
      if (rank >= 0) values.push({ value: id, rank });
    });
    values.sort((a, b) => a.rank - b.rank || a.value - b.value);
    found.push(...values);
    const limit = 60;
    for (const result of found.slice(0, limit)) {
      let button;
      if (result.scope !== undefined) {
        const count = m.scopes.get(result.scope).length;
        button = h("button", { type: "button", role: "option", "data-scope": result.scope }, "scope " + result.scope, h("span", { className: "detail" }, count + " values"));
      } else {
        const node = m.nodes[result.value];
        button = h("button", { type: "button", role: "option", "data-node": result.value }, nameOf(node), h("span", { className: "detail" }, (node.scope ? node.scope + " · " : "") + (result.value === m.root ? "output" : node.role) + " · #" + node.id));
      }
      button.addEventListener("click", () => chooseResult(result));
      searchResults.append(h("li", null, button));
    }
    if (found.length > limit) searchResults.append(h("li", { className: "more" }, "and " + (found.length - limit) + " more: type more of the name"));
    if (!found.length) searchResults.append(h("li", { className: "more" }, "nothing matches"));
    searchResults.hidden = false;
    return found;
  }

  function chooseResult(result) {
    const fromList = searchResults.contains(document.activeElement);
    searchResults.hidden = true;
    select(result.scope !== undefined ? { scope: result.scope } : { value: result.value });
    // Keyboard users land on what they chose.
    if (fromList) panel.focus({ preventScroll: true });
  }

  searchInput.addEventListener("input", () => runSearch(searchInput.value));
  searchInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      const found = runSearch(searchInput.value);
      if (found.length) chooseResult(found[0]);
    } else if (event.key === "ArrowDown") {
      const first = searchResults.querySelector("button");
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === "Escape") {
      searchResults.hidden = true;
    }
  });
  searchResults.addEventListener("keydown", (event) => {
    const buttons = [...searchResults.querySelectorAll("button")];
    const index = buttons.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = index + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) searchInput.focus();
      else if (buttons[next]) buttons[next].focus();
    } else if (event.key === "Escape") {
      searchResults.hidden = true;
      searchInput.focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest(".search")) searchResults.hidden = true;
  });

  // MARK: - Layers

  function buildLayers() {
    const container = $("layers");
    container.replaceChildren();
    const layers = currentGraph().layers || [];
    container.hidden = layers.length === 0;
    for (const layer of layers) {
      const id = "layer-" + layer.id;
      const key = h("div", { className: "key", hidden: !state.layersOn.has(layer.id) });
      for (const entry of layer.key || []) key.append(keyEntry(entry));
      const box = h("input", { type: "checkbox", id, "data-layer": layer.id });
      box.checked = state.layersOn.has(layer.id);
      box.addEventListener("change", () => {
        if (box.checked) state.layersOn.add(layer.id);
        else state.layersOn.delete(layer.id);
        key.hidden = !box.checked;
        applyLayers();
        if (state.selection) renderPanel();
      });
      container.append(h("div", { className: "layer" }, box, " ", h("label", { for: id }, layer.title), layer.summary ? h("span", { className: "summary" }, layer.summary) : null, key));
    }
  }

  function keyEntry(entry) {
    if (entry.swatch) {
      const swatch = h("span", { className: "swatch" });
      swatch.style.background = entry.swatch.fill;
      swatch.style.borderColor = entry.swatch.border;
      return h("span", null, swatch, entry.swatch.text);
    }
    if (entry.scale) {
      const bar = h("span", { className: "scale" });
      for (const color of entry.scale.colors) {
        const piece = h("span");
        piece.style.background = color;
        bar.append(piece);
      }
      return h("span", null, entry.scale.title + " " + entry.scale.low, bar, entry.scale.high);
    }
    return h("span", null, entry.text);
  }

  /** Restyles boxes and edges, and draws tags and edge labels, for the layers that are on. */
  function applyLayers() {
    if (!shown) return;
    const m = currentModel();
    for (const element of shown.svg.querySelectorAll("[data-layer-styled]")) {
      element.style.removeProperty("fill");
      element.style.removeProperty("stroke");
      element.style.removeProperty("stroke-width");
      element.style.removeProperty("stroke-dasharray");
      element.removeAttribute("data-layer-styled");
    }
    if (shown.annotations) shown.annotations.remove();
    shown.annotations = null;
    const active = (currentGraph().layers || []).filter((layer) => state.layersOn.has(layer.id));
    if (!active.length) return;
    const graphGroup = shown.svg.querySelector("g.graph");
    const annotations = s("g", { class: "layer-annotations" });
    const style = (element, mark) => {
      if (!element) return;
      element.setAttribute("data-layer-styled", "");
      if (mark.fill) element.style.fill = mark.fill;
      if (mark.border || mark.color) element.style.stroke = mark.border || mark.color;
      if (mark.penWidth) element.style.strokeWidth = mark.penWidth + "px";
      if (mark.dashed) element.style.strokeDasharray = "5 3";
    };
    for (const layer of active) {
      for (const [key, mark] of Object.entries(layer.nodes || {})) {
        const id = Number(key);
        const drawn = shown.drawnOf(id);
        if (drawn === null || drawn === undefined || shown.valueOfDrawn.get(drawn) !== id) continue;
        const group = shown.values.get(drawn);
        if (!group) continue;
        const shapes = group.querySelectorAll(":scope > polygon, :scope > path, :scope > ellipse");
        shapes.forEach((shape, index) => style(shape, index === 0 ? mark : { ...mark, fill: null }));
        // A dark fill (the gradient scale's) needs light text to stay readable.
        if (mark.fontColor) {
          for (const text of group.querySelectorAll("text")) {
            text.setAttribute("data-layer-styled", "");
            text.style.fill = mark.fontColor;
          }
        }
        if (mark.tag) {
          const box = group.getBBox();
          const text = s("text", { class: "layer-tag", x: box.x + box.width / 2, y: box.y - 4, "text-anchor": "middle" });
          text.textContent = mark.tag;
          annotations.append(text);
        }
      }
      const seen = new Map();
      for (const [node, slot, mark] of layer.edges || []) {
        const input = m.nodes[node].inputs[slot];
        const from = shown.drawnOf(input);
        const to = shown.drawnOf(node);
        if (from === null || from === undefined || to === null || to === undefined) continue;
        if (shown.valueOfDrawn.get(from) !== input || shown.valueOfDrawn.get(to) !== node) continue;
        const candidates = shown.edgesByEnds.get(from + ">" + to) || [];
        // An input used twice has one edge per use, in operand order.
        const key = node + ">" + input;
        const occurrence = seen.get(key) || 0;
        seen.set(key, occurrence + 1);
        const edge = candidates[occurrence];
        if (!edge) continue;
        const path = edge.element.querySelector("path");
        style(path, mark);
        if (mark.label && path) {
          const length = path.getTotalLength();
          const point = path.getPointAtLength(length / 2);
          const text = s("text", { class: "layer-edge-label", x: point.x, y: point.y - 2, "text-anchor": "middle" });
          text.textContent = mark.label;
          if (mark.tooltip) {
            const title = s("title");
            title.textContent = mark.tooltip;
            text.append(title);
          }
          annotations.append(text);
        }
      }
    }
    graphGroup.append(annotations);
    shown.annotations = annotations;
  }

  // MARK: - Sequences

  function buildSequence() {
    const container = $("sequence");
    container.replaceChildren();
    stopPlaying();
    const sequences = currentGraph().sequences || [];
    container.hidden = sequences.length === 0;
    if (!sequences.length) return;
    if (state.sequence >= sequences.length) state.sequence = 0;
    const picker = h("select", { id: "sequence-select", "aria-label": "Which steps" }, sequences.map((sequence, index) => h("option", { value: index }, sequence.title)));
    picker.value = String(state.sequence);
    picker.addEventListener("change", () => {
      state.sequence = Number(picker.value);
      state.sequenceStep = 0;
      buildSequence();
    });
    const sequence = sequences[state.sequence];
    const slider = h("input", { type: "range", id: "sequence-slider", min: 0, max: sequence.steps.length, step: 1, value: Math.min(state.sequenceStep, sequence.steps.length), "aria-label": sequence.title + " step" });
    slider.addEventListener("input", () => setSequenceStep(Number(slider.value)));
    const play = h("button", { type: "button", id: "sequence-play", "aria-pressed": "false" }, "Play");
    play.addEventListener("click", () => (state.playing ? stopPlaying() : startPlaying()));
    container.append(
      sequences.length > 1 ? picker : h("strong", null, sequence.title),
      h("button", { type: "button", id: "sequence-previous", "aria-label": "Previous step", onclick: () => setSequenceStep(state.sequenceStep - 1) }, "\u25C0"),
      play,
      h("button", { type: "button", id: "sequence-next", "aria-label": "Next step", onclick: () => setSequenceStep(state.sequenceStep + 1) }, "\u25B6"),
      slider,
      h("output", { id: "sequence-caption", className: "caption", for: "sequence-slider", "aria-live": "polite" })
    );
    setSequenceStep(state.sequenceStep);
  }

  function setSequenceStep(step) {
    const sequences = currentGraph().sequences || [];
    const sequence = sequences[state.sequence];
    if (!sequence) return;
    state.sequenceStep = Math.max(0, Math.min(sequence.steps.length, step));
    const slider = $("sequence-slider");
    if (slider) {
      slider.value = String(state.sequenceStep);
      slider.setAttribute("aria-valuetext", state.sequenceStep === 0 ? "not started" : "step " + state.sequenceStep + " of " + sequence.steps.length);
    }
    const caption = $("sequence-caption");
    if (caption) {
      caption.textContent = state.sequenceStep === 0
        ? "Move the slider or press Play to walk through " + sequence.steps.length + " steps."
        : "Step " + state.sequenceStep + " of " + sequence.steps.length + ": " + sequence.steps[state.sequenceStep - 1].caption;
    }
    applySequence();
  }

  function applySequence() {
    if (!shown) return;
    for (const name of ["sequence-current", "sequence-done", "sequence-unknown", "sequence-hidden"]) {
      for (const element of shown.svg.querySelectorAll("." + name)) element.classList.remove(name);
    }
    const sequence = (currentGraph().sequences || [])[state.sequence];
    if (!sequence || state.sequenceStep === 0) return;
    if (sequence.knownFrom) hideUnknown(sequence, state.sequenceStep);
    const mark = (ids, name) => {
      for (const id of ids) {
        const element = drawnElementOf(id);
        if (element) element.classList.add(name);
      }
    };
    for (let index = 0; index < state.sequenceStep - 1; index++) mark(sequence.steps[index].nodes, "sequence-done");
    const current = sequence.steps[state.sequenceStep - 1].nodes;
    for (const id of current) {
      const element = drawnElementOf(id);
      if (element) {
        element.classList.remove("sequence-done");
        element.classList.add("sequence-current");
      }
    }
    if (state.playing && current.length) {
      const element = drawnElementOf(current[0]);
      if (element && !isOnScreen(element)) centerOn(element);
    }
  }

  /** Dims the boxes whose data or gradient (`sequence.hides`) is not yet known at `step` and
   *  hides that number, as the frames of `micrograd steps` draw them. Merged boxes stay. */
  function hideUnknown(sequence, step) {
    const prefix = sequence.hides + " ";
    sequence.knownFrom.forEach((known, id) => {
      if (known <= step || shown.valueOfDrawn.get(shown.drawnOf(id)) !== id) return;
      const element = drawnElementOf(id);
      if (!element) return;
      element.classList.add("sequence-unknown");
      for (const text of element.querySelectorAll("text")) {
        if (text.textContent.startsWith(prefix)) text.classList.add("sequence-hidden");
      }
    });
  }

  function startPlaying() {
    const sequence = (currentGraph().sequences || [])[state.sequence];
    if (!sequence) return;
    if (state.sequenceStep >= sequence.steps.length) setSequenceStep(0);
    $("sequence-play").setAttribute("aria-pressed", "true");
    $("sequence-play").textContent = "Pause";
    state.playing = setInterval(() => {
      if (state.sequenceStep >= sequence.steps.length) return stopPlaying();
      setSequenceStep(state.sequenceStep + 1);
    }, 900);
  }

  function stopPlaying() {
    if (state.playing) clearInterval(state.playing);
    state.playing = null;
    const play = $("sequence-play");
    if (play) {
      play.setAttribute("aria-pressed", "false");
      play.textContent = "Play";
    }
  }

  // MARK: - Graphs of a run, charts

  function showGraph(index, keepSelection) {
    if (!hasGraphData(index)) {
      $("graph-label").textContent = "loading " + data.graphs[index].title + "…";
      whenLoaded(() => showGraph(index, keepSelection));
      return;
    }
    const previousView = shown ? shown.view : null;
    state.graph = index;
    const graph = currentGraph();
    model(index);
    const views = graph.views;
    $("view-select").replaceChildren(...views.map((view, viewIndex) => h("option", { value: viewIndex }, view.title)));
    $("view-picker").hidden = views.length < 2;
    let viewIndex = graph.initialView || 0;
    if (previousView) {
      const same = views.findIndex((view) => view.id === previousView.id);
      if (same >= 0) viewIndex = same;
    }
    const notes = $("graph-notes");
    if (notes) notes.remove();
    if (graph.notes && graph.notes.length) {
      $("notes").append(h("div", { id: "graph-notes" }, graph.notes.map((note) => h("p", null, note))));
    }
    if (!keepSelection || (state.selection && state.selection.value !== undefined && !currentModel().nodes[state.selection.value])) {
      state.selection = null;
      state.highlight = null;
    }
    buildLayers();
    showView(views.length ? Math.min(viewIndex, views.length - 1) : -1);
    buildSequence();
    renderPanel();
    const label = $("graph-label");
    if (label) label.textContent = graph.title;
    const slider = $("graph-slider");
    if (slider) slider.value = String(index);
    updateChartMarkers();
  }

  $("view-select").addEventListener("change", (event) => showView(Number(event.target.value)));

  const charts = [];

  function buildRun() {
    const graphs = data.graphs;
    const picker = $("graph-picker");
    picker.hidden = graphs.length < 2;
    const slider = $("graph-slider");
    slider.max = String(Math.max(graphs.length - 1, 0));
    slider.addEventListener("input", () => showGraph(Number(slider.value), true));
    const hasRun = (data.charts && data.charts.length) || document.querySelector(".figures > *");
    $("run").hidden = !hasRun;
    document.body.classList.toggle("has-run", !!hasRun);
    for (const chart of data.charts || []) charts.push(drawChart(chart));
  }

  /** A line chart: loss on the left axis, fractions on the right as percentages, recorded steps marked. */
  function drawChart(chart) {
    const width = 600, height = 220;
    const left = 56, right = chart.series.some((series) => series.isFraction) ? 548 : 584, top = 14, bottom = 180;
    const svg = s("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": chart.title });
    const largest = (values) => values.reduce((best, value) => Math.max(best, value), -Infinity);
    const smallest = (values) => values.reduce((best, value) => Math.min(best, value), Infinity);
    const steps = Math.max(largest(chart.series.map((series) => series.values.length)), 2) - 1;
    const x = (step) => left + ((right - left) * step) / steps;
    const plain = chart.series.filter((series) => !series.isFraction).flatMap((series) => series.values.map(numberOf)).filter(Number.isFinite);
    const positive = plain.filter((value) => value > 0);
    const logarithmic = positive.length === plain.length && positive.length > 1 && largest(positive) / smallest(positive) > 100;
    let low = 0, high = Math.max(largest(plain), 1e-12);
    if (logarithmic) {
      low = Math.floor(Math.log10(smallest(positive)));
      high = Math.max(Math.ceil(Math.log10(largest(positive))), low + 1);
    }
    const fraction = (value) => {
      const position = logarithmic ? Math.log10(Math.max(value, 1e-300)) : value;
      return Math.min(Math.max((position - low) / (high - low), 0), 1);
    };
    const y = (value, isFraction) => bottom - (bottom - top) * (isFraction ? Math.min(Math.max(value, 0), 1) : fraction(value));
    for (let tick = 0; tick <= 4; tick++) {
      const yy = bottom - ((bottom - top) * tick) / 4;
      svg.append(s("line", { class: "grid", x1: left, x2: right, y1: yy, y2: yy }));
      const value = logarithmic ? Math.pow(10, low + ((high - low) * tick) / 4) : (high * tick) / 4;
      const label = s("text", { x: left - 6, y: yy + 4, "text-anchor": "end" });
      label.textContent = logarithmic ? value.toExponential(0) : Number(value.toPrecision(3)).toString();
      svg.append(label);
      if (right < 584) {
        const percent = s("text", { x: right + 6, y: yy + 4 });
        percent.textContent = tick * 25 + "%";
        svg.append(percent);
      }
      const stepTick = Math.round((steps * tick) / 4);
      const stepLabel = s("text", { x: x(stepTick), y: bottom + 16, "text-anchor": "middle" });
      stepLabel.textContent = String(stepTick);
      svg.append(stepLabel);
    }
    svg.append(s("line", { class: "axis", x1: left, x2: right, y1: bottom, y2: bottom }));
    svg.append(s("line", { class: "axis", x1: left, x2: left, y1: top, y2: bottom }));
    const axisName = s("text", { x: (left + right) / 2, y: bottom + 32, "text-anchor": "middle" });
    axisName.textContent = chart.stepName + (logarithmic ? " (loss on a log scale)" : "");
    svg.append(axisName);
    chart.series.forEach((series, index) => {
      const points = series.values.map(numberOf).map((value, step) => (Number.isFinite(value) ? x(step).toFixed(1) + "," + y(value, series.isFraction).toFixed(1) : null)).filter(Boolean);
      svg.append(s("polyline", { class: "series series-" + index, points: points.join(" ") }));
      const keyX = left + 10 + index * 110;
      svg.append(s("line", { class: "series series-" + index, x1: keyX, x2: keyX + 24, y1: height - 8, y2: height - 8 }));
      const name = s("text", { x: keyX + 30, y: height - 4 });
      name.textContent = series.name;
      svg.append(name);
    });
    for (const graph of data.graphs) {
      if (graph.step === null || graph.step === undefined) continue;
      svg.append(s("line", { class: "recorded", x1: x(graph.step), x2: x(graph.step), y1: bottom, y2: bottom + 5 }));
    }
    const marker = s("line", { class: "marker", x1: 0, x2: 0, y1: top, y2: bottom, visibility: "hidden" });
    const readout = s("text", { class: "readout", x: right, y: top - 2, "text-anchor": "end" });
    svg.append(marker, readout);
    const stepAt = (event) => {
      const rect = svg.getBoundingClientRect();
      const position = ((event.clientX - rect.left) / rect.width) * width;
      return Math.round(Math.min(Math.max((position - left) / (right - left), 0), 1) * steps);
    };
    svg.addEventListener("pointermove", (event) => {
      const step = stepAt(event);
      readout.textContent = chart.stepName + " " + step + ": " + chart.series.map((series) => {
        const value = numberOf(series.values[step]);
        return series.name + " " + (series.isFraction ? (100 * value).toFixed(1) + "%" : fixed(value));
      }).join(", ");
    });
    svg.addEventListener("click", (event) => {
      const step = stepAt(event);
      let best = -1;
      data.graphs.forEach((graph, index) => {
        if (graph.step === null || graph.step === undefined) return;
        if (best < 0 || Math.abs(graph.step - step) < Math.abs(data.graphs[best].step - step)) best = index;
      });
      if (best >= 0) showGraph(best, true);
    });
    $("charts").append(h("figure", { className: "chart" }, h("figcaption", null, chart.title), svg));
    return { marker, x };
  }

  function updateChartMarkers() {
    const step = currentGraph() ? currentGraph().step : null;
    for (const chart of charts) {
      const visible = step !== null && step !== undefined;
      chart.marker.setAttribute("visibility", visible ? "visible" : "hidden");
      if (visible) {
        chart.marker.setAttribute("x1", chart.x(step));
        chart.marker.setAttribute("x2", chart.x(step));
      }
    }
  }

  // MARK: - Theme and keys

  const themeButton = $("theme-toggle");
  const systemDark = matchMedia("(prefers-color-scheme: dark)");
  function isDark() {
    const chosen = document.documentElement.dataset.theme;
    return chosen ? chosen === "dark" : systemDark.matches;
  }
  function showTheme() {
    themeButton.setAttribute("aria-pressed", String(isDark()));
  }
  themeButton.addEventListener("click", () => {
    document.documentElement.dataset.theme = isDark() ? "light" : "dark";
    showTheme();
    renderPanel();
  });
  systemDark.addEventListener("change", () => {
    showTheme();
    renderPanel();
  });

  const helpButton = $("help-toggle");
  helpButton.addEventListener("click", () => {
    const open = helpButton.getAttribute("aria-expanded") !== "true";
    helpButton.setAttribute("aria-expanded", String(open));
    $("help").hidden = !open;
  });

  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest && event.target.closest("input, select, textarea");
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape") {
      searchResults.hidden = true;
      if (!typing) clearSelection();
      return;
    }
    if (typing) return;
    if (event.key === "/") {
      event.preventDefault();
      searchInput.focus();
      searchInput.select();
    } else if ((event.key === "a" || event.key === "d") && state.selection && state.selection.value !== undefined) {
      const mode = event.key === "a" ? "ancestors" : "descendants";
      state.highlight = state.highlight === mode ? null : mode;
      renderPanel();
      applySelection(false);
    } else if (event.key === "[" || event.key === "]") {
      setSequenceStep(state.sequenceStep + (event.key === "]" ? 1 : -1));
    }
  });

  // MARK: - The address

  // Opens what the address names after `#`, so that a link can point into a page:
  // `#value=12`, `#scope=mlp/layer0`, with `&highlight=ancestors` or `descendants`,
  // `&view=depth-2`, `&layers=edge-derivatives` and `&step=3` (of the step slider).
  function openFromAddress() {
    const parameters = new URLSearchParams(location.hash.slice(1));
    const graph = currentGraph();
    const view = graph.views.findIndex((candidate) => candidate.id === parameters.get("view"));
    if (view >= 0) showView(view);
    for (const id of (parameters.get("layers") || "").split(",")) {
      const box = document.querySelector("[data-layer='" + CSS.escape(id) + "']");
      if (box && !box.checked) box.click();
    }
    const value = Number(parameters.get("value"));
    if (parameters.has("value") && currentModel().nodes[value]) {
      state.selection = { value };
      const highlight = parameters.get("highlight");
      if (highlight === "ancestors" || highlight === "descendants") state.highlight = highlight;
      renderPanel();
      applySelection(false);
    } else if (parameters.has("scope") && currentModel().scopes.has(parameters.get("scope"))) {
      select({ scope: parameters.get("scope") }, { center: false });
    }
    if (parameters.has("step")) setSequenceStep(Number(parameters.get("step")));
  }

  // MARK: - Start

  function start() {
    showTheme();
    buildRun();
    if (data.graphs.length) {
      showGraph(data.initialGraph || 0, false);
      openFromAddress();
      // The panel's edge derivatives arrive with the rest of the page.
      whenLoaded(() => {
        if (state.selection) renderPanel();
      });
    } else {
      $("diagram-empty").hidden = false;
      $("diagram-empty").textContent = "No graph was recorded.";
    }
    // Ready once the first frame with the diagram has been drawn.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      window.microgradViewer = { readyAt: performance.now(), select, showGraph, showView, runSearch };
      document.documentElement.dataset.ready = "true";
    }));
  }

  try {
    start();
  } catch (error) {
    const message = h("p", { className: "diagram-empty" }, "The viewer could not start: " + error.message);
    diagram.prepend(message);
    throw error;
  }
})();
