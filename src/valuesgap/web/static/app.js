// valuesgap dashboard: the view state lives in the URL's query string; every chart is a Vega-Lite spec
// from /api/charts/..., rendered by vega-embed (served locally); PNG/SVG are drawn here, CSV comes from the API.
"use strict";

const DEFAULTS = { a: "USA", b: "RUS", start: "1992", end: "", measure: "agreement", focal: "a", ipissue: "all", intervals: "" };
const BOOT = 10;             // bootstrap refits behind the ideal-point intervals
Object.assign(DEFAULTS, typeof MAP_KEYS === "undefined" ? {} : MAP_KEYS);  // the map panel's keys (map.js)
const KEYS = Object.keys(DEFAULTS);
const views = {};            // panel id -> vega View (for PNG/SVG downloads and tests)
let countryList = [];        // [{iso3, iso2, name, official_name}]
let generation = 0;          // drops answers of superseded views

// ------------------------------------------------------------------ state <-> URL

function readState() {
  const params = new URLSearchParams(window.location.search);
  const state = {};
  for (const key of KEYS) state[key] = params.has(key) ? params.get(key) : DEFAULTS[key];
  return state;
}

function stateQuery(state) {
  const params = new URLSearchParams();
  for (const key of KEYS) if (state[key] !== "" && state[key] !== null) params.set(key, state[key]);
  return params.toString();
}

function writeState(state, push) {
  const url = `${window.location.pathname}?${stateQuery(state)}`;
  if (url !== `${window.location.pathname}${window.location.search}`) {
    (push ? history.pushState : history.replaceState).call(history, state, "", url);
  }
}

function qs(obj) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== "" && v !== null && v !== undefined) params.set(k, v);
  return params.toString();
}

// ------------------------------------------------------------------ API

// The server answers slow pages (the API's slow lane: SLOW_PREFIXES in valuesgap/api/limits.py) one at
// a time and gives 503 to those that wait too long in its queue. This page keeps at most SLOW_IN_FLIGHT
// of them at the server and holds the rest here, so that its own dozen charts never wait out the
// server's queue: each waits there for one computation at most.
const SLOW_PREFIXES = ["/api/brief", "/api/charts/", "/api/tracks", "/api/track-map", "/api/partners"];
const SLOW_IN_FLIGHT = 2;
let slowInFlight = 0;
const slowWaiting = [];      // resolve functions of slow requests held in this page, first come first served

function isSlow(url) {
  return SLOW_PREFIXES.some((prefix) => url.startsWith(prefix));
}

async function slowTurn() {
  if (slowInFlight < SLOW_IN_FLIGHT) { slowInFlight += 1; return; }
  await new Promise((resolve) => slowWaiting.push(resolve));  // the slot is handed over by slowDone
}

function slowDone() {
  const next = slowWaiting.shift();
  if (next) next(); else slowInFlight -= 1;
}

// A 503 with Retry-After (ideal points being fitted, or the server busy) is retried after at most 5 s,
// for up to 10 minutes (a bootstrap fit); other errors are thrown with the server's one-line message.
// A slow page holds its turn only while it is at the server, not while it waits to retry.
async function getJSON(url) {
  let response = await fetchInTurn(url);
  for (let waited = 0; response.status === 503 && response.headers.get("Retry-After") && waited < 600; ) {
    const seconds = Math.min(Math.max(Number(response.headers.get("Retry-After")) || 2, 1), 5);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    waited += seconds;
    response = await fetchInTurn(url);
  }
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const message = body && body.error ? body.error : `${response.status} ${response.statusText}`;
    throw new Error(message);
  }
  return body;
}

async function fetchInTurn(url) {
  if (!isSlow(url)) return fetch(url);
  await slowTurn();
  try {
    const response = await fetch(url);
    await response.clone().arrayBuffer();  // the whole answer is in before the next slow page goes out
    return response;
  } finally {
    slowDone();
  }
}

function nameOf(iso3) {
  const hit = countryList.find((c) => c.iso3 === iso3);
  return hit ? hit.name : iso3;
}

// ------------------------------------------------------------------ type-ahead

