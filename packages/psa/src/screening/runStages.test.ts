import { describe, expect, it } from 'vitest';
import { EMPTY_SNAPSHOT, sampleRequest, T0 } from '@jil/psa-testkit';
import { decideVerdict } from '../verdict/decideVerdict.js';
import { MemoryRiskHistoryStore } from './MemoryRiskHistoryStore.js';
import { runStages } from './runStages.js';
import { STAGE_NAMES, type Stage } from './types.js';

const pass: Stage = async () => ({ status: 'pass', summary: 'ok', hits: [] });
const context = { snapshot: EMPTY_SNAPSHOT, now: T0, riskHistory: new MemoryRiskHistoryStore() };

describe('runStages', () => {
  it('turns a stage that misses its deadline into status error (STAGE_TIMEOUT) and the verdict fails closed to flag', async () => {
    let aborted = false;
    const hang: Stage = (_r, c) =>
      new Promise(() =>
        c.signal.addEventListener('abort', () => {
          aborted = true;
        }),
      );
    const findings = await runStages({
      stages: { endpoints: pass, kyc: pass, sanctions: hang, risk: pass },
      request: sampleRequest(),
      context,
      deadlinesMs: { sanctions: 20 },
    });
    const s = findings.find((f) => f.stage === 'sanctions')!;
    expect(s.status).toBe('error');
    expect(s.details.error?.code).toBe('STAGE_TIMEOUT');
    expect(aborted).toBe(true);
    expect(decideVerdict(findings, STAGE_NAMES).verdict).toBe('flag');
  });

  it('turns a throwing stage into status error without leaking its message', async () => {
    const boom: Stage = async () => {
      throw new Error('secret=hunter2');
    };
    const findings = await runStages({
      stages: { endpoints: pass, kyc: boom, sanctions: pass, risk: pass },
      request: sampleRequest(),
      context,
    });
    const k = findings.find((f) => f.stage === 'kyc')!;
    expect(k.status).toBe('error');
    expect(k.details.error?.code).toBe('STAGE_ERROR');
    expect(JSON.stringify(findings)).not.toContain('hunter2');
  });

  it('returns the findings in stage order with integer durations', async () => {
    const findings = await runStages({
      stages: { endpoints: pass, kyc: pass, sanctions: pass, risk: pass },
      request: sampleRequest(),
      context,
    });
    expect(findings.map((f) => f.stage)).toEqual([...STAGE_NAMES]);
    for (const f of findings) expect(Number.isInteger(f.duration_ms)).toBe(true);
  });
});

describe('decideVerdict', () => {
  const f = (stage: string, status: 'pass' | 'flag' | 'fail' | 'error') => ({
    stage: stage as 'kyc',
    status,
    duration_ms: 0,
    details: { summary: status, hits: [] },
  });
  it('fail beats flag beats pass; error and missing stages fail closed to flag', () => {
    const all = (s: ('pass' | 'flag' | 'fail' | 'error')[]) =>
      decideVerdict(
        STAGE_NAMES.map((n, i) => f(n, s[i]!)),
        STAGE_NAMES,
      ).verdict;
    expect(all(['pass', 'pass', 'pass', 'pass'])).toBe('pass');
    expect(all(['pass', 'flag', 'pass', 'pass'])).toBe('flag');
    expect(all(['pass', 'pass', 'error', 'pass'])).toBe('flag');
    expect(all(['fail', 'flag', 'error', 'pass'])).toBe('fail');
    expect(decideVerdict([f('endpoints', 'pass')], STAGE_NAMES).verdict).toBe('flag');
  });
});
