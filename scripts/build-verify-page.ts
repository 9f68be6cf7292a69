/**
 * Builds docs/verify.html — the offline PSA verification page (packages/sdk-client/verify-page/) — as one self-contained
 * file: the page's script bundled for browsers by esbuild (minified, no Node built-in can resolve) and inlined in the
 * template, so the page works from disk with no network and is what the pre-clearance service serves at /verify.
 *
 *   pnpm build:verify-page            write docs/verify.html
 *   pnpm build:verify-page --check    exit 1 when docs/verify.html is not what the sources build (CI)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const PAGE = resolve(ROOT, 'packages/sdk-client/verify-page');
export const VERIFY_PAGE_FILE = resolve(ROOT, 'docs/verify.html');

/** The page's HTML, built from the sources (deterministic: the same sources give the same bytes). */
export async function buildVerifyPage(): Promise<string> {
  const result = await build({
    entryPoints: [resolve(PAGE, 'page.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    conditions: ['jil-source'],
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script');
  const template = readFileSync(resolve(PAGE, 'template.html'), 'utf8');
  const [before, after] = template.split('/*SCRIPT*/');
  if (after === undefined) throw new Error('template.html has no /*SCRIPT*/ placeholder');
  return `${before}${script.trimEnd()}${after}`;
}

async function main(): Promise<void> {
  const html = await buildVerifyPage();
  if (process.argv.includes('--check')) {
    const current = readFileSync(VERIFY_PAGE_FILE, 'utf8');
    if (current !== html) {
      console.error('docs/verify.html is out of date: run `pnpm build:verify-page` and commit it');
      process.exitCode = 1;
      return;
    }
    console.log(`docs/verify.html is up to date (${html.length.toLocaleString('en-US')} bytes)`);
    return;
  }
  writeFileSync(VERIFY_PAGE_FILE, html);
  console.log(`wrote docs/verify.html (${html.length.toLocaleString('en-US')} bytes)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
