import { isJilError, type DsseEnvelope } from '@jil/core';
import { verifyPsa } from '@jil/psa';
import type { JilClient, ValidateResponse } from '@jil/sdk/client';
import { CALLBACK_DEFAULTS, type CallbackConfig } from '../config/CallbackConfig.js';
import type { TxSignRequestClaims } from '../request/TxSignRequestClaims.js';
import { checkRawTx } from './checkRawTx.js';
import type { Decision } from './Decision.js';
import { psaReason } from './psaReason.js';
import { toTransferRequest } from './toTransferRequest.js';

/** Inputs of {@link decideTxSignRequest}. */
export interface DecideTxSignRequestParameters {
  claims: TxSignRequestClaims;
  config: CallbackConfig;
  client: Pick<JilClient, 'validate'>;
  /** Epoch ms by which the pre-clearance call must be given up. */
  jilDeadline: number;
}

/** JIL errors that mean "no answer" (outage policy), not "refused" (always REJECT). */
const isOutage = (error: unknown): boolean => {
  if (!isJilError(error)) return true;
  if (error.code === 'CLIENT_TIMEOUT' || error.code === 'CLIENT_NETWORK' || error.code === 'QUORUM_NOT_REACHED') return true;
  const status = (error.details as { status?: unknown }).status;
  return error.code === 'CLIENT_HTTP' || typeof status !== 'number' || status >= 500 || status === 429;
};

/**
 * Decide one verified `tx_sign_request` (docs/integrations/fireblocks.md §Decision table): check `rawTx` against the
 * request; ask pre-clearance for a PSA bound to the signing hash (`tx_preimage_hash` = `rawTx[0].payload`,
 * `tx_preimage_hash_alg` = `keccak256`); verify it offline against the pinned set, bound to that hash, destination,
 * amount, custodian and chain; `APPROVE` only a valid `pass`. `fail` → `REJECT` with the PSA id and deciding hits;
 * `flag` → `onFlag`; outage → `onOutage` (both default `REJECT`); anything else → `REJECT`. Never throws for JIL
 * failures.
 */
export async function decideTxSignRequest(p: DecideTxSignRequestParameters): Promise<Decision> {
  const { claims, config } = p;
  const checked = checkRawTx(claims, config);
  if (!checked.ok) return { action: 'REJECT', outcome: checked.outcome, rejectionReason: checked.reason, note: checked.reason };
  const t = checked.transfer;
  const hash = t.signingHash;
  let answer: ValidateResponse;
  try {
    if (p.jilDeadline - Date.now() <= 0) throw new Error('no time left for pre-clearance');
    answer = await p.client.validate(toTransferRequest(claims, t, config.jil.custodianId));
  } catch (error) {
    const code = isJilError(error) ? error.code : 'CLIENT_TIMEOUT';
    if (isOutage(error)) {
      const action = config.onOutage ?? CALLBACK_DEFAULTS.onOutage;
      const note = `JIL pre-clearance unavailable (${code}); outage policy ${action}`;
      return { action, outcome: 'outage', note, txPreimageHash: hash, ...(action === 'REJECT' ? { rejectionReason: note } : {}) };
    }
    const note = `JIL refused the pre-clearance request (${code}${isJilError(error) ? `: ${error.message}` : ''})`;
    return { action: 'REJECT', outcome: 'jil_refused', rejectionReason: note, note, txPreimageHash: hash };
  }
  const envelope = answer.envelope as DsseEnvelope;
  const v = verifyPsa(envelope, {
    validatorSet: config.validatorSet,
    ...(config.validatorSetChain ? { validatorSetChain: config.validatorSetChain } : {}),
    now: (config.clock ?? (() => new Date()))(),
    expect: {
      transfer: { destination_address: t.to, amount: t.amount, custodian_id: config.jil.custodianId },
      tx_preimage_hash: hash,
      tx_preimage_hash_alg: 'keccak256',
      domain: { purpose: 'transfer', chain_id: t.chainId },
    },
  });
  const psaId = typeof answer?.psa_id === 'string' ? answer.psa_id : '(none)';
  const psa = { psa_id: v.valid ? v.body.psa_id : psaId, verdict: v.valid ? v.body.verdict : String(answer?.verdict), envelope };
  if (!v.valid) {
    const note = `JIL PSA ${psaId} failed offline verification: ${v.check} ${v.code}`;
    return { action: 'REJECT', outcome: 'psa_invalid', rejectionReason: note, note, txPreimageHash: hash, psa };
  }
  const body = v.body;
  if (body.verdict === 'pass')
    return { action: 'APPROVE', outcome: 'pass', note: `JIL PSA ${body.psa_id} verdict pass, bound to ${hash}`, txPreimageHash: hash, psa };
  if (body.verdict === 'fail') {
    const reason = psaReason(body);
    return { action: 'REJECT', outcome: 'fail', rejectionReason: reason, note: reason, txPreimageHash: hash, psa };
  }
  const action = config.onFlag ?? CALLBACK_DEFAULTS.onFlag;
  const note = `${psaReason(body)} (flag policy ${action})`;
  return { action, outcome: 'flag', note, txPreimageHash: hash, psa, ...(action === 'REJECT' ? { rejectionReason: note } : {}) };
}
