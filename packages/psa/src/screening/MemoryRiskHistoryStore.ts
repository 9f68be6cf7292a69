import type { RiskHistoryStore, TransferHistoryRecord } from './types.js';

/**
 * In-memory {@link RiskHistoryStore} for tests, examples and embedded use without persistence.
 * Keeps at most `maxPerSender` records per sender (default 1000).
 */
export class MemoryRiskHistoryStore implements RiskHistoryStore {
  readonly #bySender = new Map<string, TransferHistoryRecord[]>();
  readonly #max: number;

  constructor(maxPerSender = 1000) {
    this.#max = maxPerSender;
  }

  async recentBySender(sender_id: string, limit: number): Promise<TransferHistoryRecord[]> {
    return (this.#bySender.get(sender_id) ?? []).slice(0, limit);
  }

  async countSince(sender_id: string, since_ms: number): Promise<number> {
    return (this.#bySender.get(sender_id) ?? []).filter((r) => r.at_ms >= since_ms).length;
  }

  async hasSentTo(sender_id: string, destination: string): Promise<boolean> {
    return (this.#bySender.get(sender_id) ?? []).some((r) => r.destination === destination);
  }

  async append(record: TransferHistoryRecord): Promise<void> {
    const list = this.#bySender.get(record.sender_id) ?? [];
    list.unshift({ ...record });
    list.sort((a, b) => b.at_ms - a.at_ms);
    if (list.length > this.#max) list.length = this.#max;
    this.#bySender.set(record.sender_id, list);
  }
}