function matches(query) {
  const q = query.trim().toLowerCase();
  if (!q) return countryList.slice(0, 50);
  const scored = [];
  for (const c of countryList) {
    const name = (c.name || "").toLowerCase();
    const official = (c.official_name || "").toLowerCase();
    const codes = [(c.iso3 || "").toLowerCase(), (c.iso2 || "").toLowerCase()];
    let score = -1;
    if (codes.includes(q)) score = 0;
    else if (name.startsWith(q)) score = 1;
    else if (name.includes(q) || official.includes(q)) score = 2;
    if (score >= 0) scored.push([score, c]);
  }
  scored.sort((x, y) => x[0] - y[0] || x[1].name.localeCompare(y[1].name));
  return scored.slice(0, 50).map((s) => s[1]);
}

function setupTypeahead(input, list) {
  let active = -1;
  const close = () => { list.hidden = true; active = -1; };
  const choose = (c) => { input.value = `${c.name} (${c.iso3})`; input.dataset.iso3 = c.iso3; close(); applyControls(); };
  const render = () => {
    const found = matches(input.value);
    list.innerHTML = "";
    found.forEach((c, i) => {
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.dataset.iso3 = c.iso3;
      li.innerHTML = `${escapeHtml(c.name)} <span class="code">${c.iso3}${c.iso2 ? " · " + c.iso2 : ""}</span>`;
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(c); });
      if (i === active) li.classList.add("active");
      list.appendChild(li);
    });
    list.hidden = found.length === 0;
  };
  input.addEventListener("input", () => { delete input.dataset.iso3; active = -1; render(); });
  input.addEventListener("focus", () => { input.select(); render(); });
  input.addEventListener("blur", () => setTimeout(close, 100));
  input.addEventListener("keydown", (ev) => {
    const items = list.querySelectorAll("li");
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (list.hidden) render();
      active = Math.max(0, Math.min(items.length - 1, active + (ev.key === "ArrowDown" ? 1 : -1)));
      render();
      const li = list.querySelectorAll("li")[active];
      if (li) li.scrollIntoView({ block: "nearest" });
    } else if (ev.key === "Enter" && !list.hidden && active >= 0 && items[active]) {
      ev.preventDefault();
      const c = countryList.find((x) => x.iso3 === items[active].dataset.iso3);
      if (c) choose(c);
    } else if (ev.key === "Escape") {
      close();
    }
  });
}

async function resolveInput(input) {
  if (input.dataset.iso3) return input.dataset.iso3;
  const text = input.value.trim();
  const code = text.match(/\(([A-Z]{3})\)\s*$/);
  if (code) return code[1];
  if (!text) throw new Error(`${input.name === "a" ? "State A" : "State B"} is empty: type a name or code`);
  const hit = await getJSON(`/api/countries/${encodeURIComponent(text)}`);
  return hit.iso3;
}

// ------------------------------------------------------------------ rendering

function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

function fileStem(panel, state) {
  return `valuesgap_${panel}_${state.a}_${state.b}${state.start ? "_" + state.start : ""}${state.end ? "-" + state.end : ""}`;
}

