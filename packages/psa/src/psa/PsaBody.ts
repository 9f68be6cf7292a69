// zod/mini (tree-shakable): this schema is on the offline verify path, which browsers bundle (docs/verify-in-browser.md).
import * as z from 'zod/mini';
import type { StageFinding } from '../screening/types.js';

/** DSSE payload type of a PSA, version 1. */
export const PSA_PAYLOAD_TYPE = 'application/vnd.jil.psa.v1+json';

const RFC3339 = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/));
const HEX64 = z.string().check(z.regex(/^[0-9a-f]{64}$/));
const INT = z.number().check(z.int());
const STATUS = z.enum(['pass', 'flag', 'fail', 'error']);

/**
 * The hash functions a `tx_preimage_hash` can name (docs/psa-format.md §Transaction binding): `sha256` = SHA-256
 * (FIPS 180-4) of the unsigned transaction bytes, the Tier 1 rule; `keccak256` = Keccak-256 (the pre-FIPS-202 padding
 * Ethereum uses) of the same bytes, which for an EIP-1559 transaction is its signing hash.
 */
export const TX_PREIMAGE_HASH_ALGS = ['sha256', 'keccak256'] as const;
/** One of {@link TX_PREIMAGE_HASH_ALGS}. */
export type TxPreimageHashAlg = (typeof TX_PREIMAGE_HASH_ALGS)[number];

/** Schema of a PSA v1 body (the DSSE payload). Checked by `verifyPsa` after the canonical-bytes check. */
export const PsaBodySchema = z.strictObject({
  psa_id: z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)),
  transit_id: z.string().check(z.minLength(1)),
  issued_at: RFC3339,
  expires_at: RFC3339,
  domain: z.strictObject({
    purpose: z.enum(['transfer', 'deposit_credit']),
    /** CAIP-2 chain id. */
    chain_id: z.string(),
    block_height: z.optional(z.strictObject({ min: INT, max: INT })),
  }),
  transfer: z
    .strictObject({
      source_address: z.string(),
      destination_address: z.string(),
      asset: z.string(),
      /** Native units, decimal string. */
      amount: z.string(),
      /** US dollars, decimal string with 2 decimals. */
      amount_usd: z.string(),
      sender_id: z.string(),
      receiver_id: z.string(),
      custodian_id: z.string(),
      exchange_id: z.optional(z.string()),
      tx_preimage_hash: z.optional(HEX64),
      /**
       * Which hash `tx_preimage_hash` is. Issued with every hash since issue 13; a body without it (older PSAs) means
       * `sha256`, the only rule before. Present only together with `tx_preimage_hash`.
       */
      tx_preimage_hash_alg: z.optional(z.enum(TX_PREIMAGE_HASH_ALGS)),
    })
    .check(
      z.refine((t) => t.tx_preimage_hash_alg === undefined || t.tx_preimage_hash !== undefined, {
        message: 'tx_preimage_hash_alg without tx_preimage_hash',
        path: ['tx_preimage_hash_alg'],
      }),
    ),
  findings: z
    .array(
      z.looseObject({
        stage: z.string(),
        status: STATUS,
        duration_ms: INT.check(z.minimum(0)),
        details: z.looseObject({ summary: z.string(), hits: z.array(z.unknown()) }),
      }),
    )
    .check(z.length(4)),
  verdict: z.enum(['pass', 'flag', 'fail']),
  verdict_reasons: z.array(z.string()),
  /** Risk stage score 0–100, or null when the risk stage errored. */
  risk_score: z.nullable(z.number().check(z.int(), z.minimum(0), z.maximum(100))),
  datasets: z.array(z.strictObject({ name: z.string(), source_date: z.string(), rows: INT, sha256: HEX64 })),
  snapshot_sha256: HEX64,
  matcher: z.strictObject({ name: z.string(), version: z.string(), threshold: z.number() }),
  fee: z.strictObject({ bps: INT, floor_usd: z.string(), amount_usd: z.string() }),
  validator_set: z.strictObject({ set_id: z.string(), version: INT, sha256: HEX64 }),
  /** Transparency-log index once the PSA is anchored; `null` until then. */
  log: z.nullable(z.strictObject({ index: z.number().check(z.int(), z.minimum(0)), tree_size: z.number().check(z.int(), z.minimum(1)) })),
});

/** A PSA v1 body. `findings` are the four {@link StageFinding}s in stage order. */
export type PsaBody = Omit<z.infer<typeof PsaBodySchema>, 'findings'> & { findings: StageFinding[] };
