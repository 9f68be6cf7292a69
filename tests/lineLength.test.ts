import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Biome formats code at 140 columns (biome.jsonc) but never wraps a comment or a string; this test holds every source
// line to the same limit, comments and strings included. Columns are Unicode code points (what an editor shows).
const root = resolve(import.meta.dirname, '..');
const LIMIT = 140;
const TREES = ['packages', 'shells', 'tests', 'scripts', 'examples', 'tools'];
const SOURCE = /\.(ts|mts|mjs|js|sh)$/;
/** Build output, dependencies and generated files (the Rust and Go interop builds write `target/`). */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'target', 'artifacts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

describe('line length', () => {
  it(`no source line is longer than ${LIMIT} columns`, () => {
    const files = TREES.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(500);
    const long: string[] = [];
    for (const file of files) {
      for (const [i, line] of readFileSync(join(root, file), 'utf8').split('\n').entries()) {
        const columns = [...line].length;
        if (columns > LIMIT) long.push(`${file}:${i + 1} (${columns} columns)`);
      }
    }
    expect(long).toEqual([]);
  });
});
