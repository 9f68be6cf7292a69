import type { z } from 'zod';
import type { FieldIssue } from '@jil/core';

/**
 * Turn zod issues into JIL field issues: one entry per offending field (dotted path), unknown keys
 * reported each under their own name, so a caller sees every bad field, not just the first.
 */
export function zodFieldIssues(error: Pick<z.core.$ZodError, 'issues'>): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: base ? `${base}.${key}` : key, message: 'unknown field', issue: 'unrecognized_key' });
      continue;
    }
    out.push({ field: base || '(body)', message: issue.message, issue: issue.code });
  }
  return out;
}
