// The map page: events as clustered points on an offline basemap, a timeline that filters by
// dragging, filter controls, and an event panel with the evidence. Everything it shows comes
// from the public HTTP API, with the filters in the URL.
import { Map as MapLibreMap, Marker, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import { addCountries, baseStyle } from './basemap.js';
import { colorExpression, TYPE_COLORS } from './colors.js';
import { renderEvent } from './detail.js';
import { query, readState, writeState } from './state.js';
import { Timeline } from './timeline.js';

setWorkerUrl(new URL('maplibre-gl-worker.mjs', import.meta.url).href);

const $ = (id) => document.getElementById(id);
const fmt = new Intl.NumberFormat('en');
const MAX_CLUSTER_LABELS = 300;
const TYPE_KEYS = Object.keys(TYPE_COLORS);
const CLUSTER_COLOR = '#44515e';
const POINT_LAYERS = ['events-points', 'flat-points'];

// What tests and the benchmark read: when the points were first drawn, and how many.
const cw = { ready: false, loads: 0, firstRenderMs: null, lastLoadMs: null, longestTaskMs: 0 };
window.cw = cw;
// The longest main-thread task: what a user would feel as the page freezing.
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) cw.longestTaskMs = Math.max(cw.longestTaskMs, Math.round(entry.duration));
  }).observe({ type: 'longtask', buffered: true });
} catch { /* browsers without long-task timing */ }

let state = readState();
// Read before the map writes its own view into the hash.
const linkedView = /view=/.test(window.location.hash);
let meta = { event_types: {}, tile_url: null };
let map;
let timeline;
let loadStarted = 0;
let lastTotal = 0;
let pendingSource = null; // the source whose new data is on its way
const CLUSTER_ABOVE = 3000; // more events than this are grouped (the server may say otherwise)
let clusterMarkers = new globalThis.Map();

function status(text, error = false) {
  const box = $('status');
  box.hidden = !text;
  box.textContent = text || '';
  box.classList.toggle('error', error);
}

async function getJson(url) {
  const response = await fetch(url);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  return body;
}

// ---- filters --------------------------------------------------------------------------

function buildTypeFilters() {
  const box = $('types');
  box.replaceChildren();
  for (const type of TYPE_KEYS) {
    const label = document.createElement('label');
    label.className = 'type';
    label.dataset.type = type;
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.value = type;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = TYPE_COLORS[type];
    const name = document.createElement('span');
    name.textContent = type;
    const n = document.createElement('span');
    n.className = 'n';
    label.append(input, swatch, name, n);
    input.addEventListener('change', () => {
      const checked = [...box.querySelectorAll('input:checked')].map((i) => i.value);
      setFilter('event_type', checked.length && checked.length < TYPE_KEYS.length ? checked : undefined);
    });
    box.append(label);
  }
  const select = $('sub_event_type');
  for (const [type, subs] of Object.entries(meta.event_types)) {
    const group = document.createElement('optgroup');
    group.label = type;
    for (const sub of subs) group.append(new Option(sub, sub));
    select.append(group);
  }
}

function showFilters() {
  const types = state.event_type || [];
  for (const label of $('types').children) {
    const on = !types.length || types.includes(label.dataset.type);
    label.querySelector('input').checked = types.length ? types.includes(label.dataset.type) : true;
    label.classList.toggle('off', !on);
  }
  for (const key of ['date_from', 'date_to', 'country', 'admin1', 'sub_event_type', 'actor', 'q', 'min_fatalities']) {
    const input = $(key);
    if (document.activeElement !== input) input.value = state[key] || '';
  }
  $('in_view').checked = Boolean(state.bbox);
  const qs = query(state);
  $('download-csv').href = `/api/events.csv?${qs}${qs ? '&' : ''}download=true`;
  $('download-geojson').href = `/api/events.geojson?${qs}${qs ? '&' : ''}download=true`;
  const range = state.date_from || state.date_to;
  $('range-label').textContent = range ? `${state.date_from || '…'} to ${state.date_to || '…'}` : 'all dates';
  $('clear-range').hidden = !range;
}

function setFilter(key, value) {
  if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) delete state[key];
  else state[key] = value;
  refresh();
}

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

function wireInputs() {
  for (const key of ['date_from', 'date_to', 'sub_event_type', 'min_fatalities']) {
    $(key).addEventListener('change', (e) => setFilter(key, e.target.value));
  }
  for (const key of ['country', 'admin1', 'actor', 'q']) {
    const later = debounce((v) => setFilter(key, v.trim()), 400);
    $(key).addEventListener('input', (e) => later(e.target.value));
    $(key).addEventListener('change', (e) => setFilter(key, e.target.value.trim()));
  }
  $('in_view').addEventListener('change', (e) => setFilter('bbox', e.target.checked ? viewBbox() : undefined));
  $('reset').addEventListener('click', () => { state = {}; refresh(); });
  $('clear-range').addEventListener('click', () => { delete state.date_from; delete state.date_to; refresh(); });
  $('close-detail').addEventListener('click', closeDetail);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') closeDetail(); });
}

