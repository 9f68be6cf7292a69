import type { RNG } from '@noble/curves/abstract/frost.js';
import { frostError, guard } from '../frostError.js';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import { identifierScalar, type Identifier } from '../suite/identifiers.js';
import { verifyKeyPackage, type KeyPackage } from './KeyPackage.js';
import {
  requireArray,
  requireBytes,
  requireFunction,
  requireKeyPackage,
  requirePublicKeyPackage,
  requireString,
} from '../internal/requireArgument.js';
import type { PublicKeyPackage } from './PublicKeyPackage.js';

/**
 * Repairable threshold scheme, step 1 (Laing–Stinson RTS as in ZF frost-core `keys::repairable`): helper `kp`
 * splits ζ_i·share_i — its Lagrange-weighted share at the lost participant's identifier — into one random delta per
 * helper. **Secret**: send each delta to its helper only.
 * @param helpers - at least t distinct identifiers of the key set, `kp.identifier` included, not `lost`.
 * @returns a delta (32-byte scalar) per helper.
 * @throws JilError `INVALID_ARGUMENT` for a bad helper set, and (`details.field`) when `helpers` is not an array of
 *   strings, `kp` not a key package (32-byte signing share), `lost` not a string or `rng` not a function.
 * @example
 * import { repairShareStep1, repairShareStep2, repairShareStep3 } from '@jil/mpc';
 */
export function repairShareStep1(
  helpers: readonly Identifier[],
  kp: KeyPackage,
  lost: Identifier,
  rng?: RNG,
): Record<Identifier, Uint8Array> {
  requireArray(helpers, 'helpers');
  helpers.forEach((h, i) => {
    requireString(h, `helpers[${i}]`);
  });
  requireKeyPackage(kp, 'keyPackage');
  requireBytes(kp.signingShare, 'keyPackage.signingShare', 32);
  requireString(lost, 'lost');
  if (rng !== undefined) requireFunction(rng, 'rng');
  const s = getCiphersuite(kp.suite);
  const pub = kp.publicKeyPackage;
  if (
    new Set(helpers).size !== helpers.length ||
    helpers.length < pub.minSigners ||
    !helpers.includes(kp.identifier) ||
    helpers.includes(lost) ||
    helpers.some((h) => pub.verifyingShares[h] === undefined)
  ) {
    throw frostError(
      'INVALID_ARGUMENT',
      'helpers must be ≥ t distinct members of the key set, including this one and not the lost participant',
      { field: 'helpers' },
    );
  }
  const x = identifierScalar(lost);
  const xi = identifierScalar(kp.identifier);
  let zeta = 1n;
  for (const h of helpers) {
    if (h === kp.identifier) continue;
    const xj = identifierScalar(h);
    zeta = s.Fn.mul(zeta, s.Fn.div(s.Fn.sub(x, xj), s.Fn.sub(xi, xj))); // λ_i(x) = Π (x − x_j)/(x_i − x_j)
  }
  const target = s.Fn.mul(
    zeta,
    guard(() => s.Fn.fromBytes(kp.signingShare), 'FROST_INVALID_KEY_SHARE', 'the signing share is not a canonical scalar', {
      culprits: [kp.identifier],
    }),
  );
  const out: Record<Identifier, Uint8Array> = {};
  let sum = 0n;
  helpers.slice(0, -1).forEach((h) => {
    const r = s.Fn.fromBytes(s.frost.utils.randomScalar(rng));
    sum = s.Fn.add(sum, r);
    out[h] = s.Fn.toBytes(r);
  });
  out[helpers[helpers.length - 1]!] = s.Fn.toBytes(s.Fn.sub(target, sum));
  return out;
}

/** Sum of scalars mod L (RTS steps 2 and 3); `INVALID_ARGUMENT` (`details.field`) unless each is a canonical 32-byte scalar. */
function sumScalars(suite: CiphersuiteId, values: readonly Uint8Array[], field: string): Uint8Array {
  const s = getCiphersuite(suite);
  requireArray(values, field);
  values.forEach((v, i) => {
    requireBytes(v, `${field}[${i}]`, 32);
  });
  return guard(
    () => s.Fn.toBytes(values.reduce((acc, v) => s.Fn.add(acc, s.Fn.fromBytes(v)), 0n)),
    'INVALID_ARGUMENT',
    `${field} must be canonical scalars`,
    { field },
  );
}

/**
 * RTS step 2: helper j sums the deltas it received (one from every helper, its own included) into σ_j, which it
 * sends to the participant being repaired.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) for an unknown suite or deltas that are not 32-byte canonical scalars.
 */
export function repairShareStep2(deltas: readonly Uint8Array[], suite: CiphersuiteId = 'ed25519'): Uint8Array {
  return sumScalars(suite, deltas, 'deltas');
}

/**
 * RTS step 3: the repaired participant sums the σ_j into its signing share and checks it against its verifying share.
 * @throws JilError `FROST_INVALID_KEY_SHARE` when the result does not match (a helper sent a wrong value; RTS cannot
 *   say which, so `details.culprits` is empty and `details.helpers` lists all); `INVALID_ARGUMENT` (`details.field`)
 *   when `sigmas` are not 32-byte canonical scalars, `identifier` is not a string or `pub` not a public key package.
 */
export function repairShareStep3(sigmas: readonly Uint8Array[], identifier: Identifier, pub: PublicKeyPackage): KeyPackage {
  requirePublicKeyPackage(pub, 'publicKeyPackage');
  requireString(identifier, 'identifier');
  const kp: KeyPackage = { suite: pub.suite, identifier, signingShare: sumScalars(pub.suite, sigmas, 'sigmas'), publicKeyPackage: pub };
  try {
    verifyKeyPackage(kp);
  } catch (error) {
    throw frostError(
      'FROST_INVALID_KEY_SHARE',
      'the repaired share does not match its verifying share',
      { culprits: [], helpers: sigmas.length },
      error,
    );
  }
  return kp;
}

/**
 * Repair `lost` with `helpers` in one process (all three RTS steps).
 * @throws JilError as the three steps; `INVALID_ARGUMENT` (`details.field`) when `helpers` is not a non-empty array of key packages.
 */
export function repairShare(helpers: readonly KeyPackage[], lost: Identifier, rng?: RNG): KeyPackage {
  requireArray(helpers, 'helpers');
  if (helpers.length === 0) throw frostError('INVALID_ARGUMENT', 'helpers must not be empty', { field: 'helpers' });
  helpers.forEach((h, i) => {
    requireKeyPackage(h, `helpers[${i}]`);
  });
  const ids = helpers.map((h) => h.identifier);
  const deltas = helpers.map((h) => repairShareStep1(ids, h, lost, rng));
  const sigmas = ids.map((j) =>
    repairShareStep2(
      deltas.map((d) => d[j]!),
      helpers[0]!.suite,
    ),
  );
  return repairShareStep3(sigmas, lost, helpers[0]!.publicKeyPackage);
}
