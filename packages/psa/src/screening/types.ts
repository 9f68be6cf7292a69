import type { AddressCategory, RowProvenance, Snapshot } from '../datasets/types.js';
import type { StaleList } from './freshness/listFreshness.js';
import type { ClearanceStore } from './clearance/ClearanceStore.js';
import type { TransferRequest } from '../schema/transferRequest.js';
import type { PartySalts } from './sanctions/partyCommitment.js';

/** The four screening stages, in the order findings are listed. */
export const STAGE_NAMES = ['endpoints', 'kyc', 'sanctions', 'risk'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/**
 * Outcome of one stage. `fail` = hard stop; `flag` = needs review (fails closed to a `flag` verdict);
 * `error` = the stage errored or missed its deadline (verdict fails closed to `flag`).
 */
export type StageStatus = 'pass' | 'flag' | 'fail' | 'error';

/** Common fields of every hit: what was found and where the data came from. */
interface HitBase {
  /** `hard` fails the transfer, `flag` needs review, `info` is informational only. */
  severity: 'hard' | 'flag' | 'info';
  /** Dataset name, e.g. `ofac-sdn`. */
  list: string;
  /** The list's source date, `YYYY-MM-DD`. */
  list_date: string;
  provenance: RowProvenance;
  /** One human sentence a compliance officer can read. */
  reason: string;
}

/** Endpoints stage: a source or destination address is listed. */
export interface AddressHit extends HitBase {
  kind: 'address';
  /** Which end of the transfer. */
  role: 'source' | 'destination';
  /** Display form (EVM: EIP-55). */
  address: string;
  category: AddressCategory;
  label: string;
}

/** Sanctions stage: a party name matches a list entry. */
export interface NameHit extends HitBase {
  kind: 'name';
  party: 'sender' | 'receiver';
  /**
   * Salted commitment to the screened party name (never the name itself): `partyCommitment(salt, party, name)`,
   * docs/psa-format.md §Party commitments. The salt goes to the custodian only, beside the PSA.
   */
  party_commitment: string;
  entry_id: string;
  /** The entry's primary name. */
  matched_name: string;
  /** The name or alias that matched (may equal `matched_name`). */
  matched_alias: string;
  schema: string;
  programs: string[];
  /** Calibrated score in [0, 1]. */
  score: number;
  /** Per-feature scores that made up `score`. */
  breakdown: Record<string, number>;
  /** Set when a recorded false-positive clearance suppressed this hit (severity is then `info`). */
  cleared?: { clearance_id: string; cleared_by: string; cleared_at: string; reason: string };
}

/** KYC stage: corridor, IBAN, BIC or EDD findings. */
export interface KycHit extends HitBase {
  kind: 'corridor' | 'iban' | 'bic' | 'edd';
  party?: 'sender' | 'receiver';
  /** ISO 3166-1 alpha-2 when the hit concerns a country. */
  country?: string;
  /** Machine-readable reason, e.g. `fatf_call_for_action`, `iban_checksum`. */
  code: string;
}

/** Risk stage: one contributing signal. */
export interface RiskSignal {
  /** e.g. `amount_zscore`, `velocity_60s`, `novel_destination`, `large_transfer`, `graph_distance`, `suspicious_suffix`. */
  signal: string;
  /** Points this signal adds to the 0–100 score. */
  points: number;
  /** The measured value behind it (z-score, count, USD …) as a string or number. */
  value: number | string;
  reason: string;
}

export type Hit = AddressHit | NameHit | KycHit;

/** What a stage returns (the runner adds `stage`, `status` on error, and `duration_ms`). */
export interface StageOutput {
  status: Exclude<StageStatus, 'error'>;
  /** One-line summary for the table view. */
  summary: string;
  hits: Hit[];
  /** Risk stage only: the 0–100 score and its signals. */
  score?: number;
  signals?: RiskSignal[];
  /** Lists this stage screened against that are older than their maximum age (code `stale_list`); status is then at least `flag`. */
  stale_lists?: StaleList[];
}

/** A stage's finding as it appears in the PSA body. */
export interface StageFinding {
  stage: StageName;
  status: StageStatus;
  /** Wall time of the stage in whole milliseconds. */
  duration_ms: number;
  details: {
    summary: string;
    hits: Hit[];
    score?: number;
    signals?: RiskSignal[];
    /** Stale lists the stage screened against (see `withListFreshness`). */
    stale_lists?: StaleList[];
    /** Set when status is `error`: the error code (e.g. `STAGE_TIMEOUT`), never a stack. */
    error?: { code: string; message: string };
  };
}

/** A past transfer as the risk stage sees it. */
export interface TransferHistoryRecord {
  sender_id: string;
  destination: string;
  /** USD amount in integer cents. */
  amount_usd_cents: bigint;
  /** Epoch milliseconds. */
  at_ms: number;
}

/** Store of past transfers for the risk stage (velocity, z-score, novelty). PostgreSQL / PGlite / memory. */
export interface RiskHistoryStore {
  /** Records of `sender_id`, most recent first, at most `limit`. */
  recentBySender(sender_id: string, limit: number): Promise<TransferHistoryRecord[]>;
  /** Count of transfers by `sender_id` with `at_ms >= since_ms`. */
  countSince(sender_id: string, since_ms: number): Promise<number>;
  /** Whether `sender_id` has sent to `destination` before. */
  hasSentTo(sender_id: string, destination: string): Promise<boolean>;
  append(record: TransferHistoryRecord): Promise<void>;
}

/** Everything a stage may read. Stages must not keep state of their own. */
export interface StageContext {
  snapshot: Snapshot;
  /** The request time (caller's clock). */
  now: Date;
  /** Aborted when the stage's deadline passes. */
  signal: AbortSignal;
  riskHistory: RiskHistoryStore;
  /** False-positive clearances the sanctions stage applies (none when absent). */
  clearances?: ClearanceStore;
  /**
   * Base64 32-byte salt per named party, for the commitments of name hits (`partyCommitment`). The sanctions stage
   * errors when a named party has no salt.
   */
  partySalts?: PartySalts;
}

/** A screening stage. Throwing (or missing the deadline) yields status `error`. */
export type Stage = (request: TransferRequest, context: StageContext) => Promise<StageOutput>;
