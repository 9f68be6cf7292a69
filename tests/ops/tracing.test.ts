// OpenTelemetry traces (issue 14 §Metrics and traces, docs/operations.md §Traces): a real OTLP/HTTP receiver on loopback
// (node:http, JSON bodies) gets the spans of one validate from the coordinator (this process, `startTracing`) and from
// validator OS processes (their main, `startTracing` from the inherited OTEL_* environment): one trace id, the expected
// span names and parent links, and no party name, address or credential in any attribute.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { verifyValidatorSet } from '@jil/psa';
import { JilClient } from '@jil/sdk/client';
import { ensureLocalState, startService, type RunningService } from '@jil/shell-preclearance';
import { startTracing, type RunningTracing } from '@jil/server-kit/tracing';
import { startLocalValidators, type LocalValidators } from '@jil/cli/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transferRequest } from '../e2e/issuePsas.testutil.js';
import { writeOneDatasetSnapshot } from './oneDatasetSnapshot.testutil.js';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: { key: string; value: OtlpValue }[];
}
interface ReceivedSpan extends OtlpSpan {
  service: string;
  attrs: Record<string, unknown>;
}

/** An OTLP/HTTP traces receiver (`POST /v1/traces`, `application/json`) that keeps every span it is sent. */
function startReceiver(): Promise<{ server: Server; url: string; spans: ReceivedSpan[]; contentTypes: Set<string> }> {
  const spans: ReceivedSpan[] = [];
  const contentTypes = new Set<string>();
  const value = (v: OtlpValue): unknown => v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      contentTypes.add(String(req.headers['content-type']));
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      const body = JSON.parse(text) as {
        resourceSpans: { resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      for (const rs of body.resourceSpans) {
        const service = String(value(rs.resource.attributes?.find((a) => a.key === 'service.name')?.value ?? {}));
        for (const ss of rs.scopeSpans)
          for (const s of ss.spans)
            spans.push({ ...s, service, attrs: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, value(a.value)])) });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${port}`, spans, contentTypes });
    }),
  );
}

const OTEL_ENV = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_BSP_SCHEDULE_DELAY'] as const;

describe('one trace per validate, from the coordinator to the validator processes', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'jil-otel-test-'));
  const saved = Object.fromEntries(OTEL_ENV.map((k) => [k, process.env[k]]));
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let tracing: RunningTracing | undefined;
  let validators: LocalValidators | undefined;
  let service: RunningService | undefined;
  const request = transferRequest(1, 'otel');
  let asked = 0;

  beforeAll(async () => {
    receiver = await startReceiver();
    // The validator processes inherit these (startValidatorProcesses passes process.env on).
    process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] = receiver.url;
    process.env['OTEL_BSP_SCHEDULE_DELAY'] = '50';
    tracing = startTracing('jil-preclearance');
    // A one-dataset snapshot (no listings): enough to screen and sign, and quick to load in every process.
    const snapshotFile = join(tmp, 'snapshot.json');
    await writeOneDatasetSnapshot(snapshotFile);
    const stateDir = join(tmp, 'state');
    const state = ensureLocalState(stateDir);
    // Just enough validator processes for the quorum: one per jurisdiction first, then the next ones up to the threshold.
    const { threshold, min_jurisdictions } = verifyValidatorSet(state.signedValidatorSet, { now: new Date() }).set;
    const chosen: typeof state.validators = [];
    const seen = new Set<string>();
    for (const v of state.validators)
      if (!seen.has(v.jurisdiction) && seen.size < min_jurisdictions) {
        seen.add(v.jurisdiction);
        chosen.push(v);
      }
    for (const v of state.validators) if (chosen.length < threshold && !chosen.includes(v)) chosen.push(v);
    asked = chosen.length;
    validators = await startLocalValidators({ state: { ...state, validators: chosen }, snapshotFile, listFreshness: false });
    service = await startService({
      stateDir,
      dataDir: tmp,
      snapshotFile,
      port: 0,
      logger: false,
      listFreshness: false,
      validators: {
        endpoints: validators.processes.endpoints,
        coordinatorSecretKey: validators.coordinatorSecretKey,
        deadlineMs: 10_000,
        wave: 'all',
      },
    });
  }, 180_000);

  afterAll(async () => {
    await service?.close();
    await validators?.processes.stopAll();
    await tracing?.shutdown();
    for (const k of OTEL_ENV)
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    await new Promise((r) => receiver?.server.close(r));
    rmSync(tmp, { recursive: true, force: true });
  });

  it('one trace: validate → auth, stages, quorum → validator requests → reviews, storage', async () => {
    const s = service!;
    const client = new JilClient({
      baseUrl: s.url,
      accessKeyId: s.state.credentials.access_key_id,
      secret: s.state.credentials.secret,
      timeoutMs: 30_000,
    });
    const issued = await client.validate(request);
    expect(issued.envelope.signatures.length).toBeGreaterThanOrEqual(s.engine.validatorSet.set.threshold);
    await s.issuer.flush();
    await tracing!.forceFlush();
    const spans = receiver.spans;
    // The validators export on their own schedule (50 ms batches): wait until each signing request has its review.
    const signedRequests = () => spans.filter((x) => x.name === 'validator request' && x.attrs['jil.validator.reply'] === 'signature');
    while (spans.filter((x) => x.name === 'validator review').length < signedRequests().length || signedRequests().length === 0)
      await new Promise((r) => setTimeout(r, 50));

    expect([...receiver.contentTypes]).toEqual(['application/json']);
    const roots = spans.filter((x) => x.name === 'POST /v1/preclearance/validate');
    expect(roots).toHaveLength(1);
    const root = roots[0]!;
    expect(root.parentSpanId ?? '').toBe('');
    expect(root.service).toBe('jil-preclearance');
    expect(root.attrs).toMatchObject({
      'jil.psa_id': issued.psa_id,
      'jil.verdict': issued.verdict,
      'http.response.status_code': 201,
    });
    // Every span received belongs to this one trace (one validate was sent).
    expect(new Set(spans.map((x) => x.traceId))).toEqual(new Set([root.traceId]));

    const childrenOf = (parent: OtlpSpan) => spans.filter((x) => x.parentSpanId === parent.spanId);
    expect(
      childrenOf(root)
        .map((x) => x.name)
        .sort(),
    ).toEqual(['auth', 'quorum', 'stage endpoints', 'stage kyc', 'stage risk', 'stage sanctions', 'storage']);
    for (const stage of childrenOf(root).filter((x) => x.name.startsWith('stage ')))
      expect(issued.body.findings.find((f) => `stage ${f.stage}` === stage.name)?.status).toBe(stage.attrs['jil.stage.status']);
    const quorum = spans.find((x) => x.name === 'quorum')!;
    expect(quorum.attrs).toMatchObject({ 'jil.quorum.reached': true, 'jil.psa_id': issued.psa_id });

    // One client span per validator of the set (wave 'all'); those without a process answer `unreachable`.
    const requests = childrenOf(quorum);
    expect(requests.every((x) => x.name === 'validator request' && x.service === 'jil-preclearance')).toBe(true);
    expect(requests).toHaveLength(s.engine.validatorSet.set.validators.length);
    expect(signedRequests()).toHaveLength(asked);

    // Each validator process's review span is a child of the coordinator's request span to it (traceparent).
    const reviews = spans.filter((x) => x.name === 'validator review');
    expect(reviews).toHaveLength(asked);
    for (const review of reviews) {
      expect(review.service).toBe('jil-validator');
      expect(review.attrs).toMatchObject({ 'jil.validator.outcome': 'signed', 'jil.psa_id': issued.psa_id });
      const parent = requests.find((x) => x.spanId === review.parentSpanId);
      expect(parent?.attrs['jil.validator_id']).toBe(review.attrs['jil.validator_id']);
    }

    // No attribute holds a party name, an account id, an address or a credential.
    const forbidden = [
      'Helvetia',
      'Nordlicht',
      String(request['source_address']),
      String(request['destination_address']),
      'acct-',
      s.state.credentials.access_key_id,
      s.state.credentials.secret,
    ].map((x) => x.toLowerCase());
    for (const span of spans)
      for (const [key, v] of Object.entries(span.attrs))
        for (const f of forbidden) expect(`${key}=${String(v)}`.toLowerCase(), `${span.name} ${key}`).not.toContain(f);
  }, 60_000);
});
