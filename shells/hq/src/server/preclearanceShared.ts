/**
 * The Fastify error and body conventions of the pre-clearance shell (`{ error: { code, message, details } }` with the
 * status of `HTTP_STATUS_BY_CODE`; strict JSON bodies), shared rather than copied. Imported by path until
 * `@jil/shell-preclearance` exports them from its index; this file is the only place that knows the path.
 */
export { toErrorReply } from '../../../preclearance/src/server/errorReply.js';
export { parseJsonBody } from '../../../preclearance/src/server/parseJsonBody.js';
