// The timeline under the map: a histogram of events per day (SVG) that selects a date
// range by dragging across it.

const NS = 'http://www.w3.org/2000/svg';
const DAY = 86400000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const toDay = (iso) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (ms) => new Date(ms).toISOString().slice(0, 10);

function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

export class Timeline {
  // `onRange(from, to)` gets ISO days, or nulls when the selection is cleared.
  constructor(svg, onRange) {
    this.svg = svg;
    this.onRange = onRange;
    this.rows = [];
    this.range = [null, null];
    this.drag = null;
    svg.addEventListener('pointerdown', (e) => this.start(e));
    svg.addEventListener('pointermove', (e) => this.move(e));
    svg.addEventListener('pointerup', (e) => this.end(e));
    new ResizeObserver(() => this.draw()).observe(svg);
  }

  setData(rows, range) {
    this.rows = rows.filter((r) => r.key);
    this.range = range;
    this.draw();
  }

  // Day (ms) under an x position, snapped to whole days.
  dayAt(clientX) {
    const box = this.svg.getBoundingClientRect();
    const t = Math.min(1, Math.max(0, (clientX - box.left) / box.width));
    return Math.round((this.t0 + t * (this.t1 - this.t0)) / DAY) * DAY;
  }

  start(e) {
    if (!this.rows.length) return;
    this.svg.setPointerCapture(e.pointerId);
    this.drag = { from: this.dayAt(e.clientX), to: this.dayAt(e.clientX) };
  }

  move(e) {
    if (!this.drag) return;
    this.drag.to = this.dayAt(e.clientX);
    this.draw();
  }

  end(e) {
    if (!this.drag) return;
    this.drag.to = this.dayAt(e.clientX);
    const lo = Math.min(this.drag.from, this.drag.to);
    const hi = Math.max(this.drag.from, this.drag.to);
    this.drag = null;
    if (hi === lo) this.onRange(null, null); // a click clears the selection
    else this.onRange(toIso(lo), toIso(hi));
  }

  draw() {
    const svg = this.svg;
    svg.replaceChildren();
    const width = svg.clientWidth || 600;
    const height = svg.clientHeight || 80;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    if (!this.rows.length) {
      el('text', { x: 8, y: height / 2, class: 'axis' }, svg).textContent = 'No events';
      return;
    }
    const axis = 14;
    const plot = height - axis;
    this.t0 = toDay(this.rows[0].key);
    this.t1 = toDay(this.rows[this.rows.length - 1].key) + DAY;
    const span = Math.max(DAY, this.t1 - this.t0);
    const x = (ms) => ((ms - this.t0) / span) * width;
    // Bin by day, or by week when days would be thinner than a pixel.
    const binDays = span / DAY > width ? 7 : 1;
    const bins = new Map();
    for (const r of this.rows) {
      const day = toDay(r.key);
      const bin = this.t0 + Math.floor((day - this.t0) / (binDays * DAY)) * binDays * DAY;
      bins.set(bin, (bins.get(bin) || 0) + r.events);
    }
    const max = Math.max(...bins.values());
    const [lo, hi] = this.drag
      ? [Math.min(this.drag.from, this.drag.to), Math.max(this.drag.from, this.drag.to)]
      : [this.range[0] ? toDay(this.range[0]) : null, this.range[1] ? toDay(this.range[1]) : null];
    const selected = lo !== null || hi !== null;
    const barWidth = Math.max(1, x(this.t0 + binDays * DAY) - x(this.t0) - (binDays > 1 ? 1 : 0.5));
    for (const [bin, n] of bins) {
      const h = Math.max(1, (n / max) * (plot - 4));
      const inside = selected && (lo === null || bin + binDays * DAY > lo) && (hi === null || bin <= hi);
      const bar = el('rect', { x: x(bin), y: plot - h, width: barWidth, height: h,
        class: inside ? 'bar in' : 'bar' }, svg);
      el('title', {}, bar).textContent = `${toIso(bin)}: ${n} event${n === 1 ? '' : 's'}`;
    }
    if (selected) {
      const a = lo === null ? 0 : x(lo);
      const b = hi === null ? width : x(hi + DAY);
      el('rect', { x: a, y: 0, width: Math.max(1, b - a), height: plot, class: 'brush' }, svg);
    }
    // Month ticks, thinned to every 1, 2, 3, 6 or 12 months so January (the year) stays.
    const months = span / (30.4 * DAY);
    const step = [1, 2, 3, 6, 12].find((k) => (months / k) * 44 <= width) || 12;
    const first = new Date(this.t0);
    let month = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1);
    while (month < this.t1) {
      const d = new Date(month);
      if (d.getUTCMonth() % step === 0) {
        const label = d.getUTCMonth() === 0 ? `${d.getUTCFullYear()}` : MONTHS[d.getUTCMonth()];
        el('text', { x: x(month) + 2, y: height - 2, class: d.getUTCMonth() === 0 ? 'axis year' : 'axis' }, svg).textContent = label;
        el('rect', { x: x(month), y: plot, width: 1, height: 4, class: 'axis' }, svg);
      }
      month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
  }
}