function setDownloads(section, panelKey, state, csvUrl) {
  const box = section.querySelector(".downloads");
  box.innerHTML = "";
  const stem = fileStem(panelKey, state);
  for (const kind of ["png", "svg"]) {
    const a = document.createElement("a");
    a.href = "#";
    a.className = `download-${kind}`;
    a.textContent = kind.toUpperCase();
    a.addEventListener("click", async (ev) => {
      ev.preventDefault();
      const view = views[section.id];
      if (!view) return;
      const url = await view.toImageURL(kind, kind === "png" ? 2 : 1);
      const link = document.createElement("a");
      link.href = url;
      link.download = `${stem}.${kind}`;
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
    box.appendChild(a);
  }
  const csv = document.createElement("a");
  csv.className = "download-csv";
  csv.href = csvUrl;
  csv.download = `${stem}.csv`;
  csv.textContent = "CSV";
  box.appendChild(csv);
}

async function drawChart(section, specUrl, gen) {
  const spec = await getJSON(specUrl);
  if (gen !== generation) return null;
  served[section.id] = spec;
  return embedFitted(section, spec);
}

// ------------------------------------------------------------------ charts sized to their panel
// A single or layered chart takes the panel's width (Vega-Lite width "container", redrawn by vega-embed
// when the window resizes). A composed chart (stacked views, small multiples) cannot: its views get the
// width left once its axes and labels are drawn, measured on the chart as served; small multiples drop
// columns (never below MIN_CELL px a cell) and redraw when the panel's width changes.

const MIN_CELL = 150;        // narrowest small-multiple cell, px
const served = {};           // panel id -> the spec as the API served it
const fittedAt = {};         // panel id -> the panel width the composed chart was fitted to

function isComposed(spec) {
  return ["vconcat", "hconcat", "concat", "facet", "repeat"].some((k) => k in spec);
}

async function naturalWidth(spec) {
  // the chart's full width (axes, labels, legends) as served, drawn off-screen by Vega without a DOM
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    return Number((svg.match(/width="([\d.]+)"/) || [])[1]) || 0;
  } finally {
    view.finalize();
  }
}

function wrapLines(text, perLine) {
  // a title longer than the panel becomes several lines (Vega-Lite draws an array of strings as lines)
  if (text.length <= perLine) return text;
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && (line + " " + word).length > perLine) { lines.push(line); line = word; }
    else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function narrowText(spec, avail) {
  // titles wrap to the panel's width (less the room a stacked view's axis labels may take), legend entries
  // wrap into as many columns as fit, long axis labels are cut shorter on a narrow panel
  const room = isComposed(spec) ? avail - 110 : avail;
  const perLine = Math.max(20, Math.floor(room / 7.5));  // ~7.5 px a character of a 13 px bold title
  const visit = (node) => {
    if (!node || typeof node !== "object") return;
    if (typeof node.title === "string") node.title = wrapLines(node.title, perLine);
    else if (node.title && typeof node.title === "object") {
      if (typeof node.title.text === "string") node.title.text = wrapLines(node.title.text, perLine);
      const sub = node.title.subtitle;
      if (sub) node.title.subtitle = [].concat(sub).flatMap((line) => [].concat(wrapLines(String(line), perLine)));
    }
    for (const key of ["vconcat", "hconcat", "concat", "layer"]) (node[key] || []).forEach(visit);
    if (node.spec) visit(node.spec);
  };
  visit(spec);
  spec.config = spec.config || {};
  spec.config.legend = { ...(spec.config.legend || {}), columns: Math.max(1, Math.floor(room / 200)) };
  if (avail < 560) spec.config.axis = { ...(spec.config.axis || {}), labelLimit: Math.round(avail * 0.35) };
}

async function fitSpec(spec, avail) {
  const fitted = structuredClone(spec);
  narrowText(fitted, avail);
  if (!isComposed(spec)) {
    fitted.width = "container";
    fitted.autosize = { type: "fit-x", contains: "padding" };
    return fitted;
  }
  const natural = await naturalWidth(fitted);
  if ("facet" in spec && spec.spec && typeof spec.spec.width === "number") {
    const cols0 = spec.columns || 1, cell0 = spec.spec.width;
    const gap = spec.spacing ?? spec.config?.facet?.spacing ?? 20;
    const extra = natural - (cols0 * cell0 + (cols0 - 1) * gap);  // axes, headers, legend beside the cells
    const cols = Math.max(1, Math.min(cols0, Math.floor((avail - extra + gap) / (MIN_CELL + gap))));
    fitted.columns = cols;
    fitted.spec.width = Math.max(60, Math.floor((avail - extra - (cols - 1) * gap) / cols));
    return fitted;
  }
  const parts = fitted.vconcat || [];
  const widest = Math.max(0, ...parts.map((p) => (typeof p.width === "number" ? p.width : 0)));
  if (!widest) return fitted;
  // the chart's own margins (axes, labels, a legend beside it) stay as they are; the views shrink or grow
  // to fill the panel, and a second look corrects what did not change with them
  let width = widest, total = natural;
  for (let pass = 0; pass < 2 && (total > avail || total < avail - 24); pass++) {
    const next = Math.max(120, width - (total - avail));
    for (const p of parts) if (typeof p.width === "number") p.width = Math.round((p.width * next) / width);
    width = next;
    total = await naturalWidth(fitted);
  }
  return fitted;
}

async function embedFitted(section, spec) {
  const target = section.querySelector(".chart");
  const avail = Math.floor(target.clientWidth);
  const fitted = await fitSpec(spec, avail);
  if (views[section.id]) { views[section.id].finalize(); delete views[section.id]; }
  const result = await vegaEmbed(target, fitted, { actions: false, renderer: "svg" });
  views[section.id] = result.view;
  fittedAt[section.id] = isComposed(spec) ? avail : null;
  return result.view;
}

let resizeTimer = null;
function refitComposed() {
  // redraw the composed charts whose panel changed width (vega-embed resizes the "container" ones itself)
  for (const [id, spec] of Object.entries(served)) {
    const section = document.getElementById(id);
    if (!section || fittedAt[id] == null || section.dataset.state !== "ready") continue;
    if (Math.abs(section.querySelector(".chart").clientWidth - fittedAt[id]) < 8) continue;
    embedFitted(section, spec).catch(() => {});
  }
}
window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(refitComposed, 200); });

