/** Release tracks, from least to most guarded. */
export const TRACKS = ['devnet', 'testnet', 'mainnet'] as const;

/** One of {@link TRACKS}. */
export type Track = (typeof TRACKS)[number];

/**
 * The fewest distinct approvers each track needs (DESIGN.md §Fleet): devnet 0, testnet 1, mainnet 2.
 * A trust policy may ask for more, never for fewer; agents enforce this floor themselves.
 */
export const MIN_APPROVALS: Readonly<Record<Track, number>> = Object.freeze({ devnet: 0, testnet: 1, mainnet: 2 });

/** One release approver: a person or team key, distinct from HQ's signing keys. */
export interface TrustedApprover {
  /** Stable approver id, e.g. `alice@ops`; approvals count distinct ids. */
  approver_id: string;
  /** Ed25519 public key, standard base64 of 32 bytes. */
  public_key: string;
}

/**
 * The fleet trust policy, a JSON document pinned out of band on HQ and on every update agent: which Ed25519 keys
 * speak for HQ, who may approve releases, and how many distinct approvals each track needs. An agent verifies
 * releases and commands against its own pinned copy, never against what HQ's database says.
 */
export interface FleetTrustPolicy {
  /** Format version of this document. */
  version: 1;
  /** HQ's signing keys (standard base64 of 32-byte Ed25519 public keys); more than one during rotation. */
  hq_keys: string[];
  /** Release approvers. */
  approvers: TrustedApprover[];
  /** Distinct approvals per track; each at least {@link MIN_APPROVALS}. */
  approvals: Record<Track, number>;
}

/** The verified, indexed form of a {@link FleetTrustPolicy} (see `loadTrustPolicy`). */
export interface TrustKeyring {
  /** The policy as loaded. */
  readonly policy: FleetTrustPolicy;
  /** HQ keys by keyid (hex SHA-256 of the public key). */
  readonly hq: ReadonlyMap<string, Uint8Array>;
  /** Approvers by keyid. */
  readonly approvers: ReadonlyMap<string, { approverId: string; publicKey: Uint8Array }>;
  /** Distinct approvals required per track. */
  readonly approvals: Readonly<Record<Track, number>>;
}
