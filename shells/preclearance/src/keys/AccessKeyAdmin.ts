import { base64Decode, base64Encode, bytesToHex, JilError } from '@jil/core';
import { ArgumentCheck, int8ToNumber, toDate, type Db } from '@jil/server-kit';
import type { SecretBox } from './SecretBox.js';

/** `active`, `rotating` (replaced, valid until `expires_at`), `expired` or `revoked`. */
export type AccessKeyStatus = 'active' | 'rotating' | 'expired' | 'revoked';

/** A per-key token bucket overriding the service default. */
export interface KeyRateLimit {
  /** Tokens added per second (sustained requests per second), > 0. */
  per_second: number;
  /** Bucket size (largest burst), ≥ 1. */
  burst: number;
}

/** An access key as the admin API and `jil keys list` show it: never the secret. */
export interface AccessKeyView {
  access_key_id: string;
  custodian_id: string;
  label: string;
  status: AccessKeyStatus;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  replaced_by: string | null;
  rate_limit: KeyRateLimit | null;
}

/** A new key and its secret (base64 of 32 bytes): shown once, never stored in the clear. */
export interface IssuedAccessKey {
  access_key: AccessKeyView;
  /** base64 of the 32-byte HMAC secret; decode it before use (docs/api.md §HMAC request auth). */
  secret: string;
}

/** One row of the `access_key_events` audit table. */
export interface AccessKeyEvent {
  id: number;
  access_key_id: string;
  custodian_id: string;
  action: 'create' | 'rotate' | 'revoke' | 'seal';
  actor: string;
  at: string;
  details: Record<string, unknown>;
}

/** What the auth hook needs for one key: its secret, custodian and rate limit. */
export interface AccessKeyCredential {
  secret: Uint8Array;
  custodianId: string;
  rateLimit: KeyRateLimit | null;
}

/** Longest rotation overlap: 30 days. */
export const MAX_OVERLAP_SECONDS = 30 * 86_400;
/** Default rotation overlap: 24 hours. */
export const DEFAULT_OVERLAP_SECONDS = 86_400;

const COLUMNS =
  'access_key_id, COALESCE(custodian_id, label) AS custodian_id, label, created_at, expires_at, revoked_at, replaced_by, ' +
  'rate_limit_per_second, rate_limit_burst';
const ID_TEXT = /^[A-Za-z0-9._:-]{1,128}$/;
const CUSTODIAN = /^[\x21-\x7e]{1,128}$/;

type Row = Record<string, unknown>;

function iso(value: unknown): string | null {
  return value === null || value === undefined ? null : toDate(value).toISOString();
}

/**
 * Custodian access keys: create, list, rotate (the old key stays valid for an overlap), revoke (refused at once), each
 * change written to `access_key_events` in the same transaction. Secrets are generated here (32 bytes from
 * `crypto.getRandomValues`), returned once, and stored sealed by a {@link SecretBox}. Keys created before migration
 * 0005 (plaintext `secret_b64`) keep working and are sealed by {@link sealPlaintextSecrets} at start-up.
 *
 * @example
 * import { AccessKeyAdmin } from './AccessKeyAdmin.js';
 * const admin = new AccessKeyAdmin(db, new SecretBox(kek));
 * const { access_key, secret } = await admin.create({ custodian_id: 'bank-a', actor: 'cli:alice' });
 */
export class AccessKeyAdmin {
  readonly #db: Db;
  readonly #box: SecretBox | undefined;
  readonly #clock: () => Date;

  /**
   * @param db - a migrated database.
   * @param box - seals and opens secrets; without it only plaintext (pre-0005) keys authenticate and nothing can be created.
   * @param clock - the time of changes and of expiry checks (default `new Date()`).
   */
  constructor(db: Db, box: SecretBox | undefined, clock: () => Date = () => new Date()) {
    this.#db = db;
    this.#box = box;
    this.#clock = clock;
  }