function viewBbox() {
  const b = map.getBounds();
  const clamp = (v, lim) => Math.max(-lim, Math.min(lim, v)).toFixed(3);
  return [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)].join(',');
}

// ---- data -----------------------------------------------------------------------------

async function refresh() {
  writeState(state);
  showFilters();
  cw.ready = false;
  try {
    // The count decides how the points are drawn, so it comes first.
    const current = await getJson(`/api/stats?${query(state)}`);
    loadPoints(current.total);
    const [allDates, allTypes] = await Promise.all([
      getJson(`/api/stats?${query(state, ['date_from', 'date_to'])}`),
      getJson(`/api/stats?${query(state, ['event_type'])}`),
    ]);
    $('summary').replaceChildren();
    const b = (n) => Object.assign(document.createElement('b'), { textContent: fmt.format(n) });
    $('summary').append(b(current.total), ` event${current.total === 1 ? '' : 's'} · `,
      b(current.fatalities), ' reported fatalities');
    timeline.setData(allDates.by_day, [state.date_from || null, state.date_to || null]);
    const counts = Object.fromEntries(allTypes.by_event_type.map((r) => [r.key, r.events]));
    for (const label of $('types').children) {
      label.querySelector('.n').textContent = fmt.format(counts[label.dataset.type] || 0);
    }
    const list = $('countries');
    if (!list.children.length) {
      for (const r of current.by_country) if (r.key) list.append(new Option(r.key));
    }
  } catch (err) {
    status(`Could not load counts: ${err.message}`, true);
  }
}

// Few events are drawn one by one; many go to the clustered source, where MapLibre's worker
// groups them so that 100,000 points stay quick.
function loadPoints(total) {
  lastTotal = total;
  loadStarted = performance.now();
  cw.ready = false;
  status(total > 20000 ? `Loading ${fmt.format(total)} events…` : 'Loading events…');
  const qs = query(state);
  const url = `/api/events.geojson?properties=map${qs ? `&${qs}` : ''}`;
  const empty = { type: 'FeatureCollection', features: [] };
  const flat = total <= (meta.cluster_above ?? CLUSTER_ABOVE);
  pendingSource = flat ? 'flat' : 'events';
  map.getSource('events').setData(flat ? empty : url);
  map.getSource('flat').setData(flat ? url : empty);
}

// What to say when nothing is drawn: nothing stored yet, or nothing matches.
function emptyMessage() {
  if (lastTotal > 0) return '';
  return query(state) ? 'No events match these filters.'
    : 'No events stored yet: code some with `conflictwire run examples/ --db ...`';
}

function onPointsLoaded() {
  map.once('idle', () => {
    const ms = performance.now() - loadStarted;
    cw.loads += 1;
    cw.lastLoadMs = Math.round(ms);
    if (cw.firstRenderMs === null) cw.firstRenderMs = Math.round(performance.now());
    cw.ready = true;
    status(emptyMessage());
    updateClusterLabels();
  });
}

// Cluster counts as HTML labels: the offline style has no glyph server for map text.
function updateClusterLabels() {
  const features = map.queryRenderedFeatures({ layers: ['events-clusters'] });
  const next = new globalThis.Map();
  for (const f of features.slice(0, MAX_CLUSTER_LABELS)) {
    const id = f.properties.cluster_id;
    if (next.has(id)) continue;
    let marker = clusterMarkers.get(id);
    if (!marker) {
      const div = document.createElement('div');
      div.className = 'cluster-label';
      div.textContent = f.properties.point_count_abbreviated;
      marker = new Marker({ element: div }).setLngLat(f.geometry.coordinates).addTo(map);
    }
    next.set(id, marker);
  }
  for (const [id, marker] of clusterMarkers) if (!next.has(id)) marker.remove();
  clusterMarkers = next;
}

// ---- map ------------------------------------------------------------------------------

