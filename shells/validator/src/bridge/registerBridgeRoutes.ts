import type { FastifyInstance } from 'fastify';
import { Wallet, type JsonRpcProvider } from 'ethers';
import { bytesToUtf8, JilError, parseJson, verifyPeerRequest, type NonceStore } from '@jil/core';
import {
  decodeDepositClaim,
  observeDeposit,
  signDepositAttestation,
  signRelease,
  type BridgeDomain,
  type GuardianKey,
  type ReleaseMessage,
} from '@jil/bridge';
import { VALIDATOR_PEER_PROTOCOL } from '@jil/psa';

/** `POST` path of a deposit attestation request (docs/bridge.md §Validator API). */
export const BRIDGE_DEPOSIT_ATTESTATION_PATH = '/v1/validator/bridge/deposit-attestations';
/** `POST` path of a release signature request (docs/bridge.md §Validator API). */
export const BRIDGE_RELEASE_SIGNATURE_PATH = '/v1/validator/bridge/release-signatures';

/** The terms of a withdrawal as the ledger recorded its burn (what a validator agrees to release). */
export interface WithdrawalTerms {
  withdrawalId: string;
  chainId: bigint;
  /** ERC-20 address, or the zero address for ETH. */
  token: string;
  recipient: string;
  amount: bigint;
  /** Only `burned` withdrawals are signed. */
  state: 'burned' | 'released';
}

/** What a validator needs to guard the bridge. */
export interface ValidatorBridgeOptions {
  /** Its guardian key (`guardianKeyFromSeed` of its validator secret); its address is listed in the validator set. */
  guardian: GuardianKey;
  /** The guardian-set version it signs for (= the pinned validator set's `version`). */
  guardianSetVersion: number;
  /** The bridge contract on the chain it watches. */
  domain: BridgeDomain;
  /** Its OWN JSON-RPC endpoint: what it observes is what it signs. */
  provider: JsonRpcProvider;
  /** Blocks a deposit must have (its own block included) before it is attested; ≥ 1. */
  confirmations: number;
  /** The ledger's record of a burned withdrawal, by id (`undefined` when unknown). */
  withdrawals: (withdrawalId: string) => Promise<WithdrawalTerms | undefined>;
  /** Latest expiry accepted on a release request, in seconds from now (default 3600). */
  maxReleaseTtlSeconds?: number;
  /** Who may ask: pinned Ed25519 keys by keyid (the relayer's, the coordinators'). */
  trusted: Readonly<Record<string, Uint8Array>>;
  nonceStore: NonceStore;
  clock: () => Date;
}

function parseBody(raw: Uint8Array): unknown {
  try {
    return parseJson(bytesToUtf8(raw));
  } catch (cause) {
    throw new JilError('REQUEST_MALFORMED_JSON', 'request body is not valid JSON', { details: { field: '(body)' }, cause });
  }
}

/**
 * Add the bridge guardian routes to a validator's Fastify app (docs/bridge.md §Validator API). Both need a peer request
 * signature from a `trusted` key (as `POST /v1/validator/sign`) and answer `200 { validator_id, address, signature,
 * message }` (`signature` = 65-byte EIP-712 signature, 0x hex) or an error `{ error: { code, message, details } }`:
 * - `POST /v1/validator/bridge/deposit-attestations` with an encoded `DepositClaim`: the validator checks it against its
 *   own RPC (`observeDeposit`: confirmations, block hash, receipt inclusion proof, the `Deposit` log) and signs the
 *   `DepositAttestation`; refusals `BRIDGE_NOT_CONFIRMED`, `BRIDGE_BLOCK_MISMATCH`, `BRIDGE_PROOF_INVALID`,
 *   `BRIDGE_DEPOSIT_MISMATCH`, `BRIDGE_RPC_FAILED`, `INVALID_ARGUMENT` (`details.fields`).
 * - `POST /v1/validator/bridge/release-signatures` with `{ withdrawal_id, expiry }` (expiry: Unix seconds as a decimal
 *   string, in the future and at most `maxReleaseTtlSeconds` ahead): the validator signs `Release` with the terms the
 *   LEDGER recorded for that burn, never terms from the request; `BRIDGE_WITHDRAWAL_UNKNOWN` when there is no burned
 *   withdrawal of that id on this chain.
 */
export function registerBridgeRoutes(app: FastifyInstance, validatorId: string, o: ValidatorBridgeOptions): void {
  const wallet = new Wallet(o.guardian.privateKey);
  const authenticate = async (req: { method: string; url: string; body: unknown; headers: Record<string, unknown> }) => {
    const raw = req.body instanceof Uint8Array ? req.body : new Uint8Array();
    await verifyPeerRequest(
      { method: req.method, path: req.url, body: raw, headers: req.headers as Record<string, string | string[] | undefined> },
      { protocol: VALIDATOR_PEER_PROTOCOL, trusted: o.trusted, nonceStore: o.nonceStore, now: o.clock() },
    );
    return raw;
  };
  const answer = (signature: string, message: Record<string, unknown>) => ({
    validator_id: validatorId,
    address: o.guardian.address,
    signature,
    message: Object.fromEntries(Object.entries(message).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v])),
  });

  app.post(BRIDGE_DEPOSIT_ATTESTATION_PATH, async (req) => {
    const claim = decodeDepositClaim(parseBody(await authenticate(req)));
    const message = await observeDeposit(
      { provider: o.provider, chainId: o.domain.chainId, bridge: o.domain.verifyingContract, confirmations: o.confirmations },
      claim,
      o.guardianSetVersion,
    );
    return answer(await signDepositAttestation(wallet, o.domain, message), { ...message });
  });

  app.post(BRIDGE_RELEASE_SIGNATURE_PATH, async (req) => {
    const body = parseBody(await authenticate(req));
    const fields: { field: string; message: string }[] = [];
    const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const id = record['withdrawal_id'];
    const expiryText = record['expiry'];
    if (typeof id !== 'string' || !/^0x[0-9a-f]{64}$/.test(id))
      fields.push({ field: 'withdrawal_id', message: 'must be 0x and 64 lower-case hex' });
    const now = BigInt(Math.floor(o.clock().getTime() / 1000));
    const maxTtl = BigInt(o.maxReleaseTtlSeconds ?? 3600);
    const expiry = typeof expiryText === 'string' && /^[1-9][0-9]{0,19}$/.test(expiryText) ? BigInt(expiryText) : undefined;
    if (expiry === undefined || expiry <= now || expiry > now + maxTtl)
      fields.push({ field: 'expiry', message: `must be Unix seconds as a decimal string, after now and at most ${maxTtl} s ahead` });
    if (fields.length > 0) {
      throw new JilError('REQUEST_VALIDATION_FAILED', `invalid release request: ${fields.map((f) => f.field).join(', ')}`, {
        details: { fields },
      });
    }
    const terms = await o.withdrawals(id as string);
    if (terms === undefined || terms.state !== 'burned' || terms.chainId !== o.domain.chainId) {
      throw new JilError('BRIDGE_WITHDRAWAL_UNKNOWN', 'no burned withdrawal with this id on this chain', {
        details: { withdrawal_id: id, field: 'withdrawal_id' },
      });
    }
    const message: ReleaseMessage = {
      withdrawalId: terms.withdrawalId,
      token: terms.token,
      recipient: terms.recipient,
      amount: terms.amount,
      expiry: expiry as bigint,
      guardianSetVersion: o.guardianSetVersion,
    };
    return answer(await signRelease(wallet, o.domain, message), { ...message });
  });
}
