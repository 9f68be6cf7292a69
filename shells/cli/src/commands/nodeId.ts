import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_SOURCE_ID } from '@jil/core/events';

/**
 * This node's id in the event mesh: `flag` when given, else the one kept in `<stateDir>/node-id` (made once, at the
 * first `jil serve --event-bus`: `node-` and 12 random hex digits). Either must match `EVENT_SOURCE_ID`.
 * @returns the id, or an error line for the user.
 */
export function resolveNodeId(stateDir: string, flag: string | undefined): { id: string } | { error: string } {
  if (flag !== undefined) {
    return EVENT_SOURCE_ID.test(flag)
      ? { id: flag }
      : {
          error: `--node-id must be 1–128 characters of A–Z a–z 0–9 . _ : - starting with a letter or digit (got ${JSON.stringify(flag)})`,
        };
  }
  const file = join(stateDir, 'node-id');
  if (existsSync(file)) {
    const id = readFileSync(file, 'utf8').trim();
    return EVENT_SOURCE_ID.test(id)
      ? { id }
      : { error: `${file} does not hold a node id (A–Z a–z 0–9 . _ : -, at most 128): fix or delete it, or pass --node-id` };
  }
  const id = `node-${Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${id}\n`, { flag: 'wx' });
  } catch {
    // Made meanwhile by another process: that one wins.
    return resolveNodeId(stateDir, undefined);
  }
  return { id };
}

/** `--event-bus` / `JIL_EVENT_BUS`: comma-separated `host:port`; an error line when malformed. */
export function parseBrokers(text: string): { brokers: string[] } | { error: string } {
  const brokers = text
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  const bad = brokers.filter((b) => {
    const m = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(b);
    return m === null || Number(m[2]) < 1 || Number(m[2]) > 65535;
  });
  if (brokers.length === 0 || bad.length > 0)
    return { error: `--event-bus must be a comma-separated list of host:port (got ${JSON.stringify(text)})` };
  return { brokers };
}
