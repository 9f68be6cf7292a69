import { base64Decode, canonicalBytes, JilError, sha256Hex, type DsseEnvelope } from '@jil/core';

/**
 * The largest transparency-log entry: entry bundles prefix each entry with a big-endian uint16 length
 * (c2sp.org/tlog-tiles §Log entries).
 */
export const LOG_ENTRY_MAX_BYTES = 65_535;

/**
 * The transparency-log entry of a PSA (docs/transparency-log.md §What is logged):
 *
 * - **full form** — the RFC 8785 bytes of the DSSE envelope `{ payload, payloadType, signatures }`, whenever they are at
 *   most {@link LOG_ENTRY_MAX_BYTES} (every Ed25519 PSA);
 * - **digest form** — otherwise (a PSA whose signatures do not fit, e.g. 14 composite ML-DSA-65 + Ed25519 signatures of
 *   3,373 bytes each): the RFC 8785 bytes of `{ payload, payloadType, signatures: [{ keyid, sig_sha256 }] }`, where
 *   `sig_sha256` is the lower-case hex SHA-256 of the signature's decoded bytes, signatures in the envelope's order.
 *   The entry still commits to every byte of the PSA; a log monitor reads the body and the signers from it and needs
 *   the PSA itself to check the signatures.
 *
 * The form follows from the envelope alone, so a verifier recomputes the entry from the PSA in front of it.
 *
 * @param envelope - the PSA's DSSE envelope as the service returned it (parsed JSON; extra members make another entry).
 * @returns the entry bytes (UTF-8).
 * @throws JilError `INVALID_ARGUMENT` when a digest-form signature is not base64; `LOG_ENTRY_TOO_LARGE` when even the
 *   digest form exceeds 65,535 bytes; `CANONICAL_*` when the envelope is not I-JSON.
 * @example
 * import { leafHash } from '@jil/core/tlog';
 * const entry = psaLogEntry(envelope); // leafHash(entry) is the PSA's leaf in the log
 */
export function psaLogEntry(envelope: DsseEnvelope): Uint8Array {
  const full = canonicalBytes(envelope);
  if (full.length <= LOG_ENTRY_MAX_BYTES) return full;
  const digest = psaDigestEntry(envelope);
  if (digest.length > LOG_ENTRY_MAX_BYTES) {
    throw new JilError(
      'TLOG_ENTRY_TOO_LARGE',
      `the PSA's log entry is ${digest.length} bytes even in digest form; the limit is ${LOG_ENTRY_MAX_BYTES}`,
      { details: { field: 'envelope', bytes: digest.length } },
    );
  }
  return digest;
}

/**
 * The digest form of a PSA's log entry (see {@link psaLogEntry}, which picks the form): RFC 8785 bytes of
 * `{ payload, payloadType, signatures: [{ keyid, sig_sha256 }] }`, `sig_sha256` = lower-case hex SHA-256 of the
 * signature's base64-decoded bytes, in the envelope's order. Whatever its size (the caller checks the limit).
 *
 * @throws JilError `INVALID_ARGUMENT` when a signature's `sig` is not base64; `CANONICAL_*` for non-I-JSON input.
 */
export function psaDigestEntry(envelope: DsseEnvelope): Uint8Array {
  if (typeof envelope !== 'object' || envelope === null)
    throw new JilError('INVALID_ARGUMENT', 'envelope must be a DSSE envelope', { details: { field: 'envelope' } });
  const signatures = Array.isArray(envelope.signatures) ? envelope.signatures : [];
  return canonicalBytes({
    payload: envelope.payload,
    payloadType: envelope.payloadType,
    signatures: signatures.map((s, i) => {
      if (typeof s?.sig !== 'string')
        throw new JilError('INVALID_ARGUMENT', `signatures[${i}].sig must be base64`, { details: { field: `signatures.${i}.sig` } });
      return { keyid: s.keyid, sig_sha256: sha256Hex(base64Decode(s.sig)) };
    }),
  });
}
