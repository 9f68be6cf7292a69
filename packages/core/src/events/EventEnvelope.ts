import { JilError, type FieldIssue } from '../errors/JilError.js';
import { isUuidV7 } from '../id/uuidv7.js';

/**
 * One event of the JIL event mesh (DESIGN.md §Formats, "Event envelope"): what a node publishes about one of its
 * own state changes. On the wire it is the RFC 8785 bytes of this object ({@link encodeEvent}).
 */
export interface EventEnvelope {
  /** UUIDv7, fixed when the change is recorded (the outbox row): a republished event keeps it, inboxes dedupe on it. */
  event_id: string;
  /** The node that made the change (an identifier, {@link EVENT_SOURCE_ID}). */
  source_id: string;
  /** One of the mesh's topics ({@link isEventTopic}). */
  topic: string;
  /** RFC 3339 UTC time the change was recorded, e.g. `2026-12-03T13:37:00.123Z`. */
  timestamp: string;
  /** Per-source sequence number, from 1, increasing in the order the source publishes. */
  sequence: number;
  /** The change itself: a JSON object whose shape the topic defines. */
  payload: Record<string, unknown>;
}

/** Members of {@link EventEnvelope}, in the order issues are reported. */
export const EVENT_ENVELOPE_FIELDS = ['event_id', 'source_id', 'topic', 'timestamp', 'sequence', 'payload'] as const;

/** Node ids: 1–128 characters, letters, digits and `._:-`, starting with a letter or digit. */
export const EVENT_SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Table names in `jil.state.sync.{table}`: lower-case SQL identifiers. */
export const EVENT_TABLE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** The fixed topics of the mesh; `jil.state.sync.{table}` ({@link stateSyncTopic}) completes the list. */
export const EVENT_TOPICS = {
  /** Bridge ledger writes (key = sender account); reserved for the bridge. */
  ledgerWrites: 'jil.ledger.writes',
  /** Fleet agents' heartbeats and status. */
  fleetStatus: 'jil.fleet.status',
  /** Everything else worth telling the other nodes. */
  events: 'jil.events',
} as const;

/** Largest encoded event accepted by {@link decodeEvent} by default: 1 MiB (Kafka's default `message.max.bytes`). */
export const EVENT_MAX_BYTES = 1_048_576;

const STATE_SYNC_PREFIX = 'jil.state.sync.';
const FIXED_TOPICS: readonly string[] = Object.values(EVENT_TOPICS);
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/**
 * The state-sync topic of one replicated table: `jil.state.sync.{table}`.
 * @param table - a lower-case SQL identifier, e.g. `psas`.
 * @returns the topic name.
 * @throws JilError `INVALID_ARGUMENT` (field `table`) for anything else.
 * @example
 * import { stateSyncTopic } from '@jil/core/events';
 * stateSyncTopic('transfer_history'); // 'jil.state.sync.transfer_history'
 */
export function stateSyncTopic(table: string): string {
  if (typeof table !== 'string' || !EVENT_TABLE_NAME.test(table))
    throw new JilError('INVALID_ARGUMENT', 'table must be a lower-case SQL identifier', { details: { field: 'table' } });
  return `${STATE_SYNC_PREFIX}${table}`;
}

/**
 * `true` for a topic of the mesh: one of {@link EVENT_TOPICS} or `jil.state.sync.{table}`.
 * @param value - any value.
 * @example
 * import { isEventTopic } from '@jil/core/events';
 * isEventTopic('jil.state.sync.psas'); // true
 */
export function isEventTopic(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (FIXED_TOPICS.includes(value)) return true;
  return value.startsWith(STATE_SYNC_PREFIX) && EVENT_TABLE_NAME.test(value.slice(STATE_SYNC_PREFIX.length));
}

/** The table of a `jil.state.sync.{table}` topic, or `undefined` for any other topic. */
export function stateSyncTable(topic: string): string | undefined {
  return isEventTopic(topic) && topic.startsWith(STATE_SYNC_PREFIX) ? topic.slice(STATE_SYNC_PREFIX.length) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Every schema problem of an untrusted event envelope, one {@link FieldIssue} per bad member (empty when valid).
 * Unknown members are reported by name (`unrecognized_key`); messages name the rule, never the value.
 *
 * @param value - a decoded JSON value.
 * @returns the issues, in the order of {@link EVENT_ENVELOPE_FIELDS}, unknown members last.
 * @example
 * import { eventEnvelopeIssues } from '@jil/core/events';
 * eventEnvelopeIssues({ event_id: 'x' }); // [{ field: 'event_id', … }, { field: 'source_id', … }, …]
 */
export function eventEnvelopeIssues(value: unknown): FieldIssue[] {
  if (!isRecord(value)) return [{ field: '(event)', message: 'must be a JSON object', issue: 'invalid_type' }];
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string, issue: string): void => {
    issues.push({ field, message, issue });
  };
  const typeIssue = (v: unknown, type: string): string => (typeof v === type ? 'format' : 'invalid_type');
  const v = value;
  if (!isUuidV7(v['event_id'])) add('event_id', 'must be a UUIDv7 in lower-case hyphenated form', typeIssue(v['event_id'], 'string'));
  if (typeof v['source_id'] !== 'string' || !EVENT_SOURCE_ID.test(v['source_id'])) {
    add(
      'source_id',
      'must be a node id: 1–128 letters, digits or ._:- starting with a letter or digit',
      typeIssue(v['source_id'], 'string'),
    );
  }
  if (!isEventTopic(v['topic']))
    add('topic', 'must be jil.state.sync.{table}, jil.ledger.writes, jil.fleet.status or jil.events', typeIssue(v['topic'], 'string'));
  const ts = v['timestamp'];
  if (typeof ts !== 'string' || !RFC3339_UTC.test(ts) || !Number.isFinite(Date.parse(ts))) {
    add('timestamp', 'must be an RFC 3339 UTC timestamp', typeIssue(ts, 'string'));
  }
  const seq = v['sequence'];
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) {
    add('sequence', 'must be an integer from 1 to 2^53 − 1', typeIssue(seq, 'number') === 'format' ? 'range' : 'invalid_type');
  }
  if (!isRecord(v['payload'])) add('payload', 'must be a JSON object', 'invalid_type');
  for (const key of Object.keys(v)) {
    if (!(EVENT_ENVELOPE_FIELDS as readonly string[]).includes(key)) add(key, 'unknown field', 'unrecognized_key');
  }
  return issues;
}
