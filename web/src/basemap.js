// The offline basemap: world-atlas country shapes (Natural Earth 1:50m) drawn as GeoJSON
// layers, so the map needs no tile or glyph server. An optional raster tile URL is drawn
// underneath for users who are online.
import { feature, mesh } from 'topojson-client';

const WATER = '#c9d7e3';
const LAND = '#f2efe9';
const BORDER = '#a9b3bd';
const COAST = '#8d9aa6';

export function baseStyle(tileUrl) {
  const sources = {};
  const layers = [{ id: 'water', type: 'background', paint: { 'background-color': WATER } }];
  if (tileUrl) {
    sources.tiles = { type: 'raster', tiles: [tileUrl], tileSize: 256,
      attribution: 'Map tiles: see the server settings' };
    layers.push({ id: 'tiles', type: 'raster', source: 'tiles' });
  }
  return { version: 8, sources, layers };
}

// Adds the country layers once the world-atlas file is loaded; resolves when added.
export async function addCountries(map, url, { tiles = false } = {}) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`basemap: ${response.status} for ${url}`);
  const topo = await response.json();
  const land = unwrap(feature(topo, topo.objects.countries));
  const borders = unwrap(mesh(topo, topo.objects.countries, (a, b) => a !== b));
  const coast = unwrap(mesh(topo, topo.objects.countries, (a, b) => a === b));
  map.addSource('countries', { type: 'geojson', data: land,
    attribution: 'Natural Earth via world-atlas' });
  map.addSource('borders', { type: 'geojson', data: borders });
  map.addSource('coast', { type: 'geojson', data: coast });
  const before = map.getLayer('events-clusters') ? 'events-clusters' : undefined;
  if (!tiles) {
    map.addLayer({ id: 'land', type: 'fill', source: 'countries',
      paint: { 'fill-color': LAND } }, before);
  }
  map.addLayer({ id: 'coast', type: 'line', source: 'coast',
    paint: { 'line-color': COAST, 'line-width': 0.6 } }, before);
  map.addLayer({ id: 'borders', type: 'line', source: 'borders',
    paint: { 'line-color': BORDER, 'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.4, 6, 1.2],
      'line-dasharray': [3, 2] } }, before);
}

// world-atlas shapes are spherical: a ring that crosses the antimeridian jumps from 180 to
// -180. On a flat map that jump draws a line across the world, so each ring is made
// continuous instead (longitudes past 180 are fine for MapLibre).
function unwrapLine(coords) {
  let shift = 0;
  return coords.map(([lon, lat], i) => {
    if (i > 0) {
      const prev = coords[i - 1][0];
      if (lon - prev > 180) shift -= 360;
      else if (prev - lon > 180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

function unwrapGeometry(g) {
  if (!g) return g;
  switch (g.type) {
    case 'LineString': return { ...g, coordinates: unwrapLine(g.coordinates) };
    case 'MultiLineString':
    case 'Polygon': return { ...g, coordinates: g.coordinates.map(unwrapLine) };
    case 'MultiPolygon': return { ...g, coordinates: g.coordinates.map((p) => p.map(unwrapLine)) };
    default: return g;
  }
}

function unwrap(geojson) {
  if (geojson.type === 'FeatureCollection') {
    return { ...geojson, features: geojson.features.map((f) => ({ ...f, geometry: unwrapGeometry(f.geometry) })) };
  }
  return unwrapGeometry(geojson);
}
