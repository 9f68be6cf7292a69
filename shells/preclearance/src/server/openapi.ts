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

/** The `<N>[.p/<W>]` part of a tile path: it spans several path segments, so it is described, not templated. */
const tileIndex = {
  name: 'index',
  in: 'path',
  required: true,
  description: 'N in zero-padded 3-digit path elements, all but the last prefixed x (1234067 → x001/x234/067), then `.p/<W>` (W 1…255) for a partial tile; one spelling only',
  schema: { type: 'string' },
} as const;

/** The OpenAPI 3.1 document of the pre-clearance API, served at `GET /openapi.json`. */
export function openApiDocument(bodyLimit: number): Record<string, unknown> {
  const json = (ref: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
  return {
    openapi: '3.1.0',
    info: {
      title: 'JIL pre-clearance API',
      version: '1.0.0',
      description: `Pre-Settlement Attestations (PSA). /v1 routes need HMAC request auth (docs/api.md); the /log routes (the transparency log, docs/transparency-log.md) are public. Bodies larger than ${bodyLimit} bytes are refused with REQUEST_TOO_LARGE.`,
    },
    paths: {
      '/v1/preclearance/validate': {
        post: {
          summary: 'Screen a transfer and issue a signed PSA',
          parameters: hmacHeaders,
          requestBody: { required: true, ...json('TransferRequest') },
          responses: { '201': { description: 'PSA issued (verdict pass, flag or fail)', ...json('IssuedPsa') }, ...errors(400, 401, 403, 409, 413, 415, 503) },
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
      '/v1/preclearance/psa/{id}/proof': {
        get: {
          summary: "The PSA's transparency-log inclusion proof (c2sp.org/tlog-proof) against the latest witnessed checkpoint (docs/transparency-log.md)",
          parameters: [...hmacHeaders, { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': { description: 'the proof; verify it offline with verifyPsa(envelope, { …, log: { proof, origin, logKey } })', ...json('LogProof') },
            ...errors(400, 401, 404),
          },
        },
      },
      '/v1/validator-set': {
        get: { summary: 'The signed validator set the service signs under', parameters: hmacHeaders, responses: { '200': { description: 'signed set', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors(401) } },
      },
      '/v1/validators/evidence': {
        get: {
          summary: "Distributed mode: evidence against validators for the caller's transfers (bad_signature, wrong_key, equivocation with both signed bodies, refusal), newest first (?kind, ?validator_id, ?limit 1–500); empty in embedded mode",
          parameters: hmacHeaders,
          responses: { '200': { description: '{ evidence: [...] }', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors(400, 401) },
        },
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
      '/log/checkpoint': {
        get: {
          summary: 'The latest checkpoint (c2sp.org/tlog-checkpoint): signed by the log key, cosigned (cosignature/v1) by the validators as witnesses. Public; Cache-Control: no-cache, max-age=1',
          responses: { '200': { description: 'the signed checkpoint note', content: { 'text/plain; charset=utf-8': { schema: { type: 'string' } } } }, ...errors(404) },
        },
      },
      '/log/key': {
        get: {
          summary: "The log's verifier key <origin>+<key id>+<base64(0x01 || public key)> and a newline (c2sp.org/signed-note). Public; pin it out of band",
          responses: { '200': { description: 'verifier key', content: { 'text/plain; charset=utf-8': { schema: { type: 'string' } } } } },
        },
      },
      '/log/tile/{level}/{index}': {
        get: {
          summary: 'A hash tile (c2sp.org/tlog-tiles): W hashes of 32 bytes at tree level 8·level. Public; Cache-Control: public, max-age=31536000, immutable',
          parameters: [
            { name: 'level', in: 'path', required: true, description: '0…63, no leading zero', schema: { type: 'integer', minimum: 0, maximum: 63 } },
            tileIndex,
          ],
          responses: { '200': { description: '32·W bytes', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...errors(400, 404) },
        },
      },
      '/log/tile/entries/{index}': {
        get: {
          summary: 'An entry bundle (c2sp.org/tlog-tiles): W entries, each a big-endian uint16 length then the RFC 8785 bytes of a PSA envelope. Public; Cache-Control: public, max-age=31536000, immutable',
          parameters: [tileIndex],
          responses: { '200': { description: 'the bundle', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...errors(400, 404) },
        },
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
          required: ['psa_id', 'verdict', 'expires_at', 'log_index', 'envelope', 'body'],
          properties: {
            psa_id: { type: 'string' },
            verdict: { type: 'string', enum: ['pass', 'flag', 'fail'] },
            expires_at: { type: 'string', format: 'date-time' },
            log_index: { type: ['integer', 'null'], minimum: 0, description: "the PSA's entry index in the transparency log; null only when the service runs without its log (benchmark setting)" },
            envelope: { type: 'object', description: 'DSSE envelope, payloadType application/vnd.jil.psa.v1+json' },
            body: { type: 'object', description: 'the decoded PSA v1 body (docs/psa-format.md)' },
          },
        },
        LogProof: {
          type: 'object',
          required: ['psa_id', 'index', 'tree_size', 'proof'],
          properties: {
            psa_id: { type: 'string', format: 'uuid' },
            index: { type: 'integer', minimum: 0, description: "the PSA's entry index" },
            tree_size: { type: 'integer', minimum: 1, description: 'size of the checkpoint the proof leads to' },
            proof: { type: 'string', description: 'c2sp.org/tlog-proof@v1 text: index, inclusion proof hashes, the signed and cosigned checkpoint' },
          },
        },
        Error: ErrorBody,
      },
    },
  };
}
