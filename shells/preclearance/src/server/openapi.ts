import { VERIFY_BODY_LIMIT_BYTES } from './routes/preclearance.js';
import { ACCEPTED_CHAIN_IDS_TEXT } from './acceptedChains.js';
import { openApiSchemas } from './openapiSchemas.js';

/** The four X-JIL headers together: one security requirement (every one of them must be sent). */
const HMAC = [{ JilAccessKeyId: [], JilTimestamp: [], JilNonce: [], JilSignature: [] }];
const ADMIN = [{ AdminBearer: [] }];

const json = (name: string, description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
});
const errorText: Record<number, string> = {
  400:
    'bad input (REQUEST_VALIDATION_FAILED with every bad field, REQUEST_MALFORMED_JSON, REQUEST_NUL_CHARACTER, ' +
    'REQUEST_MALFORMED_HTTP, INVALID_ARGUMENT)',
  401:
    'authentication failed (AUTH_*: missing or malformed header, unknown, revoked or expired key, bad signature, stale ' +
    'timestamp, replayed nonce)',
  403: 'AUTH_FORBIDDEN: the access key may not act for the named custodian',
  404: 'NOT_FOUND',
  405: 'REQUEST_METHOD_NOT_ALLOWED (Allow header)',
  409: 'conflict with stored state (CLEARANCE_CONFLICT, REQUEST_TRANSIT_ID_REUSED)',
  413: 'REQUEST_TOO_LARGE',
  414: 'REQUEST_URI_TOO_LONG',
  415: 'REQUEST_UNSUPPORTED_MEDIA_TYPE: send content-type application/json',
  429: 'REQUEST_RATE_LIMITED: wait Retry-After seconds',
  431: 'REQUEST_HEADERS_TOO_LARGE',
  503: 'temporarily unavailable (QUORUM_NOT_REACHED, QUORUM_NOT_MET)',
};
const RETRY_AFTER = {
  'Retry-After': { description: 'seconds until the access key has a token again', schema: { type: 'string', pattern: '^[0-9]+$' } },
};
/** Error responses in the documented shape; every operation also has `default` (any other status, same shape). */
const errors = (...statuses: number[]) =>
  Object.fromEntries([
    ...statuses.map((s) => [String(s), { ...json('Error', errorText[s] ?? 'error'), ...(s === 429 ? { headers: RETRY_AFTER } : {}) }]),
    ['default', json('Error', 'any other error, same shape (docs/errors.md)')],
  ]);
const HMAC_ERRORS = [400, 401, 414, 429, 431];
const body = (name: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } });
const uuidParam = (name: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
});
const keyIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,100}$' } };
/** The `<N>[.p/<W>]` part of a tile path: it spans several path segments, so it is described, not templated. */
const tileIndex = {
  name: 'index',
  in: 'path',
  required: true,
  description:
    'N in zero-padded 3-digit path elements, all but the last prefixed x (1234067 → x001/x234/067), then `.p/<W>` (W 1…255) for a ' +
    'partial tile; one spelling only',
  schema: { type: 'string', pattern: '^[0-9x./p]{3,100}$' },
} as const;
const headerText = (name: string, what: string) => ({
  type: 'apiKey',
  in: 'header',
  name,
  description: `${what} Part of JIL HMAC request auth: send all four X-JIL headers (docs/api.md §HMAC request auth).`,
});

