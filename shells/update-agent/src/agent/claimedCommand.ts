/** The listed members of `details` that are set (refusal context copied into audit rows and reports). */
export function pick(details: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => details[k] !== undefined).map((k) => [k, details[k]]));
}

/**
 * Unverified fields of a refused command (what it claimed: `claimed_command_id`, `claimed_node_id`, …), for the audit
 * trail and the report to HQ; never trusted, at most 128 characters each, empty when the payload is unreadable.
 */
export function claimedCommand(request: unknown): Record<string, unknown> {
  try {
    const payload = (request as { command?: { payload?: unknown } })?.command?.payload;
    if (typeof payload !== 'string' || payload.length > 8192) return {};
    const body = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of ['command_id', 'node_id', 'release_id', 'job_id'])
      if (typeof body[k] === 'string' && (body[k] as string).length <= 128) out[`claimed_${k}`] = body[k];
    return out;
  } catch {
    return {};
  }
}
