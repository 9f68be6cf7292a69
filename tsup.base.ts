import type { Options } from 'tsup';

/**
 * The one build setting of every published package: ESM only, `.d.ts` beside each entry, source maps,
 * ES2022, and other `@jil/*` packages left as imports (never bundled in).
 * @param entry entry points by output name, e.g. `{ index: 'src/index.ts', verify: 'src/verify.ts' }`.
 */
export function packageBuild(entry: Record<string, string>): Options {
  return { entry, format: ['esm'], dts: true, clean: true, sourcemap: true, target: 'es2022', external: [/^@jil\//] };
}
