import type { z } from 'zod';
import type { FieldIssue } from '@jil/core';
import { requireArray, requireRecord } from '../internal/requireArgument.js';
import { zodFieldIssues as fieldIssuesOf } from './zodFieldIssues.js';

/**
 * Turn zod issues into JIL field issues: one entry per offending field (dotted path), unknown keys
 * reported each under their own name, so a caller sees every bad field, not just the first.
 *
 * The exported form checks its argument first (issue 12); inside the package, where the argument is always a zod
 * error, `./zodFieldIssues.js` is used directly (the offline verify path bundles that one).
 *
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `error` is not an object with an `issues` array of issues
 *   (objects with a `path` array).
 */
export function zodFieldIssues(error: Pick<z.core.$ZodError, 'issues'>): FieldIssue[] {
  requireRecord(error, 'error');
  requireArray(error.issues, 'error.issues');
  error.issues.forEach((issue, i) => {
    requireRecord(issue, `error.issues[${i}]`);
    requireArray(issue.path, `error.issues[${i}].path`);
    if (issue.code === 'unrecognized_keys') requireArray(issue.keys, `error.issues[${i}].keys`);
  });
  return fieldIssuesOf(error);
}
