// Builds the map page into the Python package's static folder (src/conflictwire/web/static):
// the app bundle (with MapLibre), its CSS, MapLibre's worker, and the world-atlas basemap.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'src', 'conflictwire', 'web', 'static');
const modules = join(here, 'node_modules');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { app: join(here, 'src', 'app.js'), style: join(here, 'src', 'style.css') },
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  target: ['chrome110', 'firefox115', 'safari16'],
  outdir: out,
  logLevel: 'warning',
  legalComments: 'linked',
});

const copies = [
  [join(here, 'src', 'index.html'), 'index.html'],
  [join(modules, 'maplibre-gl', 'dist', 'maplibre-gl-worker.mjs'), 'maplibre-gl-worker.mjs'],
  [join(modules, 'maplibre-gl', 'LICENSE.txt'), 'LICENSE-maplibre-gl.txt'],
  [join(modules, 'world-atlas', 'countries-50m.json'), 'countries-50m.json'],
  [join(modules, 'world-atlas', 'LICENSE'), 'LICENSE-world-atlas.txt'],
];
for (const [from, to] of copies) copyFileSync(from, join(out, to));
console.log(`built the map page into ${out}`);
