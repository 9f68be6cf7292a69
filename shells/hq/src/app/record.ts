import { isJilError, JilError, type ErrorCode } from '@jil/core';
import type { AuditOutcome } from '@jil/fleet';
import type { HqContext } from './HqContext.js';

/** Who did what to which target. */
export interface AuditSubject {
  actor: string;
  action: string;
  target: string;
}

/** Drops `undefined` members so details are I-JSON (the audit hash is over their canonical bytes). */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, clean(v)]),
    );
  }
  return value;
}

/**
 * Appends one row to HQ's audit log.
 * @example
 * await record(ctx, { actor: 'admin', action: 'image.sign', target: `image:${name}` }, 'ok', { digest });
 */
export async function record(
  ctx: HqContext,
  subject: AuditSubject,
  outcome: AuditOutcome,
  details: Record<string, unknown> = {},
): Promise<void> {
  await ctx.store.audit.append({ at: ctx.clock().toISOString(), ...subject, outcome, details: clean(details) as Record<string, unknown> });
}

/**
 * Audits a refusal (`outcome: refused`, with the code) and throws it.
 * @throws JilError always: `error` itself, or a new one with `code` and `message`.
 */
export async function refuse(
  ctx: HqContext,
  subject: AuditSubject,
  error: JilError | { code: ErrorCode; message: string; details?: Record<string, unknown> },
): Promise<never> {
  const e = isJilError(error) ? error : new JilError(error.code, error.message, { details: error.details ?? {} });
  await record(ctx, subject, 'refused', { code: e.code, message: e.message, ...e.details });
  throw e;
}
