import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appendAuditEntry, verifyAuditChain, type AuditEntry, type AuditInput, type VerifyAuditChainResult } from '@jil/fleet';

/**
 * The agent's local audit log: JSON lines in `<stateDir>/audit.jsonl`, hash-chained with `@jil/fleet`
 * (`appendAuditEntry`), so an edited line is named by `verify()`. HQ keeps the signed, authoritative log; this one
 * survives when HQ is unreachable.
 * @example
 * import { AgentAuditLog } from '@jil/shell-update-agent';
 * const log = await AgentAuditLog.open(stateDir);
 * await log.append({ at, actor: 'agent:n1', action: 'pull.refused', target: 'node:n1', outcome: 'refused', details: { code } });
 */
export class AgentAuditLog {
  readonly #file: string;
  #last: AuditEntry | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(file: string, last: AuditEntry | undefined) {
    this.#file = file;
    this.#last = last;
  }

  /** Opens the log in `dir` (created on first append). */
  static async open(dir: string): Promise<AgentAuditLog> {
    const file = join(dir, 'audit.jsonl');
    const rows = await AgentAuditLog.#read(file);
    return new AgentAuditLog(file, rows.at(-1) as AuditEntry | undefined);
  }

  static async #read(file: string): Promise<unknown[]> {
    try {
      return (await readFile(file, 'utf8'))
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as unknown);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Appends one row (serialized) and returns it. */
  append(input: AuditInput): Promise<AuditEntry> {
    const run = this.#queue.then(async () => {
      const entry = appendAuditEntry(this.#last, input);
      await appendFile(this.#file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
      this.#last = entry;
      return entry;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** The newest row's `seq` and `hash`, or `undefined` when empty. */
  head(): { seq: number; hash: string } | undefined {
    return this.#last === undefined ? undefined : { seq: this.#last.seq, hash: this.#last.hash };
  }

  /** Re-reads the file and verifies the chain (names the first edited line). */
  async verify(): Promise<VerifyAuditChainResult> {
    return verifyAuditChain(await AgentAuditLog.#read(this.#file));
  }
}
