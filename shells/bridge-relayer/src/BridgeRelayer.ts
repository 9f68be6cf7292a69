import { Contract, type JsonRpcProvider, type Signer } from 'ethers';
import { isJilError, JilError } from '@jil/core';
import {
  bridgeError,
  dedupeSignatures,
  depositAttestationMessage,
  encodeDepositClaim,
  findDeposits,
  loadBridgeArtifacts,
  releaseDigest,
  verifyDepositQuorum,
  withProof,
  type BridgeDomain,
  type UnprovenDepositClaim,
  type GuardianSet,
  type ReleaseMessage,
} from '@jil/bridge';
import type { Pool } from 'undici';
import { requestGuardianSignatures, type GuardianAnswer, type GuardianEndpoint } from './requestGuardianSignatures.js';

/** Refusals a retry cannot change: the ledger holds other terms for this deposit, or does not carry its token. */
const PERMANENT: ReadonlySet<string> = new Set(['LEDGER_CONFLICT', 'LEDGER_ASSET_UNKNOWN', 'BRIDGE_DEPOSIT_MISMATCH']);

/** Paths of the validators' bridge routes (docs/bridge.md §Validator API; shells/validator `registerBridgeRoutes`). */
const DEPOSIT_ATTESTATION_PATH = '/v1/validator/bridge/deposit-attestations';
const RELEASE_SIGNATURE_PATH = '/v1/validator/bridge/release-signatures';

/** The deposit facts the ledger credits (idempotent by chain id, transaction hash and log index): the claim without its proof. */
export type AttestedDeposit = UnprovenDepositClaim;

/** A withdrawal the ledger burned and the relayer must release on the chain. */
export interface BurnedWithdrawal {
  withdrawalId: string;
  chainId: bigint;
  token: string;
  recipient: string;
  amount: bigint;
}

/** What the relayer needs from the ledger (the ledger shell implements it; the composition root wires it). */
export interface RelayerLedger {
  /** Verifies the attestation itself (never trusts the relayer), runs the compliance gate, credits once. */
  creditDeposit(
    deposit: AttestedDeposit,
    attestation: { signatures: string[]; guardianSetVersion: number },
  ): Promise<{ state: string; duplicate: boolean }>;
  /** Withdrawals burned on the ledger and not yet released. */
  burnedWithdrawals(): Promise<BurnedWithdrawal[]>;
  markReleased(withdrawalId: string, release: { txHash: string }): Promise<unknown>;
}

/** Options of {@link BridgeRelayer}. */
export interface BridgeRelayerOptions {
  /** The relayer's own RPC (validators check everything it claims against theirs). */
  provider: JsonRpcProvider;
  domain: BridgeDomain;
  guardianSet: GuardianSet;
  validators: readonly GuardianEndpoint[];
  /** The relayer's Ed25519 seed for peer request signatures (validators pin its public key). Secret. */
  peerSecretKey: Uint8Array;
  /** Pays the gas of `release` transactions; moves no funds of its own. */
  submitter: Signer;
  ledger: RelayerLedger;
  /** Blocks a deposit needs (its own included) before the relayer proposes it; validators check on their own. */
  confirmations: number;
  /** First block to scan (default: 0). */
  fromBlock?: number;
  /** Lifetime of the release signatures it asks for, in seconds (default 600). */
  releaseTtlSeconds?: number;
}

/** What happened to one deposit in {@link BridgeRelayer.pollDeposits}. */
export interface DepositOutcome {
  /** The deposit as found on the chain (without its receipt proof). */
  claim: UnprovenDepositClaim;
  /** `credited` / `quarantined` / `held` (the ledger's state), or `not_attested` (retried on the next poll). */
  state: string;
  duplicate: boolean;
  answers: GuardianAnswer[];
  error?: { code: string; message: string };
}

/** What happened to one withdrawal in {@link BridgeRelayer.releaseWithdrawals}. */
export interface ReleaseOutcome {
  withdrawalId: string;
  state: 'released' | 'not_signed' | 'reverted';
  txHash?: string;
  gasUsed?: bigint;
  error?: { code: string; message: string };
}

/**
 * The bridge relayer (docs/bridge.md §Flow). It holds no authority: every deposit it proposes is checked by each
 * validator against its own RPC and by the ledger against the guardian quorum; every release it submits carries the
 * guardians' signatures over terms the ledger recorded. A crashed or repeated relayer is harmless: the ledger credits
 * once by (chain id, tx hash, log index) and the contract pays each withdrawal id once.
 */
export class BridgeRelayer {
  readonly #o: BridgeRelayerOptions;
  #cursor: number;
  readonly #retry = new Map<string, UnprovenDepositClaim>();
  readonly #pools = new Map<string, Pool>();

  constructor(options: BridgeRelayerOptions) {
    this.#o = options;
    this.#cursor = options.fromBlock ?? 0;
  }

