import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64Encode, canonicalBytes, isJilError, pae, sha256Hex } from '@jil/core';
import {
  createPreclearanceEngine,
  generateEmbeddedValidators,
  MemoryRiskHistoryStore,
  parseTransferRequest,
  PSA_PAYLOAD_TYPE,
  signValidatorSet,
  validatorSetFor,
  verifyPsa,
  verifyValidatorSet,
  type PsaBody,
  type ValidatorReply,
} from '@jil/psa';
import { emptySnapshot } from '@jil/testkit';
import { openPglite, type Db } from '@jil/server-kit';
import { EvidenceRepository } from '../storage/EvidenceRepository.js';
import { migratePreclearance } from '../storage/migratePreclearance.js';
import { createDistributedIssuer } from './createDistributedIssuer.js';
import type { ProposalToSign } from './createHttpValidatorTransport.js';

// The coordinator's round logic with validators played in process (the HTTP transport and the validator processes:
// tests/e2e/distributedValidators.test.ts).
const validators = generateEmbeddedValidators(20);
const byId = new Map(validators.map((v) => [v.id, v]));
const now = new Date();
const signedSet = signValidatorSet(
  validatorSetFor({
    validators,
    setId: 'issuer-test',
    validFrom: new Date(now.getTime() - 60_000),
    validUntil: new Date(now.getTime() + 86_400_000),
  }),
  validators,
);
const engine = createPreclearanceEngine({
  snapshot: emptySnapshot(),
  validatorSet: verifyValidatorSet(signedSet, { now }),
  validators,
  riskHistory: new MemoryRiskHistoryStore(),
});
const request = (transit: string, amount = '100.00') =>
  parseTransferRequest({
    transit_id: transit,
    chain_id: 'eip155:1',
    asset: 'ETH',
    amount: '1',
    amount_usd: amount,
    source_address: '0x0519035923133db8356bb16018454ebc751e4348',
    destination_address: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
    sender: { id: 's' },
    receiver: { id: 'r' },
    custodian_id: 'cust-a',
  });

type Behaviour = 'sign' | 'down' | 'garbage' | 'equivocate';
const behaviour = new Map<string, Behaviour>();
/** What each honest validator signed, per transit_id (their journal). */
const journals = new Map<string, Map<string, string>>();
const transport =
  (p: ProposalToSign) =>
  async (v: { id: string }): Promise<ValidatorReply> => {
    const b = behaviour.get(v.id) ?? 'sign';
    const me = byId.get(v.id)!;
    if (b === 'down') return { kind: 'unreachable', message: 'ECONNREFUSED' };
    if (b === 'garbage') return { kind: 'signature', keyid: me.keyid, sig: base64Encode(new Uint8Array(64).fill(1)) };
    const bytes = canonicalBytes(p.proposal);
    const journal = journals.get(v.id) ?? new Map<string, string>();
    journals.set(v.id, journal);
    const before = journal.get(p.proposal.transit_id);
    if (before !== undefined && before !== sha256Hex(bytes) && b !== 'equivocate')
      return {
        kind: 'refused',
        code: 'VALIDATOR_EQUIVOCATION_REFUSED',
        message: 'already signed another body',
        details: { field: 'transit_id' },
      };
    journal.set(p.proposal.transit_id, sha256Hex(bytes));
    return { kind: 'signature', keyid: me.keyid, sig: base64Encode(me.sign(pae(PSA_PAYLOAD_TYPE, bytes))) };
  };
const logs: Array<{ level: string; obj: Record<string, unknown>; msg: string }> = [];
const log = Object.fromEntries(
  ['warn', 'info', 'error', 'debug', 'trace', 'fatal'].map((level) => [
    level,
    (obj: Record<string, unknown>, msg: string) => void logs.push({ level, obj, msg }),
  ]),
) as unknown as FastifyBaseLogger;
const ctx = { custodianId: 'cust-a', log };

let db: Db;
let evidence: EvidenceRepository;
beforeAll(async () => {
  db = await openPglite();
  await migratePreclearance(db);
  evidence = new EvidenceRepository(db);
});
afterAll(async () => db?.close());

const issuer = () => createDistributedIssuer({ engine, transport, evidence, deadlineMs: 2000 });
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(isJilError(e, 'QUORUM_NOT_REACHED')).toBe(true);
  return e as { details: Record<string, any> };
};

