import type { FastifyReply } from 'fastify';
import { base64Decode, bytesToUtf8, canonicalBytes, JilError, sha256Hex } from '@jil/core';
import type { TransferRequest } from '@jil/psa';
import { sqlstateOf, type Db } from '@jil/server-kit';
import { LogRepository } from '../../storage/LogRepository.js';
import type { PsaRecord } from '../../storage/PsaRepository.js';

/** Hex SHA-256 of the RFC 8785 bytes of a validated transfer request: what "the same request" means for a transit_id. */
export function requestSha256(request: TransferRequest): string {
  return sha256Hex(canonicalBytes(request as unknown as Record<string, unknown>));
}

/** True for the unique violation of migration 0006's index (a concurrent request with the same transit_id won). */
export function isTransitIdConflict(error: unknown): boolean {
  return sqlstateOf(error) === '23505';
}

/**
 * `transit_id` reuse (docs/api.md §transit_id): the identical request again answers `200` with the stored PSA
 * (`replayed: true`; `party_salts` empty — salts are never stored, keep them from the first answer); any other
 * request for that transit_id is refused with `409 REQUEST_TRANSIT_ID_REUSED` naming the stored PSA.
 *
 * @param reply - the Fastify reply.
 * @param prior - the stored PSA and its request hash (`null` for PSAs issued before migration 0006: always refused).
 * @param hash - {@link requestSha256} of the request at hand.
 * @param db - for the log index of the stored PSA.
 * @throws JilError `REQUEST_TRANSIT_ID_REUSED`.
 */
export async function replayOrRefuse(
  reply: FastifyReply,
  prior: { record: PsaRecord; request_sha256: string | null },
  hash: string,
  db: Db,
): Promise<FastifyReply> {
  const { record } = prior;
  if (prior.request_sha256 !== hash) {
    throw new JilError('REQUEST_TRANSIT_ID_REUSED', 'this transit_id already has a PSA for a different request; use a new transit_id', {
      details: { field: 'transit_id', transit_id: record.transit_id, psa_id: record.psa_id },
    });
  }
  const envelope = record.envelope as { payload?: unknown };
  const body = JSON.parse(bytesToUtf8(base64Decode(String(envelope.payload)))) as Record<string, unknown>;
  const logIndex = await new LogRepository(db).indexOf(record.psa_id);
  return reply.status(200).send({
    psa_id: record.psa_id,
    verdict: record.verdict,
    expires_at: record.expires_at.toISOString(),
    log_index: logIndex,
    envelope: record.envelope,
    body,
    party_salts: {},
    replayed: true,
  });
}
