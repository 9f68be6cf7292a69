import { uuidv7 } from '@jil/core';
import { frostError } from '../frostError.js';
import { samePublicKeyPackage, type PublicKeyPackage } from '../keys/PublicKeyPackage.js';
import { compareIdentifiers, type Identifier } from '../suite/identifiers.js';
import type { FrostParticipant } from './FrostParticipant.js';
import { requireParticipants, requireRecord } from '../internal/requireArgument.js';
import { runRound, type RoundOutcome } from './runRound.js';

/** Parameters of {@link coordinateDkg}. */
export interface CoordinateDkgParameters {
  /** All n participants. */
  participants: readonly FrostParticipant[];
  minSigners: number;
  /** Default: a fresh UUIDv7. */
  ceremonyId?: string;
  /** Deadline of each round in ms; default 10 000. */
  roundDeadlineMs?: number;
  now?: Date;
}

function allOrThrow<T>(round: number, n: number, r: RoundOutcome<T>): Map<Identifier, T> {
  const refusals = Object.entries(r.refusals);
  if (refusals.length > 0) {
    const [by, e] = refusals[0]!;
    throw frostError(e.code as never, e.message, { ...e.details, reportedBy: by, round, refusals: r.refusals });
  }
  if (r.answers.length < n)
    throw frostError('QUORUM_NOT_MET', `DKG round ${round} needs all ${n} participants`, { round, unresponsive: r.unresponsive });
  return new Map(r.answers.map((a) => [a.identifier, a.value]));
}

/**
 * Run a distributed key generation as coordinator: it relays round-one broadcasts and the sealed round-two
 * packages (it cannot read them) and checks that every participant derived the same public key package. All n
 * participants must answer every round in time.
 *
 * @returns the public key package of the new key set.
 * @throws JilError `QUORUM_NOT_MET` (`details.unresponsive`); a participant's own error, e.g. `FROST_INVALID_KEY_SHARE`
 *   with `details.culprits` and `details.reportedBy`; `FROST_PROTOCOL_ERROR` when packages claim another sender or
 *   participants disagree on the result (`details.culprits`); `INVALID_ARGUMENT` (`details.field`, as a rejection)
 *   when `p` is not an object or `participants` not an array of participants.
 * @example
 * import { coordinateDkg } from '@jil/mpc';
 * const publicKeyPackage = await coordinateDkg({ participants, minSigners: 3 });
 */
export async function coordinateDkg(p: CoordinateDkgParameters): Promise<PublicKeyPackage> {
  requireRecord(p, 'params');
  requireParticipants(p.participants, 'participants');
  const n = p.participants.length;
  const ceremonyId = p.ceremonyId ?? uuidv7(p.now ?? new Date());
  const deadline = p.roundDeadlineMs ?? 10_000;
  const r1 = allOrThrow(
    1,
    n,
    await runRound(p.participants, deadline, (x, signal) => x.dkgRound1({ ceremonyId, minSigners: p.minSigners, maxSigners: n }, signal)),
  );
  const forged = [...r1].filter(([id, pkg]) => pkg?.identifier !== id).map(([id]) => id);
  if (forged.length > 0)
    throw frostError('FROST_PROTOCOL_ERROR', 'round-one package claims another sender', { culprits: forged.sort(compareIdentifiers) });
  const round1Packages = [...r1.values()];
  const r2 = allOrThrow(2, n, await runRound(p.participants, deadline, (x, signal) => x.dkgRound2({ ceremonyId, round1Packages }, signal)));
  const misrouted = [...r2].filter(([id, pkgs]) => !Array.isArray(pkgs) || pkgs.some((x) => x?.sender !== id)).map(([id]) => id);
  if (misrouted.length > 0)
    throw frostError('FROST_PROTOCOL_ERROR', 'round-two packages claim another sender', { culprits: misrouted.sort(compareIdentifiers) });
  const all = [...r2.values()].flat();
  const r3 = allOrThrow(
    3,
    n,
    await runRound(p.participants, deadline, (x, signal) =>
      x.dkgRound3({ ceremonyId, round1Packages, round2Packages: all.filter((m) => m.recipient === x.identifier) }, signal),
    ),
  );
  const results = [...r3];
  const majority = results.find(([, a]) => results.filter(([, b]) => samePublicKeyPackage(a, b)).length * 2 > n)?.[1];
  const dissent = results.filter(([, x]) => majority === undefined || !samePublicKeyPackage(x, majority)).map(([id]) => id);
  if (majority === undefined || dissent.length > 0)
    throw frostError('FROST_PROTOCOL_ERROR', 'participants derived different public key packages', {
      culprits: dissent.sort(compareIdentifiers),
    });
  return majority;
}