/** The OpenAPI 3.1 document of the pre-clearance API, served at `GET /openapi.json`. */
export function openApiDocument(bodyLimit: number): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'JIL pre-clearance API',
      version: '1.1.0',
      description: [
        'Pre-Settlement Attestations (PSA). /v1 routes need HMAC request auth (docs/api.md §HMAC request auth: the secret is ' +
          'base64 of 32 bytes and is decoded before use; the canonical request and a test vector are there); /admin routes need ' +
          'the admin bearer token; /health, /openapi.json and the /log routes (the transparency log) are public.',
        `Bodies larger than ${bodyLimit} bytes (POST /v1/preclearance/verify: ${VERIFY_BODY_LIMIT_BYTES}, room for a hybrid PSA) ` +
          `are refused with REQUEST_TOO_LARGE. Each access key has a token bucket (default 100 requests/s, burst 200): 429 ` +
          `REQUEST_RATE_LIMITED with Retry-After.`,
        'With the lists bundled in the repository (stale) the service flags every screening that reads a stale list: every ' +
          'verdict is at least flag until the lists are refreshed (`jil ingest --from-official`) or the service runs with ' +
          '`--allow-stale-lists` (evaluation only).',
      ].join(' '),
    },
    servers: [{ url: '/', description: 'the service itself (jil serve: http://127.0.0.1:8787)' }],
    paths: {
      '/v1/preclearance/validate': {
        post: {
          operationId: 'validate',
          summary: 'Screen a transfer and issue a signed PSA (201); the same request again for a transit_id replays its PSA (200)',
          security: HMAC,
          requestBody: body('TransferRequest'),
          responses: {
            '201': json('IssuedPsa', 'PSA issued (verdict pass, flag or fail)'),
            '200': json('IssuedPsa', 'the same request was sent before for this transit_id: its PSA, replayed: true'),
            ...errors(...HMAC_ERRORS, 403, 409, 413, 415, 503),
          },
        },
      },
      '/v1/preclearance/verify': {
        post: {
          operationId: 'verify',
          summary: 'Verify a PSA against the service validator set; optionally consume it (single use)',
          security: HMAC,
          requestBody: body('VerifyRequest'),
          responses: {
            '200': json('VerifyResult', '`valid` true, or false with the failed `check` and its `code`'),
            ...errors(...HMAC_ERRORS, 413, 415),
          },
        },
      },
      '/v1/preclearance/psa/{id}': {
        get: {
          operationId: 'getPsa',
          summary: 'Fetch an issued PSA by id (the caller custodian only)',
          security: HMAC,
          parameters: [uuidParam('id')],
          responses: { '200': json('StoredPsa', 'the stored PSA'), ...errors(...HMAC_ERRORS, 404) },
        },
      },
      '/v1/preclearance/psa/{id}/proof': {
        get: {
          operationId: 'getPsaProof',
          summary:
            "The PSA's transparency-log inclusion proof (c2sp.org/tlog-proof) against the latest witnessed checkpoint " +
            '(docs/transparency-log.md)',
          security: HMAC,
          parameters: [uuidParam('id')],
          responses: {
            '200': json('LogProof', 'the proof; verify it offline with verifyPsa(envelope, { …, log: { proof, origin, logKey } })'),
            ...errors(...HMAC_ERRORS, 404),
          },
        },
      },
      '/v1/validator-set': {
        get: {
          operationId: 'getValidatorSet',
          summary: 'The signed validator set the service signs under (pin it out of band)',
          security: HMAC,
          responses: { '200': json('ValidatorSetResponse', 'signed set'), ...errors(...HMAC_ERRORS) },
        },
      },
      '/v1/validators/evidence': {
        get: {
          operationId: 'getValidatorEvidence',
          summary: "Distributed mode: evidence against validators for the caller's transfers, newest first; empty in embedded mode",
          security: HMAC,
          parameters: [
            {
              name: 'kind',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: ['bad_signature', 'wrong_key', 'equivocation', 'refusal'] },
            },
            { name: 'validator_id', in: 'query', required: false, schema: { type: 'string', minLength: 1, maxLength: 64 } },
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'string', pattern: '^[1-9][0-9]{0,2}$', description: 'integer 1–500 (default 100)' },
            },
          ],
          responses: { '200': json('Evidence', '{ evidence: [...] }'), ...errors(...HMAC_ERRORS) },
        },
      },
      '/v1/datasets': {
        get: {
          operationId: 'getDatasets',
          summary: 'The datasets screened against: source, source date, rows, sha256, age, maximum age, stale',
          security: HMAC,
          responses: { '200': json('Datasets', 'datasets and freshness'), ...errors(...HMAC_ERRORS) },
        },
      },
      '/v1/screening/clearances': {
        post: {
          operationId: 'createClearance',
          summary: 'Record that a list entry was reviewed and cleared as a false positive for a party (audited)',
          security: HMAC,
          requestBody: body('NewClearance'),
          responses: { '201': json('ClearanceOne', 'clearance recorded'), ...errors(...HMAC_ERRORS, 409, 413, 415) },
        },
        get: {
          operationId: 'listClearances',
          summary: "The custodian's clearances",
          security: HMAC,
          parameters: [
            { name: 'party_id', in: 'query', required: false, schema: { type: 'string', minLength: 1, maxLength: 256 } },
            { name: 'include_revoked', in: 'query', required: false, schema: { type: 'string', enum: ['true', 'false'] } },
          ],
          responses: { '200': json('ClearanceList', 'clearances'), ...errors(...HMAC_ERRORS) },
        },
      },
      '/v1/screening/clearances/{id}': {
        get: {
          operationId: 'getClearance',
          summary: 'A clearance and its audit events',
          security: HMAC,
          parameters: [uuidParam('id')],
          responses: { '200': json('ClearanceWithEvents', 'clearance and events'), ...errors(...HMAC_ERRORS, 404) },
        },
      },
      '/v1/screening/clearances/{id}/revoke': {
        post: {
          operationId: 'revokeClearance',
          summary: 'Revoke a clearance (audited)',
          security: HMAC,
          parameters: [uuidParam('id')],
          requestBody: body('RevokeClearance'),
          responses: { '200': json('ClearanceOne', 'revoked'), ...errors(...HMAC_ERRORS, 404, 409, 413, 415) },
        },
      },
      '/admin/v1/access-keys': {
        post: {
          operationId: 'createAccessKey',
          summary: 'Create an access key bound to one custodian; the secret is in this answer only',
          security: ADMIN,
          requestBody: body('CreateAccessKey'),
          responses: { '201': json('IssuedAccessKey', 'the key and its secret (shown once)'), ...errors(400, 401, 413, 415) },
        },
        get: {
          operationId: 'listAccessKeys',
          summary: 'Every access key (never a secret)',
          security: ADMIN,
          parameters: [
            { name: 'custodian_id', in: 'query', required: false, schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' } },
          ],
          responses: { '200': json('AccessKeyList', 'keys'), ...errors(400, 401) },
        },
      },
      '/admin/v1/access-keys/{id}': {
        get: {
          operationId: 'getAccessKey',
          summary: 'One access key and its audit events',
          security: ADMIN,
          parameters: [keyIdParam],
          responses: { '200': json('AccessKeyDetail', 'the key and its events'), ...errors(400, 401, 404) },
        },
      },
      '/admin/v1/access-keys/{id}/rotate': {
        post: {
          operationId: 'rotateAccessKey',
          summary: 'A new key for the same custodian; the old one stays valid for overlap_seconds (default 86 400)',
          security: ADMIN,
          parameters: [keyIdParam],
          requestBody: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/RotateAccessKey' } } } },
          responses: {
            '201': json('RotatedAccessKey', 'the new key, its secret (shown once) and the old key'),
            ...errors(400, 401, 404, 413, 415),
          },
        },
      },
      '/admin/v1/access-keys/{id}/revoke': {
        post: {
          operationId: 'revokeAccessKey',
          summary: 'Revoke an access key: refused from the next request on',
          security: ADMIN,
          parameters: [keyIdParam],
          requestBody: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/RevokeAccessKey' } } } },
          responses: { '200': json('AccessKeyOne', 'the revoked key'), ...errors(400, 401, 404, 413, 415) },
        },
      },
      '/admin/v1/access-key-events': {
        get: {
          operationId: 'listAccessKeyEvents',
          summary: 'The access-key audit table, newest first',
          security: ADMIN,
          parameters: [
            { name: 'access_key_id', in: 'query', required: false, schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' } },
          ],
          responses: { '200': json('AccessKeyEvents', 'events'), ...errors(400, 401) },
        },
      },
      '/log/checkpoint': {
        get: {
          operationId: 'getCheckpoint',
          summary:
            'The latest checkpoint (c2sp.org/tlog-checkpoint): signed by the log key, cosigned (cosignature/v1) by the validators ' +
            'as witnesses. Public; Cache-Control: no-cache, max-age=1',
          security: [],
          responses: {
            '200': { description: 'the signed checkpoint note', content: { 'text/plain; charset=utf-8': { schema: { type: 'string' } } } },
            ...errors(404),
          },
        },
      },
      '/log/key': {
        get: {
          operationId: 'getLogKey',
          summary:
            "The log's verifier key <origin>+<key id>+<base64(0x01 || public key)> and a newline (c2sp.org/signed-note). Public; " +
            'pin it out of band',
          security: [],
          responses: {
            '200': { description: 'verifier key', content: { 'text/plain; charset=utf-8': { schema: { type: 'string' } } } },
            ...errors(),
          },
        },
      },
      '/log/tile/{level}/{index}': {
        get: {
          operationId: 'getTile',
          summary:
            'A hash tile (c2sp.org/tlog-tiles): W hashes of 32 bytes at tree level 8·level. Public; Cache-Control: public, ' +
            'max-age=31536000, immutable',
          security: [],
          parameters: [
            {
              name: 'level',
              in: 'path',
              required: true,
              description: '0…63, no leading zero',
              schema: { type: 'integer', minimum: 0, maximum: 63 },
            },
            tileIndex,
          ],
          responses: {
            '200': { description: '32·W bytes', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
            ...errors(400, 404),
          },
        },
      },
      '/log/tile/entries/{index}': {
        get: {
          operationId: 'getEntryBundle',
          summary:
            'An entry bundle (c2sp.org/tlog-tiles): W entries, each a big-endian uint16 length then the RFC 8785 bytes of a PSA ' +
            'envelope. Public; Cache-Control: public, max-age=31536000, immutable',
          security: [],
          parameters: [tileIndex],
          responses: {
            '200': { description: 'the bundle', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
            ...errors(400, 404),
          },
        },
      },
      '/health': {
        get: {
          operationId: 'health',
          summary:
            'Liveness, snapshot identity and, in an event mesh, readiness: status catching_up until the node has applied what the ' +
            'topics held when it started',
          security: [],
          responses: { '200': json('Health', 'alive (ok, or catching_up while replaying the event mesh)'), ...errors() },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'This document',
          security: [],
          responses: {
            '200': {
              description: 'OpenAPI 3.1',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['openapi', 'info', 'paths', 'components'],
                    properties: {
                      openapi: { type: 'string', const: '3.1.0' },
                      info: { type: 'object', required: ['title', 'version'] },
                      servers: { type: 'array' },
                      paths: { type: 'object' },
                      components: { type: 'object' },
                    },
                  },
                },
              },
            },
            ...errors(),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        JilAccessKeyId: headerText('X-JIL-Access-Key-Id', 'The access key id.'),
        JilTimestamp: headerText('X-JIL-Timestamp', 'RFC 3339 UTC time of signing, within ±5 minutes of the server clock.'),
        JilNonce: headerText('X-JIL-Nonce', '16–64 characters of [A-Za-z0-9_-], never reused by the key within the window.'),
        JilSignature: headerText(
          'X-JIL-Signature',
          'base64(HMAC-SHA256(base64-decoded secret, canonical request)); the canonical request joins method, canonical path, ' +
            'sorted canonical query, timestamp, nonce and hex SHA-256 of the body with LF.',
        ),
        AdminBearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The admin token: JIL_ADMIN_TOKEN, or the file .jil/admin-token written at first run (docs/api.md §Access keys).',
        },
      },
      schemas: openApiSchemas(ACCEPTED_CHAIN_IDS_TEXT),
    },
  };
}
