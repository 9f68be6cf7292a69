import { z } from 'zod';
import { ERROR_CODES } from '@jil/core';
import { CHAIN_ID_SPELLINGS, PSA_PAYLOAD_TYPE, PsaBodySchema, TransferRequestSchema, ValidatorSetSchema } from '@jil/psa';
import { VerifyRequestSchema } from './routes/preclearance.js';
import { NewClearanceSchema, RevokeClearanceSchema } from './routes/clearances.js';
import { CreateAccessKeySchema, RevokeAccessKeySchema, RotateAccessKeySchema } from './routes/admin.js';

type Schema = Record<string, unknown>;

/**
 * A zod schema as JSON Schema 2020-12 without its `$schema` member (OpenAPI 3.1 components). `\d` in patterns becomes
 * `[0-9]`: the service's patterns are ECMAScript ones, where `\d` is ASCII only; other regex dialects (Python's,
 * used by fuzzers) read Unicode digits into it.
 */
function fromZod(schema: z.core.$ZodType, io: 'input' | 'output'): Schema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Schema;
  return JSON.parse(JSON.stringify(rest).replaceAll('\\\\d', '[0-9]')) as Schema;
}

const BASE58 = '[1-9A-HJ-NP-Za-km-z]';
const BECH32 = (hrp: string) => `${hrp}1[02-9ac-hj-np-z]{6,87}|${hrp.toUpperCase()}1[02-9AC-HJ-NP-Z]{6,87}`;
const exact = (ids: readonly string[]) => `^(${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;

/**
 * Which addresses go with which chain ids (`oneOf`: the chain id picks the branch). Every spelling of
 * `CHAIN_ID_SPELLINGS` is listed; checksums (EIP-55 for mixed case, Base58Check, bech32) are checked by the service.
 */
function chainFamilies(): Schema[] {
  const spellings = (canonical: string) => [canonical, ...(CHAIN_ID_SPELLINGS[canonical] ?? [])];
  const family = (title: string, chainPattern: string, addressPattern: string): Schema => ({
    title,
    properties: {
      chain_id: { pattern: chainPattern },
      source_address: { pattern: addressPattern },
      destination_address: { pattern: addressPattern },
    },
  });
  return [
    // EVM: all lower case, all upper case, or mixed case carrying the EIP-55 checksum.
    family('EVM', '^eip155:([1-9][0-9]{0,31}|0x[1-9a-fA-F][0-9a-fA-F]{0,25})$', '^0x([0-9a-f]{40}|[0-9A-F]{40}|[0-9a-fA-F]{40})$'),
    family('Bitcoin', exact(spellings('bip122:000000000019d6689c085ae165831e93')), `^([13]${BASE58}{25,34}|${BECH32('bc')})$`),
    family('Litecoin', exact(spellings('bip122:12a765e31ffd4059bada1e25190f6e98')), `^([LM3]${BASE58}{25,34}|${BECH32('ltc')})$`),
    family(
      'Bitcoin Cash',
      exact(spellings('bip122:000000000000000000651ef99cb9fcbf')),
      `^((bitcoincash:)?[qp][02-9ac-hj-np-z]{41}|[13]${BASE58}{25,34})$`,
    ),
    family('Tron', exact(spellings('tron:0x2b6653dc')), `^T${BASE58}{33}$`),
    family('Solana', exact(spellings('solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp')), `^${BASE58}{32,44}$`),
  ];
}

/**
 * What an address looks like on the chains JIL screens (the checksum is checked by the service, not expressible here):
 * EVM `0x` + 40 hex (EIP-55 checksum when mixed case); Base58 (Bitcoin/Litecoin legacy, Tron `T…`, Solana);
 * bech32/bech32m (`bc1…`, `ltc1…`, one case); CashAddr (`bitcoincash:q…` or without the prefix).
 */
export const ADDRESS_PATTERN =
  '^(0x[0-9a-fA-F]{40}|[1-9A-HJ-NP-Za-km-z]{25,44}|(bc1|ltc1)[02-9ac-hj-np-z]{6,87}|(BC1|LTC1)[02-9AC-HJ-NP-Z]{6,87}|' +
  '(bitcoincash:)?[qp][02-9ac-hj-np-z]{41})$';
const RFC3339 = { type: 'string', format: 'date-time' } as const;
const UUID = { type: 'string', format: 'uuid', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } as const;
const HEX64 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const BASE64 = { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' } as const;
const obj = (properties: Record<string, unknown>, required: string[] = Object.keys(properties), extra: Schema = {}): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
  ...extra,
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The transfer request with address patterns and the accepted chain-id spellings described. */
function transferRequest(acceptedChains: string): Schema {
  const schema = fromZod(TransferRequestSchema, 'input') as { properties: Record<string, Schema> };
  // The pattern per chain family is in the oneOf branches below; ADDRESS_PATTERN is their union.
  const address = (what: string) => ({
    ...schema.properties['source_address'],
    description:
      `${what}, in the chain's own format (the chain id picks it: see oneOf; any of ${ADDRESS_PATTERN}); checksums ` +
      `enforced: EIP-55 for mixed-case EVM, Base58Check, bech32/bech32m, CashAddr`,
  });
  schema.properties['source_address'] = address('Address the transfer leaves from');
  schema.properties['destination_address'] = address('Address the transfer goes to');
  schema.properties['chain_id'] = { ...schema.properties['chain_id'], description: `CAIP-2 chain id. ${acceptedChains}` };
  const example = {
    transit_id: 'wd-2026-11-21-000123',
    chain_id: 'eip155:1',
    asset: 'ETH',
    amount: '2.5',
    amount_usd: '8750.00',
    source_address: '0x0519035923133db8356bb16018454ebc751e4348',
    destination_address: '0x28C6c06298d514Db089934071355E5743bf21d60',
    sender: { id: 'acct-1001', name: 'Helvetia Digital Assets AG', type: 'organization', country: 'CH' },
    receiver: { id: 'acct-2002', type: 'organization', country: 'DE' },
    custodian_id: 'demo-custodian',
  };
  return {
    ...schema,
    examples: [example],
    oneOf: chainFamilies(),
    description:
      "The transfer to pre-clear. The chain id picks the address format (oneOf); eip155:728126428 (Tron's EVM chain id) is an EVM " +
      'chain id with 0x addresses.',
  };
}

