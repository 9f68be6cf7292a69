/**
 * The browser verification page (docs/verify.html, served at /verify): paste or drop a PSA, a signed validator set
 * and optionally a tlog-proof; every check of `verifyPsa` is listed as passed, failed or not run, with its code and
 * message, and the decoded body is shown. It holds no state and sends nothing anywhere (the page's CSP forbids every
 * connection). Built by `scripts/build-verify-page.ts` into one self-contained HTML file that also works from disk.
 */
import { base64Decode, bytesToUtf8 } from '@jil/core';
import { PSA_CHECKS, verifyPsa, verifyValidatorSet, type VerifiedValidatorSet, type VerifyPsaResult } from '../src/index.js';

type Json = Record<string, unknown>;

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
};

/** A DOM element with text content (never innerHTML: every value shown comes from untrusted input). */
function el(tag: string, text?: string, attrs: Record<string, string> = {}, children: Node[] = []): HTMLElement {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.appendChild(c);
  return e;
}

function parseJsonField(id: string, label: string): unknown {
  const text = $<HTMLTextAreaElement>(id).value.trim();
  if (text === '') throw new InputError(`${label} is empty: paste it or drop its file on the field`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InputError(`${label} is not JSON`);
  }
}

class InputError extends Error {}

/** The envelope in a pasted PSA: the envelope itself, or the `validate` / `GET psa` answer holding it. */
function envelopeOf(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'envelope' in value) return (value as Json)['envelope'];
  return value;
}

/** The signed set in a pasted validator set: the envelope itself, or `GET /v1/validator-set`'s `{ signed }`. */
function signedSetOf(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'signed' in value && !('payload' in value)) return (value as Json)['signed'];
  return value;
}

/** The PSA body decoded without any check, to show what a failing PSA claims (marked unverified). */
function decodeBody(envelope: unknown): Json | undefined {
  try {
    const payload = (envelope as Json)['payload'];
    if (typeof payload !== 'string') return undefined;
    const body = JSON.parse(bytesToUtf8(base64Decode(payload))) as unknown;
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : undefined;
  } catch {
    return undefined;
  }
}

function showChecks(result: VerifyPsaResult, withLog: boolean): void {
  const list = $('checks');
  list.replaceChildren();
  const checks = PSA_CHECKS.filter((c) => withLog || c !== 'log_inclusion');
  const failedAt = result.valid ? -1 : checks.indexOf(result.check as (typeof checks)[number]);
  checks.forEach((check, i) => {
    const state = result.valid || i < failedAt ? 'passed' : i === failedAt ? 'failed' : 'not run';
    const item = el('li', undefined, { 'data-check': check, 'data-state': state }, [
      el('span', check, { class: 'check' }),
      el('span', ` — ${state}`, { class: `state ${state.replace(' ', '-')}` }),
    ]);
    if (!result.valid && i === failedAt) item.appendChild(el('div', `${result.code}: ${result.message}`, { class: 'detail' }));
    list.appendChild(item);
  });
}

function row(cells: string[], header = false): HTMLElement {
  return el(
    'tr',
    undefined,
    {},
    cells.map((c) => el(header ? 'th' : 'td', c, header ? { scope: 'col' } : {})),
  );
}

function hitText(hit: Json): string {
  const what =
    hit['kind'] === 'address'
      ? `${String(hit['role'])} ${String(hit['address'])} — ${String(hit['label'] ?? hit['category'])}`
      : hit['kind'] === 'name'
        ? `${String(hit['party'])} matches “${String(hit['matched_name'])}” (score ${String(hit['score'])})`
        : hit['kind'] === undefined
          ? String(hit['signal'] ?? '')
          : `${String(hit['kind'])} ${String(hit['code'] ?? '')}`;
  return what.trim();
}

