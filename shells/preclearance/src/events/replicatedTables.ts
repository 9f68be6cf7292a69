import { bytesToHex, canonicalBytes, JilError, sha256Hex, utf8ToBytes, type FieldIssue } from '@jil/core';
import { stateSyncTopic } from '@jil/core/events';
import { leafHash } from '@jil/core/tlog';
import { toDate, type Db } from '@jil/server-kit';

/**
 * One table the event mesh replicates. Its outbox rows are written by the table's AFTER INSERT (and, for clearances,
 * AFTER UPDATE) trigger (migrations 0007, 0009); {@link apply} writes a remote event's row; {@link digestRows} gives the replicated columns
 * in a node-independent order, for comparing nodes.
 */
export interface ReplicatedTable {
  table: string;
  topic: string;
  /** Conflict rule, as documented in docs/architecture.md §Event mesh. */
  rule: string;
  /** Every bad field of a payload (`payload.<field>`), empty when it can be applied. */
  issues(payload: Record<string, unknown>): FieldIssue[];
  /** Writes the payload's row (inside the apply transaction); `false` when the row was already there. */
  apply(tx: Db, payload: Record<string, unknown>): Promise<boolean>;
  /**
   * Optional: writes many checked payloads in one statement, with exactly the effect of calling {@link apply} on each
   * in order (the consumer's batch path; a table without it gets one {@link apply} per row).
   */
  applyMany?(tx: Db, payloads: readonly Record<string, unknown>[]): Promise<void>;
  /** The replicated columns of every row, ordered by the row's global identity. */
  digestRows(db: Db): Promise<unknown[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DECIMAL = /^(0|[1-9][0-9]{0,18})$/;
const LONG_TEXT = /^[\s\S]{1,2000}$/;

class PayloadCheck {
  readonly issues: FieldIssue[] = [];
  constructor(
    private readonly payload: Record<string, unknown>,
    allowed: readonly string[],
  ) {
    for (const key of Object.keys(payload)) if (!allowed.includes(key)) this.add(key, 'unknown field', 'unrecognized_key');
  }
  add(field: string, message: string, issue: string): void {
    this.issues.push({ field: `payload.${field}`, message, issue });
  }
  text(field: string, pattern?: RegExp, rule = 'a non-empty string of at most 512 characters', nullable = false): this {
    const v = this.payload[field];
    if (nullable && v === null) return this;
    const ok = typeof v === 'string' && (pattern ? pattern.test(v) : v.length > 0 && v.length <= 512);
    if (!ok) this.add(field, `must be ${rule}`, typeof v === 'string' ? 'format' : 'invalid_type');
    return this;
  }
  rule(field: string, ok: boolean, message: string, issue: string): this {
    if (!ok) this.add(field, message, issue);
    return this;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const iso = (v: unknown): string => toDate(v).toISOString();

/** `psas`: issued PSAs. Append-only: merge by `psa_id` (a row already present wins; it is the same signed PSA). */
export const PSAS_TABLE: ReplicatedTable = {
  table: 'psas',
  topic: stateSyncTopic('psas'),
  rule:
    'append-only, merged by psa_id (first copy kept; copies are identical signed PSAs). Consumption (consumed_at) is local ' +
    'and not replicated yet.',
  issues(payload) {
    const fields = [
      'psa_id',
      'transit_id',
      'custodian_id',
      'verdict',
      'issued_at',
      'expires_at',
      'envelope',
      'body_sha256',
      'request_sha256',
    ];
    const c = new PayloadCheck(payload, fields)
      .text('psa_id', UUID, 'a lower-case UUID')
      .text('transit_id')
      .text('custodian_id')
      .rule('verdict', ['pass', 'flag', 'fail'].includes(payload['verdict'] as string), 'must be pass, flag or fail', 'enum')
      .text('issued_at', ISO_MS, 'an RFC 3339 UTC timestamp with milliseconds')
      .text('expires_at', ISO_MS, 'an RFC 3339 UTC timestamp with milliseconds')
      .rule('envelope', isObject(payload['envelope']), 'must be a JSON object (the DSSE envelope)', 'invalid_type')
      .text('body_sha256', HEX64, '64 lower-case hex digits')
      .text('request_sha256', HEX64, '64 lower-case hex digits or null', true);
    for (const f of fields) if (!(f in payload) && !c.issues.some((i) => i.field === `payload.${f}`)) c.add(f, 'is required', 'missing');
    return c.issues;
  },
  async apply(tx, p) {
    const { rows } = await tx.query<{ psa_id: string }>(
      `INSERT INTO psas (psa_id, transit_id, custodian_id, verdict, issued_at, expires_at, envelope, body_sha256, request_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9) ON CONFLICT (psa_id) DO NOTHING RETURNING psa_id::text AS psa_id`,
      [
        p['psa_id'],
        p['transit_id'],
        p['custodian_id'],
        p['verdict'],
        new Date(p['issued_at'] as string),
        new Date(p['expires_at'] as string),
        JSON.stringify(p['envelope']),
        p['body_sha256'],
        p['request_sha256'],
      ],
    );
    return rows.length === 1;
  },
  async applyMany(tx, payloads) {
    await tx.query(
      `INSERT INTO psas (psa_id, transit_id, custodian_id, verdict, issued_at, expires_at, envelope, body_sha256, request_sha256)
       SELECT (e->>'psa_id')::uuid, e->>'transit_id', e->>'custodian_id', e->>'verdict', (e->>'issued_at')::timestamptz,
              (e->>'expires_at')::timestamptz, e->'envelope', e->>'body_sha256', e->>'request_sha256'
       FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n ON CONFLICT (psa_id) DO NOTHING`,
      [JSON.stringify(payloads)],
    );
  },
  async digestRows(db) {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT psa_id::text AS psa_id, transit_id, custodian_id, verdict, issued_at, expires_at, envelope, body_sha256, request_sha256
       FROM psas ORDER BY psa_id`,
    );
    return rows.map((r) => ({
      ...r,
      issued_at: iso(r['issued_at']),
      expires_at: iso(r['expires_at']),
      request_sha256: r['request_sha256'] ?? null,
    }));
  },
};

/** `transfer_history`: risk history. Append-only: merge by `entry_id` (the local bigserial `id` is not replicated). */
export const TRANSFER_HISTORY_TABLE: ReplicatedTable = {
  table: 'transfer_history',
  topic: stateSyncTopic('transfer_history'),
  rule:
    'append-only, merged by entry_id (a global UUID; the local bigserial id is not replicated); key sender_id keeps one ' +
    'sender in order.',
  issues(payload) {
    const fields = ['entry_id', 'sender_id', 'destination', 'amount_usd_cents', 'at_ms'];
    const c = new PayloadCheck(payload, fields)
      .text('entry_id', UUID, 'a lower-case UUID')
      .text('sender_id', undefined, 'a non-empty string of at most 256 characters')
      .rule(
        'sender_id',
        typeof payload['sender_id'] !== 'string' || payload['sender_id'].length <= 256,
        'must be at most 256 characters',
        'too_big',
      )
      .text('destination')
      .text('amount_usd_cents', DECIMAL, 'a decimal string of a non-negative int8')
      .text('at_ms', DECIMAL, 'a decimal string of epoch milliseconds');
    if (
      typeof payload['amount_usd_cents'] === 'string' &&
      DECIMAL.test(payload['amount_usd_cents']) &&
      BigInt(payload['amount_usd_cents']) >= 2n ** 63n
    ) {
      c.add('amount_usd_cents', 'must be below 2^63', 'range');
    }
    if (typeof payload['at_ms'] === 'string' && DECIMAL.test(payload['at_ms']) && !Number.isSafeInteger(Number(payload['at_ms'])))
      c.add('at_ms', 'must be below 2^53', 'range');
    for (const f of fields) if (!(f in payload) && !c.issues.some((i) => i.field === `payload.${f}`)) c.add(f, 'is required', 'missing');
    return c.issues;
  },
  async apply(tx, p) {
    const { rows } = await tx.query<{ entry_id: string }>(
      `INSERT INTO transfer_history (entry_id, sender_id, destination, amount_usd_cents, at_ms) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (entry_id) DO NOTHING RETURNING entry_id::text AS entry_id`,
      [p['entry_id'], p['sender_id'], p['destination'], p['amount_usd_cents'], p['at_ms']],
    );
    return rows.length === 1;
  },
  async applyMany(tx, payloads) {
    await tx.query(
      `INSERT INTO transfer_history (entry_id, sender_id, destination, amount_usd_cents, at_ms)
       SELECT (e->>'entry_id')::uuid, e->>'sender_id', e->>'destination', (e->>'amount_usd_cents')::bigint, (e->>'at_ms')::bigint
       FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n ON CONFLICT (entry_id) DO NOTHING`,
      [JSON.stringify(payloads)],
    );
  },
  async digestRows(db) {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT entry_id::text AS entry_id, sender_id, destination, amount_usd_cents::text AS amount_usd_cents, at_ms::text AS at_ms
       FROM transfer_history ORDER BY entry_id`,
    );
    return rows;
  },
};

/** The actor of the revocations the mesh derives (a concurrent grant that lost, a superseded clearance): reserved. */
export const EVENT_MESH_ACTOR = 'event-mesh';

/** A clearance's full row state, as published after each change (times RFC 3339 with milliseconds). */
export interface ClearanceState {
  clearance_id: string;
  custodian_id: string;
  party_id: string;
  list: string;
  entry_id: string;
  party_name: string | null;
  cleared_by: string;
  reason: string;
  access_key_id: string;
  cleared_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  /** The clearances of the same party and entry its granting node held when it granted this one (sorted). */
  supersedes: string[];
}

/** A clearance's revocation columns. */
export interface ClearanceRevocationState {
  revoked_at: string;
  revoked_by: string;
  revoke_reason: string | null;
}

/** The grant columns: fixed when the clearance is granted, equal in every copy. */
const CLEARANCE_GRANT_FIELDS = [
  'custodian_id',
  'party_id',
  'list',
  'entry_id',
  'party_name',
  'cleared_by',
  'reason',
  'access_key_id',
  'cleared_at',
  'expires_at',
] as const;
const CLEARANCE_FIELDS = ['clearance_id', ...CLEARANCE_GRANT_FIELDS, 'revoked_at', 'revoked_by', 'revoke_reason', 'supersedes'] as const;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Grant order: earliest `cleared_at`, then smallest `clearance_id`. */
const grantOrder = (a: ClearanceState, b: ClearanceState): number =>
  compareText(a.cleared_at, b.cleared_at) || compareText(a.clearance_id, b.clearance_id);
/** Revocation order: earliest `revoked_at`, then `revoked_by`, then `revoke_reason` (none first). */
const revocationOrder = (a: ClearanceRevocationState, b: ClearanceRevocationState): number =>
  compareText(a.revoked_at, b.revoked_at) ||
  compareText(a.revoked_by, b.revoked_by) ||
  compareText(a.revoke_reason ?? '', b.revoke_reason ?? '') ||
  (a.revoke_reason === null ? 0 : 1) - (b.revoke_reason === null ? 0 : 1);
const revocationOf = (c: ClearanceState): ClearanceRevocationState | null =>
  c.revoked_at === null || c.revoked_by === null
    ? null
    : { revoked_at: c.revoked_at, revoked_by: c.revoked_by, revoke_reason: c.revoke_reason };
/** A revocation a person made (any actor but {@link EVENT_MESH_ACTOR}). */
const explicitRevocationOf = (c: ClearanceState): ClearanceRevocationState | null => {
  const r = revocationOf(c);
  return r !== null && r.revoked_by !== EVENT_MESH_ACTOR ? r : null;
};
const sameRevocation = (a: ClearanceRevocationState | null, b: ClearanceRevocationState | null): boolean =>
  a === null || b === null ? a === b : revocationOrder(a, b) === 0;

/** The merge of two copies of one clearance's explicit revocation: the first by {@link revocationOrder} wins. */
function firstRevocation(a: ClearanceRevocationState | null, b: ClearanceRevocationState | null): ClearanceRevocationState | null {
  if (a === null) return b;
  if (b === null) return a;
  return revocationOrder(a, b) <= 0 ? a : b;
}

/** One clearance that lost a concurrent grant to another: its derived audit event. */
export interface ClearanceLoss {
  loser: ClearanceState;
  winner: ClearanceState;
}

/**
 * The revocation state every node reaches for the clearances of ONE party and entry, whatever order their events
 * arrived in (a function of the set of clearances and the explicit revocations received):
 * - an explicit revocation (anyone but the mesh) wins: the first one by (revoked_at, revoked_by, revoke_reason);
 * - else a clearance that was granted concurrently with one granted first (neither lists the other in `supersedes`;
 *   first = earliest cleared_at, then smallest clearance_id) is revoked by `event-mesh` at its own cleared_at, naming
 *   the first such winner;
 * - else a clearance another one supersedes (its granting node had it revoked) is revoked by `event-mesh`, naming the
 *   first superseding clearance, at the later of the two cleared_at — until that node's own revocation arrives;
 * - else it stays in force.
 * At most one clearance is left in force; a revoked one never comes back (each condition only grows with the set).
 * @returns the revocation (or `null`) per clearance_id, and every (loser, winner) pair of concurrent grants.
 */
export function resolveClearances(group: readonly ClearanceState[]): {
  revocations: Map<string, ClearanceRevocationState | null>;
  losses: ClearanceLoss[];
} {
  const revocations = new Map<string, ClearanceRevocationState | null>();
  const losses: ClearanceLoss[] = [];
  const sorted = [...group].sort(grantOrder);
  const knows = (a: ClearanceState, b: ClearanceState): boolean => a.supersedes.includes(b.clearance_id);
  for (const x of sorted) {
    const winners = sorted.filter((w) => w !== x && grantOrder(w, x) < 0 && !knows(w, x) && !knows(x, w));
    for (const winner of winners) losses.push({ loser: x, winner });
    const superseders = sorted.filter((y) => y !== x && knows(y, x));
    let revocation = explicitRevocationOf(x);
    if (revocation === null && winners[0] !== undefined) {
      revocation = {
        revoked_at: x.cleared_at,
        revoked_by: EVENT_MESH_ACTOR,
        revoke_reason: `granted concurrently with clearance ${winners[0].clearance_id}, granted first: that one stays in force`,
      };
    }
    if (revocation === null && superseders[0] !== undefined) {
      const y = superseders[0];
      revocation = {
        revoked_at: compareText(x.cleared_at, y.cleared_at) >= 0 ? x.cleared_at : y.cleared_at,
        revoked_by: EVENT_MESH_ACTOR,
        revoke_reason: `superseded by clearance ${y.clearance_id}`,
      };
    }
    revocations.set(x.clearance_id, revocation);
  }
  return { revocations, losses };
}

const CLEARANCE_COLUMNS = `clearance_id::text AS clearance_id, custodian_id, party_id, list, entry_id, party_name, cleared_by, \
reason, access_key_id,
  cleared_at, expires_at, revoked_at, revoked_by, revoke_reason, ARRAY(SELECT s::text FROM unnest(supersedes) AS s ORDER BY s) AS \
supersedes`;

function clearanceFromRow(r: Record<string, unknown>): ClearanceState {
  const opt = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  const time = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
  return {
    clearance_id: String(r['clearance_id']),
    custodian_id: String(r['custodian_id']),
    party_id: String(r['party_id']),
    list: String(r['list']),
    entry_id: String(r['entry_id']),
    party_name: opt(r['party_name']),
    cleared_by: String(r['cleared_by']),
    reason: String(r['reason']),
    access_key_id: String(r['access_key_id']),
    cleared_at: iso(r['cleared_at']),
    expires_at: time(r['expires_at']),
    revoked_at: time(r['revoked_at']),
    revoked_by: opt(r['revoked_by']),
    revoke_reason: opt(r['revoke_reason']),
    supersedes: Array.isArray(r['supersedes']) ? (r['supersedes'] as unknown[]).map(String) : [],
  };
}

const refuse = async (tx: Db, reason: string): Promise<never> => {
  await tx.query('SELECT jil_event_refuse($1)', [reason]);
  throw new JilError('INTERNAL', 'jil_event_refuse returned');
};

/**
 * `sanctions_clearances`: false-positive clearances. State merge per party and entry ({@link resolveClearances}):
 * revocation is sticky and wins over any grant state; concurrent grants of one party and entry keep the first.
 */
export const SANCTIONS_CLEARANCES_TABLE: ReplicatedTable = {
  table: 'sanctions_clearances',
  topic: stateSyncTopic('sanctions_clearances'),
  rule:
    'state merge per (custodian_id, party_id, list, entry_id), key that identity: grant columns are fixed (a copy that differs is ' +
    'refused); ' +
    'a revocation is sticky — the first explicit one by (revoked_at, revoked_by, revoke_reason) wins and no later state un-revokes; ' +
    'two grants neither of which lists the other in supersedes were concurrent: the first by (cleared_at, clearance_id) stays, ' +
    "the other is revoked by 'event-mesh' at its own cleared_at naming the winner, with a derived 'revoked' audit event per " +
    'earlier concurrent grant; ' +
    "a clearance a later grant supersedes is revoked by 'event-mesh' until its own revocation arrives.",
  issues(payload) {
    const c = new PayloadCheck(payload, CLEARANCE_FIELDS)
      .text('clearance_id', UUID, 'a lower-case UUID')
      .text('custodian_id')
      .text('party_id')
      .text('list')
      .text('entry_id')
      .text('party_name', undefined, 'a non-empty string of at most 512 characters or null', true)
      .text('cleared_by')
      .text('reason', LONG_TEXT, 'a non-empty string of at most 2000 characters')
      .text('access_key_id')
      .text('cleared_at', ISO_MS, 'an RFC 3339 UTC timestamp with milliseconds')
      .text('expires_at', ISO_MS, 'an RFC 3339 UTC timestamp with milliseconds or null', true)
      .text('revoked_at', ISO_MS, 'an RFC 3339 UTC timestamp with milliseconds or null', true)
      .text('revoked_by', undefined, 'a non-empty string of at most 512 characters or null', true)
      .text('revoke_reason', LONG_TEXT, 'a non-empty string of at most 2000 characters or null', true);
    const p = payload;
    if (typeof p['expires_at'] === 'string' && typeof p['cleared_at'] === 'string' && !(p['expires_at'] > p['cleared_at']))
      c.add('expires_at', 'must be after cleared_at', 'range');
    if ((p['revoked_at'] === null) !== (p['revoked_by'] === null))
      c.add('revoked_by', 'must be set exactly when revoked_at is', 'mismatch');
    if (p['revoked_at'] === null && p['revoke_reason'] !== null && 'revoke_reason' in p)
      c.add('revoke_reason', 'must be null when the clearance is not revoked', 'mismatch');
    if (p['revoked_by'] === EVENT_MESH_ACTOR)
      c.add('revoked_by', `must not be ${EVENT_MESH_ACTOR} (reserved: every node derives those revocations itself)`, 'reserved');
    const s = p['supersedes'];
    const ok =
      Array.isArray(s) &&
      s.length <= 10_000 &&
      s.every((v, i) => typeof v === 'string' && UUID.test(v) && v !== p['clearance_id'] && (i === 0 || (s[i - 1] as string) < v));
    if (!ok)
      c.add(
        'supersedes',
        'must be a sorted list of distinct lower-case UUIDs, not the clearance itself',
        Array.isArray(s) ? 'format' : 'invalid_type',
      );
    for (const f of CLEARANCE_FIELDS)
      if (!(f in payload) && !c.issues.some((i) => i.field === `payload.${f}`)) c.add(f, 'is required', 'missing');
    return c.issues;
  },
  async apply(tx, p) {
    const incoming = clearanceFromPayload(p);
    const identity = [incoming.custodian_id, incoming.party_id, incoming.list, incoming.entry_id];
    await tx.query('SELECT jil_clearance_lock($1, $2, $3, $4)', identity);
    const { rows } = await tx.query<Record<string, unknown>>(
      `SELECT ${CLEARANCE_COLUMNS} FROM sanctions_clearances WHERE (custodian_id = $1 AND party_id = $2 AND list = $3 AND \
entry_id = $4) OR clearance_id = $5
       ORDER BY clearance_id FOR UPDATE`,
      [...identity, incoming.clearance_id],
    );
    const stored = rows.map(clearanceFromRow);
    const existing = stored.find((r) => r.clearance_id === incoming.clearance_id);
    if (existing !== undefined) {
      const differs: string[] = CLEARANCE_GRANT_FIELDS.filter((f) => existing[f] !== incoming[f]);
      if (existing.supersedes.join(',') !== incoming.supersedes.join(',')) differs.push('supersedes');
      if (differs.length > 0)
        await refuse(tx, `clearance ${incoming.clearance_id} arrived with other grant columns than the copy here: ${differs.join(', ')}`);
    }
    // The group as it stands once the incoming state is merged: its explicit revocation joins the one kept here.
    const merged: ClearanceState = { ...(existing ?? incoming) };
    const revocation = firstRevocation(existing === undefined ? null : explicitRevocationOf(existing), explicitRevocationOf(incoming));
    Object.assign(merged, revocation ?? { revoked_at: null, revoked_by: null, revoke_reason: null });
    // a derived one, re-derived below
    if (revocation === null && existing !== undefined && revocationOf(existing) !== null) Object.assign(merged, revocationOf(existing));
    const group = [...stored.filter((r) => r.clearance_id !== incoming.clearance_id), merged];
    const { revocations, losses } = resolveClearances(group);
    let changed = false;
    // Only revocations are written (no condition ever returns a clearance to force), so the rows already here are
    // updated before the new one is inserted: the partial unique index never sees two in force.
    for (const row of stored) {
      const next = revocations.get(row.clearance_id) ?? null;
      if (next === null || sameRevocation(revocationOf(row), next)) continue;
      await tx.query('UPDATE sanctions_clearances SET revoked_at = $2, revoked_by = $3, revoke_reason = $4 WHERE clearance_id = $1', [
        row.clearance_id,
        new Date(next.revoked_at),
        next.revoked_by,
        next.revoke_reason,
      ]);
      changed = true;
    }
    if (existing === undefined) {
      const r = revocations.get(incoming.clearance_id) ?? null;
      await tx.query(
        `INSERT INTO sanctions_clearances (clearance_id, custodian_id, party_id, list, entry_id, party_name, cleared_by, reason, \
access_key_id, cleared_at, expires_at,
           revoked_at, revoked_by, revoke_reason, supersedes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::text[]::uuid[])`,
        [
          incoming.clearance_id,
          incoming.custodian_id,
          incoming.party_id,
          incoming.list,
          incoming.entry_id,
          incoming.party_name,
          incoming.cleared_by,
          incoming.reason,
          incoming.access_key_id,
          new Date(incoming.cleared_at),
          incoming.expires_at === null ? null : new Date(incoming.expires_at),
          r === null ? null : new Date(r.revoked_at),
          r?.revoked_by ?? null,
          r?.revoke_reason ?? null,
          incoming.supersedes,
        ],
      );
      changed = true;
    }
    // Each lost concurrent grant has one derived audit event, with an id every node derives from the pair.
    for (const { loser, winner } of losses) {
      const { rows: inserted } = await tx.query(
        `INSERT INTO sanctions_clearance_events (audit_id, clearance_id, action, actor, access_key_id, reason, at)
         VALUES (md5('jil.event-mesh/concurrent-grant/' || $1 || '/' || $2)::uuid, $1::uuid, 'revoked', $3, $3, $4, $5)
         ON CONFLICT (audit_id) DO NOTHING RETURNING audit_id`,
        [
          loser.clearance_id,
          winner.clearance_id,
          EVENT_MESH_ACTOR,
          `granted concurrently with clearance ${winner.clearance_id}, granted first: that one stays in force`,
          new Date(loser.cleared_at),
        ],
      );
      if (inserted.length > 0) changed = true;
    }
    return changed;
  },
  async digestRows(db) {
    const { rows } = await db.query<Record<string, unknown>>(`SELECT ${CLEARANCE_COLUMNS} FROM sanctions_clearances ORDER BY clearance_id`);
    return rows.map(clearanceFromRow);
  },
};

function clearanceFromPayload(p: Record<string, unknown>): ClearanceState {
  const opt = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    clearance_id: String(p['clearance_id']),
    custodian_id: String(p['custodian_id']),
    party_id: String(p['party_id']),
    list: String(p['list']),
    entry_id: String(p['entry_id']),
    party_name: opt(p['party_name']),
    cleared_by: String(p['cleared_by']),
    reason: String(p['reason']),
    access_key_id: String(p['access_key_id']),
    cleared_at: String(p['cleared_at']),
    expires_at: opt(p['expires_at']),
    revoked_at: opt(p['revoked_at']),
    revoked_by: opt(p['revoked_by']),
    revoke_reason: opt(p['revoke_reason']),
    supersedes: (p['supersedes'] as string[]).slice(),
  };
}

/** `sanctions_clearance_events`: the clearances' audit trail. Append-only: merge by `audit_id`. */
export const SANCTIONS_CLEARANCE_EVENTS_TABLE: ReplicatedTable = {
  table: 'sanctions_clearance_events',
  topic: stateSyncTopic('sanctions_clearance_events'),
  rule:
    "append-only, merged by audit_id (a global UUID; the bigserial id is local; first copy kept); key clearance_id. The 'revoked' " +
    'events of lost concurrent grants ' +
    '(actor event-mesh) are derived on every node with an id from the (loser, winner) pair, not replicated. No foreign key: an ' +
    'event may arrive before its clearance.',
  issues(payload) {
    const fields = ['audit_id', 'clearance_id', 'action', 'actor', 'access_key_id', 'reason', 'at'];
    const c = new PayloadCheck(payload, fields)
      .text('audit_id', UUID, 'a lower-case UUID')
      .text('clearance_id', UUID, 'a lower-case UUID')
      .rule('action', ['created', 'revoked'].includes(payload['action'] as string), 'must be created or revoked', 'enum')
      .text('actor')
      .text('access_key_id')
      .text('reason', LONG_TEXT, 'a non-empty string of at most 2000 characters')
      .text('at', ISO_MS, 'an RFC 3339 UTC timestamp with milliseconds');
    if (payload['actor'] === EVENT_MESH_ACTOR)
      c.add('actor', `must not be ${EVENT_MESH_ACTOR} (reserved: every node derives those events itself)`, 'reserved');
    for (const f of fields) if (!(f in payload) && !c.issues.some((i) => i.field === `payload.${f}`)) c.add(f, 'is required', 'missing');
    return c.issues;
  },
  async apply(tx, p) {
    const { rows } = await tx.query(
      `INSERT INTO sanctions_clearance_events (audit_id, clearance_id, action, actor, access_key_id, reason, at) VALUES ($1, $2, \
$3, $4, $5, $6, $7)
       ON CONFLICT (audit_id) DO NOTHING RETURNING audit_id`,
      [p['audit_id'], p['clearance_id'], p['action'], p['actor'], p['access_key_id'], p['reason'], new Date(p['at'] as string)],
    );
    return rows.length === 1;
  },
  async digestRows(db) {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT audit_id::text AS audit_id, clearance_id::text AS clearance_id, action, actor, access_key_id, reason, at
       FROM sanctions_clearance_events ORDER BY audit_id`,
    );
    return rows.map((r) => ({ ...r, at: iso(r['at']) }));
  },
};

const MAX_ENTRY_BYTES = 65_535;

/**
 * `tlog_entries`: each node's transparency log is its own (origin, key, indexes); another node's entries go to
 * `tlog_remote_entries`, never into this node's log. Append-only: merge by (origin, idx).
 */
export const TLOG_ENTRIES_TABLE: ReplicatedTable = {
  table: 'tlog_entries',
  topic: stateSyncTopic('tlog_entries'),
  rule:
    "append-only, merged by (origin, idx) into tlog_remote_entries — never into the node's own log; key origin keeps one log in " +
    'index order. ' +
    'Refused (parked): a leaf_hash that is not SHA-256(0x00 || entry), an entry claiming this node’s own origin, and a second, ' +
    'different entry at an (origin, idx) ' +
    'already held (the log equivocates; the first copy stays). Digest: own entries (with the own origin) and remote ones, by ' +
    '(origin, idx).',
  issues(payload) {
    const fields = ['origin', 'idx', 'psa_id', 'entry', 'leaf_hash'];
    const c = new PayloadCheck(payload, fields)
      .text('origin')
      .text('idx', DECIMAL, 'a decimal string of a non-negative index')
      .text('psa_id', UUID, 'a lower-case UUID')
      .rule(
        'entry',
        typeof payload['entry'] === 'string' && payload['entry'].length > 0 && utf8ToBytes(payload['entry']).length <= MAX_ENTRY_BYTES,
        `must be a string of 1 to ${MAX_ENTRY_BYTES} UTF-8 bytes`,
        'invalid_type',
      )
      .text('leaf_hash', HEX64, '64 lower-case hex digits');
    if (typeof payload['idx'] === 'string' && DECIMAL.test(payload['idx']) && !Number.isSafeInteger(Number(payload['idx'])))
      c.add('idx', 'must be below 2^53', 'range');
    const entry = payload['entry'];
    const hash = payload['leaf_hash'];
    if (
      typeof entry === 'string' &&
      entry.length > 0 &&
      typeof hash === 'string' &&
      HEX64.test(hash) &&
      bytesToHex(leafHash(utf8ToBytes(entry))) !== hash
    ) {
      c.add('leaf_hash', 'must be SHA-256(0x00 || entry)', 'mismatch');
    }
    for (const f of fields) if (!(f in payload) && !c.issues.some((i) => i.field === `payload.${f}`)) c.add(f, 'is required', 'missing');
    return c.issues;
  },
  async apply(tx, p) {
    const own = await tx.query<{ origin: string }>('SELECT origin FROM tlog_origin');
    if (own.rows[0]?.origin === p['origin'])
      await refuse(tx, `an entry of this node's own log ${String(p['origin'])} came from another node`);
    const { rows } = await tx.query(
      `INSERT INTO tlog_remote_entries (origin, idx, psa_id, entry, leaf_hash) VALUES ($1, $2, $3, $4, decode($5, 'hex'))
       ON CONFLICT (origin, idx) DO NOTHING RETURNING idx`,
      [p['origin'], p['idx'], p['psa_id'], p['entry'], p['leaf_hash']],
    );
    if (rows.length === 1) return true;
    const same = await tx.query<{ same: boolean }>(
      `SELECT (psa_id = $3::uuid AND entry = $4 AND leaf_hash = decode($5, 'hex')) AS same FROM tlog_remote_entries WHERE origin ` +
        `= $1 AND idx = $2`,
      [p['origin'], p['idx'], p['psa_id'], p['entry'], p['leaf_hash']],
    );
    if (same.rows[0]?.same !== true)
      await refuse(tx, `log ${String(p['origin'])} has another entry at index ${String(p['idx'])} here: it equivocates`);
    return false;
  },
  async digestRows(db) {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT origin, idx::text AS idx, psa_id::text AS psa_id, entry, encode(leaf_hash, 'hex') AS leaf_hash FROM (
         SELECT o.origin, e.idx, e.psa_id, e.entry, e.leaf_hash FROM tlog_entries e CROSS JOIN tlog_origin o
         UNION ALL
         SELECT origin, idx, psa_id, entry, leaf_hash FROM tlog_remote_entries
       ) t ORDER BY origin COLLATE "C", idx`,
    );
    return rows;
  },
};

/** Every table the mesh replicates today, by topic. */
export const REPLICATED_TABLES: readonly ReplicatedTable[] = [
  PSAS_TABLE,
  TRANSFER_HISTORY_TABLE,
  SANCTIONS_CLEARANCES_TABLE,
  SANCTIONS_CLEARANCE_EVENTS_TABLE,
  TLOG_ENTRIES_TABLE,
];

/**
 * Hex SHA-256 of the RFC 8785 bytes of a replicated table's rows (replicated columns only, in global-id order): equal
 * on two nodes exactly when they hold the same rows.
 * @throws JilError `INVALID_ARGUMENT` for a table the mesh does not replicate.
 */
export async function replicatedTableDigest(db: Db, table: string): Promise<{ rows: number; sha256: string }> {
  const t = REPLICATED_TABLES.find((r) => r.table === table);
  if (t === undefined) throw new JilError('INVALID_ARGUMENT', `${table} is not replicated`, { details: { field: 'table' } });
  const rows = await t.digestRows(db);
  return { rows: rows.length, sha256: sha256Hex(canonicalBytes(rows)) };
}
