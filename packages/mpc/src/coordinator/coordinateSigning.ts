import { uuidv7 } from '@jil/core';
import { frostError } from '../frostError.js';
import type { PublicKeyPackage } from '../keys/PublicKeyPackage.js';
import { aggregateSignature } from '../signing/aggregateSignature.js';
import { createSigningPackage } from '../signing/SigningPackage.js';
import { compareIdentifiers, type Identifier } from '../suite/identifiers.js';
import type { FrostParticipant, SigningContext } from './FrostParticipant.js';
import { requireArray, requireBytes, requireParticipants, requirePublicKeyPackage, requireRecord } from '../internal/requireArgument.js';
import { runRound } from './runRound.js';

/** Parameters of {@link coordinateSigning}. */
export interface CoordinateSigningParameters {
  participants: readonly FrostParticipant[];
  publicKeyPackage: PublicKeyPackage;
  message: Uint8Array;
  /** Passed to every signer with the signing package (e.g. `{ psa }` for Tier 1). */
  context?: SigningContext;
  /** Participants that must be among the signers (e.g. JIL's Tier 1 cosigner). */
  required?: readonly Identifier[];
  /** Deadline of each round in ms; default 5 000. */
  roundDeadlineMs?: number;
  /** Default: a fresh UUIDv7. Never reuse one. */
  sessionId?: string;
  /** Clock for the session id; default `new Date()`. */
  now?: Date;
}

/** Result of {@link coordinateSigning}. */
export interface CoordinateSigningResult {
  signature: Uint8Array;
  sessionId: string;
  /** The t signers whose shares were aggregated, ascending. */
  signers: Identifier[];
  /** Participants that did not answer round one in time (the session went on without them). */
  unresponsive: Identifier[];
}

/**
 * Run one signing session as coordinator (RFC 9591 §5): round one asks every participant for commitments at once
 * and keeps the first t to answer (the required ones included); round two sends them the signing package; every
 * share is verified before aggregation. Offline or slow participants are skipped as long as t remain — 3-of-4 keeps
 * signing with one cosigner down. FROST is not robust: a bad or missing share in round two fails the session, which
 * the caller restarts (a new session id, fresh nonces) without the culprits.
 *
 * @throws JilError `QUORUM_NOT_MET` (`details.unresponsive`, `details.refusals` with each signer's code, e.g. a Tier 1
 *   refusal); `FROST_INVALID_SHARE` with `details.culprits`; `FROST_PROTOCOL_ERROR` (culprits) for commitments of
 *   the wrong participant (or an answer that is not commitments); `INVALID_ARGUMENT` (`details.field`, as a rejection)
 *   when `p` is not an object, `participants` not an array of participants, `publicKeyPackage` not a public key
 *   package, `message` not a Uint8Array or `required` not an array.
 * @example
 * import { coordinateSigning } from '@jil/mpc';
 * const { signature } = await coordinateSigning({ participants, publicKeyPackage, message });
 */
export async function coordinateSigning(p: CoordinateSigningParameters): Promise<CoordinateSigningResult> {
  requireRecord(p, 'params');
  requireParticipants(p.participants, 'participants');
  requirePublicKeyPackage(p.publicKeyPackage, 'publicKeyPackage');
  requireBytes(p.message, 'message');
  if (p.required !== undefined) requireArray(p.required, 'required');
  const pub = p.publicKeyPackage;
  const deadline = p.roundDeadlineMs ?? 5_000;
  const sessionId = p.sessionId ?? uuidv7(p.now ?? new Date());
  const members = p.participants.filter((x) => Object.hasOwn(pub.verifyingShares, x.identifier));
  const r1 = await runRound(members, deadline, (x, signal) => x.commit({ sessionId }, signal));
  const wrong = r1.answers.filter((a) => a.value?.identifier !== a.identifier).map((a) => a.identifier);
  if (wrong.length > 0)
    throw frostError('FROST_PROTOCOL_ERROR', "commitments carry another participant's identifier", {
      culprits: wrong.sort(compareIdentifiers),
    });
  const required = new Set(p.required ?? []);
  const chosen = [...r1.answers.filter((a) => required.has(a.identifier)), ...r1.answers.filter((a) => !required.has(a.identifier))].slice(
    0,
    pub.minSigners,
  );
  const missingRequired = [...required].filter((id) => !chosen.some((c) => c.identifier === id));
  if (chosen.length < pub.minSigners || missingRequired.length > 0) {
    throw frostError('QUORUM_NOT_MET', `only ${chosen.length} of the ${pub.minSigners} signers needed answered round one`, {
      round: 1,
      unresponsive: r1.unresponsive,
      refusals: r1.refusals,
      missingRequired,
    });
  }
  const signingPackage = createSigningPackage(
    chosen.map((c) => c.value),
    p.message,
  );
  const signerSet = members.filter((m) => chosen.some((c) => c.identifier === m.identifier));
  const r2 = await runRound(signerSet, deadline, (x, signal) =>
    x.sign({ sessionId, signingPackage, ...(p.context === undefined ? {} : { context: p.context }) }, signal),
  );
  if (r2.answers.length < chosen.length) {
    throw frostError('QUORUM_NOT_MET', `${chosen.length - r2.answers.length} signer(s) gave no share in round two; start a new session`, {
      round: 2,
      unresponsive: r2.unresponsive,
      refusals: r2.refusals,
    });
  }
  const signature = aggregateSignature({
    publicKeyPackage: pub,
    signingPackage,
    signatureShares: r2.answers.map((a) => ({ identifier: a.identifier, share: a.value?.share })),
  });
  return { signature, sessionId, signers: chosen.map((c) => c.identifier).sort(compareIdentifiers), unresponsive: r1.unresponsive };
}
