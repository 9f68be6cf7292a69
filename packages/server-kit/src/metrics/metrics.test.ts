import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { JilError } from '@jil/core';
import { installJsonConventions } from '../http/installJsonConventions.js';
import { createMetrics } from './createMetrics.js';
import { installHttpMetrics, UNMATCHED_ROUTE } from './installHttpMetrics.js';

/** The value of one series in a text exposition, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function appWithMetrics() {
  const app = Fastify({ logger: false });
  const metrics = createMetrics({ processMetrics: false });
  installHttpMetrics(app, metrics);
  installJsonConventions(app);
  app.get<{ Params: { id: string } }>('/items/:id', async (req) => ({ id: req.params.id }));
  app.post('/fail', async () => {
    throw new JilError('INVALID_ARGUMENT', 'no');
  });
  await app.ready();
  return { app, metrics };
}

describe('installHttpMetrics', () => {
  it('counts requests by method, route pattern and status, never the raw URL', async () => {
    const { app } = await appWithMetrics();
    for (const id of ['a', 'b', 'c']) expect((await app.inject({ method: 'GET', url: `/items/${id}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/fail' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/secret-path-123' })).statusCode).toBe(404);
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = res.body;
    expect(sample(text, 'http_requests_total{method="GET",route="/items/:id",status_code="200"}')).toBe(3);
    expect(sample(text, 'http_requests_total{method="POST",route="/fail",status_code="400"}')).toBe(1);
    expect(sample(text, `http_requests_total{method="GET",route="${UNMATCHED_ROUTE}",status_code="404"}`)).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/items/:id",status_code="200"}')).toBe(3);
    expect(sample(text, 'http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/items/:id",status_code="200"}')).toBe(3);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).not.toContain('secret-path-123');
    expect(text).not.toMatch(/route="\/items\/[abc]"/);
    await app.close();
  });

  it('serves process metrics under their standard names when enabled', async () => {
    const metrics = createMetrics({ defaultLabels: { shell: 'test' } });
    const text = await metrics.render();
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
    expect(text).toMatch(/^process_resident_memory_bytes\{shell="test"\} \d+/m);
  });

  it('gauges collect at scrape time', async () => {
    const metrics = createMetrics({ processMetrics: false });
    let calls = 0;
    metrics.gauge({
      name: 'jil_test_items',
      help: 'Items',
      labelNames: ['state'],
      collect() {
        calls += 1;
        this.set({ state: 'ready' }, calls * 10);
      },
    });
    expect(calls).toBe(0);
    expect(sample(await metrics.render(), 'jil_test_items{state="ready"}')).toBe(10);
    expect(sample(await metrics.render(), 'jil_test_items{state="ready"}')).toBe(20);
  });

  it('refuses an invalid or duplicate metric name with INVALID_ARGUMENT', () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.counter({ name: 'jil_things_total', help: 'Things' });
    for (const name of ['jil_things_total', 'bad-name', '9lives', '']) {
      let error: unknown;
      try {
        metrics.counter({ name, help: 'x' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(JilError);
      expect((error as JilError).code).toBe('INVALID_ARGUMENT');
    }
  });

  it('with path: false registers no route', async () => {
    const app = Fastify({ logger: false });
    installHttpMetrics(app, createMetrics({ processMetrics: false }), { path: false });
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    await app.close();
  });
});
