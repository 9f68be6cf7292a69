import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hq, mallory } from '../testing/fixtures.testutil.js';
import { AUDIT_GENESIS_HASH, type AuditEntry } from './AuditEntry.js';
import { appendAuditEntry, auditEntryHash } from './appendAuditEntry.js';
import { verifyAuditChain } from './verifyAuditChain.js';

const keys = new Map([[hq.keyid, hq.publicKey]]);

function chain(n: number, signer = hq): AuditEntry[] {
  const rows: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    rows.push(
      appendAuditEntry(
        rows.at(-1),
        {
          at: new Date(Date.UTC(2025, 5, 1, 12, 0, i)).toISOString(),
          actor: i % 2 === 0 ? 'admin' : 'agent:n1',
          action: i % 3 === 0 ? 'image.sign' : 'distribution.command',
          target: `node:n${i}`,
          outcome: i % 4 === 3 ? 'refused' : 'ok',
          details: { i, digest: `sha256:${'ab'.repeat(32)}`, nested: { list: [i, 'x'] } },
        },
        signer,
      ),
    );
  }
  return rows;
}

describe('audit hash chain', () => {
  it('golden: the first row links to the genesis and hashes its RFC 8785 content', () => {
    const [first] = chain(1);
    expect(first).toMatchObject({ seq: 1, prev_hash: AUDIT_GENESIS_HASH, keyid: hq.keyid });
    expect(auditEntryHash(first!)).toBe(first!.hash);
    expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an intact chain and reports its head', () => {
    const rows = chain(6);
    expect(verifyAuditChain(rows, { publicKeys: keys })).toEqual({ valid: true, length: 6, head: { seq: 6, hash: rows[5]!.hash } });
    expect(verifyAuditChain(rows.slice(3), { after: { seq: 3, hash: rows[2]!.hash } }).valid).toBe(true);
    expect(verifyAuditChain([])).toEqual({ valid: true, length: 0, head: { seq: 0, hash: AUDIT_GENESIS_HASH } });
  });

  it('names the first edited row, and a rewritten chain without HQ key', () => {
    const rows = chain(5);
    const edited = rows.map((r) => ({ ...r }));
    edited[2] = { ...edited[2]!, outcome: 'ok' === edited[2]!.outcome ? 'refused' : 'ok' };
    expect(verifyAuditChain(edited)).toMatchObject({ valid: false, seq: 3, index: 2, reason: 'hash' });
    // the shared verifier shape (@jil/core VerificationFailure): check repeats the deprecated reason
    expect(verifyAuditChain(edited)).toMatchObject({
      valid: false,
      check: 'hash',
      code: 'FLEET_AUDIT_CHAIN_BROKEN',
      message: 'row content does not match its hash (edited)',
    });
    const rewritten = chain(5, mallory);
    expect(verifyAuditChain(rewritten).valid).toBe(true);
    expect(verifyAuditChain(rewritten, { publicKeys: keys })).toMatchObject({ valid: false, seq: 1, reason: 'signature' });
    expect(verifyAuditChain([rows[0], rows[2]])).toMatchObject({ valid: false, seq: 3, reason: 'sequence' });
    expect(verifyAuditChain([rows[0], { ...rows[1]!, prev_hash: '1'.repeat(64) }])).toMatchObject({ valid: false, seq: 2, reason: 'link' });
    expect(verifyAuditChain([{ ...rows[0], extra: 1 }])).toMatchObject({ valid: false, seq: 1, reason: 'shape' });
  });

  it('property: changing any field of any row, or deleting or swapping rows, fails verification', () => {
    const rows = chain(8);
    const fields = ['seq', 'at', 'actor', 'action', 'target', 'outcome', 'details', 'prev_hash', 'hash', 'sig'] as const;
    fc.assert(
      fc.property(
        fc.nat(7),
        fc.constantFrom(...fields, 'delete' as const, 'swap' as const),
        fc.string({ minLength: 1, maxLength: 8 }),
        (index, what, noise) => {
          const copy: unknown[] = rows.map((r) => structuredClone(r));
          const row = copy[index] as Record<string, unknown>;
          if (what === 'delete') {
            if (index === 7) return; // dropping the newest row is visible only against a kept head (see docs)
            copy.splice(index, 1);
          } else if (what === 'swap') copy.splice(index, 2, copy[index + 1] ?? copy[0], copy[index]);
          else if (what === 'seq') row['seq'] = (row['seq'] as number) + 1;
          else if (what === 'details') row['details'] = { ...(row['details'] as object), noise };
          else if (what === 'outcome') row['outcome'] = row['outcome'] === 'ok' ? 'failed' : 'ok';
          else if (what === 'at') row['at'] = '2031-01-01T00:00:00Z';
          else if (what === 'prev_hash' || what === 'hash') row[what] = (row[what] as string).replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
          else if (what === 'sig')
            row['sig'] = appendAuditEntry(
              undefined,
              { at: '2025-01-01T00:00:00Z', actor: 'x', action: 'y', target: 'z', outcome: 'ok', details: { noise } },
              hq,
            ).sig;
          else row[what] = `${row[what] as string}${noise.replace(/[^A-Za-z0-9]/g, '') || 'x'}`;
          if (what === 'swap' && index === 7) return;
          expect(verifyAuditChain(copy, { publicKeys: keys }).valid).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
