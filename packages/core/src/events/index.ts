/**
 * @jil/core/events — the event mesh's envelope (DESIGN.md §Formats): schema, topics, RFC 8785 wire encoding, and the
 * `EventBus` transport interface. A subpath of its own so the offline verify path (the root) stays as it is.
 * The export names are locked by `index.test.ts`.
 */
export {
  EVENT_ENVELOPE_FIELDS,
  EVENT_MAX_BYTES,
  EVENT_SOURCE_ID,
  EVENT_TABLE_NAME,
  EVENT_TOPICS,
  eventEnvelopeIssues,
  isEventTopic,
  stateSyncTable,
  stateSyncTopic,
  type EventEnvelope,
} from './EventEnvelope.js';
export { decodeEvent, encodeEvent, type DecodeEventOptions } from './codec.js';
export type { BusRecord, DeliveredRecord, EventBus, PartitionPosition, SubscribeOptions, Subscription } from './EventBus.js';