  #view(row: Row, now: Date): AccessKeyView {
    const revoked = row['revoked_at'] === null ? null : toDate(row['revoked_at']);
    const expires = row['expires_at'] === null ? null : toDate(row['expires_at']);
    const status: AccessKeyStatus = revoked
      ? 'revoked'
      : expires && expires.getTime() <= now.getTime()
        ? 'expired'
        : expires
          ? 'rotating'
          : 'active';
    const perSecond = row['rate_limit_per_second'];
    const burst = row['rate_limit_burst'];
    return {
      access_key_id: String(row['access_key_id']),
      custodian_id: String(row['custodian_id']),
      label: String(row['label']),
      status,
      created_at: toDate(row['created_at']).toISOString(),
      expires_at: iso(row['expires_at']),
      revoked_at: iso(row['revoked_at']),
      replaced_by: row['replaced_by'] === null ? null : String(row['replaced_by']),
      rate_limit: perSecond === null || burst === null ? null : { per_second: Number(perSecond), burst: int8ToNumber(burst) },
    };
  }

  #requireBox(): SecretBox {
    if (!this.#box) throw new JilError('CONFIG_INVALID', 'no key-encryption key configured: access keys cannot be created');
    return this.#box;
  }

  async #insertKey(
    tx: Db,
    o: { custodian_id: string; label: string; rate_limit: KeyRateLimit | null; now: Date },
  ): Promise<IssuedAccessKey> {
    const box = this.#requireBox();
    const id = `AK${bytesToHex(crypto.getRandomValues(new Uint8Array(9))).toUpperCase()}`;
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const { rows } = await tx.query<Row>(
      `INSERT INTO access_keys (access_key_id, secret_b64, secret_enc, label, custodian_id, created_at, rate_limit_per_second, \
rate_limit_burst)
       VALUES ($1, NULL, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [id, box.seal(secret, id), o.label, o.custodian_id, o.now, o.rate_limit?.per_second ?? null, o.rate_limit?.burst ?? null],
    );
    return { access_key: this.#view(rows[0]!, o.now), secret: base64Encode(secret) };
  }

  async #event(
    tx: Db,
    e: {
      access_key_id: string;
      custodian_id: string;
      action: AccessKeyEvent['action'];
      actor: string;
      at: Date;
      details?: Record<string, unknown>;
    },
  ): Promise<void> {
    await tx.query(
      'INSERT INTO access_key_events (access_key_id, custodian_id, action, actor, at, details) VALUES ($1, $2, $3, $4, $5, ' +
        '$6::text::jsonb)',
      [e.access_key_id, e.custodian_id, e.action, e.actor, e.at, JSON.stringify(e.details ?? {})],
    );
  }

  /**
   * Create a key for `custodian_id`.
   * @throws JilError `INVALID_ARGUMENT` (every bad field in `details.fields`); `CONFIG_INVALID` without a SecretBox.
   */
  async create(input: {
    custodian_id: string;
    label?: string | undefined;
    rate_limit?: KeyRateLimit | null | undefined;
    actor: string;
  }): Promise<IssuedAccessKey> {
    checkInput(input);
    const now = this.#clock();
    return this.#db.transaction(async (tx) => {
      const issued = await this.#insertKey(tx, {
        custodian_id: input.custodian_id,
        label: input.label ?? '',
        rate_limit: input.rate_limit ?? null,
        now,
      });
      await this.#event(tx, {
        access_key_id: issued.access_key.access_key_id,
        custodian_id: input.custodian_id,
        action: 'create',
        actor: input.actor,
        at: now,
        details: { label: input.label ?? '', rate_limit: input.rate_limit ?? null },
      });
      return issued;
    });
  }

  /** Every key (or one custodian's), oldest first; never secrets. */
  async list(filter: { custodian_id?: string | undefined } = {}): Promise<AccessKeyView[]> {
    new ArgumentCheck()
      .rule(
        'custodian_id',
        filter.custodian_id === undefined || (typeof filter.custodian_id === 'string' && CUSTODIAN.test(filter.custodian_id)),
        'must be 1–128 printable ASCII characters',
        'format',
      )
      .done('AccessKeyAdmin.list');
    const { rows } = await this.#db.query<Row>(
      `SELECT ${COLUMNS} FROM access_keys WHERE ($1::text IS NULL OR COALESCE(custodian_id, label) = $1) ORDER BY created_at, ` +
        `access_key_id`,
      [filter.custodian_id ?? null],
    );
    const now = this.#clock();
    return rows.map((r) => this.#view(r, now));
  }

  /** One key, or `null` (also for an id that cannot exist). */
  async get(accessKeyId: string): Promise<AccessKeyView | null> {
    if (typeof accessKeyId !== 'string' || !ID_TEXT.test(accessKeyId)) return null;
    const { rows } = await this.#db.query<Row>(`SELECT ${COLUMNS} FROM access_keys WHERE access_key_id = $1`, [accessKeyId]);
    return rows[0] === undefined ? null : this.#view(rows[0], this.#clock());
  }

  /** The audit events, newest first (of one key when `access_key_id` is given), at most `limit` (default 100, max 1000). */
  async events(filter: { access_key_id?: string | undefined; limit?: number | undefined } = {}): Promise<AccessKeyEvent[]> {
    const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 100), 1), 1000);
    const { rows } = await this.#db.query<Row>(
      'SELECT id, access_key_id, custodian_id, action, actor, at, details FROM access_key_events WHERE ($1::text IS NULL OR ' +
        'access_key_id = $1) ORDER BY id DESC LIMIT $2',
      [filter.access_key_id ?? null, limit],
    );
    return rows.map((r) => ({
      id: int8ToNumber(r['id']),
      access_key_id: String(r['access_key_id']),
      custodian_id: String(r['custodian_id']),
      action: String(r['action']) as AccessKeyEvent['action'],
      actor: String(r['actor']),
      at: toDate(r['at']).toISOString(),
      details: (typeof r['details'] === 'string' ? JSON.parse(r['details']) : r['details']) as Record<string, unknown>,
    }));
  }

  /**
   * Rotate: a new key for the same custodian (label and rate limit carried over); the old one stays valid for
   * `overlap_seconds` (default 24 h, 0–30 days) and then is refused.
   * @throws JilError `NOT_FOUND` for an unknown key; `INVALID_ARGUMENT` for a revoked or expired key, an already
   *   replaced key, or a bad overlap.
   */
  async rotate(
    accessKeyId: string,
    o: { overlap_seconds?: number | undefined; actor: string },
  ): Promise<IssuedAccessKey & { previous: AccessKeyView }> {
    const overlap = o.overlap_seconds ?? DEFAULT_OVERLAP_SECONDS;
    new ArgumentCheck()
      .rule(
        'overlap_seconds',
        Number.isSafeInteger(overlap) && overlap >= 0 && overlap <= MAX_OVERLAP_SECONDS,
        `must be an integer 0–${MAX_OVERLAP_SECONDS}`,
        'range',
      )
      .text('actor', o.actor, 256)
      .done('AccessKeyAdmin.rotate');
    const now = this.#clock();
    return this.#db.transaction(async (tx) => {
      const old = await this.#lockedView(tx, accessKeyId, now);
      if (old.status === 'revoked' || old.status === 'expired' || old.replaced_by !== null) {
        throw new JilError(
          'INVALID_ARGUMENT',
          `access key is ${old.replaced_by !== null && old.status === 'rotating' ? 'already rotated' : old.status}; create a new one`,
          {
            details: { fields: [{ field: 'access_key_id', message: `key is ${old.status}`, issue: 'state' }] },
          },
        );
      }
      const issued = await this.#insertKey(tx, { custodian_id: old.custodian_id, label: old.label, rate_limit: old.rate_limit, now });
      const expiresAt = new Date(now.getTime() + overlap * 1000);
      const { rows } = await tx.query<Row>(
        `UPDATE access_keys SET expires_at = $2, replaced_by = $3 WHERE access_key_id = $1 RETURNING ${COLUMNS}`,
        [accessKeyId, expiresAt, issued.access_key.access_key_id],
      );
      await this.#event(tx, {
        access_key_id: accessKeyId,
        custodian_id: old.custodian_id,
        action: 'rotate',
        actor: o.actor,
        at: now,
        details: { replaced_by: issued.access_key.access_key_id, overlap_seconds: overlap, expires_at: expiresAt.toISOString() },
      });
      await this.#event(tx, {
        access_key_id: issued.access_key.access_key_id,
        custodian_id: old.custodian_id,
        action: 'create',
        actor: o.actor,
        at: now,
        details: { rotated_from: accessKeyId },
      });
      return { ...issued, previous: this.#view(rows[0]!, now) };
    });
  }

  /**
   * Revoke a key now: every later request signed with it is refused (`AUTH_UNKNOWN_KEY`). Revoking a revoked key
   * changes nothing and writes no event.
   * @throws JilError `NOT_FOUND` for an unknown key.
   */
  async revoke(accessKeyId: string, o: { actor: string; reason?: string | undefined }): Promise<AccessKeyView> {
    new ArgumentCheck()
      .text('actor', o.actor, 256)
      .rule(
        'reason',
        o.reason === undefined || (typeof o.reason === 'string' && o.reason.length <= 2000),
        'must be at most 2000 characters',
      )
      .done('AccessKeyAdmin.revoke');
    const now = this.#clock();
    return this.#db.transaction(async (tx) => {
      const key = await this.#lockedView(tx, accessKeyId, now);
      if (key.status === 'revoked') return key;
      const { rows } = await tx.query<Row>(`UPDATE access_keys SET revoked_at = $2 WHERE access_key_id = $1 RETURNING ${COLUMNS}`, [
        accessKeyId,
        now,
      ]);
      await this.#event(tx, {
        access_key_id: accessKeyId,
        custodian_id: key.custodian_id,
        action: 'revoke',
        actor: o.actor,
        at: now,
        details: { reason: o.reason ?? '', previous_status: key.status },
      });
      return this.#view(rows[0]!, now);
    });
  }

  async #lockedView(tx: Db, accessKeyId: string, now: Date): Promise<AccessKeyView> {
    if (typeof accessKeyId !== 'string' || !ID_TEXT.test(accessKeyId))
      throw new JilError('NOT_FOUND', 'no such access key', { details: { field: 'access_key_id' } });
    const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM access_keys WHERE access_key_id = $1 FOR UPDATE`, [accessKeyId]);
    if (rows[0] === undefined) throw new JilError('NOT_FOUND', 'no such access key', { details: { field: 'access_key_id' } });
    return this.#view(rows[0], now);
  }

  /**
   * The credential of a key that may sign now, or `undefined` when it is unknown, revoked or past its rotation
   * overlap. Plaintext (pre-0005) secrets are read as they are; sealed ones are opened with the SecretBox.
   * @throws JilError `KEYSTORE_DECRYPT_FAILED` when a sealed secret does not open (another KEK: operator error).
   */
  async lookup(accessKeyId: string): Promise<AccessKeyCredential | undefined> {
    if (typeof accessKeyId !== 'string' || !ID_TEXT.test(accessKeyId)) return undefined;
    const { rows } = await this.#db.query<Row>(
      'SELECT COALESCE(custodian_id, label) AS custodian_id, secret_b64, secret_enc, expires_at, revoked_at, ' +
        'rate_limit_per_second, rate_limit_burst FROM access_keys WHERE access_key_id = $1',
      [accessKeyId],
    );
    const row = rows[0];
    if (row === undefined || row['revoked_at'] !== null) return undefined;
    if (row['expires_at'] !== null && toDate(row['expires_at']).getTime() <= this.#clock().getTime()) return undefined;
    let secret: Uint8Array;
    if (row['secret_enc'] !== null) {
      if (!this.#box) throw new JilError('KEYSTORE_DECRYPT_FAILED', 'access-key secret is sealed but no key-encryption key is configured');
      secret = this.#box.open(String(row['secret_enc']), accessKeyId);
    } else {
      secret = base64Decode(String(row['secret_b64']));
    }
    const perSecond = row['rate_limit_per_second'];
    const burst = row['rate_limit_burst'];
    return {
      secret,
      custodianId: String(row['custodian_id']),
      rateLimit: perSecond === null || burst === null ? null : { per_second: Number(perSecond), burst: int8ToNumber(burst) },
    };
  }

  /**
   * Seal every plaintext secret (rows written before migration 0005, or by `AccessKeyRepository.create`): one `seal`
   * audit event each. Run at start-up.
   * @returns the ids sealed.
   */
  async sealPlaintextSecrets(actor = 'startup'): Promise<string[]> {
    const box = this.#requireBox();
    const now = this.#clock();
    return this.#db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        'SELECT access_key_id, COALESCE(custodian_id, label) AS custodian_id, secret_b64 FROM access_keys WHERE secret_b64 IS NOT ' +
          'NULL ORDER BY access_key_id FOR UPDATE',
      );
      for (const row of rows) {
        const id = String(row['access_key_id']);
        const sealed = box.seal(base64Decode(String(row['secret_b64'])), id);
        await tx.query(
          'UPDATE access_keys SET secret_enc = $2, secret_b64 = NULL, custodian_id = COALESCE(custodian_id, label) WHERE ' +
            'access_key_id = $1',
          [id, sealed],
        );
        await this.#event(tx, {
          access_key_id: id,
          custodian_id: String(row['custodian_id']),
          action: 'seal',
          actor,
          at: now,
          details: { kek_id: box.kekId },
        });
      }
      return rows.map((r) => String(r['access_key_id']));
    });
  }
}

function checkInput(input: { custodian_id: unknown; label?: unknown; rate_limit?: unknown; actor: unknown }): void {
  const rl = input.rate_limit as KeyRateLimit | null | undefined;
  new ArgumentCheck()
    .rule(
      'custodian_id',
      typeof input.custodian_id === 'string' && CUSTODIAN.test(input.custodian_id),
      'must be 1–128 printable ASCII characters without spaces',
      'format',
    )
    .rule(
      'label',
      input.label === undefined || (typeof input.label === 'string' && input.label.length <= 256 && !input.label.includes('\u0000')),
      'must be a string of at most 256 characters',
    )
    .rule(
      'rate_limit.per_second',
      rl === undefined ||
        rl === null ||
        (typeof rl.per_second === 'number' && Number.isFinite(rl.per_second) && rl.per_second > 0 && rl.per_second <= 100_000),
      'must be a number in (0, 100000]',
      'range',
    )
    .rule(
      'rate_limit.burst',
      rl === undefined || rl === null || (Number.isSafeInteger(rl.burst) && rl.burst >= 1 && rl.burst <= 1_000_000),
      'must be an integer 1–1000000',
      'range',
    )
    .text('actor', input.actor, 256)
    .done('AccessKeyAdmin.create');
}
