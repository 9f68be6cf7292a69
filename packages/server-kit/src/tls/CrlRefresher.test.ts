import { createCertificateAuthority, createCrl, type CertificateAuthority } from '@jil/fleet';
import { beforeAll, describe, expect, it } from 'vitest';
import { CrlRefresher } from './CrlRefresher.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const HOUR = 3_600_000;

describe('CrlRefresher', () => {
  let ca: CertificateAuthority;
  let rogue: CertificateAuthority;
  beforeAll(async () => {
    ca = await createCertificateAuthority({ now: T0 });
    rogue = await createCertificateAuthority({ now: T0, commonName: 'Rogue CA' });
  });

  const setup = () => {
    let now = T0.getTime();
    let next: () => Promise<string> = () => Promise.reject(new Error('HQ unreachable'));
    const warnings: Record<string, unknown>[] = [];
    const changes: number[] = [];
    const r = new CrlRefresher({
      caCertificatePem: ca.certificatePem,
      fetchCrl: () => next(),
      intervalMs: 60_000,
      clock: () => new Date(now),
      log: { warn: (fields) => void warnings.push(fields) },
    });
    r.onChange(() => void changes.push(now));
    return {
      r,
      warnings,
      changes,
      serve: (f: () => Promise<string>) => {
        next = f;
      },
      at: (ms: number) => {
        now = T0.getTime() + ms;
      },
    };
  };

  it('holds nothing until a CA-signed CRL arrives (fail closed), then keeps the last good one through failures', async () => {
    const s = setup();
    expect(await s.r.refresh()).toBe(false);
    expect(s.r.current()).toBeUndefined();
    s.serve(() => createCrl(rogue, { revoked: [], now: T0 }));
    expect(await s.r.refresh()).toBe(false);
    expect(s.warnings.map((w) => w['check'] ?? w['reason'])).toEqual(['HQ unreachable', 'issuer']);
    const good = await createCrl(ca, { revoked: [], now: T0, validityMs: 2 * HOUR });
    s.serve(async () => good);
    expect(await s.r.refresh()).toBe(true);
    expect(s.r.current()).toBe(good);
    expect(await s.r.refresh()).toBe(false); // the same CRL again: no change announced
    expect(s.changes).toHaveLength(1);
    s.serve(async () => 'garbage');
    expect(await s.r.refresh()).toBe(false);
    s.serve(() => Promise.reject(new Error('HQ unreachable')));
    expect(await s.r.refresh()).toBe(false);
    expect(s.r.current()).toBe(good); // last good kept
    s.at(2 * HOUR); // past its nextUpdate: none valid, fail closed
    expect(s.r.current()).toBeUndefined();
  });

  it('refuses a CRL older than the one it holds (no rollback to an un-revoked list) and takes a newer one', async () => {
    const s = setup();
    const old = await createCrl(ca, { revoked: [], now: T0, validityMs: 10 * HOUR });
    const revoking = await createCrl(ca, {
      revoked: [{ serialNumber: 'aa', revokedAt: new Date(T0.getTime() + HOUR) }],
      now: new Date(T0.getTime() + HOUR),
      validityMs: 10 * HOUR,
    });
    s.at(HOUR);
    s.serve(async () => revoking);
    expect(await s.r.refresh()).toBe(true);
    s.serve(async () => old);
    expect(await s.r.refresh()).toBe(false);
    expect(s.warnings).toContainEqual(expect.objectContaining({ check: 'rollback' }));
    expect(s.r.current()).toBe(revoking);
  });

  it('refuses an interval under 100 ms', () => {
    expect(() => new CrlRefresher({ caCertificatePem: ca.certificatePem, fetchCrl: async () => '', intervalMs: 10 })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});
