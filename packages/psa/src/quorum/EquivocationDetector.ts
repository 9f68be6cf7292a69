import { JilError } from '@jil/core';

/** A verified validator signature over one PSA body, as the coordinator observed it. */
export interface ObservedSignature {
  validator_id: string;
  transit_id: string;
  psa_id: string;
  /** base64 of the signed payload (the body's RFC 8785 bytes). */
  payload: string;
  /** Hex SHA-256 of the payload bytes. */
  payload_sha256: string;
  keyid: string;
  /** base64 signature over `PAE(payloadType, payload)`. */
  sig: string;
}

/** Options of {@link EquivocationDetector}. */
export interface EquivocationDetectorOptions {
  /** Most `transit_id`s remembered, least recently seen forgotten first (default 10 000). */
  maxTransits?: number;
}

interface Seen {
  payloads: Map<string, string>;
  byValidator: Map<string, Omit<ObservedSignature, 'payload' | 'validator_id' | 'transit_id'>>;
}

/**
 * Remembers which body each validator signed for each `transit_id` (DESIGN.md §Validators and the quorum: conflicting
 * signatures for one `transit_id` are kept as equivocation evidence). Feed it only signatures that verified; a second,
 * different body signed by the same validator for the same `transit_id` is returned as the conflict. In memory and
 * bounded: a conflict whose first signature was forgotten (or seen before a restart) goes unnoticed here — validators
 * refuse it themselves (`VALIDATOR_EQUIVOCATION_REFUSED`).
 *
 * @example
 * import { EquivocationDetector } from '@jil/psa';
 * const detector = new EquivocationDetector();
 * const earlier = detector.observe(signature); // undefined, or the other body this validator signed
 */
export class EquivocationDetector {
  readonly #max: number;
  readonly #seen = new Map<string, Seen>();

  /** @throws JilError `INVALID_ARGUMENT` for a `maxTransits` that is not a positive safe integer, or options that are not an object. */
  constructor(o: EquivocationDetectorOptions = {}) {
    if (typeof o !== 'object' || o === null)
      throw new JilError('INVALID_ARGUMENT', 'options must be an object', { details: { field: 'options' } });
    this.#max = o.maxTransits ?? 10_000;
    if (!Number.isSafeInteger(this.#max) || this.#max < 1)
      throw new JilError('INVALID_ARGUMENT', 'maxTransits must be a positive integer', { details: { field: 'maxTransits' } });
  }

  /**
   * Record a verified signature.
   * @returns the earlier signature by the same validator over another body for the same `transit_id`, else `undefined`
   *   (the earlier one stays remembered, so every later conflict is reported against it).
   */
  observe(s: ObservedSignature): ObservedSignature | undefined {
    const entry = this.#seen.get(s.transit_id) ?? { payloads: new Map(), byValidator: new Map() };
    this.#seen.delete(s.transit_id);
    this.#seen.set(s.transit_id, entry);
    if (this.#seen.size > this.#max) this.#seen.delete(this.#seen.keys().next().value!);
    entry.payloads.set(s.payload_sha256, s.payload);
    const before = entry.byValidator.get(s.validator_id);
    if (before === undefined) {
      entry.byValidator.set(s.validator_id, { psa_id: s.psa_id, payload_sha256: s.payload_sha256, keyid: s.keyid, sig: s.sig });
      return undefined;
    }
    if (before.payload_sha256 === s.payload_sha256) return undefined;
    return { ...before, validator_id: s.validator_id, transit_id: s.transit_id, payload: entry.payloads.get(before.payload_sha256)! };
  }
}
