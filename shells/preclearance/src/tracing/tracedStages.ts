import { context, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { isJilError } from '@jil/core';
import type { Stage, StageName } from '@jil/psa';

/** The tracer of the pre-clearance shell (a no-op unless an OpenTelemetry SDK is registered: `startTracing`). */
export const preclearanceTracer = trace.getTracer('@jil/shell-preclearance');

/**
 * Run `fn` in a child span `name` of `parent` (default: the active context) and end the span when it settles. A throw
 * sets the span's status to ERROR with `jil.error.code` (a `JilError` code, else `INTERNAL`) and no message: messages
 * may quote request fields, and span attributes never carry names, addresses, keys or secrets (docs/operations.md
 * §Traces).
 *
 * @returns what `fn` returns; rethrows what it throws.
 */
export async function inSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
  parent: Context = context.active(),
): Promise<T> {
  return preclearanceTracer.startActiveSpan(name, { attributes }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      markError(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Set a span's status to ERROR with the error's code only (`jil.error.code`). */
export function markError(span: Span, error: unknown): void {
  const code = isJilError(error) ? error.code : 'INTERNAL';
  span.setAttribute('jil.error.code', code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
}

/**
 * Wrap each screening stage in a span `stage <name>` (child of the active span: the validate request's), with
 * `jil.stage` and `jil.stage.status` (`pass`, `flag`, `fail`; `error` with `jil.error.code` when it throws or its
 * deadline aborts it). The spans are made here, in the shell, so `@jil/psa` stays free of OpenTelemetry (it is on the
 * browser verify path).
 *
 * @returns the same stages, traced; pass them to `createPreclearanceEngine({ stages })`.
 */
export function tracedStages(stages: Readonly<Record<StageName, Stage>>): Record<StageName, Stage> {
  const traced =
    (name: StageName, stage: Stage): Stage =>
    (request, ctx) =>
      inSpan(`stage ${name}`, { 'jil.stage': name }, async (span) => {
        const onAbort = () => {
          span.setAttributes({ 'jil.stage.status': 'error', 'jil.error.code': 'STAGE_TIMEOUT' });
          span.setStatus({ code: SpanStatusCode.ERROR, message: 'STAGE_TIMEOUT' });
        };
        ctx.signal.addEventListener('abort', onAbort, { once: true });
        try {
          const output = await stage(request, ctx);
          if (!ctx.signal.aborted) span.setAttribute('jil.stage.status', output.status);
          return output;
        } catch (error) {
          span.setAttribute('jil.stage.status', 'error');
          throw error;
        } finally {
          ctx.signal.removeEventListener('abort', onAbort);
        }
      });
  return {
    endpoints: traced('endpoints', stages.endpoints),
    kyc: traced('kyc', stages.kyc),
    sanctions: traced('sanctions', stages.sanctions),
    risk: traced('risk', stages.risk),
  };
}
