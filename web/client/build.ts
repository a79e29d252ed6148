// Builds the browser client with esbuild from node_modules (no CDN: offices may be offline): one ES-module
// entry, code-split so that pages load their libraries (form-js, bpmn-js, ECharts) only when opened, CSS
// bundled per library and linked on demand, file names hashed for long caching. Writes web/client/dist with
// index.html and a size report (`npm run build:web`; `npm run build` runs it too). The build is made in a
// scratch folder and swapped in whole.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = __dirname;
const finalDist = path.join(root, 'dist');

/** Stylesheets the pages link when they need them: name → entry. */
const styleEntries: Record<string, string> = {
  app: path.join(root, 'styles/app.css'),
  'form-js': path.join(root, 'styles/form-js.css'),
  'bpmn-js': path.join(root, 'styles/bpmn-js.css'),
};

export interface BuildReport {
  dist: string;
  /** gzip bytes of the JS the first page load fetches (the entry and its static imports). */
  initialJsGzip: number;
  files: { file: string; bytes: number; gzip: number }[];
}

/**
 * Puts a finished build in place of web/client/dist by renaming folders, so a server (or a parallel test) never
 * sees a half-written one: at worst, for an instant, none at all.
 */
function swapIntoPlace(built: string): void {
  for (let attempt = 0; ; attempt++) {
    const old = path.join(root, `.dist-old-${process.pid}-${Date.now()}-${attempt}`);
    try {
      fs.renameSync(finalDist, old);
    } catch {
      // no dist yet, or another build moved it a moment ago
    }
    try {
      fs.renameSync(built, finalDist);
      fs.rmSync(old, { recursive: true, force: true });
      return;
    } catch (e) {
      fs.rmSync(old, { recursive: true, force: true });
      if (attempt >= 20) throw e;
    }
  }
}

export async function buildClient(options: { minify?: boolean; quiet?: boolean } = {}): Promise<BuildReport> {
  const minify = options.minify ?? true;
  const dist = path.join(root, `.dist-build-${process.pid}-${Date.now()}`);
  try {
    return await buildInto(dist, minify, options.quiet ?? false);
  } catch (e) {
    fs.rmSync(dist, { recursive: true, force: true });
    throw e;
  }
}

async function buildInto(dist: string, minify: boolean, quiet: boolean): Promise<BuildReport> {
  const result = await esbuild.build({
    entryPoints: { main: path.join(root, 'main.tsx'), ...styleEntries },
    outdir: path.join(dist, 'assets'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify,
    sourcemap: true,
    metafile: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: 'files/[name]-[hash]',
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
    define: { 'process.env.NODE_ENV': JSON.stringify(minify ? 'production' : 'development') },
    legalComments: 'linked',
    logLevel: quiet ? 'silent' : 'warning',
  });
  const outputs = result.metafile.outputs;
  const outputOf = (entry: string) => {
    const found = Object.keys(outputs).find((k) => {
      const e = outputs[k]!.entryPoint;
      return e !== undefined && path.resolve(e) === entry;
    });
    if (!found) throw new Error(`no output for ${entry}`);
    return found;
  };
  const url = (output: string) => '/' + path.relative(dist, path.resolve(output)).split(path.sep).join('/');
  const mainOutput = outputOf(path.join(root, 'main.tsx'));
  const styles = Object.fromEntries(Object.entries(styleEntries).map(([n, e]) => [n, url(outputOf(e))]));

  // The initial load: the entry plus what it imports statically (not the lazy pages).
  const initial = new Set<string>();
  const visit = (output: string) => {
    if (initial.has(output)) return;
    initial.add(output);
    for (const imp of outputs[output]?.imports ?? []) if (imp.kind === 'import-statement') visit(imp.path);
  };
  visit(mainOutput);

  const template = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const html = template
    .replace('%APP_CSS%', styles.app!)
    .replace('%MAIN_JS%', url(mainOutput))
    .replace('%STYLES_JSON%', JSON.stringify(styles).replace(/"/g, '&quot;'));
  fs.writeFileSync(path.join(dist, 'index.html'), html);

  const files = Object.keys(outputs)
    .filter((f) => !f.endsWith('.map') && !f.endsWith('.LEGAL.txt'))
    .map((f) => {
      const buf = fs.readFileSync(f);
      return {
        output: f,
        file: path.relative(dist, path.resolve(f)),
        bytes: buf.length,
        gzip: gzipSync(buf).length,
      };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const initialJsGzip = files.filter((f) => initial.has(f.output)).reduce((n, f) => n + f.gzip, 0);
  const report = { dist: finalDist, initialJsGzip, files: files.map(({ output: _o, ...f }) => f) };
  fs.writeFileSync(path.join(dist, 'build-report.json'), JSON.stringify(report, null, 2));
  swapIntoPlace(dist);
  return report;
}

if (require.main === module) {
  const started = Date.now();
  buildClient()
    .then((r) => {
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      console.log(`web client built in ${Date.now() - started} ms → ${path.relative(process.cwd(), r.dist)}`);
      console.log(`  first load: ${kb(r.initialJsGzip)} of gzip JS`);
      for (const f of r.files.slice(0, 8)) console.log(`  ${f.file}  ${kb(f.bytes)} (gzip ${kb(f.gzip)})`);
    })
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
