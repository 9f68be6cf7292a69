import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { isJilError } from '@jil/core';
import { openDatabase } from '@jil/server-kit';
import {
  AccessKeyAdmin,
  ensureAdminState,
  migratePreclearance,
  SecretBox,
  type AccessKeyView,
  type KeyRateLimit,
} from '@jil/shell-preclearance';
import { stateDir as resolveStateDir } from '../paths.js';

/** `jil keys` usage (docs/api.md §Access keys). */
export const KEYS_USAGE = `jil keys — custodian access keys (docs/api.md §Access keys)
  jil keys create --custodian <custodian_id> [--label <text>] [--rate <per_second>/<burst>]
        a new key bound to one custodian; prints the secret ONCE (base64 of 32 bytes: decode it before signing)
  jil keys list [--custodian <custodian_id>]              every key (never a secret): status active | rotating | expired | revoked
  jil keys rotate <access_key_id> [--overlap 24h]         a new key; the old one stays valid for the overlap (0, 90s, 15m, 24h, 7d; max 30d)
  jil keys revoke <access_key_id> [--reason <text>]       refused from the next request on
  jil keys events [<access_key_id>]                       the audit table: create, rotate, revoke, seal — who and when
Options: --json (machine-readable output), --state-dir <dir> (default .jil).
Where: the node's database directly (DATABASE_URL, else PGlite in <state-dir>/pglite; secrets sealed under the
key-encryption key: JIL_KEY_ENCRYPTION_KEY, else <state-dir>/kek.key). While \`jil serve\` runs on PGlite, use the
admin API instead: --url <base> or JIL_URL, with the admin token from JIL_ADMIN_TOKEN or <state-dir>/admin-token.`;

class UsageError extends Error {}

const DURATION = /^(\d{1,7})(s|m|h|d)?$/;
const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

function parseOverlap(text: string): number {
  const m = DURATION.exec(text);
  if (!m) throw new UsageError(`--overlap must be a duration such as 0, 90s, 15m, 24h or 7d (got ${text})`);
  return Number(m[1]) * UNIT[m[2] ?? 's']!;
}

function parseRate(text: string): KeyRateLimit {
  const m = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(text);
  if (!m || !(Number(m[1]) > 0) || !(Number(m[2]) >= 1))
    throw new UsageError(`--rate must be <per_second>/<burst>, such as 20/40 (got ${text})`);
  return { per_second: Number(m[1]), burst: Number(m[2]) };
}

/** The operations, over the database or the admin API. */
interface KeyOps {
  create(o: {
    custodian_id: string;
    label?: string | undefined;
    rate_limit?: KeyRateLimit | undefined;
  }): Promise<{ access_key: AccessKeyView; secret: string }>;
  list(custodian?: string): Promise<AccessKeyView[]>;
  rotate(id: string, overlapSeconds: number | undefined): Promise<{ access_key: AccessKeyView; secret: string; previous: AccessKeyView }>;
  revoke(id: string, reason: string | undefined): Promise<AccessKeyView>;
  events(id?: string): Promise<unknown[]>;
  close(): Promise<void>;
}

async function databaseOps(stateDir: string): Promise<KeyOps> {
  const { kek } = ensureAdminState(stateDir);
  const db = await openDatabase({ databaseUrl: process.env['DATABASE_URL'], dataDir: join(stateDir, 'pglite') });
  await migratePreclearance(db);
  const admin = new AccessKeyAdmin(db, new SecretBox(kek));
  const actor = `cli:${userInfo().username}`;
  return {
    create: (o) => admin.create({ ...o, actor }),
    list: (custodian) => admin.list({ custodian_id: custodian }),
    rotate: (id, overlap) => admin.rotate(id, { overlap_seconds: overlap, actor }),
    revoke: (id, reason) => admin.revoke(id, { actor, reason }),
    events: (id) => admin.events({ access_key_id: id }),
    close: () => db.close(),
  };
}

function apiOps(base: string, stateDir: string): KeyOps {
  let token = process.env['JIL_ADMIN_TOKEN'];
  if (!token) {
    try {
      token = readFileSync(join(stateDir, 'admin-token'), 'utf8').trim();
    } catch {
      throw new UsageError(`no admin token: set JIL_ADMIN_TOKEN or run \`jil serve\` once so that ${join(stateDir, 'admin-token')} exists`);
    }
  }
  // biome-ignore lint/suspicious/noExplicitAny: the admin API's JSON; each caller's declared return type shapes it.
  const call = async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(new URL(path, base), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: read only for its error.code / error.message, else returned as is.
    const json = (await res.json()) as any;
    if (!res.ok)
      throw Object.assign(new Error(`${json?.error?.code ?? `HTTP ${res.status}`}: ${json?.error?.message ?? ''}`), { apiError: true });
    return json;
  };
  const actor = `cli:${userInfo().username}`;
  return {
    create: (o) => call('POST', '/admin/v1/access-keys', { ...o, actor }),
    list: async (custodian) =>
      (await call('GET', `/admin/v1/access-keys${custodian ? `?custodian_id=${encodeURIComponent(custodian)}` : ''}`)).access_keys,
    rotate: (id, overlap) =>
      call('POST', `/admin/v1/access-keys/${encodeURIComponent(id)}/rotate`, {
        actor,
        ...(overlap === undefined ? {} : { overlap_seconds: overlap }),
      }),
    revoke: async (id, reason) =>
      (await call('POST', `/admin/v1/access-keys/${encodeURIComponent(id)}/revoke`, { actor, ...(reason === undefined ? {} : { reason }) }))
        .access_key,
    events: async (id) => (await call('GET', `/admin/v1/access-key-events${id ? `?access_key_id=${encodeURIComponent(id)}` : ''}`)).events,
    close: async () => undefined,
  };
}

