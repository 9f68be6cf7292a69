/**
 * The closed list of JIL error codes. Every `JilError` carries exactly one of these.
 * `docs/errors.md` documents each code; a test keeps the two in step.
 *
 * Group prefixes: CANONICAL_/JSON_ (RFC 8785 / I-JSON), DSSE_, ED25519 key and argument errors,
 * AUTH_ (HMAC request auth), REQUEST_ (HTTP input), DATASET_ (ingest), STAGE_ (screening),
 * PSA_ (attestation build and verification, one code per verification check), STORAGE_, CLIENT_ (SDK),
 * FROST_ (@jil/mpc), FLEET_ (fleet control plane: release and command verification, registry, engine),
 * TLOG_ (transparency log: notes, checkpoints, proofs, tiles), VALIDATOR_ (a validator refusing a proposed PSA body),
 * EVENT_ (event mesh: envelope decoding and applying events), BRIDGE_ (Ethereum bridge: RPC, proofs, guardian signatures,
 * contract calls), LEDGER_ (the JIL ledger's credits, wraps and withdrawals).
 */
export const ERROR_CODES = [
  // generic
  'INVALID_ARGUMENT',
  'INTERNAL',
  'CONFIG_INVALID',
  'NOT_FOUND',
  // RFC 8785 canonical JSON / I-JSON (RFC 7493)
  'CANONICAL_NON_FINITE_NUMBER',
  'CANONICAL_UNSAFE_INTEGER',
  'CANONICAL_UNSUPPORTED_TYPE',
  'CANONICAL_LONE_SURROGATE',
  'CANONICAL_NOT_PLAIN_OBJECT',
  'CANONICAL_CYCLE',
  'JSON_PARSE_ERROR',
  'JSON_DUPLICATE_KEY',
  // DSSE
  'DSSE_MALFORMED',
  // keys and signatures
  'KEY_INVALID',
  // HMAC request authentication
  'AUTH_MISSING_HEADER',
  'AUTH_MALFORMED_HEADER',
  'AUTH_UNKNOWN_KEY',
  'AUTH_BAD_SIGNATURE',
  'AUTH_STALE_TIMESTAMP',
  'AUTH_REPLAYED_NONCE',
  'AUTH_FORBIDDEN',
  // HTTP request input
  'REQUEST_MALFORMED_JSON',
  'REQUEST_TOO_LARGE',
  'REQUEST_UNSUPPORTED_MEDIA_TYPE',
  'REQUEST_VALIDATION_FAILED',
  // datasets and ingest
  'DATASET_NOT_FOUND',
  'DATASET_PARSE_ERROR',
  // screening
  'STAGE_TIMEOUT',
  'STAGE_ERROR',
  'QUORUM_NOT_MET',
  // PSA verification: one code per check, in the order verifyPsa runs them
  'PSA_ENVELOPE_MALFORMED',
  'PSA_PAYLOAD_TYPE',
  'PSA_NOT_CANONICAL',
  'PSA_BODY_INVALID',
  'PSA_VALIDATOR_SET_INVALID',
  'PSA_VALIDATOR_SET_MISMATCH',
  'PSA_UNKNOWN_SIGNER',
  'PSA_INACTIVE_SIGNER',
  'PSA_DUPLICATE_SIGNER',
  'PSA_BAD_SIGNATURE',
  'PSA_THRESHOLD_NOT_MET',
  'PSA_JURISDICTIONS_NOT_MET',
  'PSA_NOT_YET_VALID',
  'PSA_EXPIRED',
  'PSA_TRANSFER_MISMATCH',
  'PSA_PREIMAGE_MISMATCH',
  'PSA_DOMAIN_MISMATCH',
  'PSA_CONSUMED',
  // storage
  'STORAGE_ERROR',
  // SDK client
  'CLIENT_TIMEOUT',
  'CLIENT_NETWORK',
  'CLIENT_HTTP',
  // FROST threshold signing (@jil/mpc, RFC 9591); blame is data: `details.culprits`
  'FROST_INVALID_ENCODING',
  'FROST_PROTOCOL_ERROR',
  'FROST_INVALID_SHARE',
  'FROST_INVALID_KEY_SHARE',
  'FROST_NONCE_REUSE',
  'KEYSTORE_DECRYPT_FAILED',
  'TIER1_VERDICT_NOT_PASS',
  // fleet control plane (@jil/fleet, HQ and update agent)
  'FLEET_ENVELOPE_INVALID',
  'FLEET_SIGNATURE_INVALID',
  'FLEET_IMAGE_UNSIGNED',
  'FLEET_DIGEST_MISMATCH',
  'FLEET_APPROVALS_NOT_MET',
  'FLEET_RELEASE_EXPIRED',
  'FLEET_RELEASE_ROLLBACK',
  'FLEET_COMMAND_EXPIRED',
  'FLEET_COMMAND_REPLAYED',
  'FLEET_NODE_MISMATCH',
  'FLEET_NODE_REVOKED',
  'FLEET_CERTIFICATE_INVALID',
  'FLEET_STATE_CONFLICT',
  'FLEET_REGISTRY_ERROR',
  'FLEET_ENGINE_ERROR',
  'FLEET_SELF_UPDATE_REFUSED',
  'FLEET_AUDIT_CHAIN_BROKEN',
  // sanctions screening: false-positive clearances
  'CLEARANCE_CONFLICT',
  // ingest from the official list URLs
  'DATASET_DOWNLOAD_FAILED',
  // transparency log (core/tlog: C2SP signed notes, checkpoints, tiles, tlog-proof; RFC 9162 proofs)
  'TLOG_MALFORMED',
  'TLOG_UNKNOWN_ORIGIN',
  'TLOG_NOTE_UNVERIFIED',
  'TLOG_BAD_SIGNATURE',
  'TLOG_WITNESS_THRESHOLD_NOT_MET',
  'TLOG_INCLUSION_INVALID',
  'TLOG_CONSISTENCY_INVALID',
  'TLOG_TILE_INVALID',
  'TLOG_CHECKPOINT_ROLLBACK',
  'TLOG_CHECKPOINT_FORK',
  'TLOG_ENTRY_TOO_LARGE',
  'PSA_LOG_INCLUSION',
  // validator-set lifecycle: following a chain of versions from the pinned one (verifyValidatorSetChain)
  'PSA_VALIDATOR_SET_CHAIN_BROKEN',
  'PSA_VALIDATOR_SET_CHAIN_QUORUM',
  'PSA_VALIDATOR_SET_CHAIN_VALIDITY',
  // distributed validators: a validator's refusal to sign a proposed PSA body, and the coordinator's quorum
  'VALIDATOR_PROPOSAL_INVALID',
  'VALIDATOR_SNAPSHOT_MISMATCH',
  'VALIDATOR_STALE_LISTS',
  'VALIDATOR_FINDINGS_DIFFER',
  'VALIDATOR_EQUIVOCATION_REFUSED',
  'QUORUM_NOT_REACHED',
  // HTTP edge (issue 13): what Fastify and Node raise themselves, NUL characters, rate limits, transit_id reuse
  'REQUEST_NUL_CHARACTER',
  'REQUEST_METHOD_NOT_ALLOWED',
  'REQUEST_URI_TOO_LONG',
  'REQUEST_HEADERS_TOO_LARGE',
  'REQUEST_MALFORMED_HTTP',
  'REQUEST_RATE_LIMITED',
  'REQUEST_TRANSIT_ID_REUSED',
  // access-key administration (admin API and `jil keys`)
  'AUTH_ADMIN_TOKEN_INVALID',
  // Fireblocks API Co-Signer callback (shells/fireblocks-callback): the co-signer's request JWT, replays
  'FIREBLOCKS_JWT_INVALID',
  'FIREBLOCKS_REQUEST_REPLAYED',
  // event mesh (@jil/core/events and the preclearance node's consumer): events refused or parked in the dead-letter table
  'EVENT_INVALID',
  'EVENT_NOT_CANONICAL',
  'EVENT_TOO_LARGE',
  'EVENT_APPLY_FAILED',
  'EVENT_SOURCE_SPOOFED',
  'EVENT_SEQUENCE_REGRESSED',
  // Ethereum bridge (@jil/bridge, validators' deposit attestations, the relayer) and the JIL ledger
  'BRIDGE_RPC_FAILED',
  'BRIDGE_NOT_CONFIRMED',
  'BRIDGE_BLOCK_MISMATCH',
  'BRIDGE_PROOF_INVALID',
  'BRIDGE_DEPOSIT_MISMATCH',
  'BRIDGE_ATTESTATION_INVALID',
  'BRIDGE_QUORUM_NOT_MET',
  'BRIDGE_CONTRACT_REVERTED',
  'BRIDGE_WITHDRAWAL_UNKNOWN',
  'LEDGER_INSUFFICIENT_FUNDS',
  'LEDGER_ASSET_UNKNOWN',
  'LEDGER_CONFLICT',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Type guard: `true` when `value` is one of {@link ERROR_CODES}.
 * @example
 * import { isErrorCode } from '@jil/core';
 * isErrorCode(body.error?.code); // narrows to ErrorCode
 */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
