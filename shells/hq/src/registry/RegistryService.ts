import { bytesToUtf8, canonicalBytes, isJilError, JilError, uuidv7 } from '@jil/core';
import { parseImageReference, signImage, verifyImageSignature, type ImageRecord } from '@jil/fleet';
import type { HqContext } from '../app/HqContext.js';
import { record, refuse } from '../app/record.js';
import { fetchManifest } from './fetchManifest.js';

const text = (value: unknown): string => bytesToUtf8(canonicalBytes(value));

/**
 * HQ's registry side: records images from the digest of the manifest bytes the registry serves, signs only such a
 * digest (fetched again at signing time), and checks tags against signed digests. Every action is audited, refusals
 * included. Release metadata is `ReleaseService`'s.
 */
export class RegistryService {
  readonly #ctx: HqContext;

  constructor(ctx: HqContext) {
    this.#ctx = ctx;
  }

  /** `POST /v1/registry/images`: fetch the manifest of `reference` and record its digest. */
  async registerImage(actor: string, name: string, reference: string): Promise<ImageRecord> {
    const ctx = this.#ctx;
    const subject = { actor, action: 'image.register', target: `image:${name}` };
    const ref = parseImageReference(reference);
    if (ref.tag === undefined || ref.digest !== undefined) {
      throw new JilError('REQUEST_VALIDATION_FAILED', 'reference must name a tag (registry/path:tag)', {
        details: { fields: [{ field: 'reference', message: 'must name a tag' }] },
      });
    }
    let manifest;
    try {
      manifest = await fetchManifest(ref, ref.tag, { scheme: ctx.settings.registryScheme });
    } catch (error) {
      if (isJilError(error)) return refuse(ctx, subject, error);
      throw error;
    }
    const image = await ctx.store.images.upsert({
      image_id: uuidv7(ctx.clock()),
      name,
      repository: ref.repository,
      tag: ref.tag,
      digest: manifest.digest,
      media_type: manifest.mediaType,
      size: manifest.size,
      registered_at: ctx.clock().toISOString(),
    });
    await record(ctx, subject, 'ok', { repository: ref.repository, tag: ref.tag, digest: manifest.digest });
    return image;
  }

  /**
   * `POST /v1/registry/images/:name/sign`: fetch the manifest **by digest** again and sign only if the registry still
   * serves bytes that hash to it.
   */
  async signImage(actor: string, name: string, digest?: string): Promise<ImageRecord> {
    const ctx = this.#ctx;
    const image = await ctx.store.images.find(name, digest);
    if (image === undefined) throw new JilError('NOT_FOUND', 'no such image', { details: { name, ...(digest ? { digest } : {}) } });
    const subject = { actor, action: 'image.sign', target: `image:${name}@${image.digest}` };
    const ref = parseImageReference(`${image.repository}@${image.digest}`);
    try {
      await fetchManifest(ref, image.digest, { scheme: ctx.settings.registryScheme });
    } catch (error) {
      if (isJilError(error)) return refuse(ctx, subject, error);
      throw error;
    }
    const now = ctx.clock();
    const envelope = signImage(
      {
        name,
        repository: image.repository,
        tag: image.tag,
        digest: image.digest,
        media_type: image.media_type,
        size: image.size,
        signed_at: now.toISOString(),
      },
      [ctx.signer],
    );
    await ctx.store.images.setSignature(image.image_id, text(envelope), now);
    await record(ctx, subject, 'ok', { digest: image.digest, keyid: ctx.signer.keyid });
    return { ...image, signature: envelope };
  }

  /**
   * `POST /v1/registry/images/:name/verify`: does the registry still serve the signed digest under the tag? A moved tag
   * or a manifest that does not hash to its digest is reported (and audited as refused); nothing else changes.
   */
  async verifyImage(actor: string, name: string, digest?: string): Promise<Record<string, unknown>> {
    const ctx = this.#ctx;
    const image = await ctx.store.images.find(name, digest);
    if (image === undefined) throw new JilError('NOT_FOUND', 'no such image', { details: { name } });
    const subject = { actor, action: 'image.verify', target: `image:${name}@${image.digest}` };
    const ref = parseImageReference(`${image.repository}:${image.tag}`);
    const signature =
      image.signature === undefined
        ? undefined
        : verifyImageSignature(image.signature, { trust: ctx.trust, digest: image.digest, repository: image.repository });
    let served: string | undefined;
    let problem: { code: string; message: string } | undefined;
    try {
      served = (await fetchManifest(ref, image.tag, { scheme: ctx.settings.registryScheme })).digest;
      if (served !== image.digest) problem = { code: 'FLEET_DIGEST_MISMATCH', message: 'the tag now points at other content (tag moved)' };
    } catch (error) {
      if (!isJilError(error)) throw error;
      problem = { code: error.code, message: error.message };
    }
    if (signature === undefined || !signature.valid)
      problem ??= { code: 'FLEET_IMAGE_UNSIGNED', message: 'no valid HQ signature for this digest' };
    const result = {
      name,
      repository: image.repository,
      tag: image.tag,
      signed_digest: image.digest,
      registry_digest: served ?? null,
      signed: signature?.valid === true,
      valid: problem === undefined,
      ...(problem ? { code: problem.code, reason: problem.message } : {}),
    };
    await record(ctx, subject, problem === undefined ? 'ok' : 'refused', {
      registry_digest: served,
      ...(problem ? { code: problem.code } : {}),
    });
    return result;
  }
}
