import { isJilError, JilError } from '@jil/core';
import type { Identifier } from '../suite/identifiers.js';
import type { FrostParticipant } from './FrostParticipant.js';

/** Outcome of one round: answers in arrival order, explicit refusals (a `JilError`), and who did not answer in time. */
export interface RoundOutcome<T> {
  answers: { identifier: Identifier; value: T }[];
  refusals: Record<Identifier, { code: string; message: string; details: Record<string, unknown> }>;
  unresponsive: Identifier[];
}

/**
 * Ask every participant at once and wait until all answered or the round's deadline passed; late answers are
 * dropped (their requests are aborted).
 * @throws JilError `INVALID_ARGUMENT` (details.field) for a non-array `participants`, a deadline that is not an integer
 *   1–600000 ms, or a `call` that is not a function.
 */
export async function runRound<T>(
  participants: readonly FrostParticipant[],
  deadlineMs: number,
  call: (p: FrostParticipant, signal: AbortSignal) => Promise<T>,
): Promise<RoundOutcome<T>> {
  if (!Array.isArray(participants))
    throw new JilError('INVALID_ARGUMENT', 'participants must be an array', { details: { field: 'participants' } });
  if (!Number.isInteger(deadlineMs) || deadlineMs < 1 || deadlineMs > 600_000)
    throw new JilError('INVALID_ARGUMENT', 'deadlineMs must be an integer 1–600000', { details: { field: 'deadlineMs' } });
  if (typeof call !== 'function') throw new JilError('INVALID_ARGUMENT', 'call must be a function', { details: { field: 'call' } });
  const controller = new AbortController();
  const out: RoundOutcome<T> = { answers: [], refusals: {}, unresponsive: [] };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), deadlineMs);
  });
  const settled = new Set<Identifier>();
  const tasks = participants.map(async (p) => {
    try {
      const value = await call(p, controller.signal);
      if (!controller.signal.aborted) out.answers.push({ identifier: p.identifier, value });
    } catch (error) {
      if (controller.signal.aborted) return;
      if (isJilError(error)) out.refusals[p.identifier] = { code: error.code, message: error.message, details: error.details };
      else out.unresponsive.push(p.identifier);
    } finally {
      settled.add(p.identifier);
    }
  });
  await Promise.race([Promise.all(tasks), deadline]);
  clearTimeout(timer);
  controller.abort();
  for (const p of participants) if (!settled.has(p.identifier)) out.unresponsive.push(p.identifier);
  out.unresponsive.sort();
  return out;
}