async function runPanel(id, panelKey, state, gen, work) {
  const section = document.getElementById(id);
  section.dataset.state = "loading";
  section.querySelectorAll(".error").forEach((e) => e.remove());
  try {
    await work(section);
    if (gen !== generation) return;
    section.dataset.state = "ready";
    section.dataset.view = `${state.a}-${state.b}`;
  } catch (err) {
    if (gen !== generation) return;
    section.dataset.state = "error";
    const target = section.querySelector(".chart");
    if (views[id]) { views[id].finalize(); delete views[id]; }
    target.innerHTML = "";
    const p = document.createElement("p");
    p.className = "error";
    p.textContent = err.message;
    target.appendChild(p);
  }
}

function renderTable(table, columns, rows, format) {
  const head = `<thead><tr>${columns.map((c) => `<th>${escapeHtml(c[1])}</th>`).join("")}</tr></thead>`;
  const body = rows.map((r) => `<tr>${columns.map((c) => format(c[0], r)).join("")}</tr>`).join("");
  table.innerHTML = `${head}<tbody>${body}</tbody>`;
}

const num = (v, digits = 3) => (v === null || v === undefined || Number.isNaN(v) ? "–" : Number(v).toFixed(digits));

function loadAll(state) {
  const gen = ++generation;
  const period = { start: state.start, end: state.end };
  const dyad = { a: state.a, b: state.b };
  document.getElementById("brief-link").href = `/api/brief?${qs({ ...dyad, start: state.start })}`;
  document.title = `valuesgap — ${nameOf(state.a)} – ${nameOf(state.b)}`;

  runPanel("panel-tracks", "tracks", state, gen, async (section) => {
    const args = { ...dyad, ...period, measure: state.measure };
    const [view, table] = await Promise.all([
      drawChart(section, `/api/charts/tracks?${qs(args)}`, gen),
      getJSON(`/api/tracks?${qs({ ...args, ideal: "false" })}`),
    ]);
    const missing = (table.meta && table.meta.missing) || [];
    section.querySelector(".notes").textContent = missing.filter((m) => !m.startsWith("ideal points: not computed")).join(" · ");
    setDownloads(section, "tracks", state, `/api/tracks?${qs({ ...args, ideal: "false", format: "csv" })}`);
    return view;
  });

  runPanel("panel-arenas", "arenas", state, gen, async (section) => {
    const args = { ...dyad, ...period };
    await drawChart(section, `/api/charts/arenas?${qs(args)}`, gen);
    if (gen !== generation) return;
    // CSV: the Council table; the vetoes and event tables as extra links
    setDownloads(section, "arenas_council", state, `/api/arenas/council?${qs({ ...args, format: "csv" })}`);
    const box = section.querySelector(".downloads");
    const extra = [["vetoes", `/api/arenas/vetoes?${qs({ by: state.a, against: state.b, format: "csv" })}`],
                   ["events", `/api/arenas/events?${qs({ ...args, format: "csv" })}`]];
    for (const [key, url] of extra) {
      const link = document.createElement("a");
      link.className = `download-csv-${key}`;
      link.href = url;
      link.download = `${fileStem(`arenas_${key}`, state)}.csv`;
      link.textContent = `CSV (${key})`;
      box.appendChild(link);
    }
  });

  runPanel("panel-similarity", "similarity_by_issue", state, gen, async (section) => {
    const args = { ...dyad, ...period };
    await drawChart(section, `/api/charts/similarity-issues?${qs({ ...args, measure: state.measure })}`, gen);
    setDownloads(section, "similarity_by_issue", state, `/api/similarity/issues?${qs({ ...args, format: "csv" })}`);
  });

  runPanel("panel-ideal", "ideal_points", state, gen, async (section) => {
    const args = { states: `${state.a},${state.b}`, ...period, issue: state.ipissue,
                   n_boot: state.intervals === "1" ? BOOT : "" };
    await drawChart(section, `/api/charts/ideal-points?${qs(args)}`, gen);
    setDownloads(section, "ideal_points", state, `/api/ideal-points?${qs({ ...args, format: "csv" })}`);
  });

  runPanel("panel-values", "values_gap", state, gen, async (section) => {
    const args = { ...dyad, ...period };
    const [, table] = await Promise.all([
      drawChart(section, `/api/charts/values-gap?${qs(args)}`, gen),
      getJSON(`/api/values-gap?${qs(args)}`),
    ]);
    if (gen !== generation) return;
    // where a source enters or leaves, say so (the series are chain-linked across it: docs/values.md)
    const changes = table.rows.filter((r) => r.coverage_change);
    const box = section.querySelector(".coverage");
    box.querySelector("ul").innerHTML = changes
      .map((r) => `<li>${escapeHtml(String(r.year))} ${escapeHtml(r.dimension)}: ${escapeHtml(r.coverage_change)}</li>`)
      .join("");
    box.hidden = changes.length === 0;
    setDownloads(section, "values_gap", state, `/api/values-gap?${qs({ ...args, format: "csv" })}`);
  });

  runPanel("panel-commitments", "commitments", state, gen, async (section) => {
    const args = { ...dyad };
    const [, table] = await Promise.all([
      drawChart(section, `/api/charts/commitments?${qs(args)}`, gen),
      getJSON(`/api/commitments/dyad?${qs(args)}`),
    ]);
    if (gen !== generation) return;
    const cols = [["year", "year"], ["iso3", "state"], ["commitment", "commitment"], ["action", "action"],
                  ["record", "record since"], ["source", "source"]];
    renderTable(section.querySelector("table.ledger"), cols, table.rows, (key, r) => {
      if (key === "source") return `<td>${r.url ? `<a href="${escapeHtml(r.url)}" rel="noopener">${escapeHtml(r.source)}</a>` : escapeHtml(r.source)}</td>`;
      return `<td>${escapeHtml(r[key] ?? "")}</td>`;
    });
    setDownloads(section, "commitments", state, `/api/commitments/dyad?${qs({ ...args, format: "csv" })}`);
  });

  runPanel("panel-partners", "partners", state, gen, async (section) => {
    const focal = state.focal === "b" ? state.b : state.a;
    // partners with fewer than 10 roll calls in common (the API's default min_n) are listed but not
    // ranked or mapped; each ranked value shows its 95% bootstrap interval
    const args = { focal, year: state.end, measure: state.measure };
    const [, table] = await Promise.all([
      drawChart(section, `/api/charts/partners-map?${qs(args)}`, gen),
      getJSON(`/api/partners?${qs(args)}`),
    ]);
    if (gen !== generation) return;
    document.getElementById("partners-when").textContent =
      `${nameOf(focal)}, ${table.meta.by} ${table.meta.value}, ranked by ${state.measure}`;
    const cols = [["rank", "#"], ["name", "state"], ["iso3", "ISO3"], ["n", "n"], [state.measure, state.measure],
                  ["interval", "95% interval"]];
    renderTable(section.querySelector("table.partners"), cols, table.rows, (key, r) => {
      if (key === state.measure) return `<td class="num">${num(r[key])}</td>`;
      if (key === "interval") {
        const lo = r[`${state.measure}_lo`], hi = r[`${state.measure}_hi`];
        return `<td class="num">${lo == null || hi == null ? "–" : `${num(lo)} – ${num(hi)}`}</td>`;
      }
      if (key === "rank" || key === "n") return `<td class="num">${r[key] ?? "–"}</td>`;
      return `<td>${escapeHtml(r[key])}</td>`;
    });
    setDownloads(section, "partners", state, `/api/partners?${qs({ ...args, format: "csv" })}`);
  });

  loadMap(state, gen);
}

