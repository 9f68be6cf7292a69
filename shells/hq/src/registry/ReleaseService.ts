import { bytesToUtf8, canonicalBytes, isJilError, JilError, type DsseSignature } from '@jil/core';
import { addApproval, createReleaseBody, releaseApprovals, signRelease, verifyImageSignature, verifyRelease, type Track } from '@jil/fleet';
import type { HqContext } from '../app/HqContext.js';
import { record, refuse } from '../app/record.js';
import type { ReleaseRecord } from '../storage/ReleaseRepository.js';

const text = (value: unknown): string => bytesToUtf8(canonicalBytes(value));

/**
 * Per-track release metadata: HQ issues it (versioned, expiring) only for images it signed, approvers co-sign the same
 * payload, and a release counts as approved once its distinct approvers meet the pinned policy's count for the track
 * (`@jil/fleet`'s `releaseApprovals`, the rule `verifyRelease` applies). Every action is audited, refusals included.
 */
export class ReleaseService {
  readonly #ctx: HqContext;

  constructor(ctx: HqContext) {
    this.#ctx = ctx;
  }

  /** `POST /v1/registry/release`: new release metadata of `track` for a signed image, HQ-signed, pending approvals. */
  async createRelease(
    actor: string,
    name: string,
    track: Track,
    digest?: string,
    ttlSeconds?: number,
  ): Promise<ReleaseRecord & { approvals_required: number }> {
    const ctx = this.#ctx;
    const image = await ctx.store.images.find(name, digest);
    if (image === undefined) throw new JilError('NOT_FOUND', 'no such image', { details: { name } });
    const subject = { actor, action: 'release.create', target: `image:${name}@${image.digest}` };
    const signed =
      image.signature === undefined ? undefined : verifyImageSignature(image.signature, { trust: ctx.trust, digest: image.digest });
    if (signed === undefined || !signed.valid)
      return refuse(ctx, subject, {
        code: 'FLEET_IMAGE_UNSIGNED',
        message: 'only signed images can be released',
        details: { digest: image.digest },
      });
    const now = ctx.clock();
    const version = await ctx.store.releases.nextVersion(track);
    const body = createReleaseBody({
      track,
      version,
      image: { name, repository: image.repository, tag: image.tag, digest: image.digest },
      now,
      ttlMs: ttlSeconds === undefined ? ctx.settings.releaseTtlMs : ttlSeconds * 1000,
    });
    const envelope = signRelease(body, [ctx.signer]);
    const { required, status } = releaseApprovals(envelope, ctx.trust);
    const release: ReleaseRecord = {
      release_id: body.release_id,
      image_id: image.image_id,
      track,
      version,
      digest: image.digest,
      envelope,
      approvers: [],
      status,
      issued_at: body.issued_at,
      expires_at: body.expires_at,
    };
    await ctx.store.releases.insert(release, text(envelope));
    await record(ctx, { ...subject, target: `release:${body.release_id}` }, 'ok', {
      track,
      version,
      digest: image.digest,
      expires_at: body.expires_at,
      approvals_required: required,
    });
    return { ...release, approvals_required: required };
  }

  /** `POST /v1/registry/images/:name/promote`: add one approver's signature to a release; approved once enough. */
  async promote(
    actor: string,
    name: string,
    releaseId: string,
    approverId: string,
    signature: DsseSignature,
  ): Promise<ReleaseRecord & { approvals_required: number }> {
    const ctx = this.#ctx;
    const release = await ctx.store.releases.get(releaseId);
    const image = release === undefined ? undefined : await ctx.store.images.get(release.image_id);
    if (release === undefined || image?.name !== name)
      throw new JilError('NOT_FOUND', 'no such release of this image', { details: { release_id: releaseId, name } });
    const subject = { actor: `approver:${approverId}`, action: 'release.approve', target: `release:${releaseId}` };
    const approver = ctx.trust.approvers.get(signature.keyid);
    if (approver === undefined || approver.approverId !== approverId) {
      return refuse(ctx, subject, {
        code: 'FLEET_SIGNATURE_INVALID',
        message: 'the signature is not from this approver of the trust policy',
        details: { approver_id: approverId, via: actor },
      });
    }
    let added;
    try {
      added = addApproval(release.envelope, signature, ctx.trust);
    } catch (error) {
      if (isJilError(error)) return refuse(ctx, subject, error);
      throw error;
    }
    const { required, status } = releaseApprovals(added.envelope, ctx.trust);
    await ctx.store.releases.setApprovals(releaseId, text(added.envelope), added.approverIds, status);
    await record(ctx, subject, 'ok', { track: release.track, version: release.version, approvers: added.approverIds, status, via: actor });
    return { ...release, envelope: added.envelope, approvers: added.approverIds, status, approvals_required: required };
  }

  /** The release metadata HQ would send, checked as an agent would (trust policy, approvals, expiry). */
  async checkReleasable(release: ReleaseRecord): Promise<ReturnType<typeof verifyRelease>> {
    return verifyRelease(release.envelope, { trust: this.#ctx.trust, now: this.#ctx.clock() });
  }
}