function showBody(
  body: Json | undefined,
  verified: boolean,
  signers: { validator_id: string; jurisdiction: string; keyid: string }[],
): void {
  const section = $('body');
  section.replaceChildren();
  if (!body) {
    section.appendChild(el('p', 'The payload does not decode to a JSON body.'));
    return;
  }
  section.appendChild(el('h2', verified ? 'PSA body (verified)' : 'PSA body (NOT verified — do not rely on it)'));
  const transfer = (body['transfer'] ?? {}) as Json;
  const facts: [string, unknown][] = [
    ['Verdict', body['verdict']],
    ['Reasons', Array.isArray(body['verdict_reasons']) ? (body['verdict_reasons'] as unknown[]).join('; ') : ''],
    ['Risk score', body['risk_score']],
    ['PSA id', body['psa_id']],
    ['Transit id', body['transit_id']],
    ['Issued at', body['issued_at']],
    ['Expires at', body['expires_at']],
    ['Chain', (body['domain'] as Json | undefined)?.['chain_id']],
    ['Asset, amount', `${String(transfer['asset'])} ${String(transfer['amount'])} (USD ${String(transfer['amount_usd'])})`],
    ['Source', transfer['source_address']],
    ['Destination', transfer['destination_address']],
  ];
  section.appendChild(
    el(
      'dl',
      undefined,
      { id: 'facts' },
      facts.flatMap(([k, v]) => [el('dt', k), el('dd', String(v ?? ''), { 'data-fact': k })]),
    ),
  );
  const findings = Array.isArray(body['findings']) ? (body['findings'] as Json[]) : [];
  const table = el('table', undefined, { id: 'findings' }, [
    el('caption', 'Findings: every hit with its source list and list date'),
    row(['Stage', 'Status', 'Severity', 'Hit', 'List', 'List date', 'Reason'], true),
  ]);
  for (const f of findings) {
    const details = (f['details'] ?? {}) as Json;
    const hits = Array.isArray(details['hits']) ? (details['hits'] as Json[]) : [];
    if (hits.length === 0)
      table.appendChild(row([String(f['stage']), String(f['status']), '', String(details['summary'] ?? 'no hit'), '', '', '']));
    for (const h of hits)
      table.appendChild(
        row([
          String(f['stage']),
          String(f['status']),
          String(h['severity'] ?? ''),
          hitText(h),
          String(h['list'] ?? ''),
          String(h['list_date'] ?? ''),
          String(h['reason'] ?? ''),
        ]),
      );
  }
  section.appendChild(table);
  const datasets = Array.isArray(body['datasets']) ? (body['datasets'] as Json[]) : [];
  if (datasets.length > 0) {
    section.appendChild(
      el('table', undefined, { id: 'datasets' }, [
        el('caption', 'Lists screened against'),
        row(['List', 'Source date', 'Rows'], true),
        ...datasets.map((d) => row([String(d['name']), String(d['source_date']), String(d['rows'])])),
      ]),
    );
  }
  if (signers.length > 0) {
    section.appendChild(
      el('table', undefined, { id: 'signers' }, [
        el('caption', `Signers: ${signers.length} validators in ${new Set(signers.map((s) => s.jurisdiction)).size} jurisdictions`),
        row(['Validator', 'Jurisdiction', 'Key id'], true),
        ...signers.map((s) => row([s.validator_id, s.jurisdiction, `${s.keyid.slice(0, 16)}…`])),
      ]),
    );
  }
}

function verifyNow(): void {
  const status = $('result');
  status.className = '';
  $('checks').replaceChildren();
  $('body').replaceChildren();
  try {
    const envelope = envelopeOf(parseJsonField('psa', 'The PSA'));
    const signedSet = signedSetOf(parseJsonField('validator-set', 'The validator set'));
    const nowText = $<HTMLInputElement>('now').value.trim();
    const now = nowText === '' ? new Date() : new Date(nowText);
    if (Number.isNaN(now.getTime())) throw new InputError('The verification time is not an RFC 3339 time');
    const rawProof = $<HTMLTextAreaElement>('proof').value.replace(/\r\n/g, '\n');
    const proof = rawProof.trim() === '' ? '' : rawProof.endsWith('\n') ? rawProof : `${rawProof}\n`;
    const logKey = $<HTMLInputElement>('log-key').value.trim();
    if ((proof === '') !== (logKey === '')) throw new InputError('An inclusion proof needs the log key, and the log key a proof');
    const log =
      proof === ''
        ? undefined
        : { proof, origin: logKey.split('+')[0] ?? '', logKey, requireWitnesses: $<HTMLInputElement>('require-witnesses').checked };
    const result = verifyPsa(envelope, { validatorSet: signedSet as never, now, ...(log ? { log } : {}) });
    showChecks(result, log !== undefined);
    let signers: { validator_id: string; jurisdiction: string; keyid: string }[] = [];
    if (result.valid) signers = result.signers;
    showBody(decodeBody(envelope), result.valid, signers);
    status.className = result.valid ? 'valid' : 'invalid';
    status.textContent = result.valid
      ? `VALID: ${String(result.body.verdict).toUpperCase()} PSA ${result.body.psa_id}, signed by ${result.signers.length} ` +
        `validators in ${result.jurisdictions.length} jurisdictions, checked at ${now.toISOString()}`
      : `INVALID: check ${result.check} failed — ${result.code}: ${result.message}`;
    // The set's own facts, for the reader (verifyPsa already checked it; a failure here is shown by the checks).
    try {
      const set: VerifiedValidatorSet = verifyValidatorSet(signedSet as never, { now });
      $('set-facts').textContent =
        `Validator set ${set.set.set_id} v${set.set.version}: threshold ${set.set.threshold} of ${set.set.validators.length}, at ` +
        `least ${set.set.min_jurisdictions} jurisdictions, sha256 ${set.sha256.slice(0, 16)}…`;
    } catch {
      $('set-facts').textContent = 'The validator set does not verify.';
    }
  } catch (error) {
    status.className = 'invalid';
    status.textContent =
      error instanceof InputError
        ? `Cannot verify: ${error.message}`
        : `Cannot verify: ${error instanceof Error ? error.message : 'bad input'}`;
  }
  status.focus();
}

/** Dropping a file on a field (or choosing it) puts its text there. */
function acceptFiles(fieldId: string, pickerId: string): void {
  const field = $<HTMLTextAreaElement>(fieldId);
  const load = (file: File | undefined) => {
    if (file) void file.text().then((text) => (field.value = text));
  };
  field.addEventListener('dragover', (e) => e.preventDefault());
  field.addEventListener('drop', (e) => {
    e.preventDefault();
    load(e.dataTransfer?.files[0]);
  });
  $<HTMLInputElement>(pickerId).addEventListener('change', (e) => load((e.target as HTMLInputElement).files?.[0]));
}

acceptFiles('psa', 'psa-file');
acceptFiles('validator-set', 'validator-set-file');
acceptFiles('proof', 'proof-file');
$('verify-form').addEventListener('submit', (e) => {
  e.preventDefault();
  verifyNow();
});
