import { constantTimeEqual, uuidv7 } from '@jil/core';
import { frostError } from '../frostError.js';
import { samePublicKeyPackage, type PublicKeyPackage } from '../keys/PublicKeyPackage.js';
import { compareIdentifiers } from '../suite/identifiers.js';
import type { FrostParticipant } from './FrostParticipant.js';
import { requireParticipants, requirePublicKeyPackage, requireRecord } from '../internal/requireArgument.js';
import { runRound, type RoundOutcome } from './runRound.js';

/** Parameters of {@link coordinateRefresh}. */
export interface CoordinateRefreshParameters {
  /** All n participants of the key set. */
  participants: readonly FrostParticipant[];
  /** The current public key package. */
  publicKeyPackage: PublicKeyPackage;
  ceremonyId?: string;
  /** Deadline of each round in ms; default 10 000. */
  roundDeadlineMs?: number;
  now?: Date;
}

function all<T>(round: number, n: number, r: RoundOutcome<T>): Map<string, T> {
  const refusal = Object.entries(r.refusals)[0];
  if (refusal !== undefined)
    throw frostError(refusal[1].code as never, refusal[1].message, {
      ...refusal[1].details,
      reportedBy: refusal[0],
      round,
      refusals: r.refusals,
    });
  if (r.answers.length < n)
    throw frostError('QUORUM_NOT_MET', `refresh round ${round} needs all ${n} participants`, { round, unresponsive: r.unresponsive });
  return new Map(r.answers.map((a) => [a.identifier, a.value]));
}

/**
 * Run a proactive share refresh as coordinator: every participant sends sealed zero-polynomial shares to every other
 * one (relayed here, unreadable to the coordinator), then adds what it received to its share. Afterwards the group
 * public key is unchanged, every share is new, and old shares are useless with new ones. All n must take part.
 *
 * @returns the new public key package (same group key, new verifying shares).
 * @throws JilError `QUORUM_NOT_MET` (`details.unresponsive`); a participant's `FROST_INVALID_KEY_SHARE` with
 *   `details.culprits` and `details.reportedBy`; `FROST_PROTOCOL_ERROR` when participants disagree or the group key moved;
 *   `INVALID_ARGUMENT` (`details.field`, as a rejection) when `p` is not an object, `participants` not an array of
 *   participants or `publicKeyPackage` not a public key package.
 * @example
 * import { coordinateRefresh } from '@jil/mpc';
 * const next = await coordinateRefresh({ participants, publicKeyPackage });
 */
export async function coordinateRefresh(p: CoordinateRefreshParameters): Promise<PublicKeyPackage> {
  requireRecord(p, 'params');
  requireParticipants(p.participants, 'participants');
  requirePublicKeyPackage(p.publicKeyPackage, 'publicKeyPackage');
  const n = p.participants.length;
  if (n !== p.publicKeyPackage.maxSigners || p.participants.some((x) => x.refreshRound1 === undefined || x.refreshRound2 === undefined)) {
    throw frostError('INVALID_ARGUMENT', 'a refresh needs every participant of the key set, each able to refresh', {
      field: 'participants',
    });
  }
  const ceremonyId = p.ceremonyId ?? uuidv7(p.now ?? new Date());
  const deadline = p.roundDeadlineMs ?? 10_000;
  const r1 = all(1, n, await runRound(p.participants, deadline, (x, signal) => x.refreshRound1!({ ceremonyId }, signal)));
  const forged = [...r1].filter(([id, pkgs]) => !Array.isArray(pkgs) || pkgs.some((x) => x?.sender !== id)).map(([id]) => id);
  if (forged.length > 0)
    throw frostError('FROST_PROTOCOL_ERROR', 'refresh packages claim another sender', { culprits: forged.sort(compareIdentifiers) });
  const packages = [...r1.values()].flat();
  const r2 = all(
    2,
    n,
    await runRound(p.participants, deadline, (x, signal) =>
      x.refreshRound2!({ ceremonyId, packages: packages.filter((m) => m.recipient === x.identifier) }, signal),
    ),
  );
  const results = [...r2];
  const first = results[0]![1];
  const dissent = results.filter(([, x]) => !samePublicKeyPackage(x, first)).map(([id]) => id);
  if (dissent.length > 0 || !constantTimeEqual(first.commitments[0]!, p.publicKeyPackage.commitments[0]!)) {
    throw frostError('FROST_PROTOCOL_ERROR', 'participants derived different public key packages', {
      culprits: dissent.sort(compareIdentifiers),
    });
  }
  return first;
}