// ------------------------------------------------------------------ controls

function fillControls(state) {
  for (const key of ["a", "b"]) {
    const input = document.getElementById(`state-${key}`);
    input.value = `${nameOf(state[key])} (${state[key]})`;
    input.dataset.iso3 = state[key];
  }
  document.getElementById("start").value = state.start;
  document.getElementById("end").value = state.end;
  document.getElementById("measure").value = state.measure;
  document.getElementById("focal").value = state.focal;
  document.getElementById("ipissue").value = state.ipissue;
  document.getElementById("intervals").checked = state.intervals === "1";
  const focal = document.getElementById("focal");
  focal.options[0].textContent = nameOf(state.a);
  focal.options[1].textContent = nameOf(state.b);
  fillMapControls(state);
}

function showMessage(text) {
  const box = document.getElementById("message");
  box.textContent = text || "";
  box.hidden = !text;
}

async function applyControls() {
  showMessage("");
  try {
    const a = await resolveInput(document.getElementById("state-a"));
    const b = await resolveInput(document.getElementById("state-b"));
    if (a === b) throw new Error("A and B are the same state: choose two different states");
    const state = {
      a, b,
      start: document.getElementById("start").value.trim(),
      end: document.getElementById("end").value.trim(),
      measure: document.getElementById("measure").value,
      focal: document.getElementById("focal").value,
      ipissue: document.getElementById("ipissue").value,
      intervals: document.getElementById("intervals").checked ? "1" : "",
      ...mapControls(),
    };
    if (state.start && state.end && Number(state.start) > Number(state.end)) {
      throw new Error(`the period starts (${state.start}) after it ends (${state.end}): swap them`);
    }
    writeState(state, true);
    fillControls(state);
    loadAll(state);
  } catch (err) {
    showMessage(err.message);
  }
}

