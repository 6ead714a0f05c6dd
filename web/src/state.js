// The page's filter state, kept in the URL's query string so a link shares the same view.
// The names are the API's query parameters, so the state is also the API request.

export const FILTER_KEYS = [
  'date_from', 'date_to', 'country', 'admin1', 'event_type', 'sub_event_type', 'actor', 'q',
  'min_fatalities', 'bbox',
];

export function readState(search = window.location.search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const key of FILTER_KEYS) {
    const values = params.getAll(key).flatMap((v) => (key === 'event_type' ? v.split(',') : [v]))
      .map((v) => v.trim()).filter(Boolean);
    if (values.length) state[key] = key === 'event_type' ? values : values[0];
  }
  const selected = params.get('event');
  if (selected) state.event = selected;
  return state;
}

// The API query string for the state, without the keys in `omit`.
export function query(state, omit = []) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    if (omit.includes(key) || state[key] === undefined || state[key] === '') continue;
    const value = state[key];
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else params.set(key, value);
  }
  return params.toString();
}

export function writeState(state) {
  const qs = query(state);
  const params = new URLSearchParams(qs);
  if (state.event) params.set('event', state.event);
  const search = params.toString();
  const url = `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`;
  window.history.replaceState(null, '', url);
}
