// One colour per ACLED event type, used by the map, the legend and the event panel.
export const TYPE_COLORS = {
  'Battles': '#d7301f',
  'Violence against civilians': '#7a0177',
  'Explosions/Remote violence': '#f08a24',
  'Protests': '#2b7bba',
  'Riots': '#d4a106',
  'Strategic developments': '#1b9e77',
};
export const OTHER_COLOR = '#6b7785';

// A MapLibre `match` expression from the event_type property to its colour.
export function colorExpression(property = 'event_type') {
  const pairs = Object.entries(TYPE_COLORS).flat();
  return ['match', ['get', property], ...pairs, OTHER_COLOR];
}
