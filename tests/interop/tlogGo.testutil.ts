/**
 * The Go checker of tests/interop/tlog-go (golang.org/x/mod/sumdb/note and sumdb/tlog, code JIL did not write):
 * build it once per test file and run it against a live log. It is run asynchronously: the log under test usually
 * serves from the same process, so a synchronous spawn would block the server the checker talks to.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The Go module of the checker. */
export const TLOG_GO_DIR = resolve(import.meta.dirname, 'tlog-go');

/** True when `go` is on PATH. */
export const HAS_GO = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;

/** One check result line as the checker prints it (see tlog-go/main.go `report`). */
export interface TlogGoReport {
  ok: boolean;
  log: string;
  origin?: string;
  tree_size: number;
  root_hash?: string;
  checkpoint_signature: 'ok' | 'failed';
  tree_hash?: string;
  inclusion?: { index: number; leaf_hash?: string; ok: boolean; error?: string }[];
  consistency?: { old_size: number; old_root_hash?: string; ok: boolean; error?: string };
  proofs?: { file: string; index: number; tree_size: number; ok: boolean; error?: string }[];
  audit?: { entries: number; tiles: number; ok: boolean; error?: string };
  fetches: number;
  error?: string;
}

/** Builds the checker into `outDir` (`go build -o`), returns the binary's path. */
export function buildTlogGo(outDir: string): string {
  const bin = join(outDir, 'tlog-go');
  const r = spawnSync('go', ['build', '-o', bin, '.'], { cwd: TLOG_GO_DIR, encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0 || !existsSync(bin)) throw new Error(`go build failed: ${(r.stderr ?? '').slice(-2000)}`);
  return bin;
}

/** Runs the checker with `args`; resolves with its exit status, the parsed JSON line (exit 0 or 1) and stderr. */
export function runTlogGo(
  bin: string,
  args: readonly string[],
): Promise<{ status: number | null; report: TlogGoReport | undefined; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(bin, [...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (status) => {
      const line = stdout.trim();
      done({ status, report: line === '' ? undefined : (JSON.parse(line) as TlogGoReport), stdout, stderr });
    });
  });
}
