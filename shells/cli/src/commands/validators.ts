import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { base64Decode, compositeGenerateKeyPair, generateKeyPair, isJilError, parseJson } from '@jil/core';
import {
  addValidator,
  changeThreshold,
  embeddedValidatorFromSeed,
  generateEmbeddedValidators,
  revokeValidator,
  rotateValidatorKey,
  signNextValidatorSet,
  signValidatorSet,
  validatorKey,
  validatorSetFor,
  verifyValidatorSet,
  verifyValidatorSetChain,
  type SignedValidatorSet,
  type ValidatorKey,
  type ValidatorSet,
  type VerifiedValidatorSet,
} from '@jil/psa';
import { readKeysFiles, UsageError, writeKeysFile } from './validatorKeysFile.js';

const USAGE = `jil validators — the validator-set lifecycle (docs/operations.md)
  jil validators keygen --out <dir> [--count 20] [--id <id> --jurisdiction <CC/REGULATOR>] [--suite ed25519|hybrid]
        new keys (hybrid: ML-DSA-65 + Ed25519 composite): <dir>/validators.json (secret, mode 0600) and <dir>/validators.public.json
  jil validators genesis --signers <keys.json> --set-id <id> --out <set.json> [--threshold 14] [--min-jurisdictions 7]
        [--valid-from <RFC 3339>] [--valid-until <RFC 3339> | --valid-days 365]
        version 1 with every validator of the keys file, signed by all of them
  jil validators rotate    --set <current.json> --signers <keys.json>… --validator <id> --public-key <base64 | public.json> --out \
<next.json>
  jil validators revoke    --set <current.json> --signers <keys.json>… --validator <id> --out <next.json>
  jil validators threshold --set <current.json> --signers <keys.json>… --threshold N [--min-jurisdictions M] --out <next.json>
  jil validators add       --set <current.json> --signers <keys.json>… --validator <id> --jurisdiction <CC/REGULATOR> \
--public-key <…> --out <next.json>
        the next version, signed by the keys of --signers that are active in the current version (at least its threshold)
        window: [--valid-from <RFC 3339>] (default now − 60 s) [--valid-until <RFC 3339> | --valid-days N] (default: unchanged)
  jil validators verify --validator-set <pinned.json> [--validator-set-chain <file>]… [--now <RFC 3339>]
        follow the chain from the pin; prints the newest version (exit 0), or the failing link (exit 1)`;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** `jil validators …`: exit 0 on success, 1 when a check fails, 2 on usage errors. Secret keys are never printed. */
