import { z } from 'zod';
import { ERROR_CODES } from '@jil/core';
import { TransferRequestSchema } from '@jil/psa';
import { VerifyRequestSchema } from './routes/preclearance.js';

const ErrorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', enum: [...ERROR_CODES] },
        message: { type: 'string' },
        details: { type: 'object', description: 'Secret-free context; validation errors list every bad field in `fields`.' },
      },
    },
  },
} as const;

const hmacHeaders = ['X-JIL-Access-Key-Id', 'X-JIL-Timestamp', 'X-JIL-Nonce', 'X-JIL-Signature'].map((name) => ({
  name,
  in: 'header',
  required: true,
  schema: { type: 'string' },
}));

const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]));

/** The OpenAPI 3.1 document of the pre-clearance API, served at `GET /openapi.json`. */
export function openApiDocument(bodyLimit: number): Record<string, unknown> {
  const json = (ref: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
  return {
    openapi: '3.1.0',
    info: {
      title: 'JIL pre-clearance API',
      version: '1.0.0',
      description: `Pre-Settlement Attestations (PSA). /v1 routes need HMAC request auth (docs/api.md). Bodies larger than ${bodyLimit} bytes are refused with REQUEST_TOO_LARGE.`,
    },
    paths: {
      '/v1/preclearance/validate': {
        post: {
          summary: 'Screen a transfer and issue a signed PSA',
          parameters: hmacHeaders,
          requestBody: { required: true, ...json('TransferRequest') },
          responses: { '201': { description: 'PSA issued (verdict pass, flag or fail)', ...json('IssuedPsa') }, ...errors(400, 401, 403, 409, 413, 415) },
        },
      },
      '/v1/preclearance/verify': {
        post: {
          summary: 'Verify a PSA against the service validator set; optionally consume it (single use)',
          parameters: hmacHeaders,
          requestBody: { required: true, ...json('VerifyRequest') },
          responses: { '200': { description: '`valid` true, or false with the failed `check` and its `code`', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors(400, 401, 409, 413, 415) },
        },
      },
      '/v1/preclearance/psa/{id}': {
        get: {
          summary: 'Fetch an issued PSA by id',
          parameters: [...hmacHeaders, { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { '200': { description: 'the stored PSA', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors(400, 401, 404) },
        },
      },
      '/v1/validator-set': {
        get: { summary: 'The signed validator set the service signs under', parameters: hmacHeaders, responses: { '200': { description: 'signed set', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors(401) } },
      },
      '/v1/datasets': {
        get: { summary: 'The datasets screened against: source, source date, rows, sha256, age, maximum age, stale', parameters: hmacHeaders, responses: { '200': { description: 'datasets and freshness', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors(401) } },
      },
      '/v1/screening/clearances': {
        post: { summary: 'Record that a list entry was reviewed and cleared as a false positive for a party (audited)', parameters: hmacHeaders, requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['party_id', 'list', 'entry_id', 'cleared_by', 'reason'] } } } }, responses: { '201': { description: 'clearance recorded', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors(400, 401, 409) } },
        get: { summary: "The custodian's clearances (?party_id, ?include_revoked=true)", parameters: hmacHeaders, responses: { '200': { description: 'clearances', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors(400, 401) } },
      },
      '/v1/screening/clearances/{id}': {
        get: { summary: 'A clearance and its audit events', parameters: [...hmacHeaders, { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }], responses: { '200': { description: 'clearance and events', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors(401, 404) } },
      },
      '/v1/screening/clearances/{id}/revoke': {
        post: { summary: 'Revoke a clearance (audited)', parameters: [...hmacHeaders, { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }], requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['revoked_by', 'reason'] } } } }, responses: { '200': { description: 'revoked', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors(400, 401, 404, 409) } },
      },
      '/health': { get: { summary: 'Liveness and snapshot identity', responses: { '200': { description: 'ok' } } } },
      '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
    },
    components: {
      schemas: {
        TransferRequest: z.toJSONSchema(TransferRequestSchema, { io: 'input', unrepresentable: 'any' }),
        VerifyRequest: z.toJSONSchema(VerifyRequestSchema, { io: 'input', unrepresentable: 'any' }),
        IssuedPsa: {
          type: 'object',
          required: ['psa_id', 'verdict', 'expires_at', 'envelope', 'body'],
          properties: {
            psa_id: { type: 'string' },
            verdict: { type: 'string', enum: ['pass', 'flag', 'fail'] },
            expires_at: { type: 'string', format: 'date-time' },
            envelope: { type: 'object', description: 'DSSE envelope, payloadType application/vnd.jil.psa.v1+json' },
            body: { type: 'object', description: 'the decoded PSA v1 body (docs/psa-format.md)' },
          },
        },
        Error: ErrorBody,
      },
    },
  };
}
