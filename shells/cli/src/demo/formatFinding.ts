import { partyCommitment, type Hit, type PartySalts, type PsaBody, type StageFinding } from '@jil/psa';

const STATUS: Record<string, string> = { pass: 'pass', flag: 'FLAG', fail: 'FAIL', error: 'ERROR' };

/** One compact cell per stage, e.g. `FAIL` or `pass 10` (risk shows its score). */
export function stageCell(f: StageFinding | undefined): string {
  if (!f) return '-';
  return f.stage === 'risk' && f.details.score !== undefined ? `${STATUS[f.status]} ${f.details.score}` : (STATUS[f.status] ?? f.status);
}

function where(hit: Hit): string {
  const p = hit.provenance;
  const at = p.row !== undefined ? `row ${p.row}` : p.key !== undefined ? `key ${p.key}` : '';
  return `${hit.list} (${hit.list_date}; ${p.file}${at ? ` ${at}` : ''})`;
}

/** What the custodian sent and got back: the screened names (never in the PSA) and the salts of their commitments. */
export interface SentParties {
  names: { sender?: string | undefined; receiver?: string | undefined };
  salts: PartySalts;
}

/** `sent "<name>", commitment <first 12 hex>… ✓` — ✓ when the commitment recomputes from the name and the salt. */
function screened(hit: Extract<Hit, { kind: 'name' }>, sent: SentParties | undefined): string {
  const c = `commitment ${hit.party_commitment.slice(0, 12)}…`;
  const name = sent?.names[hit.party];
  const salt = sent?.salts[hit.party];
  if (name === undefined || salt === undefined) return c;
  return `sent "${name}", ${c} ${partyCommitment(salt, hit.party, name) === hit.party_commitment ? '✓' : '✗ does not match'}`;
}

/**
 * Readable lines for every hit and risk signal of a PSA: severity, reason, source list and its date. A name hit
 * carries only a commitment to the screened name; with `sent` (the custodian's own request and the returned salts)
 * the line shows the name next to the commitment and whether it recomputes.
 */
export function hitLines(body: PsaBody, sent?: SentParties): string[] {
  const lines: string[] = [];
  for (const f of body.findings) {
    for (const hit of f.details.hits) {
      const extra = hit.kind === 'name' ? ` [score ${hit.score.toFixed(3)}, entry ${hit.entry_id}; ${screened(hit, sent)}]` : '';
      lines.push(`${hit.severity.padEnd(4)} ${f.stage.padEnd(9)} ${hit.reason}${extra} — ${where(hit)}`);
    }
    for (const s of f.details.signals ?? []) lines.push(`+${String(s.points).padEnd(3)} risk      ${s.reason}`);
    if (f.details.error) lines.push(`err  ${f.stage.padEnd(9)} ${f.details.error.code}: ${f.details.error.message}`);
  }
  return lines;
}