export async function runValidators(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    if (isJilError(error)) {
      console.error(`error ${error.code}: ${error.message}${error.details['rule'] ? ` (rule ${String(error.details['rule'])})` : ''}`);
      return 1;
    }
    throw error;
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const { values: v, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      count: { type: 'string' },
      id: { type: 'string' },
      jurisdiction: { type: 'string' },
      signers: { type: 'string', multiple: true },
      'set-id': { type: 'string' },
      set: { type: 'string' },
      threshold: { type: 'string' },
      'min-jurisdictions': { type: 'string' },
      validator: { type: 'string' },
      'public-key': { type: 'string' },
      'valid-from': { type: 'string' },
      'valid-until': { type: 'string' },
      'valid-days': { type: 'string' },
      'validator-set': { type: 'string' },
      'validator-set-chain': { type: 'string', multiple: true },
      now: { type: 'string' },
      suite: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const sub = positionals[0];
  if (v.help || sub === undefined) {
    console.log(USAGE);
    return sub === undefined && !v.help ? 2 : 0;
  }
  const now = v.now === undefined ? new Date() : date(v.now, '--now');
  switch (sub) {
    case 'keygen': {
      const dir = need(v.out, '--out <dir>');
      const suite = v.suite ?? 'ed25519';
      if (suite !== 'ed25519' && suite !== 'hybrid') throw new UsageError('--suite is ed25519 or hybrid');
      const validators =
        v.id !== undefined
          ? [
              embeddedValidatorFromSeed(
                v.id,
                need(v.jurisdiction, '--jurisdiction <CC/REGULATOR> with --id'),
                suite === 'hybrid' ? compositeGenerateKeyPair().secretKey : generateKeyPair().secretKey,
                { suite },
              ),
            ]
          : generateEmbeddedValidators(int(v.count ?? '20', '--count'), { suite });
      writeKeysFile(join(dir, 'validators.json'), validators);
      const pub = validators.map((x) => ({
        id: x.id,
        jurisdiction: x.jurisdiction,
        ...validatorKey(x.publicKey, x.suite === 'hybrid' ? 'mldsa65-ed25519' : 'ed25519'),
      }));
      writePublic(join(dir, 'validators.public.json'), { validators: pub });
      for (const p of pub)
        console.log(`${p.id} ${p.jurisdiction} alg=${p.alg} keyid=${p.keyid}${p.alg === 'ed25519' ? ` public_key=${p.public_key}` : ''}`);
      console.log(`wrote ${join(dir, 'validators.json')} (secret, mode 0600) and ${join(dir, 'validators.public.json')}`);
      return 0;
    }
    case 'genesis': {
      const signers = readKeysFiles(need(v.signers, '--signers <keys.json>'));
      const validFrom = v['valid-from'] === undefined ? new Date(now.getTime() - 60_000) : date(v['valid-from'], '--valid-from');
      const set = validatorSetFor({
        validators: signers,
        setId: need(v['set-id'], '--set-id <id>'),
        validFrom,
        validUntil: until(v, validFrom, 365),
        ...(v.threshold !== undefined ? { threshold: int(v.threshold, '--threshold') } : {}),
        ...(v['min-jurisdictions'] !== undefined ? { minJurisdictions: int(v['min-jurisdictions'], '--min-jurisdictions') } : {}),
      });
      const active = set.validators.length;
      if (2 * set.threshold <= active)
        throw new UsageError(`--threshold ${set.threshold} must be more than half of the ${active} validators`);
      const signed = signValidatorSet(set, signers);
      const verified = verifyValidatorSet(signed, { now: validFrom });
      return publish(need(v.out, '--out <set.json>'), signed, verified, `signed by its ${signers.length} validators`);
    }
    case 'rotate':
    case 'revoke':
    case 'threshold':
    case 'add':
      return next(sub, v, now);
    case 'verify': {
      const pinned = readDoc(need(v['validator-set'], '--validator-set <pinned.json>'));
      const chain = (v['validator-set-chain'] ?? []).flatMap(readChainFile);
      const newest = verifyValidatorSetChain(pinned, chain, { now });
      console.log(
        `VALID ${newest.set.set_id} v${newest.set.version} sha256=${newest.sha256} threshold=${newest.set.threshold} ` +
          `min_jurisdictions=${newest.set.min_jurisdictions} active=` +
          `${newest.set.validators.filter((x) => x.status === 'active').length} valid_until=${newest.set.valid_until}`,
      );
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

type Values = Record<string, string | string[] | boolean | undefined>;

async function next(sub: 'rotate' | 'revoke' | 'threshold' | 'add', v: Values, now: Date): Promise<number> {
  const current = verifyValidatorSetChain(readDoc(need(str(v['set']), '--set <current.json>')), [], { now });
  const c = current.set;
  const validFrom =
    v['valid-from'] === undefined
      ? new Date(Math.max(Date.parse(c.valid_from), now.getTime() - 60_000))
      : date(str(v['valid-from'])!, '--valid-from');
  const window = {
    validFrom,
    validUntil: v['valid-until'] === undefined && v['valid-days'] === undefined ? new Date(c.valid_until) : until(v, validFrom, 0),
  };
  let set: ValidatorSet;
  if (sub === 'rotate') {
    const id = need(str(v['validator']), '--validator <id>');
    const key = publicKey(v, id);
    set = rotateValidatorKey(current, id, key.publicKey, { ...window, alg: key.alg });
  } else if (sub === 'revoke') set = revokeValidator(current, need(str(v['validator']), '--validator <id>'), window);
  else if (sub === 'threshold') {
    const m = str(v['min-jurisdictions']);
    set = changeThreshold(
      current,
      int(need(str(v['threshold']), '--threshold N'), '--threshold'),
      m === undefined ? undefined : int(m, '--min-jurisdictions'),
      window,
    );
  } else {
    const id = need(str(v['validator']), '--validator <id>');
    set = addValidator(
      current,
      { id, jurisdiction: need(str(v['jurisdiction']), '--jurisdiction <CC/REGULATOR>'), ...publicKey(v, id) },
      window,
    );
  }
  // sign with the keys of --signers that are active in the current version, one per validator
  const keys = readKeysFiles(need(v['signers'] as string[] | undefined, '--signers <keys.json>'));
  const seen = new Set<string>();
  const signers = keys.filter((k) => {
    const entry = current.byKeyId.get(k.keyid);
    if (entry?.validator.status !== 'active' || seen.has(entry.validator.id)) return false;
    seen.add(entry.validator.id);
    return true;
  });
  const signed = signNextValidatorSet(set, signers, current);
  const verified = verifyValidatorSetChain(current, [signed], { now: new Date(Math.max(now.getTime(), validFrom.getTime())) });
  return publish(
    need(str(v['out']), '--out <next.json>'),
    signed,
    verified,
    `signed by ${signers.length} active validators of v${c.version} (threshold ${c.threshold}); previous = v${c.version} sha256=` +
      `${current.sha256}`,
  );
}

function publish(out: string, signed: SignedValidatorSet, verified: VerifiedValidatorSet, how: string): number {
  writePublic(out, signed);
  const s = verified.set;
  console.log(
    `wrote ${out}: ${s.set_id} v${s.version} sha256=${verified.sha256} threshold=${s.threshold} min_jurisdictions=` +
      `${s.min_jurisdictions} validators=${s.validators.length} (active ` +
      `${s.validators.filter((x) => x.status === 'active').length}) valid ${s.valid_from} – ${s.valid_until}; ${how}`,
  );
  return 0;
}

/** The new public key: from a `validators.public.json` (its `alg`), or base64 (32 bytes Ed25519, 1984 bytes composite). */
function publicKey(v: Values, id: string): { publicKey: Uint8Array; alg: ValidatorKey['alg'] } {
  const value = need(str(v['public-key']), '--public-key <base64 | validators.public.json>');
  if (!value.endsWith('.json')) {
    const key = base64Decode(value);
    return { publicKey: key, alg: key.length === 1984 ? 'mldsa65-ed25519' : 'ed25519' };
  }
  const doc = readDoc(value) as { validators?: { id: string; public_key: string; alg?: ValidatorKey['alg'] }[] };
  const entry = doc.validators?.find((x) => x.id === id);
  if (!entry) throw new UsageError(`${value} has no public key for ${id}`);
  return { publicKey: base64Decode(entry.public_key), alg: entry.alg ?? 'ed25519' };
}

function writePublic(path: string, value: unknown): void {
  if (existsSync(path)) throw new UsageError(`${path} exists; choose a new file for each version`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx' });
}

/** A signed set file: the DSSE envelope, or `{ signed }` as the service writes it. */
function readDoc(path: string): unknown {
  if (!existsSync(path)) throw new UsageError(`no file ${path}`);
  const doc = parseJson(readFileSync(path, 'utf8'));
  return doc && typeof doc === 'object' && 'signed' in doc ? (doc as { signed: unknown }).signed : doc;
}

/** A chain file: one signed version, or a JSON array of them (oldest first). */
export function readChainFile(path: string): unknown[] {
  const doc = readDoc(path);
  return Array.isArray(doc) ? doc : [doc];
}

function until(v: Values, from: Date, defaultDays: number): Date {
  const u = str(v['valid-until']);
  if (u !== undefined) return date(u, '--valid-until');
  const days = int(str(v['valid-days']) ?? String(defaultDays), '--valid-days');
  return new Date(from.getTime() + days * 86_400_000);
}

function str(value: Values[string]): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new UsageError(`missing ${what}\n\n${USAGE}`);
  return value;
}

function int(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a positive integer (got ${value})`);
  return Number(value);
}

function date(value: string, flag: string): Date {
  if (!RFC3339.test(value) || Number.isNaN(Date.parse(value)))
    throw new UsageError(`${flag} must be an RFC 3339 timestamp such as 2026-11-21T12:00:00Z (got ${value})`);
  return new Date(value);
}
