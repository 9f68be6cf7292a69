import { OutboxRelay, type OutboxRelayOptions } from '@jil/server-kit';

/** Options of {@link EventRelay}: those of `OutboxRelay` without the table, lock and topics, which are fixed. */
export type EventRelayOptions = Omit<OutboxRelayOptions, 'table' | 'lockKey' | 'topics'>;

/** Serializes sequence assignment if two relays ever ran on one database (there should be one per node). */
const EVENT_RELAY_LOCK = 7318245011;

/**
 * Publishes this node's outbox (`event_outbox`, migration 0007) to the event bus, once per node: the server kit's
 * `OutboxRelay`. Each round gives the unsent rows this source's next sequence numbers in outbox order, publishes up to
 * `batchSize` of them in sequence order in one idempotent send (records of one key stay in order) and marks them sent;
 * a crash between publishing and marking publishes the same events again — same `event_id`, same bytes — and the
 * receivers' inboxes absorb them. The topics are created by `startEventMesh`.
 *
 * @throws JilError `INVALID_ARGUMENT` (field `sourceId`, `batchSize` or `idleMs`); `CONFIG_INVALID` without a database or bus.
 * @example
 * const relay = new EventRelay({ db, bus, sourceId: 'node-1' });
 * relay.start(); // … await relay.stop();
 */
export class EventRelay extends OutboxRelay {
  constructor(options: EventRelayOptions) {
    super({ ...options, table: 'event_outbox', lockKey: EVENT_RELAY_LOCK });
  }
}
