// The event panel: what, who, when, where, how sure, and the sentence each source said it
// in, with the words behind each field marked. Built with DOM calls, never innerHTML, since
// every string here comes from news text.
import { TYPE_COLORS, OTHER_COLOR } from './colors.js';

const PRECISION_TIME = { 1: 'exact day', 2: 'within a week', 3: 'within a month' };
const PRECISION_GEO = { 1: 'the place itself', 2: 'near the place / part of a region',
  3: 'a larger area only' };
const FIELD_NAMES = { actor1: 'actor', actor2: 'actor', location: 'place',
  fatalities: 'fatalities', event_date: 'date', sub_event_type: 'event' };

function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'style') node.style.cssText = v;
    else if (k.startsWith('data-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === '') continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// The evidence sentence with <mark data-field=...> around each highlighted span.
export function markedEvidence(text, highlights) {
  const out = h('blockquote');
  let at = 0;
  for (const span of [...(highlights || [])].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    out.append(text.slice(at, span.start));
    out.append(h('mark', { 'data-field': span.field, title: FIELD_NAMES[span.field] || span.field },
      text.slice(span.start, span.end)));
    at = span.end;
  }
  out.append(text.slice(at));
  return out;
}

function actors(e) {
  const side = (a, assoc) => (a ? (assoc ? `${a} (with ${assoc})` : a) : null);
  return [side(e.actor1, e.assoc_actor_1), side(e.actor2, e.assoc_actor_2)].filter(Boolean);
}

function place(e) {
  return [e.location, e.admin2, e.admin1, e.country].filter(Boolean)
    .filter((v, i, all) => all.indexOf(v) === i).join(', ');
}

export function renderEvent(e) {
  const color = TYPE_COLORS[e.event_type] || OTHER_COLOR;
  const who = actors(e);
  const rows = [
    ['Date', `${e.event_date || 'unknown'} (${PRECISION_TIME[e.time_precision] || 'precision unknown'})`],
    ['Actors', who.length ? who.join(' vs ') : 'not named'],
    ['Fatalities', e.fatalities ?? 0],
    ['Place', place(e) || 'unknown'],
    ['Precision', PRECISION_GEO[e.geo_precision] || 'unknown'],
    ['Coordinates', e.latitude != null ? `${e.latitude.toFixed(4)}, ${e.longitude.toFixed(4)}` : 'none'],
    ['Sources', `${e.reports.length} report${e.reports.length === 1 ? '' : 's'}`],
  ];
  if (e.tags) rows.push(['Tags', e.tags]);
  const reports = e.reports.map((r) => {
    const a = r.article || {};
    const link = a.url || r.source_url;
    const title = a.title || link || a.article_id;
    return h('div', { class: 'report' },
      r.evidence ? markedEvidence(r.evidence, r.highlights) : h('blockquote', {}, r.notes || '(no sentence kept)'),
      h('div', { class: 'meta' },
        [a.source || r.source, a.published].filter(Boolean).join(' · '),
        a.source || a.published ? ' · ' : '',
        link ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, title) : title,
        r.confidence != null ? ` · confidence ${Math.round(r.confidence * 100)}%` : ''));
  });
  return h('div', {},
    h('div', { class: 'kind' }, h('span', { class: 'swatch', style: `display:inline-block;width:10px;height:10px;border-radius:50%;background:${color}` }),
      e.event_type || 'Event'),
    h('h2', {}, `${e.sub_event_type || e.event_type} in ${e.location || e.country || 'an unknown place'}`),
    h('dl', {}, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    h('h3', {}, 'Evidence'),
    h('div', { class: 'legend-marks' }, 'Marked words support:',
      ['actor1', 'location', 'fatalities', 'sub_event_type', 'event_date'].map((f) =>
        h('mark', { 'data-field': f }, FIELD_NAMES[f]))),
    reports);
}
