import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { base64Decode, parseJson } from '@jil/core';
import {
  buildPsaBody,
  embeddedValidatorFromSeed,
  parseTransferRequest,
  PSA_PAYLOAD_TYPE,
  selectQuorum,
  verifyValidatorSetChain,
  type SignedValidatorSet,
} from '@jil/psa';
import { signDsse } from '@jil/core';
import { emptySnapshot } from '@jil/testkit';
import { runValidators } from './validators.js';
import { runVerify } from './verify.js';

/** Run `jil validators …` in-process; returns the exit code and everything printed. */
async function jil(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    const code =
      args[0] === 'verify-psa'
        ? await runVerify({ file: args[1], validatorSet: args[2], validatorSetChain: args.slice(3), now: undefined })
        : await runValidators(args);
    return { code, out: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe('jil validators (keygen, genesis, rotate, revoke, threshold, verify) and jil verify --validator-set-chain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jil-validators-'));
  const p = (name: string) => join(dir, name);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const seeds = () =>
    (
      parseJson(readFileSync(p('keys/validators.json'), 'utf8')) as {
        validators: { id: string; jurisdiction: string; seed: string; suite?: 'hybrid' }[];
      }
    ).validators;

  it('runs the lifecycle from the command line; secret keys stay in 0600 files and are never printed', async () => {
    const keygen = await jil(['keygen', '--out', p('keys')]);
    expect(keygen.code).toBe(0);
    expect(statSync(p('keys/validators.json')).mode & 0o777).toBe(0o600);
    expect((await jil(['keygen', '--out', p('keys')])).code).toBe(2);
    const genesis = await jil(['genesis', '--signers', p('keys/validators.json'), '--set-id', 'cli-set', '--out', p('v1.json')]);
    expect([genesis.code, genesis.out]).toEqual([0, expect.stringContaining('cli-set v1')]);
    // val-03 moves to the hybrid suite (ML-DSA-65 + Ed25519) with its rotation
    const newKey = await jil(['keygen', '--out', p('val03'), '--id', 'val-03', '--jurisdiction', 'GB/FCA', '--suite', 'hybrid']);
    expect([newKey.code, newKey.out]).toEqual([0, expect.stringContaining('alg=mldsa65-ed25519')]);
    const signers = ['--signers', p('keys/validators.json'), '--signers', p('val03/validators.json')];
    const steps = [
      await jil([
        'rotate',
        '--set',
        p('v1.json'),
        ...signers,
        '--validator',
        'val-03',
        '--public-key',
        p('val03/validators.public.json'),
        '--out',
        p('v2.json'),
      ]),
      await jil(['revoke', '--set', p('v2.json'), ...signers, '--validator', 'val-07', '--out', p('v3.json')]),
      await jil(['threshold', '--set', p('v3.json'), ...signers, '--threshold', '15', '--min-jurisdictions', '8', '--out', p('v4.json')]),
    ];
    expect(steps.map((s) => s.code)).toEqual([0, 0, 0]);
    const verified = await jil([
      'verify',
      '--validator-set',
      p('v1.json'),
      ...['v2', 'v3', 'v4'].flatMap((v) => ['--validator-set-chain', p(`${v}.json`)]),
    ]);
    expect([verified.code, verified.out]).toEqual([
      0,
      expect.stringMatching(/^VALID cli-set v4 .*threshold=15 min_jurisdictions=8 active=19/),
    ]);
    // a published chain file may hold the versions as one JSON array
    writeFileSync(p('chain.json'), JSON.stringify(['v2', 'v3', 'v4'].map((v) => parseJson(readFileSync(p(`${v}.json`), 'utf8')))));
    expect((await jil(['verify', '--validator-set', p('v1.json'), '--validator-set-chain', p('chain.json')])).code).toBe(0);
    const skipped = await jil([
      'verify',
      '--validator-set',
      p('v1.json'),
      '--validator-set-chain',
      p('v2.json'),
      '--validator-set-chain',
      p('v4.json'),
    ]);
    expect([skipped.code, skipped.out]).toEqual([1, expect.stringContaining('PSA_VALIDATOR_SET_CHAIN_BROKEN')]);
    const printed = [keygen, genesis, newKey, ...steps, verified].map((r) => r.out).join('\n');
    for (const s of [
      ...seeds(),
      ...(parseJson(readFileSync(p('val03/validators.json'), 'utf8')) as { validators: { seed: string }[] }).validators,
    ])
      expect(printed).not.toContain(s.seed);
  });

  it('refuses a next version that too few validators of the current one can sign', async () => {
    const few = p('few.json');
    writeFileSync(few, JSON.stringify({ validators: seeds().slice(0, 13) }), { mode: 0o600 });
    const r = await jil(['revoke', '--set', p('v1.json'), '--signers', few, '--validator', 'val-05', '--out', p('never.json')]);
    expect([r.code, r.out]).toEqual([1, expect.stringContaining('PSA_VALIDATOR_SET_CHAIN_QUORUM')]);
    expect(() => statSync(p('never.json'))).toThrow();
  });

  it('jil verify follows --validator-set-chain to the newest version', async () => {
    const chain = ['v2', 'v3', 'v4'].map((v) => p(`${v}.json`));
    const docs = [p('v1.json'), ...chain].map((f) => parseJson(readFileSync(f, 'utf8')) as SignedValidatorSet);
    const now = new Date();
    const v4 = verifyValidatorSetChain(docs[0], docs.slice(1), { now });
    // val-03's new (hybrid) key first, so that the quorum includes it
    const keys = [
      ...(
        parseJson(readFileSync(p('val03/validators.json'), 'utf8')) as {
          validators: { id: string; jurisdiction: string; seed: string; suite?: 'hybrid' }[];
        }
      ).validators,
      ...seeds(),
    ]
      .map((s) => embeddedValidatorFromSeed(s.id, s.jurisdiction, base64Decode(s.seed), { suite: s.suite ?? 'ed25519' }))
      .filter((k) => v4.byKeyId.has(k.keyid));
    const request = parseTransferRequest({
      transit_id: 'tx-cli',
      chain_id: 'eip155:1',
      asset: 'ETH',
      amount: '1',
      amount_usd: '3500.00',
      source_address: '0x0519035923133db8356bb16018454ebc751e4348',
      destination_address: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
      sender: { id: 'a-1' },
      receiver: { id: 'a-2' },
      custodian_id: 'cust-1',
    });
    const findings = (['endpoints', 'kyc', 'sanctions', 'risk'] as const).map((stage) => ({
      stage,
      status: 'pass' as const,
      duration_ms: 1,
      details: { summary: 'ok', hits: [], ...(stage === 'risk' ? { score: 1, signals: [] } : {}) },
    }));
    const body = buildPsaBody({
      request,
      findings,
      snapshot: emptySnapshot(),
      validatorSet: v4,
      matcher: { name: 't', version: '0', threshold: 0.9 },
      now,
    });
    const envelope = signDsse(PSA_PAYLOAD_TYPE, body, selectQuorum(keys, v4.set));
    expect(envelope.signatures.map((s) => base64Decode(s.sig).length).filter((n) => n === 3373)).toHaveLength(1); // val-03, hybrid
    writeFileSync(p('psa.json'), JSON.stringify(envelope));
    const ok = await jil(['verify-psa', p('psa.json'), p('v1.json'), ...chain]);
    expect([ok.code, ok.out]).toEqual([0, expect.stringMatching(/^VALID psa .* signers=15/)]);
    const pinOnly = await jil(['verify-psa', p('psa.json'), p('v1.json')]);
    expect([pinOnly.code, pinOnly.out]).toEqual([1, expect.stringContaining('INVALID validator_set_match PSA_VALIDATOR_SET_MISMATCH')]);
  });
});
