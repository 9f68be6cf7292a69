/**
 * esbuild bundles of the shells for their images (issue 14 §Images built from this repository; images/Dockerfile).
 * One ESM file per shell (`main.mjs`, all JavaScript dependencies inlined, sources read with `--conditions=jil-source`)
 * plus the files the code opens with `new URL('<relative>', import.meta.url)` — migrations, PGlite's wasm and data, the
 * HQ dashboard — copied under `assets/` beside it and the URL rewritten to point there.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** The deployable shells and their entry points (repository-relative). */
export const SHELL_ENTRIES = {
  preclearance: 'shells/cli/src/main.ts',
  validator: 'shells/validator/src/main.ts',
  hq: 'shells/hq/src/main.ts',
  'update-agent': 'shells/update-agent/src/main.ts',
  'mpc-cosigner': 'shells/mpc-cosigner/src/main.ts',
} as const;

/** A shell name of {@link SHELL_ENTRIES}. */
export type ShellName = keyof typeof SHELL_ENTRIES;

/**
 * Optional native add-ons left out of the bundles: `cpu-features` (ssh2, through dockerode, for `ssh://` engines) is
 * loaded in a try/catch and only speeds up cipher choice; `*.node` files are never inlined.
 */
const EXTERNAL = ['cpu-features', '*.node'];

const URL_RE = /new URL\((['"])([^'"]+)\1,\s*import\.meta\.url\)/g;

/** Asset path under `assets/` for a file or folder: after the last `node_modules/`, else repository-relative. */
function assetName(root: string, target: string): string {
  const rel = relative(root, target).split(sep).join('/');
  const i = rel.lastIndexOf('node_modules/');
  return `assets/${i >= 0 ? rel.slice(i + 'node_modules/'.length) : rel}`;
}

/** Rewrites `new URL('<relative>', import.meta.url)` to the copied asset; collects what to copy. */
function assetUrls(root: string, assets: Map<string, string>): Plugin {
  return {
    name: 'jil-image-assets',
    setup(b) {
      b.onLoad({ filter: /\.(m?[jt]s|cjs)$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url') || !text.includes('new URL(')) return undefined;
        let changed = false;
        const contents = text.replace(URL_RE, (whole, q: string, rel: string) => {
          if (/^[a-z]+:/i.test(rel)) return whole;
          const target = resolve(dirname(args.path), rel);
          if (!existsSync(target)) return whole;
          const name = assetName(root, target);
          assets.set(target, name);
          changed = true;
          return `new URL(${q}./${name}${statSync(target).isDirectory() ? '/' : ''}${q}, import.meta.url)`;
        });
        if (!changed) return undefined;
        const loader = args.path.endsWith('.ts') ? 'ts' : 'js';
        return { contents, loader, resolveDir: dirname(args.path) };
      });
    },
  };
}

/** What {@link bundleShell} wrote. */
export interface BundledShell {
  shell: ShellName;
  /** The folder: `main.mjs` and `assets/`. */
  dir: string;
  /** Bytes of `main.mjs`. */
  bytes: number;
  /** Assets copied (repository paths → paths under `dir`). */
  assets: Array<{ from: string; to: string }>;
}

/**
 * Bundle one shell into `<outDir>/<shell>/` (emptied first).
 * @param root - repository root (absolute).
 * @throws Error when esbuild fails (a build script, not a library: the message is esbuild's).
 */
export async function bundleShell(root: string, shell: ShellName, outDir: string): Promise<BundledShell> {
  const dir = join(outDir, shell);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const assets = new Map<string, string>();
  await build({
    absWorkingDir: root,
    entryPoints: [SHELL_ENTRIES[shell]],
    outfile: join(dir, 'main.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    conditions: ['jil-source'],
    external: EXTERNAL,
    // CommonJS dependencies call require(); an ESM bundle provides it.
    banner: { js: "import { createRequire as __jilRequire } from 'node:module'; const require = __jilRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'error',
    plugins: [assetUrls(root, assets)],
  });
  const copied = [...assets].map(([from, to]) => {
    cpSync(from, join(dir, to), { recursive: true });
    return { from: relative(root, from), to };
  });
  return { shell, dir, bytes: statSync(join(dir, 'main.mjs')).size, assets: copied };
}