describe('createDistributedIssuer', () => {
  it('issues the proposal with the signatures of a quorum; the PSA verifies offline', async () => {
    behaviour.clear();
    const { envelope, body } = await issuer().issue(request('i-1'), new Date(), ctx);
    expect(verifyPsa(envelope, { validatorSet: signedSet, now: new Date(body.issued_at) })).toMatchObject({ valid: true });
  });

  it(
    'below the quorum: QUORUM_NOT_REACHED naming every failure; the same request again within the window gets the same body and ' +
      'is issued',
    async () => {
      const i = issuer();
      for (const n of [1, 2, 3, 4, 5, 6, 7]) behaviour.set(`val-0${n}`, 'down');
      const e = await failure(i.issue(request('i-2'), new Date(), ctx));
      expect(e.details).toMatchObject({ transit_id: 'i-2', threshold: 14, min_jurisdictions: 7, signed: 13, jurisdictions: 13 });
      expect(e.details['failures']).toHaveLength(7);
      expect(e.details['failures'][0]).toEqual({
        validator_id: 'val-01',
        jurisdiction: 'CH/FINMA',
        reason: 'unreachable',
        message: 'ECONNREFUSED',
      });
      behaviour.clear();
      const issued = await i.issue(request('i-2'), new Date(), ctx);
      expect(issued.body.psa_id).toBe(e.details['psa_id']);
      expect(issued.envelope.signatures.length).toBeGreaterThanOrEqual(14);
      expect(verifyPsa(issued.envelope, { validatorSet: signedSet, now: new Date(issued.body.issued_at) })).toMatchObject({ valid: true });
      await i.flush();
      expect(await evidence.list('cust-a', { kind: 'equivocation' })).toEqual([]);
    },
  );

  it('a changed request for the same transit_id is a second body: the validators that signed the first refuse it', async () => {
    const i = issuer();
    for (const n of [1, 2, 3, 4, 5, 6, 7]) behaviour.set(`val-0${n}`, 'down');
    await failure(i.issue(request('i-3'), new Date(), ctx));
    behaviour.clear();
    const refused = await failure(i.issue(request('i-3', '101.00'), new Date(), ctx));
    expect(refused.details['failures'].filter((f: { code?: string }) => f.code === 'VALIDATOR_EQUIVOCATION_REFUSED')).toHaveLength(13);
    const reproposing = createDistributedIssuer({ engine, transport, evidence, deadlineMs: 2000, reproposeWithinMs: 0 });
    for (const n of [1, 2, 3, 4, 5, 6, 7]) behaviour.set(`val-0${n}`, 'down');
    await failure(reproposing.issue(request('i-5'), new Date(), ctx));
    behaviour.clear();
    await failure(reproposing.issue(request('i-5'), new Date(), ctx)); // re-proposal disabled: a new body, refused
    await i.flush();
    await reproposing.flush();
  });

  it('stores evidence after the round: a bad signature, refusals, and equivocation with both signed bodies (ALERT logged)', async () => {
    const i = issuer();
    behaviour.clear();
    behaviour.set('val-05', 'garbage');
    behaviour.set('val-06', 'equivocate');
    const first = await i.issue(request('i-4'), new Date(), ctx);
    await i.flush();
    const bad = (await evidence.list('cust-a', { kind: 'bad_signature' })).find((x) => x.psa_id === first.body.psa_id);
    expect(bad).toMatchObject({
      validator_id: 'val-05',
      code: 'PSA_BAD_SIGNATURE',
      payload_b64: first.envelope.payload,
      transit_id: 'i-4',
    });
    await failure(i.issue(request('i-4', '102.00'), new Date(), ctx));
    await i.flush();
    const [eq] = await evidence.list('cust-a', { kind: 'equivocation' });
    expect(eq).toMatchObject({ validator_id: 'val-06', transit_id: 'i-4', other_payload_b64: first.envelope.payload });
    const second = JSON.parse(Buffer.from(eq!.payload_b64!, 'base64').toString('utf8')) as PsaBody;
    expect([second.transit_id, second.psa_id === first.body.psa_id]).toEqual(['i-4', false]);
    expect(logs.some((l) => l.level === 'warn' && l.obj['alert'] === 'validator_equivocation' && l.obj['validator_id'] === 'val-06')).toBe(
      true,
    );
    expect((await evidence.list('cust-a', { kind: 'refusal', validator_id: 'val-01' }))[0]).toMatchObject({
      code: 'VALIDATOR_EQUIVOCATION_REFUSED',
      transit_id: 'i-4',
    });
  });
});