function addEventLayers() {
  // No clusterProperties: summing per-type counts in every cluster at every zoom tripled the
  // time to first render at 100,000 events (measured), so groups are drawn in one colour.
  map.addSource('events', {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
    cluster: true,
    clusterRadius: 42,
    clusterMaxZoom: 8,
  });
  map.addLayer({
    id: 'events-clusters', type: 'circle', source: 'events', filter: ['has', 'point_count'],
    paint: {
      'circle-color': CLUSTER_COLOR,
      'circle-opacity': 0.82,
      'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'point_count']], 1, 11, 10, 20, 40, 34, 320, 54],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  });
  map.addSource('flat', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const pointPaint = {
      'circle-color': colorExpression(),
      'circle-opacity': 0.85,
      'circle-radius': ['interpolate', ['linear'], ['sqrt', ['coalesce', ['get', 'fatalities'], 0]], 0, 4, 3, 7, 10, 15, 30, 28],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    };
  // Smaller events on top, so a big circle never hides a small one.
  const pointLayout = { 'circle-sort-key': ['-', 0, ['coalesce', ['get', 'fatalities'], 0]] };
  map.addLayer({ id: 'events-points', type: 'circle', source: 'events',
    filter: ['!', ['has', 'point_count']], layout: pointLayout, paint: pointPaint });
  map.addLayer({ id: 'flat-points', type: 'circle', source: 'flat', layout: pointLayout,
    paint: pointPaint });
  // A ring around the event whose panel is open.
  for (const source of ['events', 'flat']) {
    map.addLayer({
      id: `${source}-selected`, type: 'circle', source,
      filter: ['==', ['get', 'event_id'], state.event || ''],
      paint: {
        'circle-color': 'rgba(0,0,0,0)',
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['coalesce', ['get', 'fatalities'], 0]], 0, 9, 3, 12, 10, 20, 30, 33],
        'circle-stroke-color': '#172029',
        'circle-stroke-width': 2.5,
      },
    });
  }
  map.on('data', (e) => {
    if (e.dataType === 'source' && e.sourceId === pendingSource && e.isSourceLoaded) {
      pendingSource = null;
      onPointsLoaded();
    }
  });
  map.on('error', (e) => {
    if (['events', 'flat'].includes(e.sourceId) || /events\.geojson/.test(String(e.error && e.error.message))) {
      status(`Could not load events: ${e.error ? e.error.message : 'error'}`, true);
    }
  });
  map.on('zoomstart', () => {
    for (const marker of clusterMarkers.values()) marker.remove();
    clusterMarkers.clear();
  });
  map.on('idle', updateClusterLabels);
  map.on('moveend', () => {
    if (state.bbox) setFilter('bbox', viewBbox());
  });
  map.on('click', 'events-clusters', async (e) => {
    const f = e.features[0];
    const zoom = await map.getSource('events').getClusterExpansionZoom(f.properties.cluster_id);
    map.easeTo({ center: f.geometry.coordinates, zoom: Math.min(zoom, 12) });
  });
  for (const layer of POINT_LAYERS) {
    map.on('click', layer, (e) => openDetail(e.features[0].properties.event_id));
  }
  for (const layer of ['events-clusters', ...POINT_LAYERS]) {
    map.on('mouseenter', layer, () => { map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
  }
}

// ---- event panel ----------------------------------------------------------------------

function markSelected() {
  for (const layer of ['events-selected', 'flat-selected']) {
    if (map.getLayer(layer)) map.setFilter(layer, ['==', ['get', 'event_id'], state.event || '']);
  }
}

// `fly`: centre the map on the event (when it was opened from a link, not a click).
async function openDetail(eventId, { fly = false } = {}) {
  state.event = eventId;
  writeState(state);
  markSelected();
  const panel = $('detail');
  panel.hidden = false;
  $('detail-body').textContent = 'Loading…';
  try {
    const event = await getJson(`/api/events/${encodeURIComponent(eventId)}`);
    if (state.event !== eventId) return;
    $('detail-body').replaceChildren(renderEvent(event));
    if (fly && event.longitude != null) {
      map.jumpTo({ center: [event.longitude, event.latitude], zoom: Math.max(map.getZoom(), 5) });
    }
  } catch (err) {
    $('detail-body').textContent = `Could not load this event: ${err.message}`;
  }
}

function closeDetail() {
  $('detail').hidden = true;
  delete state.event;
  writeState(state);
  markSelected();
}

// ---- start ----------------------------------------------------------------------------

async function main() {
  try {
    meta = await getJson('/api/meta');
  } catch (err) {
    status(`The API is not answering: ${err.message}`, true);
  }
  buildTypeFilters();
  wireInputs();
  timeline = new Timeline($('histogram'), (from, to) => {
    if (from) state.date_from = from; else delete state.date_from;
    if (to) state.date_to = to; else delete state.date_to;
    refresh();
  });
  map = new MapLibreMap({
    container: 'map',
    style: baseStyle(meta.tile_url),
    center: [20, 15],
    zoom: 1.6,
    minZoom: 0.5,
    maxZoom: 14,
    hash: 'view',
    attributionControl: { compact: true },
    renderWorldCopies: false,
  });
  cw.map = map;
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl(), 'bottom-left');
  map.on('load', () => {
    addEventLayers();
    addCountries(map, new URL('countries-50m.json', import.meta.url).href, { tiles: Boolean(meta.tile_url) })
      .catch((err) => status(`Basemap: ${err.message}`, true));
    refresh();
    if (state.event) openDetail(state.event, { fly: !linkedView });
  });
}

main();