  /**
   * Scan new confirmed blocks for `Deposit` events (and retry deposits not yet attested), prove each, collect the
   * validators' attestations, check the quorum and hand each attested deposit to the ledger, in chain order.
   */
  async pollDeposits(): Promise<DepositOutcome[]> {
    const o = this.#o;
    const latest = await o.provider.getBlockNumber().catch((e: unknown) => {
      throw new JilError('BRIDGE_RPC_FAILED', 'the relayer RPC did not answer eth_blockNumber', { cause: e });
    });
    const to = latest - o.confirmations + 1;
    const claims = [...this.#retry.values()];
    this.#retry.clear();
    if (to >= this.#cursor) {
      claims.push(...(await findDeposits(o.provider, o.domain.verifyingContract, this.#cursor, to)));
      this.#cursor = to + 1;
    }
    const outcomes: DepositOutcome[] = [];
    for (const claim of claims) outcomes.push(await this.#relayDeposit(claim));
    return outcomes;
  }

  async #relayDeposit(bare: UnprovenDepositClaim): Promise<DepositOutcome> {
    const o = this.#o;
    const key = `${bare.txHash}:${bare.logIndex}`;
    let answers: GuardianAnswer[] = [];
    try {
      const claim = await withProof(o.provider, bare);
      answers = await requestGuardianSignatures(o.validators, DEPOSIT_ATTESTATION_PATH, encodeDepositClaim(claim), o.peerSecretKey, {
        pools: this.#pools,
      });
      const message = depositAttestationMessage(claim, o.guardianSet.version);
      const signatures = answers.flatMap((a) => (a.kind === 'signature' ? [a.signature] : []));
      verifyDepositQuorum(o.domain, message, signatures, o.guardianSet);
      const result = await o.ledger.creditDeposit(bare, { signatures, guardianSetVersion: o.guardianSet.version });
      return { claim: bare, state: result.state, duplicate: result.duplicate, answers };
    } catch (e) {
      const error = isJilError(e) ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: 'relaying failed' };
      // Retried on the next poll (the ledger credits once whatever happens), except what no retry can change.
      if (!isJilError(e) || !PERMANENT.has(e.code)) this.#retry.set(key, bare);
      return { claim: bare, state: 'not_attested', duplicate: false, answers, error };
    }
  }

  /**
   * Release every withdrawal the ledger burned: ask the validators to sign `Release` (they sign the ledger's terms),
   * keep one valid signature per guardian, submit `release` once the threshold signed, and mark it released on the
   * ledger. A withdrawal the contract already paid (a relayer that crashed after submitting) is only marked.
   */
  async releaseWithdrawals(): Promise<ReleaseOutcome[]> {
    const o = this.#o;
    const { JilBridge } = loadBridgeArtifacts();
    const contract = new Contract(o.domain.verifyingContract, JilBridge.abi as never, o.submitter);
    const outcomes: ReleaseOutcome[] = [];
    for (const w of await o.ledger.burnedWithdrawals()) {
      if (w.chainId !== o.domain.chainId) continue;
      try {
        if ((await contract.getFunction('released')(w.withdrawalId)) === true) {
          await o.ledger.markReleased(w.withdrawalId, { txHash: 'already-released' });
          outcomes.push({ withdrawalId: w.withdrawalId, state: 'released' });
          continue;
        }
        const now = BigInt(Math.floor(Date.now() / 1000));
        const expiry = now + BigInt(o.releaseTtlSeconds ?? 600);
        const message: ReleaseMessage = { ...w, expiry, guardianSetVersion: o.guardianSet.version };
        const answers = await requestGuardianSignatures(
          o.validators,
          RELEASE_SIGNATURE_PATH,
          { withdrawal_id: w.withdrawalId, expiry: expiry.toString() },
          o.peerSecretKey,
          { pools: this.#pools },
        );
        const guardians = new Set(o.guardianSet.guardians.map((g: string) => g.toLowerCase()));
        const digest = releaseDigest(o.domain, message);
        const candidates = answers.flatMap((a) => (a.kind === 'signature' ? [a.signature] : []));
        const valid = dedupeSignatures(
          digest,
          candidates.filter((s) => /^0x[0-9a-fA-F]{130}$/.test(s)),
        ).filter((s) => guardians.has(s.signer.toLowerCase()));
        if (valid.length < o.guardianSet.threshold) {
          outcomes.push({
            withdrawalId: w.withdrawalId,
            state: 'not_signed',
            error: { code: 'BRIDGE_QUORUM_NOT_MET', message: `${valid.length} of ${o.guardianSet.threshold} guardians signed` },
          });
          continue;
        }
        const signatures = valid.slice(0, o.guardianSet.threshold).map((s) => s.signature);
        const tx = await contract.getFunction('release')(w.withdrawalId, w.token, w.recipient, w.amount, expiry, signatures);
        const receipt = await tx.wait();
        await o.ledger.markReleased(w.withdrawalId, { txHash: receipt.hash });
        outcomes.push({ withdrawalId: w.withdrawalId, state: 'released', txHash: receipt.hash, gasUsed: receipt.gasUsed });
      } catch (e) {
        const error = isJilError(e) ? e : bridgeError(e);
        outcomes.push({ withdrawalId: w.withdrawalId, state: 'reverted', error: { code: error.code, message: error.message } });
      }
    }
    return outcomes;
  }

  /** Close the HTTP connection pools to the validators. */
  async close(): Promise<void> {
    await Promise.all([...this.#pools.values()].map((p) => p.close()));
    this.#pools.clear();
  }
}
