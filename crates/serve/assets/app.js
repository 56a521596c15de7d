// The claimgraph web page: runs a query through the JSON API and shows its claims as a
// list, a timeline (vis-timeline) and a graph (vis-network), with a panel per claim.
//
// Claim texts, names and titles come from news and are untrusted: they only ever reach
// the page as text nodes (`textContent`, `createTextNode`), as DOM elements built here,
// or on a canvas. Nothing here assigns `innerHTML`.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(window.location.search);
  // Opened as /?token=...: the server set a cookie too, but a header works everywhere.
  const token = params.get("token");

  const state = {
    query: "",
    claims: [],
    byId: new Map(),
    view: "list",
    selected: null,
    timeline: null,
    network: null,
    // Story id -> title, from /api/stories (empty when the store has no stories).
    stories: new Map(),
    // Article id -> its text (or null), fetched when a claim's panel first needs it.
    articles: new Map(),
  };

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /** Words as people write them: word-segmented Vietnamese joins syllables with `_` in
   *  cues, mentions and titles taken from segmented text. */
  function readable(text) {
    return (text || "").replace(/_/g, " ");
  }

  function shorten(text, max) {
    const chars = Array.from(text || "");
    return chars.length > max ? chars.slice(0, max - 1).join("") + "…" : chars.join("");
  }

  /** GET an API route with the query; throws `{status, error}` on an error answer. */
  async function api(path, query) {
    const headers = token ? { Authorization: "Bearer " + token } : {};
    const response = await fetch(path + "?q=" + encodeURIComponent(query), { headers });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = body && body.error ? body.error : { message: "HTTP " + response.status };
      throw { status: response.status, error };
    }
    return { body, truncated: response.headers.get("x-claimgraph-truncated") };
  }

  /** GET an API route with other parameters; the JSON answer, or null on any failure
   *  (what it adds to the page is optional). */
  async function fetchJson(path) {
    try {
      const headers = token ? { Authorization: "Bearer " + token } : {};
      const response = await fetch(path, { headers });
      return response.ok ? await response.json() : null;
    } catch (_) {
      return null;
    }
  }

  /** The stories' titles, for the story filter and lanes. */
  async function loadStories() {
    const stories = await fetchJson("/api/stories?format=json");
    state.stories = new Map((stories || []).map((s) => [s.id, s.title || s.id]));
  }

  function storyLabel(id) {
    if (!id) return "";
    const title = state.stories.get(id);
    return title && title !== id ? `${id}: ${shorten(readable(title), 50)}` : id;
  }

  // ---- time -------------------------------------------------------------------------

  /** A TIMEX3 value as `{start, end}` milliseconds (end null for a day or finer), or null
   *  when the year is unknown. Months and years become ranges: a time never pretends to be
   *  more precise than it is. */
  function timex(value) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?)?)?/.exec(
      value || ""
    );
    if (!m) return null;
    const year = +m[1];
    if (!m[2]) return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) };
    const month = +m[2] - 1;
    if (!m[3]) return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
    const day = +m[3];
    if (!m[4]) return { start: Date.UTC(year, month, day), end: null };
    return { start: Date.UTC(year, month, day, +m[4], +m[5], +(m[6] || 0)), end: null };
  }

  /** Where a claim sits in time: its said time, else "on or before" its publication. */
  function placement(claim) {
    const said = timex(claim.said);
    if (said) return { ...said, undated: false };
    const published = timex(claim.published);
    if (published) return { start: published.start, end: null, undated: true };
    return null;
  }

  // ---- filters ----------------------------------------------------------------------

  const filters = {
    speaker: (c) => c.speaker,
    outlet: (c) => c.publisher || "",
    stance: (c) => c.stance,
    story: (c) => c.story || "",
  };

  function fillFilters(claims) {
    for (const [name, value] of Object.entries(filters)) {
      const select = $("filter-" + name);
      const keep = select.value;
      const values = [...new Set(claims.map(value).filter((v) => v))].sort();
      clear(select);
      select.appendChild(el("option", { value: "" }, "all"));
      const label = name === "story" ? storyLabel : (v) => v;
      for (const v of values) select.appendChild(el("option", { value: v }, label(v)));
      select.value = values.includes(keep) ? keep : "";
    }
    // Stories are shown only when the claims belong to some.
    const stories = claims.some((c) => c.story);
    $("filter-story").parentElement.hidden = !stories;
    $("lane-story").hidden = !stories;
    if (!stories && $("lanes").value === "story") $("lanes").value = "speaker";
  }

  function visibleClaims() {
    const from = $("filter-from").value ? Date.parse($("filter-from").value) : null;
    const to = $("filter-to").value ? Date.parse($("filter-to").value) + 86400000 : null;
    return state.claims.filter((c) => {
      for (const [name, value] of Object.entries(filters)) {
        const wanted = $("filter-" + name).value;
        if (wanted && value(c) !== wanted) return false;
      }
      if (from !== null || to !== null) {
        const at = placement(c);
        if (!at) return false;
        const end = at.end === null ? at.start : at.end;
        if (from !== null && end < from) return false;
        if (to !== null && at.start >= to) return false;
      }
      return true;
    });
  }

  // ---- running a query ----------------------------------------------------------------

  /** The UTF-16 index of a byte offset into the UTF-8 form of `text`. */
  function utf16Index(text, byteOffset) {
    const bytes = new TextEncoder().encode(text).slice(0, byteOffset);
    return new TextDecoder().decode(bytes).length;
  }

  function showError(query, error) {
    const box = $("error");
    box.textContent = error.rendered || error.message;
    box.hidden = false;
    const input = $("q");
    input.classList.add("invalid");
    if (error.span) {
      const start = utf16Index(query, error.span.start);
      const end = Math.max(utf16Index(query, error.span.end), start + 1);
      input.focus();
      input.setSelectionRange(start, Math.min(end, input.value.length));
    }
  }

  function clearError() {
    $("error").hidden = true;
    $("error").textContent = "";
    $("q").classList.remove("invalid");
  }

  async function run(query) {
    state.query = query;
    document.body.dataset.state = "running";
    clearError();
    remember();
    try {
      const [{ body, truncated }] = await Promise.all([
        api("/api/query", query),
        state.stories.size ? null : loadStories(),
      ]);
      state.claims = isClaims(body) ? body : [];
      state.byId = new Map(state.claims.map((c) => [c.claim, c]));
      fillFilters(state.claims);
      let note = state.claims.length ? `${body.length} claims` : `${body.length} rows`;
      if (!body.length) note = "nothing matched";
      if (truncated) note += ` (the first ${truncated}; add | limit N for more)`;
      $("status").textContent = note;
      renderRows(state.claims.length || !body.length ? null : body);
      render();
      document.body.dataset.state = "done";
    } catch (failure) {
      const error =
        failure && failure.error ? failure.error : { message: "no answer from the server: " + failure };
      showError(query, error);
      $("status").textContent = "";
      document.body.dataset.state = "error";
    }
  }

  /** True when the rows are claims (not the rows of `count`, `group` or `select`). */
  function isClaims(rows) {
    const first = Array.isArray(rows) && rows.length ? rows[0] : null;
    return !!first && "claim" in first && "speaker" in first && Array.isArray(first.links);
  }

  /** Keeps the query, view and open claim in the address, so a view can be shared. */
  function remember() {
    const next = new URLSearchParams();
    if (state.query) next.set("q", state.query);
    if (state.view !== "list") next.set("view", state.view);
    if ($("lanes").value !== "speaker") next.set("lanes", $("lanes").value);
    if (state.selected) next.set("claim", state.selected);
    window.history.replaceState(null, "", "?" + next.toString());
  }

  // ---- views --------------------------------------------------------------------------

  function render() {
    const claims = visibleClaims();
    renderList(claims);
    if (state.view === "timeline") renderTimeline(claims);
    if (state.view === "graph") renderGraph(claims);
  }

  function renderList(claims) {
    const list = $("results");
    clear(list);
    for (const c of claims) {
      const item = el(
        "li",
        { class: "claim stance-" + c.stance, dataset: { claim: c.claim }, tabindex: "0" },
        el("span", { class: "said" }, c.said || "≤ " + (c.published || "?")),
        " ",
        el("span", { class: "speaker" }, c.speaker),
        " ",
        el("span", { class: "cue" }, readable(c.cue)),
        " ",
        el("span", { class: "stance" }, c.stance),
        el("p", { class: "text" }, c.text),
        el(
          "p",
          { class: "meta" },
          c.via.length ? "via " + c.via.join(" › ") + " · " : "",
          c.publisher || c.article
        )
      );
      item.addEventListener("click", () => openPanel(c.claim));
      item.addEventListener("keydown", (e) => {
        if (e.key === "Enter") openPanel(c.claim);
      });
      list.appendChild(item);
    }
  }

  /** Rows of a `count`, `group` or `select` query, as a table. */
  function renderRows(rows) {
    const table = $("rows");
    const [head, body] = [table.tHead, table.tBodies[0]];
    clear(head);
    clear(body);
    table.hidden = !rows;
    if (!rows) return;
    const columns = Object.keys(rows[0]);
    head.appendChild(el("tr", {}, ...columns.map((c) => el("th", {}, c))));
    for (const row of rows) {
      const cells = columns.map((c) => el("td", {}, row[c] === null ? "" : String(row[c])));
      body.appendChild(el("tr", {}, ...cells));
    }
  }

  function renderTimeline(claims) {
    if (!window.vis) return;
    const lanesBy = {
      publisher: (c) => c.publisher || "?",
      story: (c) => storyLabel(c.story) || "(no story)",
      speaker: (c) => c.speaker,
    };
    const lane = lanesBy[$("lanes").value] || lanesBy.speaker;
    const lanes = [...new Set(claims.map(lane))].sort();
    const groups = lanes.map((name, i) => ({ id: i, content: el("span", {}, name) }));
    const items = [];
    for (const c of claims) {
      const at = placement(c);
      if (!at) continue;
      const label = el("span", {}, (at.undated ? "≤ " : "") + shorten(c.text, 60));
      items.push({
        id: c.claim,
        group: lanes.indexOf(lane(c)),
        start: at.start,
        end: at.end === null ? undefined : at.end,
        type: at.end === null ? "box" : "range",
        content: label,
        className: (at.undated ? "undated " : "") + "stance-" + c.stance,
      });
    }
    const container = $("timeline");
    if (state.timeline) state.timeline.destroy();
    clear(container);
    state.timeline = new vis.Timeline(container, items, groups, {
      stack: true,
      orientation: "top",
      margin: { item: 6 },
      zoomMin: 3600 * 1000,
    });
    state.timeline.on("select", (props) => {
      if (props.items.length) openPanel(props.items[0]);
    });
  }

  function zoom(to) {
    const t = state.timeline;
    if (!t) return;
    if (to === "all") return t.fit();
    const { start, end } = t.getWindow();
    const middle = (start.valueOf() + end.valueOf()) / 2;
    const half = (to === "day" ? 1 : 31) * 43200000;
    t.setWindow(middle - half, middle + half);
  }

  const EDGE_COLOURS = { denies: "#c62828", supports: "#2e7d32", responds_to: "#757575" };

  /** Columns of the graph, left to right: by time, and within one time a claim that
   *  answers another stands to the right of it (an answer comes after what it answers). */
  function graphColumns(claims) {
    const shown = new Map(claims.map((c) => [c.claim, c]));
    const start = (c) => (placement(c) || { start: 0 }).start;
    const depth = new Map();
    const depthOf = (c, visiting) => {
      if (depth.has(c.claim)) return depth.get(c.claim);
      if (visiting.has(c.claim)) return 0; // a cycle of answers: stop here
      visiting.add(c.claim);
      let d = 0;
      for (const link of c.links) {
        const target = shown.get(link.target_claim);
        if (target && start(target) === start(c)) d = Math.max(d, depthOf(target, visiting) + 1);
      }
      visiting.delete(c.claim);
      depth.set(c.claim, d);
      return d;
    };
    const keys = claims.map((c) => [start(c), depthOf(c, new Set())]);
    const distinct = [...new Set(keys.map((k) => k.join("/")))]
      .map((k) => k.split("/").map(Number))
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map((k) => k.join("/"));
    return new Map(claims.map((c, i) => [c.claim, distinct.indexOf(keys[i].join("/"))]));
  }

  function renderGraph(claims) {
    if (!window.vis) return;
    const columns = graphColumns(claims);
    const nodes = claims.map((c) => ({
      id: c.claim,
      label: c.speaker + "\n" + shorten(c.text, 40),
      group: c.speaker,
      level: columns.get(c.claim),
      shape: "box",
      widthConstraint: { maximum: 200 },
      borderWidth: c.stance === "deny" ? 3 : 1,
    }));
    const edges = [];
    for (const c of claims) {
      for (const link of c.links) {
        if (!link.target_claim || !state.byId.has(link.target_claim)) continue;
        edges.push({
          from: c.claim,
          to: link.target_claim,
          arrows: "to",
          color: { color: EDGE_COLOURS[link.kind] || "#757575" },
          width: link.kind === "responds_to" ? 1 : 3,
          dashes: link.kind === "denies",
        });
      }
    }
    const container = $("graph");
    if (state.network) state.network.destroy();
    state.network = new vis.Network(
      container,
      { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) },
      {
        layout: {
          hierarchical: {
            direction: "LR",
            levelSeparation: 250,
            nodeSpacing: 70,
            // Unlinked claims are trees of their own: keep them as close as linked ones.
            treeSpacing: 70,
            sortMethod: "hubsize",
          },
        },
        physics: false,
        interaction: { hover: true },
        // Curved, so two answers to one claim do not draw over each other; `chosen: false`
        // keeps a selected claim's answers in their legend colours.
        edges: { smooth: { type: "curvedCW", roundness: 0.15 }, chosen: false },
        nodes: { font: { size: 13, face: "sans-serif" } },
      }
    );
    state.network.on("click", (props) => {
      if (props.nodes.length) openPanel(props.nodes[0]);
    });
  }

  // ---- the claim panel ----------------------------------------------------------------

  function row(label, ...value) {
    return [el("dt", {}, label), el("dd", {}, ...value)];
  }

  function openPanel(id) {
    const c = state.byId.get(id);
    if (!c) return;
    state.selected = id;
    remember();
    for (const item of document.querySelectorAll("#results li.selected")) {
      item.classList.remove("selected");
    }
    const item = document.querySelector(`#results li[data-claim="${CSS.escape(id)}"]`);
    if (item) item.classList.add("selected");

    const body = $("panel-body");
    clear(body);
    const chain = [c.speaker, ...c.via, c.publisher || c.article].join(" → ");
    const facts = el("dl", {});
    const add = (pair) => pair.forEach((node) => facts.appendChild(node));
    add(row("Speaker", c.speaker + (c.speaker_kind !== "unknown" ? ` (${c.speaker_kind})` : "")));
    const written = readable(c.speaker_text);
    if (written && written !== c.speaker) add(row("As written", written));
    add(row("Cue", readable(c.cue) || "—"));
    add(row("Stance", c.stance));
    add(row("Said", c.said || `not stated; on or before publication (${c.published || "?"})`));
    if (c.when) add(row("Event", [c.when.start, c.when.end].filter((t) => t).join(" – ")));
    add(row("Relayed", chain));
    add(row("Article", readable(c.title) || c.article));
    if (c.story) add(row("Story", storyLabel(c.story)));
    add(row("Outlet", c.publisher || "—"));
    add(row("Published", c.published || "—"));
    if (c.about.length) add(row("About", c.about.join(", ")));
    if (c.quantities.length) {
      add(row("Figures", c.quantities.map((q) => q.text || `${q.value} ${q.unit || ""}`).join("; ")));
    }
    if (c.provenance) add(row("Source", `sentence ${c.provenance.sentence + 1} of the article`));
    add(row("Claim", c.id));

    const links = el("ul", { class: "links" });
    for (const link of c.links) {
      const target = link.target_claim && state.byId.get(link.target_claim);
      const label = link.kind.replace("_", " ") + " ";
      if (target) {
        const button = el("button", { type: "button" }, `${target.speaker}: ${shorten(target.text, 60)}`);
        button.addEventListener("click", () => openPanel(target.claim));
        links.appendChild(el("li", {}, label, button));
      } else {
        links.appendChild(el("li", {}, label + link.target));
      }
    }
    const answering = state.claims.filter((o) => o.links.some((l) => l.target_claim === id));
    for (const other of answering) {
      const kind = other.links.find((l) => l.target_claim === id).kind.replace("_", " ");
      const button = el("button", { type: "button" }, `${other.speaker}: ${shorten(other.text, 60)}`);
      button.addEventListener("click", () => openPanel(other.claim));
      links.appendChild(el("li", {}, button, " " + kind + " this"));
    }

    body.appendChild(el("h2", { class: "speaker" }, c.speaker));
    body.appendChild(el("blockquote", { class: "text" }, c.text));
    body.appendChild(facts);
    if (links.childNodes.length) {
      body.appendChild(el("h3", {}, "Links"));
      body.appendChild(links);
    }
    if (c.provenance) showSource(c, body);
    if (state.network) state.network.selectNodes([id]);
    if (state.timeline) state.timeline.setSelection([id]);
    const panel = $("panel");
    panel.dataset.claim = id;
    panel.hidden = false;
  }

  /** The article's text with the claim's source sentence marked, below the panel's facts. */
  async function showSource(c, body) {
    if (!state.articles.has(c.article)) {
      const article = await fetchJson("/api/article?id=" + encodeURIComponent(c.article));
      // Word-segmented Vietnamese joins syllables with `_`; people read spaces (the same
      // length, so the byte span still maps).
      const text = article && article.text && article.lang === "vi" ? article.text.replace(/_/g, " ") : article && article.text;
      state.articles.set(c.article, text);
    }
    const text = state.articles.get(c.article);
    // The panel may show another claim by now.
    if (!text || state.selected !== c.claim) return;
    const [start, end] = c.provenance.span.map((b) => utf16Index(text, b));
    const source = el(
      "div",
      { class: "source", id: "source" },
      text.slice(0, start),
      el("mark", {}, text.slice(start, end)),
      text.slice(end)
    );
    body.appendChild(el("h3", {}, "In the article"));
    body.appendChild(source);
    const mark = source.querySelector("mark");
    source.scrollTop = Math.max(0, mark.offsetTop - source.offsetTop - 60);
  }

  function closePanel() {
    state.selected = null;
    $("panel").hidden = true;
    delete $("panel").dataset.claim;
    remember();
  }

  // ---- wiring -------------------------------------------------------------------------

  function show(view) {
    state.view = view;
    for (const button of document.querySelectorAll("#tabs button")) {
      button.classList.toggle("active", button.dataset.view === view);
    }
    for (const name of ["list", "timeline", "graph"]) $("view-" + name).hidden = name !== view;
    remember();
    render();
  }

  $("query-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const query = $("q").value.trim();
    if (query) run(query);
  });
  $("q").addEventListener("input", clearError);
  for (const button of document.querySelectorAll("#tabs button")) {
    button.addEventListener("click", () => show(button.dataset.view));
  }
  for (const button of document.querySelectorAll("[data-zoom]")) {
    button.addEventListener("click", () => zoom(button.dataset.zoom));
  }
  for (const id of ["filter-speaker", "filter-outlet", "filter-stance", "filter-story", "filter-from", "filter-to", "lanes"]) {
    $(id).addEventListener("change", render);
  }
  $("lanes").addEventListener("change", remember);
  $("panel-close").addEventListener("click", closePanel);

  const lanes = params.get("lanes");
  if (lanes === "publisher" || lanes === "story") {
    if (lanes === "story") $("lane-story").hidden = false;
    $("lanes").value = lanes;
  }
  const view = params.get("view");
  if (view === "timeline" || view === "graph") show(view);
  const initial = params.get("q");
  if (initial) {
    $("q").value = initial;
    run(initial).then(() => {
      const claim = params.get("claim");
      if (claim) openPanel(claim);
    });
  }
})();
