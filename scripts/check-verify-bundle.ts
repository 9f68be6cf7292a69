/**
 * The browser budget of the offline verify path (issue 12), checked by .ci/run: an esbuild browser bundle of
 * `verifyPsa` from `@jil/sdk` (minified ESM, gzip -9) must be ≤ 40 KiB. It also fails if anything in the bundle
 * needs a Node built-in (esbuild cannot resolve `node:*` for the browser platform) or pulls zod classic, undici,
 * csv-parse or fast-xml-parser. Prints what ships, the share of the hybrid suite (ML-DSA-65 + composite code,
 * measured by building once more with those modules left out) and the verify page's size.
 *
 *   pnpm check:bundle [--json]
 */
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { buildVerifyPage } from './build-verify-page.js';

const ROOT = resolve(import.meta.dirname, '..');
export const BUDGET_GZIP_BYTES = 40 * 1024;
const FORBIDDEN = [
  /node_modules\/\.pnpm\/zod@[^/]+\/node_modules\/zod\/v4\/classic\//,
  /\/undici\//,
  /\/csv-parse\//,
  /\/fast-xml-parser\//,
];
const HYBRID_MODULES = /(@noble\/post-quantum|packages\/core\/src\/(?:mldsa|composite)\/)/;

/** Leaves the hybrid suite's modules out (their exports become functions that throw), to measure the Ed25519-only size. */
const withoutHybrid: Plugin = {
  name: 'without-hybrid',
  setup(b) {
    b.onLoad({ filter: /packages\/core\/src\/(?:mldsa|composite)\/[^/]+\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const names = [...(await readFile(args.path, 'utf8')).matchAll(/export (?:function|const|class) (\w+)/g)].map((m) => m[1]!);
      return {
        contents: names.map((n) => `export const ${n} = () => { throw new Error('hybrid suite left out'); };`).join('\n'),
        loader: 'ts',
      };
    });
  },
};

async function bundle(plugins: Plugin[] = []): Promise<{ bytes: number; gzip: number; metafile: Metafile }> {
  const result = await build({
    stdin: { contents: "export { verifyPsa } from '@jil/sdk';", resolveDir: resolve(ROOT, 'packages/sdk-client'), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['jil-source'],
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    plugins,
  });
  const code = result.outputFiles[0]!.contents;
  return { bytes: code.length, gzip: gzipSync(code, { level: 9 }).length, metafile: result.metafile };
}

export interface BundleReport {
  budget: number;
  full: { bytes: number; gzip: number };
  withoutHybrid: { bytes: number; gzip: number };
  hybridMinifiedBytes: number;
  page: { bytes: number; gzip: number };
  forbidden: string[];
}

export async function measureVerifyBundle(): Promise<BundleReport> {
  const full = await bundle();
  const ed = await bundle([withoutHybrid]);
  const inputs = Object.values(full.metafile.outputs)[0]!.inputs;
  const hybridMinifiedBytes = Object.entries(inputs)
    .filter(([path]) => HYBRID_MODULES.test(path))
    .reduce((a, [, v]) => a + v.bytesInOutput, 0);
  const forbidden = Object.keys(inputs).filter((path) => FORBIDDEN.some((f) => f.test(path)));
  const html = Buffer.from(await buildVerifyPage());
  return {
    budget: BUDGET_GZIP_BYTES,
    full: { bytes: full.bytes, gzip: full.gzip },
    withoutHybrid: { bytes: ed.bytes, gzip: ed.gzip },
    hybridMinifiedBytes,
    page: { bytes: html.length, gzip: gzipSync(html, { level: 9 }).length },
    forbidden,
  };
}

async function main(): Promise<void> {
  const r = await measureVerifyBundle();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  if (process.argv.includes('--json')) console.log(JSON.stringify(r));
  else {
    console.log(
      `verifyPsa from @jil/sdk, browser bundle (esbuild, minified ESM): ${kb(r.full.bytes)}, gzip -9 ${kb(r.full.gzip)} — budget ` +
        `${kb(r.budget)}`,
    );
    console.log(
      `  of which the hybrid suite (ML-DSA-65 + composite, @noble/post-quantum): ${kb(r.hybridMinifiedBytes)} minified; without ` +
        `it ${kb(r.withoutHybrid.bytes)}, gzip ${kb(r.withoutHybrid.gzip)}`,
    );
    console.log(`docs/verify.html (the page, self-contained): ${kb(r.page.bytes)}, gzip ${kb(r.page.gzip)}`);
  }
  if (r.forbidden.length > 0) {
    console.error(`the verify bundle pulls modules it must not: ${r.forbidden.join(', ')}`);
    process.exitCode = 1;
  }
  if (r.full.gzip > r.budget) {
    console.error(`over budget: ${r.full.gzip} > ${r.budget} bytes gzipped`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
