import { OutboxRelay, type OutboxRelayOptions } from '@jil/server-kit';
import { LEDGER_WRITES_TOPIC } from './ledgerWriteEvent.js';

/** Options of {@link LedgerEventRelay}: those of `OutboxRelay` without the table, lock and topics, which are fixed. */
export type LedgerEventRelayOptions = Omit<OutboxRelayOptions, 'table' | 'lockKey' | 'topics'>;

/** Serializes sequence assignment if two relays ever ran on one ledger database (there should be one). */
const LEDGER_RELAY_LOCK = 7318245015;

/**
 * Publishes the ledger's outbox (`ledger_outbox`, migration 0003) on `jil.ledger.writes`, key = account
 * (shells/ledger/README.md §Event mesh): the server kit's `OutboxRelay`, the same guarantees as the pre-clearance
 * node's `EventRelay` — per-source sequences from 1, one `bus.publish` per round in sequence order, marked sent after;
 * a crash in between publishes the same `event_id`, sequence and bytes again, and receivers dedupe on `event_id`.
 * The topic is created once before the first publish.
 *
 * @throws JilError `INVALID_ARGUMENT` (field `sourceId`, `batchSize` or `idleMs`); `CONFIG_INVALID` without a database or bus.
 * @example
 * import { LedgerEventRelay } from '@jil/shell-ledger';
 * const relay = new LedgerEventRelay({ db, bus, sourceId: 'ledger-1' });
 * relay.start(); // wake it after each write: new Ledger({ …, onEntry: () => relay.notify() }); … await relay.stop();
 */
export class LedgerEventRelay extends OutboxRelay {
  constructor(options: LedgerEventRelayOptions) {
    super({ ...options, table: 'ledger_outbox', lockKey: LEDGER_RELAY_LOCK, topics: [LEDGER_WRITES_TOPIC] });
  }
}
