/**
 * The Fastify error and body conventions of the pre-clearance shell (`{ error: { code, message, details } }` with the
 * status of `HTTP_STATUS_BY_CODE`; strict JSON bodies), shared rather than copied.
 */
export { installJsonConventions, parseJsonBody } from '@jil/shell-preclearance';
