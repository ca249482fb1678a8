// valuesgap dashboard: the two-track map panel (every partner of the focal state; click a point to open
// that dyad). Loaded before app.js; uses its helpers (runPanel, drawChart, getJSON, qs, views, …) at run time.
// URL keys: mfrom, mto (the map's period; empty = the latest four years), mcompare (FROM-TO: arrows from
// there), marena (assembly, council, events).
"use strict";

const MAP_KEYS = { mfrom: "", mto: "", mcompare: "", marena: "" };  // marena "": assembly

function mapControls() {
  return {
    mfrom: document.getElementById("map-from").value.trim(),
    mto: document.getElementById("map-to").value.trim(),
    mcompare: document.getElementById("map-compare").value.trim(),
    marena: document.getElementById("map-arena").value === "assembly" ? "" : document.getElementById("map-arena").value,
  };
}

function fillMapControls(state) {
  document.getElementById("map-from").value = state.mfrom || "";
  document.getElementById("map-to").value = state.mto || "";
  document.getElementById("map-compare").value = state.mcompare || "";
  document.getElementById("map-arena").value = state.marena || "assembly";
}

function mapArgs(state) {
  const focal = state.focal === "b" ? state.b : state.a;
  const other = state.focal === "b" ? state.a : state.b;
  return { focal, other, query: { state: focal, start: state.mfrom, end: state.mto, compare: state.mcompare, arena: state.marena } };
}

// a click on a partner opens the dyad (focal state, partner)
function openDyadOnClick(view, state, focal) {
  view.addEventListener("click", (event, item) => {
    const iso3 = item && item.datum && item.datum.iso3;
    if (!iso3 || iso3 === focal) return;
    const next = { ...state, a: focal, b: iso3, focal: "a" };
    writeState(next, true);
    fillControls(next);
    loadAll(next);
  });
}

function renderLeftOut(section, table, compare) {
  const rows = table.rows.filter((r) => r.left_out || (compare && r.from_left_out));
  const box = section.querySelector(".left-out");
  box.querySelector("summary").textContent = rows.length
    ? `Left out (${rows.length}): partners the map cannot place, and why`
    : "Left out: none";
  box.querySelector("ul").innerHTML = rows.map((r) => {
    const why = [r.left_out, compare && r.from_left_out ? `${compare}: ${r.from_left_out}` : ""].filter(Boolean).join("; ");
    return `<li><b>${escapeHtml(r.name)}</b> (${escapeHtml(r.iso3)}): ${escapeHtml(why)}</li>`;
  }).join("");
}

function loadMap(state, gen) {
  runPanel("panel-map", "track_map", state, gen, async (section) => {
    const { focal, other, query } = mapArgs(state);
    const moves = section.querySelector(".chart-moves");
    if (views["panel-map-moves"]) { views["panel-map-moves"].finalize(); delete views["panel-map-moves"]; }
    moves.innerHTML = "";
    moves.hidden = !state.mcompare;
    const [view, table] = await Promise.all([
      drawChart(section, `/api/charts/track-map?${qs({ ...query, highlight: other })}`, gen),
      getJSON(`/api/track-map?${qs(query)}`),
    ]);
    if (gen !== generation || !view) return;
    openDyadOnClick(view, state, focal);
    const meta = table.meta;
    const period = table.query.start === table.query.end ? `${table.query.start}` : `${table.query.start}–${table.query.end}`;
    document.getElementById("map-when").textContent =
      `${nameOf(focal)}, ${period}: ${meta.placed} partners placed, ${meta.left_out} left out; y = ${meta.arena_label}`;
    section.querySelector(".notes").textContent = Object.values(meta.notes || {}).join(" · ");
    const cmp = meta.compare;  // [from, to] as the API understood it
    renderLeftOut(section, table, cmp ? (cmp[0] === cmp[1] ? `${cmp[0]}` : `${cmp[0]}–${cmp[1]}`) : "");
    if (state.mcompare) {
      const spec = await getJSON(`/api/charts/track-map?${qs({ ...query, view: "moves", highlight: other })}`);
      if (gen !== generation) return;
      const result = await vegaEmbed(moves, spec, { actions: false, renderer: "svg" });
      views["panel-map-moves"] = result.view;
      openDyadOnClick(result.view, state, focal);
    }
    setDownloads(section, "track_map", state, `/api/track-map?${qs({ ...query, format: "csv" })}`);
  });
}
