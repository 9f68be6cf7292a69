/**
 * @jil/sdk/client — the HTTP client of the JIL pre-clearance API, on the platform's `fetch` (Node ≥ 20, browsers,
 * Deno, Bun). Offline verification is the package root, `@jil/sdk`.
 */
export { JilClient, type JilClientOptions, type StoredPsaResponse, type ValidateResponse, type VerifyResponse } from './JilClient.js';
