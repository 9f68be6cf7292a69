/** The answer of an agent to one command; status 0 when it could not be reached. */
export interface AgentAnswer {
  status: number;
  body: { outcome?: string; error?: { code?: unknown; message?: unknown } } | undefined;
}

/**
 * POSTs a command to an agent (`/v1/pull`, `/v1/stop`) with a deadline; network failures (a refused TLS peer
 * included) are status 0. `fetchFn` is HQ's mutual TLS fetch when HQ serves TLS (`HqContext.agentFetch`).
 */
export async function postToAgent(
  agentUrl: string,
  path: string,
  request: unknown,
  timeoutMs: number,
  fetchFn: (input: string | URL, init?: RequestInit) => Promise<Response> = fetch,
): Promise<AgentAnswer> {
  try {
    const response = await fetchFn(new URL(path, agentUrl), {
      method: 'POST',
      body: JSON.stringify(request),
      headers: { 'content-type': 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as AgentAnswer['body'] };
  } catch {
    return { status: 0, body: undefined };
  }
}
