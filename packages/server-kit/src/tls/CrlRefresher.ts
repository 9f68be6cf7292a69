import { JilError } from '@jil/core';
import { verifyCrl } from '@jil/fleet';
import type { CrlSource, MutualTlsLogger } from './MutualTlsIdentity.js';

/** Options of {@link CrlRefresher}. */
export interface CrlRefresherOptions {
  /** The pinned fleet CA (PEM): a CRL is used only when this CA signed it. */
  caCertificatePem: string;
  /** Fetches the CRL PEM (e.g. {@link fetchHqCrl}). */
  fetchCrl: () => Promise<string>;
  /** Refresh interval, ms (≥ 100). Revocation takes effect within this plus the request in flight. */
  intervalMs: number;
  clock?: () => Date;
  log?: MutualTlsLogger;
}

/**
 * Keeps the CA's CRL fresh on a node: fetches it every `intervalMs`, uses it only when the CA's signature verifies and
 * it is not past its nextUpdate (`verifyCrl`), refuses one older than the CRL it holds (no rollback to an un-revoked
 * list), and keeps the last good CRL when a fetch fails. `current()` answers `undefined` once the last good CRL is
 * past its nextUpdate: TLS peers are then refused (fail closed). Bound: a node revoked at HQ is refused on this node
 * at most `intervalMs` (+ one fetch) after HQ's CRL lists it, plus the request in flight.
 * @example
 * import { CrlRefresher, fetchHqCrl } from '@jil/server-kit/tls';
 * const crl = new CrlRefresher({ caCertificatePem, fetchCrl: fetchHqCrl(hqUrl, agent), intervalMs: 30_000 });
 * await crl.start();
 */
export class CrlRefresher implements CrlSource {
  readonly #o: CrlRefresherOptions;
  #good: { pem: string; thisUpdateMs: number; nextUpdateMs: number } | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #listeners = new Set<() => void | Promise<void>>();

  /** @throws JilError `CONFIG_INVALID` (details.field) for an interval under 100 ms. */
  constructor(options: CrlRefresherOptions) {
    if (!Number.isSafeInteger(options.intervalMs) || options.intervalMs < 100)
      throw new JilError('CONFIG_INVALID', 'intervalMs must be an integer ≥ 100', { details: { field: 'intervalMs' } });
    this.#o = options;
  }

  /** The last good CRL (PEM) while it is before its nextUpdate, else `undefined` (fail closed). */
  current(): string | undefined {
    const g = this.#good;
    return g !== undefined && this.#now() < g.nextUpdateMs ? g.pem : undefined;
  }

  /** Calls `listener` after each new CRL (awaited by `refresh`); returns the unsubscribe function. */
  onChange(listener: () => void | Promise<void>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Fetches and checks the CRL once; `true` when a new CRL was taken. A refused or unreachable CRL is logged, never thrown. */
  async refresh(): Promise<boolean> {
    let pem: string;
    try {
      pem = await this.#o.fetchCrl();
    } catch (error) {
      this.#o.log?.warn({ channel: 'crl', reason: (error as Error).message }, 'CRL fetch failed; keeping the last good CRL');
      return false;
    }
    const r = await verifyCrl(pem, { caCertificatePem: this.#o.caCertificatePem, now: new Date(this.#now()) });
    if (!r.valid) {
      this.#o.log?.warn({ channel: 'crl', check: r.check, reason: r.message }, 'CRL refused; keeping the last good CRL');
      return false;
    }
    const thisUpdateMs = Date.parse(r.thisUpdate);
    if (this.#good !== undefined && thisUpdateMs < this.#good.thisUpdateMs) {
      this.#o.log?.warn({ channel: 'crl', check: 'rollback', reason: 'older than the CRL held' }, 'CRL refused; keeping the last good CRL');
      return false;
    }
    const changed = this.#good?.pem !== pem;
    this.#good = { pem, thisUpdateMs, nextUpdateMs: r.nextUpdate === undefined ? Number.POSITIVE_INFINITY : Date.parse(r.nextUpdate) };
    // open connections are checked against the new CRL (and cut when refused) before the refresh counts as done
    if (changed) await Promise.allSettled([...this.#listeners].map(async (listener) => listener()));
    return changed;
  }

  /** First refresh (awaited), then one every `intervalMs` (the timer does not keep the process alive). */
  async start(): Promise<void> {
    await this.refresh();
    this.#timer ??= setInterval(() => void this.refresh(), this.#o.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #now(): number {
    return (this.#o.clock ?? (() => new Date()))().getTime();
  }
}
