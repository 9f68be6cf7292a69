import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JilError, type NonceStore } from '@jil/core';
import type { Track } from '@jil/fleet';

/** What the agent persists in `<stateDir>/agent-state.json`. */
export interface AgentStateData {
  version: 1;
  /** Newest release accepted per track: the rollback floor. */
  accepted: Partial<Record<Track, { version: number; digest: string; release_id: string }>>;
  /** Consumed command nonces until they expire: `scope nonce` → expiry (epoch ms). */
  nonces: Record<string, number>;
  /** The node's TLS key pair (the private key never leaves the agent). */
  node_key?: { public_key_pem: string; private_key_pem: string };
  /** The certificate HQ's CA issued at registration. */
  certificate?: { pem: string; serial_number: string; not_after: string; ca_pem: string };
  /** What runs now. */
  current?: {
    release_id: string;
    track: Track;
    version: number;
    digest: string;
    repository: string;
    container_id: string;
    deployed_at: string;
  };
}

const EMPTY: AgentStateData = { version: 1, accepted: {}, nonces: {} };

/**
 * The agent's durable state as one JSON file, written atomically (temp file + rename) and serialized through one
 * queue. Also the agent's {@link NonceStore} for command nonces, so a replay stays refused across restarts.
 * @example
 * import { AgentStateStore } from '@jil/shell-update-agent';
 * const state = await AgentStateStore.open('/var/lib/jil-agent');
 */
export class AgentStateStore implements NonceStore {
  readonly #file: string;
  #data: AgentStateData;
  #queue: Promise<void> = Promise.resolve();

  private constructor(file: string, data: AgentStateData) {
    this.#file = file;
    this.#data = data;
  }

  /**
   * Opens (or creates) the state file in `dir`.
   * @throws JilError `CONFIG_INVALID` when the file exists but is not a state document.
   */
  static async open(dir: string): Promise<AgentStateStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, 'agent-state.json');
    let data: AgentStateData = structuredClone(EMPTY);
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as AgentStateData;
      if (parsed?.version !== 1 || typeof parsed.accepted !== 'object' || typeof parsed.nonces !== 'object') throw new Error('bad shape');
      data = parsed;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT')
        throw new JilError('CONFIG_INVALID', 'agent state file is unreadable', { details: { file }, cause: error });
    }
    return new AgentStateStore(file, data);
  }

  /** A read-only snapshot. */
  get data(): Readonly<AgentStateData> {
    return this.#data;
  }

  /** Applies `change` to a copy and persists it; changes run one at a time. */
  update(change: (draft: AgentStateData) => void): Promise<void> {
    const run = this.#queue.then(async () => {
      const draft = structuredClone(this.#data);
      change(draft);
      const tmp = `${this.#file}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(draft, null, 2)}\n`, { mode: 0o600 });
      await rename(tmp, this.#file);
      this.#data = draft;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** See `NonceStore.checkAndStore`; persisted before it resolves `true`. */
  async checkAndStore(scope: string, nonce: string, expiresAtMs: number, nowMs: number): Promise<boolean> {
    const key = `${scope} ${nonce}`;
    let fresh = false;
    await this.update((draft) => {
      for (const [k, exp] of Object.entries(draft.nonces)) if (exp <= nowMs) delete draft.nonces[k];
      const seen = draft.nonces[key];
      if (seen !== undefined && seen > nowMs) return;
      draft.nonces[key] = expiresAtMs;
      fresh = true;
    });
    return fresh;
  }
}
