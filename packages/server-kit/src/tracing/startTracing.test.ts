import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { startTracing } from './startTracing.js';

describe('startTracing', () => {
  it('does nothing without the OTEL_* variables, or when they turn tracing off', () => {
    for (const environment of [
      {},
      { OTEL_SERVICE_NAME: 'x' },
      { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' },
      { OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' },
      { OTEL_EXPORTER_OTLP_ENDPOINT: '  ' },
    ])
      expect(startTracing('jil-test', environment)).toBeUndefined();
    // No SDK registered: the API's tracer makes non-recording spans.
    expect(trace.getTracer('t').startSpan('s').isRecording()).toBe(false);
  });

  it('refuses an exporter, a protocol or an endpoint it cannot serve (CONFIG_INVALID, the variable named)', () => {
    for (const [environment, field] of [
      [{ OTEL_TRACES_EXPORTER: 'jaeger' }, 'OTEL_TRACES_EXPORTER'],
      [{ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, 'OTEL_EXPORTER_OTLP_PROTOCOL'],
      [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' }, 'OTEL_EXPORTER_OTLP_PROTOCOL'],
      [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
      [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'ftp://collector/v1/traces' }, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'],
    ] as const)
      expect(() => startTracing('jil-test', environment)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', details: { field } }));
  });
});
