/**
 * `@jil/server-kit/testing` — for test code only (it imports vitest): the helpers the storage conformance suites of the
 * kit and of the shells share.
 */
export { fieldsOf, rejectionOf, unique, type ConformanceBackend, type ConformanceContext } from './storage/testing/conformanceHelpers.js';
