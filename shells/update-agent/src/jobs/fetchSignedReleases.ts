import { base64Decode, bytesToUtf8 } from '@jil/core';
import { TRACKS, verifyRelease, type FleetFailure, type ReleaseBody, type Track } from '@jil/fleet';
import type { AgentJobContext } from './AgentJobContext.js';

/** HQ's release records as the agent verified them with its own pinned trust policy. */
export interface SignedReleases {
  /** The node's track as HQ enrolled it (`null` when HQ did not say). */
  track: Track | null;
  /** Releases whose HQ signature and approvals verified (expiry not checked: see below). */
  verified: { envelope: unknown; body: ReleaseBody; approverIds: string[] }[];
  /** Records that did not verify, with the failing check. */
  refused: { release_id: string | null; check: FleetFailure['check']; code: FleetFailure['code'] }[];
}

/**
 * Fetches the node's approved release records from HQ (`POST /v1/fleet/nodes/:nodeId/releases`) and verifies each
 * envelope offline with `verifyRelease` against the agent's pinned policy (HQ signature, approvals of the track). The
 * check is made as of each release's `issued_at`: whether HQ and the approvers signed a digest does not change when
 * the metadata expires (the image-update job re-verifies at the current time before deploying).
 *
 * @param ctx - see {@link AgentJobContext}.
 * @returns verified and refused records.
 * @throws JilError from HQ (`FLEET_NODE_REVOKED`, `AUTH_*`) or `CLIENT_NETWORK` / `CLIENT_TIMEOUT`.
 * @see DESIGN.md §Fleet (signed release metadata)
 * @example
 * import { fetchSignedReleases } from '@jil/shell-update-agent';
 * const { verified } = await fetchSignedReleases(ctx);
 */
export async function fetchSignedReleases(ctx: Pick<AgentJobContext, 'hq' | 'nodeId' | 'trust'>): Promise<SignedReleases> {
  const answer = await ctx.hq.post<{ track?: unknown; releases?: { release_id?: unknown; envelope?: unknown }[] }>(
    `/v1/fleet/nodes/${encodeURIComponent(ctx.nodeId)}/releases`,
    { node_id: ctx.nodeId },
  );
  const track = (TRACKS as readonly unknown[]).includes(answer.track) ? (answer.track as Track) : null;
  const out: SignedReleases = { track, verified: [], refused: [] };
  for (const r of Array.isArray(answer.releases) ? answer.releases : []) {
    const issuedAt = Date.parse(peekIssuedAt(r.envelope));
    const result = verifyRelease(r.envelope, { trust: ctx.trust, now: new Date(Number.isFinite(issuedAt) ? issuedAt : 0) });
    if (result.valid) out.verified.push({ envelope: r.envelope, body: result.body, approverIds: result.approverIds });
    else out.refused.push({ release_id: typeof r.release_id === 'string' ? r.release_id : null, check: result.check, code: result.code });
  }
  return out;
}

/** `issued_at` of an envelope's payload, unverified (only chooses the verification time; the signature covers it). */
function peekIssuedAt(envelope: unknown): string {
  try {
    const body = JSON.parse(bytesToUtf8(base64Decode((envelope as { payload: string }).payload))) as { issued_at?: unknown };
    return typeof body.issued_at === 'string' ? body.issued_at : '';
  } catch {
    return '';
  }
}
