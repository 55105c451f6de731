// polemos dashboard: vanilla JS over the read-only JSON API.
// Every piece of document text is inserted with textContent / text nodes, never innerHTML, so markup
// inside news articles stays inert (the server's CSP forbids inline script as a second line of defence).
"use strict";

(function () {
  // Same palette as polemos/report_summary.py TYPE_COLOURS.
  const TYPE_COLOURS = {
    "Battles": "#d62728",
    "Protests": "#2ca02c",
    "Riots": "#ff7f0e",
    "Explosions/Remote violence": "#9467bd",
    "Violence against civilians": "#8c564b",
    "Strategic developments": "#1f77b4",
  };
  const FILTERS = ["date_from", "date_to", "event_type", "actor", "place", "q"];
  const DAY_MS = 86400000;
  const state = { events: [], selected: null, map: null, markers: null, markerById: new Map(), request: 0 };

  // --- DOM helpers -------------------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "className") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    append(node, children);
    return node;
  }

  function swatch(colour) {
    const dot = el("span", { className: "swatch" });
    dot.style.background = colour; // CSSOM, which the style-src 'self' policy allows
    return dot;
  }

  // Only web addresses become links; anything else in a document's metadata is shown as text.
  function safeLink(url, label) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") {
        return el("a", { href: parsed.href, rel: "noreferrer noopener", target: "_blank" }, label);
      }
    } catch (_) { /* not a URL */ }
    return document.createTextNode(label);
  }

  async function getJSON(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  }

  // --- filters -----------------------------------------------------------------------------------------

  function filterParams() {
    const form = document.getElementById("filters");
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    return params;
  }

  function setupFilters(meta) {
    const form = document.getElementById("filters");
    for (const type of meta.event_types) form.elements.event_type.appendChild(el("option", { value: type }, type));
    const actors = document.getElementById("actor-list");
    for (const name of meta.actors) actors.appendChild(el("option", { value: name }));
    // A shared link reproduces the filters it was taken with.
    const initial = new URLSearchParams(window.location.search);
    for (const name of FILTERS) if (initial.has(name)) form.elements[name].value = initial.get(name);
    let timer = null;
    const reload = () => { clearTimeout(timer); timer = setTimeout(loadEvents, 250); };
    form.addEventListener("input", reload);
    form.addEventListener("change", reload);
    form.addEventListener("submit", (event) => { event.preventDefault(); loadEvents(); });
    form.addEventListener("reset", () => setTimeout(loadEvents, 0));
  }

  async function loadEvents() {
    const params = filterParams();
    const ticket = ++state.request; // a slow answer to an older query must not overwrite a newer one
    const events = await getJSON(`/api/events?${params}`);
    if (ticket !== state.request) return;
    state.events = events;
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
    const fatalities = events.reduce((sum, e) => sum + e.fatalities, 0);
    document.getElementById("summary").textContent = `${events.length} events, ${fatalities} fatalities`;
    renderMap(events);
    renderTable(events);
    renderTimeline(events);
    document.body.dataset.loaded = String(ticket);
  }

  // --- map ---------------------------------------------------------------------------------------------

  async function setupMap(meta) {
    const map = L.map("map", { worldCopyJump: true, preferCanvas: false }).setView([25, 15], 3);
    state.map = map;
    if (meta.online_tiles && meta.tile_url) {
      // The tile policy of openstreetmap.org asks for a Referer; the page's own policy sends none.
      L.tileLayer(meta.tile_url, {
        maxZoom: 18,
        referrerPolicy: "origin",
        attribution: "&copy; OpenStreetMap contributors",
      }).addTo(map);
    } else {
      // Offline basemap: Natural Earth country outlines shipped with polemos; no tile is ever requested.
      const countries = await getJSON("/basemap/countries.geojson");
      L.geoJSON(countries, {
        style: { color: "#9a9486", weight: 0.8, fillColor: "#efeadf", fillOpacity: 1 },
        interactive: false,
      }).addTo(map);
      map.attributionControl.addAttribution("Country outlines: Natural Earth");
    }
    state.markers = L.layerGroup().addTo(map);
  }

  function renderMap(events) {
    state.markers.clearLayers();
    state.markerById.clear();
    const groups = new Map();
    for (const e of events) {
      if (e.latitude === null || e.longitude === null) continue;
      const key = `${e.latitude},${e.longitude}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    }
    const bounds = [];
    for (const group of groups.values()) {
      const first = group[0];
      const latlng = [first.latitude, first.longitude];
      bounds.push(latlng);
      const colour = TYPE_COLOURS[first.event_type] || "#6b7280";
      const marker = L.circleMarker(latlng, {
        radius: 6 + Math.min(10, 2 * Math.sqrt(group.length)),
        color: "#fff", weight: 1.5, fillColor: colour, fillOpacity: 0.85, className: "event-marker",
      });
      const names = [...new Set(group.map((e) => e.location))].join(" / ");
      marker.bindTooltip(el("span", {}, `${names}: ${group.length} event${group.length > 1 ? "s" : ""}`));
      if (group.length === 1) {
        marker.on("click", () => selectEvent(first.event_id));
      } else {
        const list = el("ul", { className: "popup-list" });
        for (const e of group) {
          list.appendChild(el("li", {}, el("button", { type: "button", onclick: () => selectEvent(e.event_id) },
            `${e.event_date || "undated"} · ${e.sub_event_type}`)));
        }
        marker.bindPopup(el("div", {}, el("strong", {}, names), list));
      }
      for (const e of group) state.markerById.set(e.event_id, marker);
      state.markers.addLayer(marker);
    }
    // No animation: a marker clicked while the map still glides to the new bounds (a slow machine, a quick
    // user) would miss, the click landing on the map behind it. The outlines are 1:50m: zoom 6 at most.
    if (bounds.length) state.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6, animate: false });
  }

  // --- table -------------------------------------------------------------------------------------------

  function renderTable(events) {
    const body = document.querySelector("#events tbody");
    body.replaceChildren();
    for (const e of events) {
      const row = el("tr", { dataset: { eventId: e.event_id }, onclick: () => selectEvent(e.event_id) },
        el("td", {}, e.event_date || "undated"),
        el("td", {}, swatch(TYPE_COLOURS[e.event_type] || "#6b7280"), e.event_type),
        el("td", {}, e.sub_event_type),
        el("td", {}, e.actor1),
        el("td", {}, e.actor2),
        el("td", {}, e.location || "—"),
        el("td", { className: "n" }, e.fatalities),
        el("td", {}, e.source));
      if (e.event_id === state.selected) row.classList.add("selected");
      body.appendChild(row);
    }
    if (!events.length) body.appendChild(el("tr", {}, el("td", { colspan: "8" }, "No events match the filters.")));
  }

  // --- timeline ----------------------------------------------------------------------------------------

  function monday(iso) {
    const day = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
    return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
  }

  function renderTimeline(events) {
    const box = document.getElementById("timeline");
    const dated = events.filter((e) => e.event_date);
    if (!dated.length) { box.replaceChildren(el("p", { className: "hint" }, "No dated events.")); return; }
    const weeks = new Map();
    for (const e of dated) {
      const key = monday(e.event_date).getTime();
      if (!weeks.has(key)) weeks.set(key, {});
      const counts = weeks.get(key);
      counts[e.event_type] = (counts[e.event_type] || 0) + 1;
    }
    const first = Math.min(...weeks.keys());
    const last = Math.max(...weeks.keys());
    const count = Math.round((last - first) / (7 * DAY_MS)) + 1;
    const width = 800, height = 90, left = 30;
    const step = (width - left) / count;
    const peak = Math.max(...[...weeks.values()].map((c) => Object.values(c).reduce((a, b) => a + b, 0)));
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height + 20}`, role: "img", "aria-label": "events per week" });
    chart.appendChild(svg("line", { x1: left, y1: height, x2: width, y2: height, stroke: "#888" }));
    chart.appendChild(svg("text", { x: left - 4, y: 10, "text-anchor": "end", "font-size": 10 }, String(peak)));
    for (const [key, counts] of weeks) {
      const i = Math.round((key - first) / (7 * DAY_MS));
      const start = new Date(key).toISOString().slice(0, 10);
      const end = new Date(key + 6 * DAY_MS).toISOString().slice(0, 10);
      let y = height;
      for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
        const n = counts[type];
        if (!n) continue;
        const h = (height - 4) * n / peak;
        y -= h;
        const bar = svg("rect", { x: left + i * step, y, width: Math.max(step - 1, 2), height: h, fill: colour, class: "bar" },
          svg("title", {}, `week of ${start}: ${n} ${type}`));
        // A click narrows the dates to that week.
        bar.addEventListener("click", () => setDates(start, end));
        chart.appendChild(bar);
      }
    }
    const ticks = Math.min(6, count);
    for (let t = 0; t < ticks; t++) {
      const i = Math.floor(t * count / ticks);
      const label = new Date(first + i * 7 * DAY_MS).toISOString().slice(0, 10);
      chart.appendChild(svg("text", { x: left + i * step, y: height + 14, "font-size": 10 }, label));
    }
    box.replaceChildren(chart);
  }

  function setDates(from, to) {
    const form = document.getElementById("filters");
    form.elements.date_from.value = from;
    form.elements.date_to.value = to;
    loadEvents();
  }

  // --- event panel -------------------------------------------------------------------------------------

  // Split `text` at every span boundary so overlapping evidence (a date inside a fatality claim) shows.
  function highlighted(text, spans) {
    const cuts = new Set([0, text.length]);
    for (const s of spans) if (s.end > s.start) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
    const out = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const piece = text.slice(a, b);
      const covering = spans.filter((s) => s.start <= a && b <= s.end && s.end > s.start);
      if (!covering.length) { out.appendChild(document.createTextNode(piece)); continue; }
      const fields = [...new Set(covering.map((s) => s.field))];
      const mark = el("mark", {
        className: `ev ev-${fields[0]}${fields.length > 1 ? " ev-multi" : ""}`,
        title: covering.map((s) => `${s.field}: ${s.value} (${s.rule})`).join("\n"),
        dataset: { fields: fields.join(" ") },
      }, piece);
      out.appendChild(mark);
    }
    return out;
  }

  async function selectEvent(eventId) {
    state.selected = eventId;
    for (const row of document.querySelectorAll("#events tbody tr")) {
      row.classList.toggle("selected", row.dataset.eventId === eventId);
    }
    const detail = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
    if (state.selected !== eventId) return;
    renderPanel(detail);
    const marker = state.markerById.get(eventId);
    if (marker) state.map.panTo(marker.getLatLng());
  }

  function renderPanel(detail) {
    const e = detail.event;
    const panel = document.getElementById("panel");
    const facts = [
      ["date", e.event_date ? `${e.event_date} (precision ${e.time_precision})` : "undated"],
      ["actor 1", e.actor1 || "—"],
      ["actor 2", e.actor2 || "—"],
      ["location", e.location ? `${e.location}, ${e.country}` : "—"],
      ["fatalities", e.fatalities],
      ["confidence", e.confidence],
      ["flags", (e.flags || []).join(", ") || "—"],
    ];
    const list = el("dl", {});
    for (const [k, v] of facts) append(list, [el("dt", {}, k), el("dd", {}, v)]);
    const legend = el("div", { className: "legend" });
    for (const field of Object.keys(e.evidence)) legend.appendChild(el("mark", { className: `ev ev-${field}` }, field));
    const passages = detail.passages.map((p) => el("div", { className: "passage", dataset: { document: p.document_id } },
      el("div", { className: "sentence" }, highlighted(p.text, p.highlights)),
      el("div", { className: "where" }, `${p.document_id}${p.start >= 0 ? ` @ ${p.start}` : ""}`)));
    const fields = el("ul", { className: "fields" });
    for (const [field, items] of Object.entries(e.evidence)) {
      for (const ev of items) {
        fields.appendChild(el("li", {}, el("strong", {}, field), `: ${ev.value} `,
          ev.text ? `“${ev.text}” ` : "", el("span", { className: "rule" }, ev.rule)));
      }
    }
    const sources = el("ul", { className: "fields" });
    for (const s of e.sources) {
      const label = s.outlet || s.url || s.document_id;
      sources.appendChild(el("li", {}, s.url ? safeLink(s.url, label) : label,
        s.published ? ` (${s.published})` : "", " ",
        el("button", { type: "button", onclick: () => showDocument(s.document_id, e) }, "full text")));
    }
    panel.replaceChildren(
      el("h3", {}, swatch(TYPE_COLOURS[e.event_type] || "#6b7280"), `${e.event_type} / ${e.sub_event_type}`),
      list,
      el("h4", {}, "Evidence"), legend, ...passages,
      el("details", {}, el("summary", {}, "Evidence by field"), fields),
      el("h4", {}, "Notes"), el("p", { className: "notes" }, e.notes),
      el("h4", {}, "Sources"), sources,
      el("div", { id: "document" }));
  }

  async function showDocument(documentId, event) {
    const doc = await getJSON(`/api/documents/${encodeURIComponent(documentId)}`);
    const spans = Object.values(event.evidence).flat().filter((ev) => ev.document_id === documentId);
    document.getElementById("document").replaceChildren(
      el("h4", {}, doc.title || doc.id),
      el("div", { className: "doc-text" }, highlighted(doc.text, spans)));
  }

  // --- alliance graph and control timeline (shown once those are coded) --------------------------------

  function renderGraph(relations) {
    if (!relations.length) return;
    const names = [...new Set(relations.flatMap((r) => [r.source, r.target]))];
    const size = 520, r = 190, c = size / 2;
    const pos = new Map(names.map((n, i) => [n, [c + r * Math.cos(2 * Math.PI * i / names.length),
      c + r * Math.sin(2 * Math.PI * i / names.length)]]));
    const colours = { supports: "#2563eb", allied_with: "#16a34a", fights: "#dc2626", linked_to: "#6b7280", leads: "#9333ea" };
    const chart = svg("svg", { viewBox: `0 0 ${size} ${size}`, role: "img", "aria-label": "alliance graph" });
    for (const rel of relations) {
      const [x1, y1] = pos.get(rel.source), [x2, y2] = pos.get(rel.target);
      chart.appendChild(svg("line", { x1, y1, x2, y2, stroke: colours[rel.kind] || "#999", "stroke-width": 2 },
        svg("title", {}, `${rel.source} ${rel.kind} ${rel.target}${rel.start ? ` (from ${rel.start})` : ""}`)));
    }
    for (const [name, [x, y]] of pos) {
      chart.appendChild(svg("circle", { cx: x, cy: y, r: 6, fill: "#1f2937" }));
      chart.appendChild(svg("text", { x: x + 8, y: y + 4, "font-size": 11 }, name));
    }
    document.getElementById("graph").replaceChildren(chart);
    document.getElementById("graph-pane").hidden = false;
  }

  function renderControl(rows) {
    if (!rows.length) return;
    const table = el("table", { id: "control-table" },
      el("tr", {}, el("th", {}, "place"), el("th", {}, "held by"), el("th", {}, "from"), el("th", {}, "until"), el("th", {}, "evidence")));
    for (const r of rows) {
      table.appendChild(el("tr", {}, el("td", {}, r.target), el("td", {}, r.source), el("td", {}, r.start || "?"),
        el("td", {}, r.end || "—"), el("td", {}, r.sentence || "")));
    }
    document.getElementById("control").replaceChildren(table);
    document.getElementById("control-pane").hidden = false;
  }

  // --- start -------------------------------------------------------------------------------------------

  async function start() {
    const meta = await getJSON("/api/meta");
    setupFilters(meta);
    await setupMap(meta);
    await loadEvents();
    const [relations, control] = await Promise.all([getJSON("/api/relations"), getJSON("/api/control")]);
    renderGraph(relations);
    renderControl(control);
    document.body.dataset.ready = "true";
  }

  start().catch((error) => {
    document.getElementById("summary").textContent = `error: ${error.message}`;
  });
})();