/** The `components.schemas` of the OpenAPI document. */
export function openApiSchemas(acceptedChains: string): Record<string, Schema> {
  const validatorSet = fromZod(ValidatorSetSchema, 'output');
  return {
    Error: obj({
      error: obj({
        code: { type: 'string', enum: [...ERROR_CODES], description: 'docs/errors.md' },
        message: { type: 'string', description: 'Short, secret-free; never echoes the path or a credential.' },
        details: {
          type: 'object',
          description: 'Secret-free context; validation errors list every bad field in `fields` ([{ field, message, issue }]).',
          properties: {
            fields: {
              type: 'array',
              items: {
                type: 'object',
                properties: { field: { type: 'string' }, message: { type: 'string' }, issue: { type: 'string' } },
                required: ['field', 'message'],
              },
            },
          },
        },
      }),
    }),
    TransferRequest: transferRequest(acceptedChains),
    VerifyRequest: fromZod(VerifyRequestSchema, 'input'),
    DsseSignature: obj({ keyid: { type: 'string', minLength: 1 }, sig: BASE64 }),
    PsaEnvelope: obj(
      {
        payloadType: { type: 'string', const: PSA_PAYLOAD_TYPE },
        payload: BASE64,
        signatures: { type: 'array', minItems: 1, items: ref('DsseSignature') },
      },
      undefined,
      { description: 'The PSA as a DSSE envelope (docs/psa-format.md).' },
    ),
    SignedValidatorSet: obj(
      {
        payloadType: { type: 'string', const: 'application/vnd.jil.validator-set.v1+json' },
        payload: BASE64,
        signatures: { type: 'array', minItems: 1, items: ref('DsseSignature') },
      },
      undefined,
      { description: 'DSSE envelope whose payload is the RFC 8785 bytes of a ValidatorSet.' },
    ),
    ValidatorSet: validatorSet,
    PsaBody: fromZod(PsaBodySchema, 'output'),
    IssuedPsa: obj(
      {
        psa_id: UUID,
        verdict: { type: 'string', enum: ['pass', 'flag', 'fail'] },
        expires_at: RFC3339,
        log_index: {
          type: ['integer', 'null'],
          minimum: 0,
          description: "the PSA's entry index in the transparency log; null only when the service runs without its log (benchmark setting)",
        },
        envelope: ref('PsaEnvelope'),
        body: ref('PsaBody'),
        party_salts: obj({ sender: BASE64, receiver: BASE64 }, [], {
          description:
            'base64 of 32 random bytes per named party: the salts of the party commitments, for the custodian only; empty in a ' +
            'replay (never stored)',
        }),
        replayed: {
          type: 'boolean',
          const: true,
          description: 'present (true) when the same request was sent again for this transit_id: the stored PSA, status 200',
        },
      },
      ['psa_id', 'verdict', 'expires_at', 'log_index', 'envelope', 'body', 'party_salts'],
    ),
    VerifyResult: {
      oneOf: [
        obj({
          valid: { type: 'boolean', const: true },
          consumed: { type: 'boolean' },
          psa_id: UUID,
          verdict: { type: 'string', enum: ['pass', 'flag', 'fail'] },
          expires_at: RFC3339,
          signers: { type: 'integer', minimum: 0 },
          jurisdictions: { type: 'array', items: { type: 'string' } },
        }),
        obj(
          {
            valid: { type: 'boolean', const: false },
            check: { type: 'string' },
            code: { type: 'string', enum: [...ERROR_CODES] },
            message: { type: 'string' },
            psa_id: { type: 'string' },
          },
          ['valid', 'check', 'code', 'message'],
        ),
      ],
    },
    StoredPsa: obj({
      psa_id: UUID,
      verdict: { type: 'string', enum: ['pass', 'flag', 'fail'] },
      expires_at: RFC3339,
      consumed_at: { oneOf: [RFC3339, { type: 'null' }] },
      envelope: ref('PsaEnvelope'),
    }),
    LogProof: obj({
      psa_id: UUID,
      index: { type: 'integer', minimum: 0, description: "the PSA's entry index" },
      tree_size: { type: 'integer', minimum: 1, description: 'size of the checkpoint the proof leads to' },
      proof: {
        type: 'string',
        description: 'c2sp.org/tlog-proof@v1 text: index, inclusion proof hashes, the signed and cosigned checkpoint',
      },
    }),
    ValidatorSetResponse: obj({
      set_id: { type: 'string' },
      version: { type: 'integer', minimum: 1 },
      sha256: HEX64,
      signed: ref('SignedValidatorSet'),
    }),
    Datasets: obj({
      snapshot_sha256: HEX64,
      as_of: RFC3339,
      freshness_enforced: {
        type: 'boolean',
        description: 'true: a stage reading a stale list reports stale_list and the verdict is at least flag',
      },
      datasets: {
        type: 'array',
        items: obj(
          {
            name: { type: 'string' },
            title: { type: 'string' },
            source: { type: 'string' },
            source_date: { type: 'string' },
            rows: { type: 'integer', minimum: 0 },
            sha256: HEX64,
            age_days: { type: ['number', 'null'] },
            max_age_days: { type: ['number', 'null'] },
            stale: { type: 'boolean' },
            stage: { type: 'string' },
          },
          ['name', 'title', 'source', 'source_date', 'rows', 'sha256', 'age_days', 'max_age_days', 'stale'],
        ),
      },
    }),
    Evidence: obj({
      evidence: {
        type: 'array',
        items: obj(
          {
            id: { type: 'integer' },
            kind: { type: 'string', enum: ['bad_signature', 'wrong_key', 'equivocation', 'refusal'] },
            validator_id: { type: 'string' },
            keyid: { type: 'string' },
            custodian_id: { type: 'string' },
            transit_id: { type: 'string' },
            psa_id: { type: 'string' },
            code: { type: 'string' },
            message: { type: 'string' },
            details: { type: 'object' },
            payload_b64: BASE64,
            sig: { type: 'string' },
            other_payload_b64: BASE64,
            other_sig: { type: 'string' },
            observed_at: RFC3339,
          },
          ['id', 'kind', 'validator_id', 'custodian_id', 'transit_id', 'message', 'details', 'observed_at'],
        ),
      },
    }),
    NewClearance: fromZod(NewClearanceSchema, 'input'),
    RevokeClearance: fromZod(RevokeClearanceSchema, 'input'),
    Clearance: obj(
      {
        clearance_id: UUID,
        custodian_id: { type: 'string' },
        party_id: { type: 'string' },
        list: { type: 'string' },
        entry_id: { type: 'string' },
        party_name: { type: 'string' },
        cleared_by: { type: 'string' },
        reason: { type: 'string' },
        access_key_id: { type: 'string' },
        cleared_at: RFC3339,
        expires_at: RFC3339,
        revoked_at: { oneOf: [RFC3339, { type: 'null' }] },
        revoked_by: { type: ['string', 'null'] },
        revoke_reason: { type: ['string', 'null'] },
      },
      [
        'clearance_id',
        'custodian_id',
        'party_id',
        'list',
        'entry_id',
        'cleared_by',
        'reason',
        'access_key_id',
        'cleared_at',
        'revoked_at',
        'revoked_by',
        'revoke_reason',
      ],
    ),
    ClearanceOne: obj({ clearance: ref('Clearance') }),
    ClearanceList: obj({ clearances: { type: 'array', items: ref('Clearance') } }),
    ClearanceWithEvents: obj({
      clearance: ref('Clearance'),
      events: {
        type: 'array',
        items: obj({
          action: { type: 'string', enum: ['created', 'revoked'] },
          actor: { type: 'string' },
          access_key_id: { type: 'string' },
          reason: { type: 'string' },
          at: RFC3339,
        }),
      },
    }),
    Health: obj(
      {
        status: {
          type: 'string',
          enum: ['ok', 'catching_up'],
          description: 'catching_up while the node replays the event mesh (event_mesh.caught_up false); ok once converged',
        },
        version: { type: 'string', description: "the build's version (JIL_VERSION, set by the images); absent when unset" },
        snapshot_sha256: HEX64,
        datasets: { type: 'integer', minimum: 0 },
        validator_set: obj({ set_id: { type: 'string' }, version: { type: 'integer', minimum: 1 } }),
        event_mesh: obj({
          node_id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' },
          caught_up: { type: 'boolean' },
          outbox_unsent: { type: 'integer', minimum: 0, description: 'outbox rows not yet published by the relay' },
        }),
      },
      ['status', 'snapshot_sha256', 'datasets', 'validator_set'],
    ),
    CreateAccessKey: fromZod(CreateAccessKeySchema, 'input'),
    RotateAccessKey: fromZod(RotateAccessKeySchema, 'input'),
    RevokeAccessKey: fromZod(RevokeAccessKeySchema, 'input'),
    AccessKey: obj({
      access_key_id: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
      custodian_id: { type: 'string' },
      label: { type: 'string' },
      status: { type: 'string', enum: ['active', 'rotating', 'expired', 'revoked'] },
      created_at: RFC3339,
      expires_at: { oneOf: [RFC3339, { type: 'null' }] },
      revoked_at: { oneOf: [RFC3339, { type: 'null' }] },
      replaced_by: { type: ['string', 'null'] },
      rate_limit: {
        oneOf: [obj({ per_second: { type: 'number', exclusiveMinimum: 0 }, burst: { type: 'integer', minimum: 1 } }), { type: 'null' }],
      },
    }),
    IssuedAccessKey: obj({
      access_key: ref('AccessKey'),
      secret: { ...BASE64, description: 'base64 of the 32-byte HMAC secret, shown once; decode it before signing' },
    }),
    RotatedAccessKey: obj({ access_key: ref('AccessKey'), secret: BASE64, previous: ref('AccessKey') }),
    AccessKeyOne: obj({ access_key: ref('AccessKey') }),
    AccessKeyList: obj({ access_keys: { type: 'array', items: ref('AccessKey') } }),
    AccessKeyEvent: obj({
      id: { type: 'integer' },
      access_key_id: { type: 'string' },
      custodian_id: { type: 'string' },
      action: { type: 'string', enum: ['create', 'rotate', 'revoke', 'seal'] },
      actor: { type: 'string' },
      at: RFC3339,
      details: { type: 'object' },
    }),
    AccessKeyDetail: obj({ access_key: ref('AccessKey'), events: { type: 'array', items: ref('AccessKeyEvent') } }),
    AccessKeyEvents: obj({ events: { type: 'array', items: ref('AccessKeyEvent') } }),
  };
}
