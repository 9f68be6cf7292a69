import { base64Decode, keyId, getPublicKey, PEER_AUTH_HEADERS, signPeerRequest, verifyPeerResponse } from '@jil/core';
import { SignProposalResponseSchema, VALIDATOR_PEER_PROTOCOL, VALIDATOR_SIGN_PATH, type PartySalts, type PsaBody, type RequestValidatorSignature, type TransferRequest, type Validator, type ValidatorReply } from '@jil/psa';

/** Options of {@link createHttpValidatorTransport}. */
export interface HttpValidatorTransportOptions {
  /** Validator id → base URL, e.g. `{ 'val-01': 'http://127.0.0.1:7101' }`. */
  endpoints: Readonly<Record<string, string>>;
  /** The coordinator's 32-byte Ed25519 seed: signs every request (sender = its keyid). Never logged. */
  coordinatorSecretKey: Uint8Array;
  clock?: () => Date;
}

/** One proposal to send: the transfer, the body and the snapshot it was screened against. */
export interface ProposalToSign {
  request: TransferRequest;
  proposal: PsaBody;
  /** The salts of the party-name commitments (docs/psa-format.md §Party commitments), so validators reach the same ones. */
  partySalts: PartySalts;
  snapshotSha256: string;
}

/**
 * The coordinator's HTTP transport to its validators (docs/validators.md): for one proposal, a
 * `RequestValidatorSignature` that POSTs `{ request, proposal, party_salts, snapshot_sha256 }` to `<url>/v1/validator/sign` with a
 * fresh peer request signature (`VALIDATOR_PEER_PROTOCOL`, sender = the coordinator key's keyid), honours the deadline
 * signal, and authenticates the answer with the validator's Ed25519 key from the pinned set before reading it: an
 * unsigned or wrongly signed answer is `unauthenticated_response` (not attributable, so never evidence).
 *
 * @example
 * const transport = createHttpValidatorTransport({ endpoints, coordinatorSecretKey });
 * await collectQuorum({ validatorSet, payloadType: PSA_PAYLOAD_TYPE, body, requestSignature: transport({ request, proposal: body, snapshotSha256 }) });
 */
export function createHttpValidatorTransport(o: HttpValidatorTransportOptions): (p: ProposalToSign) => RequestValidatorSignature {
  const sender = keyId(getPublicKey(o.coordinatorSecretKey));
  const clock = o.clock ?? (() => new Date());
  return (p) => {
    const body = JSON.stringify({ request: p.request, proposal: p.proposal, party_salts: p.partySalts, snapshot_sha256: p.snapshotSha256 });
    return async (validator: Validator, signal: AbortSignal): Promise<ValidatorReply> => {
      const base = Object.hasOwn(o.endpoints, validator.id) ? o.endpoints[validator.id] : undefined;
      if (base === undefined) return { kind: 'unreachable', message: 'no endpoint configured for this validator' };
      const key = validator.keys.find((k) => k.alg === 'ed25519');
      if (key === undefined) return { kind: 'unauthenticated_response', message: 'the validator has no Ed25519 key to authenticate its answers' };
      const headers = signPeerRequest({ protocol: VALIDATOR_PEER_PROTOCOL, method: 'POST', path: VALIDATOR_SIGN_PATH, body, sender, secretKey: o.coordinatorSecretKey, now: clock() });
      const res = await fetch(new URL(VALIDATOR_SIGN_PATH, base), { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body, signal });
      const text = await res.text();
      if (!verifyPeerResponse(VALIDATOR_PEER_PROTOCOL, headers[PEER_AUTH_HEADERS.nonce]!, res.status, text, res.headers.get(PEER_AUTH_HEADERS.signature) ?? undefined, base64Decode(key.public_key))) {
        return { kind: 'unauthenticated_response', message: `HTTP ${res.status} answer not signed by the validator's pinned key` };
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return { kind: 'bad_response', message: `HTTP ${res.status} answer is not JSON` };
      }
      if (res.status === 200) {
        const parsed = SignProposalResponseSchema.safeParse(json);
        return parsed.success ? { kind: 'signature', keyid: parsed.data.keyid, sig: parsed.data.sig } : { kind: 'bad_response', message: 'HTTP 200 answer is not { keyid, sig }' };
      }
      const e = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
      if (typeof e?.code !== 'string') return { kind: 'bad_response', message: `HTTP ${res.status} answer without an error code` };
      return { kind: 'refused', code: e.code.slice(0, 64), message: typeof e.message === 'string' ? e.message.slice(0, 500) : '', details: typeof e.details === 'object' && e.details !== null ? (e.details as Record<string, unknown>) : {} };
    };
  };
}
