import { JilError } from '@jil/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** The OpenTelemetry trace SDK of this process, as {@link startTracing} registered it. */
export interface RunningTracing {
  /** Where the spans go: the OTLP/HTTP traces URL (`…/v1/traces`). */
  readonly url: string;
  /** Export the spans that ended and are still buffered. */
  forceFlush(): Promise<void>;
  /** Export what is buffered and stop the SDK (call once, when the process stops). */
  shutdown(): Promise<void>;
}

const env = (e: Readonly<Record<string, string | undefined>>, name: string): string | undefined => {
  const v = e[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
};

/**
 * Start the OpenTelemetry trace SDK (docs/operations.md §Traces) when the standard environment asks for it, else do
 * nothing: the shells' spans (`@opentelemetry/api`) stay no-ops. Opt-in by `OTEL_TRACES_EXPORTER=otlp` or an
 * `OTEL_EXPORTER_OTLP_ENDPOINT` / `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`; off whatever else is set with
 * `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`. Spans go by OTLP/HTTP with JSON bodies
 * (`http/json`) to `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as is, or `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces` (default
 * `http://localhost:4318/v1/traces`), through a batch span processor (`OTEL_BSP_*`). The resource's `service.name` is
 * `OTEL_SERVICE_NAME` or `serviceName`. Registers the AsyncLocalStorage context manager and the W3C trace-context and
 * baggage propagators, so `traceparent` travels on the shells' peer requests.
 *
 * @param serviceName - the default `service.name` (e.g. `jil-preclearance`, `jil-validator`).
 * @param environment - the variables to read (default `process.env`).
 * @returns the running SDK, or `undefined` when tracing is not asked for.
 * @throws JilError `CONFIG_INVALID` when `OTEL_TRACES_EXPORTER` names another exporter than `otlp`/`none`, or
 *   `OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL` another protocol than `http/json`, or the endpoint is not an http(s) URL.
 */
export function startTracing(
  serviceName: string,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): RunningTracing | undefined {
  if (env(environment, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return undefined;
  const exporter = env(environment, 'OTEL_TRACES_EXPORTER');
  if (exporter === 'none') return undefined;
  if (exporter !== undefined && exporter !== 'otlp')
    throw new JilError('CONFIG_INVALID', `OTEL_TRACES_EXPORTER=${exporter} is not supported (otlp or none)`, {
      details: { field: 'OTEL_TRACES_EXPORTER' },
    });
  const tracesEndpoint = env(environment, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const endpoint = env(environment, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (exporter === undefined && tracesEndpoint === undefined && endpoint === undefined) return undefined;
  const protocol = env(environment, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ?? env(environment, 'OTEL_EXPORTER_OTLP_PROTOCOL');
  if (protocol !== undefined && protocol !== 'http/json')
    throw new JilError('CONFIG_INVALID', `OTLP protocol ${protocol} is not supported (http/json)`, {
      details: { field: 'OTEL_EXPORTER_OTLP_PROTOCOL' },
    });
  const url = tracesEndpoint ?? `${(endpoint ?? 'http://localhost:4318').replace(/\/+$/, '')}/v1/traces`;
  if (!/^https?:\/\//.test(url))
    throw new JilError('CONFIG_INVALID', 'the OTLP endpoint must be an http:// or https:// URL', {
      details: { field: tracesEndpoint === undefined ? 'OTEL_EXPORTER_OTLP_ENDPOINT' : 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' },
    });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env(environment, 'OTEL_SERVICE_NAME') ?? serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  provider.register();
  return { url, forceFlush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
}
