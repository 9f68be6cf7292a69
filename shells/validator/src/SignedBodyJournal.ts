import { closeSync, existsSync, fdatasyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { JilError } from '@jil/core';

/** One line of the journal: what the validator signed (hashes and ids only — no transfer data). */
export interface SignedBodyRecord {
  transit_id: string;
  psa_id: string;
  /** Hex SHA-256 of the signed payload (the proposal's RFC 8785 bytes). */
  payload_sha256: string;
  /** RFC 3339. */
  signed_at: string;
}

/** Outcome of {@link SignedBodyJournal.check}. */
export type JournalCheck =
  | { kind: 'new' }
  | { kind: 'same' }
  | { kind: 'conflict'; field: 'transit_id' | 'psa_id'; payload_sha256: string };

/**
 * The validator's memory of what it signed, so it never signs two different bodies for one `transit_id` or one
 * `psa_id` — also across restarts: an append-only JSON-lines file (one {@link SignedBodyRecord} per line, `fdatasync`ed
 * before the signature leaves the process) loaded into memory at start. Signing the same body again is allowed (the
 * Ed25519 signature is the same bytes). A torn last line (crash mid-write) is ignored; any other bad line refuses to
 * start. The file only grows; each line is about 200 bytes.
 *
 * @example
 * const journal = new SignedBodyJournal('.jil/distributed/val-01/signed.jsonl');
 * if (journal.check(t, id, sha).kind === 'new') journal.record({ transit_id: t, psa_id: id, payload_sha256: sha, signed_at: now });
 */
export class SignedBodyJournal {
  readonly path: string;
  readonly #byTransit = new Map<string, string>();
  readonly #byPsa = new Map<string, string>();
  #fd: number | undefined;

  /**
   * @param path - the journal file (created with mode 0600 when missing, with its folder).
   * @throws JilError `CONFIG_INVALID` when a line other than the last is not a record.
   */
  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    if (existsSync(path)) {
      const lines = readFileSync(path, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (line.trim() === '') return;
        let r: SignedBodyRecord;
        try {
          r = JSON.parse(line) as SignedBodyRecord;
        } catch (cause) {
          if (i === lines.length - 1) return; // torn last line: that signature never left the process
          throw new JilError('CONFIG_INVALID', `signed-bodies journal ${path}: line ${i + 1} is not JSON`, {
            details: { field: 'journal', line: i + 1 },
            cause,
          });
        }
        this.#byTransit.set(r.transit_id, r.payload_sha256);
        this.#byPsa.set(r.psa_id, r.payload_sha256);
      });
    }
    this.#fd = openSync(path, 'a', 0o600);
  }

  /** Number of distinct bodies signed (by `psa_id`). */
  get size(): number {
    return this.#byPsa.size;
  }

  /** Whether signing the body with `payloadSha256` for this transit and PSA is new, a repeat, or a conflict. */
  check(transitId: string, psaId: string, payloadSha256: string): JournalCheck {
    for (const [field, map, key] of [
      ['transit_id', this.#byTransit, transitId],
      ['psa_id', this.#byPsa, psaId],
    ] as const) {
      const known = map.get(key);
      if (known !== undefined && known !== payloadSha256) return { kind: 'conflict', field, payload_sha256: known };
    }
    return this.#byPsa.get(psaId) === payloadSha256 ? { kind: 'same' } : { kind: 'new' };
  }

  /**
   * Append a record and flush it to disk (synchronously: nothing else runs between `check` and `record`).
   * @throws JilError `INTERNAL` when the journal is closed.
   */
  record(r: SignedBodyRecord): void {
    if (this.#fd === undefined) throw new JilError('INTERNAL', 'signed-bodies journal is closed');
    writeSync(this.#fd, `${JSON.stringify(r)}\n`);
    fdatasyncSync(this.#fd);
    this.#byTransit.set(r.transit_id, r.payload_sha256);
    this.#byPsa.set(r.psa_id, r.payload_sha256);
  }

  /** Close the file (idempotent). */
  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}
