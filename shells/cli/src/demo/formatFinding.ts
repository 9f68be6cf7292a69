import type { Hit, PsaBody, StageFinding } from '@jil/psa';

const STATUS: Record<string, string> = { pass: 'pass', flag: 'FLAG', fail: 'FAIL', error: 'ERROR' };

/** One compact cell per stage, e.g. `FAIL` or `pass 10` (risk shows its score). */
export function stageCell(f: StageFinding | undefined): string {
  if (!f) return '-';
  return f.stage === 'risk' && f.details.score !== undefined ? `${STATUS[f.status]} ${f.details.score}` : STATUS[f.status] ?? f.status;
}

function where(hit: Hit): string {
  const p = hit.provenance;
  const at = p.row !== undefined ? `row ${p.row}` : p.key !== undefined ? `key ${p.key}` : '';
  return `${hit.list} (${hit.list_date}; ${p.file}${at ? ` ${at}` : ''})`;
}

/** Readable lines for every hit and risk signal of a PSA: severity, reason, source list and its date. */
export function hitLines(body: PsaBody): string[] {
  const lines: string[] = [];
  for (const f of body.findings) {
    for (const hit of f.details.hits) {
      const extra = hit.kind === 'name' ? ` [score ${hit.score.toFixed(3)}, entry ${hit.entry_id}]` : '';
      lines.push(`${hit.severity.padEnd(4)} ${f.stage.padEnd(9)} ${hit.reason}${extra} — ${where(hit)}`);
    }
    for (const s of f.details.signals ?? []) lines.push(`+${String(s.points).padEnd(3)} risk      ${s.reason}`);
    if (f.details.error) lines.push(`err  ${f.stage.padEnd(9)} ${f.details.error.code}: ${f.details.error.message}`);
  }
  return lines;
}