// The footer names where each arena's data end (GET /api/coverage), so a reader knows how current a chart is.
async function showDataEnds() {
  const target = document.getElementById("data-ends");
  try {
    const coverage = await getJSON("/api/coverage");
    target.textContent = `Data end: ${coverage.meta.line}`;
    target.title = coverage.meta.ends.map((e) => `${e.arena}: ${e.detail}`).join("\n");
  } catch (err) {
    target.textContent = `Data end: unknown (${err.message})`;
  }
}

async function main() {
  setupTypeahead(document.getElementById("state-a"), document.getElementById("state-a-list"));
  setupTypeahead(document.getElementById("state-b"), document.getElementById("state-b-list"));
  try {
    const [list, version] = await Promise.all([getJSON("/api/countries"), getJSON("/api/version")]);
    countryList = list.rows;
    document.getElementById("version").textContent = `valuesgap ${version.package} · data version ${version.data_version}`;
    showDataEnds();
  } catch (err) {
    showMessage(`cannot reach the API: ${err.message}`);
    return;
  }
  document.getElementById("controls").addEventListener("submit", (ev) => { ev.preventDefault(); applyControls(); });
  document.getElementById("measure").addEventListener("change", applyControls);
  document.getElementById("focal").addEventListener("change", applyControls);
  document.getElementById("ipissue").addEventListener("change", applyControls);
  document.getElementById("intervals").addEventListener("change", applyControls);
  document.getElementById("map-arena").addEventListener("change", applyControls);
  for (const id of ["map-from", "map-to", "map-compare"]) document.getElementById(id).addEventListener("change", applyControls);
  for (const key of ["a", "b"]) {
    const input = document.getElementById(`state-${key}`);
    input.addEventListener("change", () => { if (!input.dataset.iso3) applyControls(); });
  }
  document.getElementById("swap").addEventListener("click", () => {
    const a = document.getElementById("state-a"), b = document.getElementById("state-b");
    [a.value, b.value] = [b.value, a.value];
    [a.dataset.iso3, b.dataset.iso3] = [b.dataset.iso3, a.dataset.iso3];
    applyControls();
  });
  window.addEventListener("popstate", () => { const s = readState(); fillControls(s); loadAll(s); });
  const state = readState();
  fillControls(state);
  writeState(state, false);
  loadAll(state);
}

window.valuesgap = { views, readState };
main();
