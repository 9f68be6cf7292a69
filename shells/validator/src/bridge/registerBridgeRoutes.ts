import type { FastifyInstance } from 'fastify';
import { Wallet, type JsonRpcProvider } from 'ethers';
import { bytesToUtf8, type FieldIssue, isJilError, JilError, parseJson, verifyPeerRequest, type NonceStore } from '@jil/core';
import {
  decodeDepositClaim,
  observeDeposit,
  signDepositAttestation,
  signRelease,
  type BridgeDomain,
  type DepositClaim,
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
  /** The ledger's record of a burned withdrawal, by id (`undefined` when unknown). Absent: the release route refuses every request. */
  withdrawals?: (withdrawalId: string) => Promise<WithdrawalTerms | undefined>;
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

/** The claim of a request body; a malformed one is the request's fault (400, every bad field named), not the server's. */
function decodeClaim(body: unknown): DepositClaim {
  try {
    return decodeDepositClaim(body);
  } catch (cause) {
    const listed = isJilError(cause) ? cause.details['fields'] : undefined;
    const fields: FieldIssue[] = Array.isArray(listed)
      ? (listed as FieldIssue[])
      : [{ field: '(body)', message: 'must be a deposit claim' }];
    throw new JilError('REQUEST_VALIDATION_FAILED', `invalid deposit claim: ${fields.map((f) => f.field).join(', ')}`, {
      details: { fields },
      cause,
    });
  }
}

/** `error` as it is when it is a JilError, else `INTERNAL` with it as the cause (routes throw only JilError). */
function internal(error: unknown, message: string): JilError {
  return isJilError(error) ? error : new JilError('INTERNAL', message, { cause: error });
}

/** The only fields of a release request: its terms are the ledger's, so the request cannot carry them. */
const RELEASE_REQUEST_FIELDS = new Set(['withdrawal_id', 'expiry']);
/** At most this many unknown fields are named in a refusal (a body may hold thousands). */
const MAX_NAMED_FIELDS = 16;

/**
 * Add the bridge guardian routes to a validator's Fastify app (docs/bridge.md §Validator API). Both need a peer request
 * signature from a `trusted` key (as `POST /v1/validator/sign`) and answer `200 { validator_id, address, signature,
 * message }` (`signature` = 65-byte EIP-712 signature, 0x hex) or an error `{ error: { code, message, details } }`:
 * - `POST /v1/validator/bridge/deposit-attestations` with an encoded `DepositClaim`: the validator checks it against its
 *   own RPC (`observeDeposit`: confirmations, block hash, receipt inclusion proof, the `Deposit` log) and signs the
 *   `DepositAttestation`; refusals `BRIDGE_NOT_CONFIRMED`, `BRIDGE_BLOCK_MISMATCH`, `BRIDGE_PROOF_INVALID`,
 *   `BRIDGE_DEPOSIT_MISMATCH`, `BRIDGE_RPC_FAILED`, `REQUEST_VALIDATION_FAILED` (every bad or unknown field of the
 *   claim in `details.fields` and named in the message).
 * - `POST /v1/validator/bridge/release-signatures` with `{ withdrawal_id, expiry }` (expiry: Unix seconds as a decimal
 *   string, in the future and at most `maxReleaseTtlSeconds` ahead): the validator signs `Release` with the terms the
 *   LEDGER recorded for that burn, never terms from the request; `BRIDGE_WITHDRAWAL_UNKNOWN` when there is no burned
 *   withdrawal of that id on this chain; `REQUEST_VALIDATION_FAILED` (`details.fields`) for a malformed request, or one
 *   that carries any other field (`amount`, `recipient`, …): the request cannot even state terms.
 * Authentication refusals are `AUTH_*` (401, `details.header`); a body over the server's limit `REQUEST_TOO_LARGE`. A
 * failure of the RPC or of the ledger lookup is a JilError too (`BRIDGE_RPC_FAILED`, `INTERNAL`): the routes throw
 * nothing else.
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
    const claim = decodeClaim(parseBody(await authenticate(req)));
    try {
      const message = await observeDeposit(
        { provider: o.provider, chainId: o.domain.chainId, bridge: o.domain.verifyingContract, confirmations: o.confirmations },
        claim,
        o.guardianSetVersion,
      );
      return answer(await signDepositAttestation(wallet, o.domain, message), { ...message });
    } catch (error) {
      throw internal(error, 'the deposit could not be observed');
    }
  });

  app.post(BRIDGE_RELEASE_SIGNATURE_PATH, async (req) => {
    const body = parseBody(await authenticate(req));
    const fields: { field: string; message: string }[] = [];
    const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
    if (!isObject) fields.push({ field: '(body)', message: 'must be a JSON object { withdrawal_id, expiry }' });
    const record = isObject ? (body as Record<string, unknown>) : {};
    const unknown = Object.keys(record).filter((k) => !RELEASE_REQUEST_FIELDS.has(k));
    for (const k of unknown.slice(0, MAX_NAMED_FIELDS)) {
      fields.push({ field: k.slice(0, 64), message: "unknown field: a release is signed with the ledger's terms, never the request's" });
    }
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
    if (o.withdrawals === undefined) {
      // A validator process that is not connected to a ledger cannot know which burns happened: it never signs a release.
      throw new JilError('BRIDGE_WITHDRAWAL_UNKNOWN', 'this validator has no ledger to check withdrawals against; it signs no release', {
        details: { withdrawal_id: id, field: 'withdrawal_id' },
      });
    }
    let terms: WithdrawalTerms | undefined;
    try {
      terms = await o.withdrawals(id as string);
    } catch (error) {
      throw internal(error, "the ledger's record of the withdrawal could not be read");
    }
    if (
      terms === undefined ||
      terms.state !== 'burned' ||
      terms.chainId !== o.domain.chainId ||
      typeof terms.withdrawalId !== 'string' ||
      terms.withdrawalId.toLowerCase() !== id
    ) {
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
    let signature: string;
    try {
      signature = await signRelease(wallet, o.domain, message);
    } catch (cause) {
      // The request was checked above: what signRelease refuses here is the ledger's record (e.g. a bad recipient).
      throw new JilError('INTERNAL', "the ledger's record of the withdrawal is not a valid release", { cause });
    }
    return answer(signature, { ...message });
  });
}
