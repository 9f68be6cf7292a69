import { createSigner, generateKeyPair, type DsseEnvelope } from '@jil/core';
import { createReleaseBody, createTrustPolicy, loadTrustPolicy, signRelease, type Track, type TrustKeyring } from '@jil/fleet';
import { startFakeHq } from '../testing/fakeHq.testutil.js';

/**
 * A stand-in for HQ's agent routes as the scheduled jobs use them: the node routes of `startFakeHq` (register-agent,
 * heartbeats, verify-deployment; every HMAC signature checked, every call recorded) plus releases and job-reports,
 * signing release records with a fresh HQ key (devnet: no approvals needed). The real routes are tested in shells/hq
 * (agentJobRoutes.test.ts).
 */
export async function startJobsHq(nodeSecret: Uint8Array, track: Track = 'devnet') {
  const hqSigner = createSigner(generateKeyPair().secretKey);
  const trust: TrustKeyring = loadTrustPolicy(createTrustPolicy({ hqPublicKeys: [hqSigner.publicKey], approvers: [] }));
  const releases: { release_id: string; envelope: DsseEnvelope }[] = [];
  const hq = await startFakeHq(nodeSecret, (app) => {
    app.post('/v1/fleet/nodes/:id/job-reports', async () => ({ ok: true }));
    app.post('/v1/fleet/nodes/:id/releases', async () => ({ track, releases }));
  });
  return {
    url: hq.url,
    trust,
    calls: hq.calls,
    /** Signs a release record of `track` for `repository@digest` (issued at `now`, default the present) and serves it. */
    release(repository: string, digest: string, version: number, now = new Date()): string {
      const body = createReleaseBody({
        track,
        version,
        image: { name: 'validator', repository, tag: String(version), digest },
        now,
      });
      releases.push({ release_id: body.release_id, envelope: signRelease(body, [hqSigner]) });
      return body.release_id;
    },
    close: hq.close,
  };
}