const row = (k: AccessKeyView) =>
  `${k.access_key_id.padEnd(22)} ${k.custodian_id.padEnd(20)} ${k.status.padEnd(9)} created ${k.created_at}` +
  `${k.expires_at ? ` expires ${k.expires_at}` : ''}${k.revoked_at ? ` revoked ${k.revoked_at}` : ''}` +
  `${k.replaced_by ? ` → ${k.replaced_by}` : ''}` +
  `${k.rate_limit ? ` rate ${k.rate_limit.per_second}/s burst ${k.rate_limit.burst}` : ''}${k.label ? `  "${k.label}"` : ''}`;

function printIssued(issued: { access_key: AccessKeyView; secret: string }, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(issued, null, 2));
    return;
  }
  console.log(`access_key_id  ${issued.access_key.access_key_id}`);
  console.log(`custodian_id   ${issued.access_key.custodian_id}`);
  console.log(`secret         ${issued.secret}`);
  console.log('               shown once: store it now. It is base64 of 32 bytes — decode it to bytes before computing the HMAC.');
}

/**
 * `jil keys create|list|rotate|revoke|events …`: manage custodian access keys on the node's database, or through the
 * admin API with `--url`. Exit 0 on success, 1 when the operation is refused, 2 on usage errors.
 */
export async function runKeys(argv: string[]): Promise<number> {
  let ops: KeyOps | undefined;
  try {
    const { values: v, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        custodian: { type: 'string' },
        label: { type: 'string' },
        rate: { type: 'string' },
        overlap: { type: 'string' },
        reason: { type: 'string' },
        url: { type: 'string' },
        json: { type: 'boolean' },
        'state-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [sub, id, ...extra] = positionals;
    if (v.help || sub === undefined || sub === 'help') {
      console.log(KEYS_USAGE);
      return v.help || sub === 'help' ? 0 : 2;
    }
    if (!['create', 'list', 'rotate', 'revoke', 'events'].includes(sub))
      throw new UsageError(`unknown keys command: ${sub} (create, list, rotate, revoke or events; jil keys --help)`);
    if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
    if ((sub === 'rotate' || sub === 'revoke') && id === undefined)
      throw new UsageError(`jil keys ${sub} needs the access key id: jil keys ${sub} <access_key_id>`);
    if (sub === 'create' && v.custodian === undefined) throw new UsageError('jil keys create needs --custodian <custodian_id>');
    const rate = v.rate === undefined ? undefined : parseRate(v.rate);
    const overlap = v.overlap === undefined ? undefined : parseOverlap(v.overlap);
    const dir = resolveStateDir(v['state-dir']);
    const url = v.url ?? process.env['JIL_URL'];
    ops = url ? apiOps(url, dir) : await databaseOps(dir);
    const json = v.json === true;
    switch (sub) {
      case 'create':
        printIssued(await ops.create({ custodian_id: v.custodian!, label: v.label, ...(rate ? { rate_limit: rate } : {}) }), json);
        return 0;
      case 'list': {
        const keys = await ops.list(v.custodian);
        if (json) console.log(JSON.stringify(keys, null, 2));
        else if (keys.length === 0) console.log('no access keys');
        else for (const k of keys) console.log(row(k));
        return 0;
      }
      case 'rotate': {
        const r = await ops.rotate(id!, overlap);
        printIssued(r, json);
        if (!json) console.log(`previous       ${r.previous.access_key_id} stays valid until ${r.previous.expires_at}`);
        return 0;
      }
      case 'revoke': {
        const k = await ops.revoke(id!, v.reason);
        console.log(json ? JSON.stringify(k, null, 2) : row(k));
        return 0;
      }
      default: {
        const events = await ops.events(id);
        console.log(json ? JSON.stringify(events, null, 2) : events.map((e) => JSON.stringify(e)).join('\n') || 'no events');
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
      console.error(error.message);
      return 2;
    }
    if (isJilError(error)) {
      const fields = Array.isArray(error.details['fields'])
        ? ` (${(error.details['fields'] as { field: string; message: string }[]).map((f) => `${f.field}: ${f.message}`).join('; ')})`
        : '';
      console.error(`error ${error.code}: ${error.message}${fields}`);
      return 1;
    }
    if (error instanceof Error && 'apiError' in error) {
      console.error(`error ${error.message}`);
      return 1;
    }
    if (error instanceof Error && /fetch failed|ECONNREFUSED/.test(`${error.message} ${String((error as { cause?: unknown }).cause)}`)) {
      console.error(`error: cannot reach the admin API (${String((error as { cause?: { code?: string } }).cause?.code ?? error.message)})`);
      return 1;
    }
    throw error;
  } finally {
    await ops?.close();
  }
}
