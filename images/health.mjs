// HEALTHCHECK of the JIL images (no curl in them): `node /app/health.mjs <PORT_VARIABLE> <default port> <path>`.
// Exit 0 when GET http://127.0.0.1:<port><path> answers 200 with a JSON body whose status, when present, is "ok", else 1 (Docker counts the failures).
const [variable, fallback, path] = process.argv.slice(2);
const port = process.env[variable] || fallback;
try {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2500) });
  const body = res.ok ? await res.json() : {};
  process.exit(res.ok && (body.status ?? 'ok') === 'ok' ? 0 : 1);
} catch {
  process.exit(1);
}
