import type { PsaBody } from '@jil/psa';

const MAX = 900;

/**
 * The rejection reason for a PSA: its id and verdict, then the deciding hits — `hard` hits for `fail`, `flag` hits for
 * `flag` — each with its stage, reason, source list and list date; the stage summaries (`verdict_reasons`) when the
 * verdict rests on no hit (a stage error or a risk score). Cut to 900 characters.
 * @example
 * psaReason(body); // "JIL PSA 0193… verdict fail: endpoints: Destination … is on OFAC … [ofac-eth-ultrasoundmoney 2026-11-01]"
 */
export function psaReason(body: PsaBody): string {
  const severity = body.verdict === 'fail' ? 'hard' : 'flag';
  const hits = body.findings.flatMap((f) =>
    (f.details.hits as { severity?: string; reason?: string; list?: string; list_date?: string }[])
      .filter((h) => h.severity === severity)
      // a hit's reason names its list and date already; say them when it does not
      .map(
        (h) => `${f.stage}: ${h.reason ?? 'hit'}${h.list && h.reason?.includes(h.list) ? '' : ` [${h.list ?? '?'} ${h.list_date ?? '?'}]`}`,
      ),
  );
  const why = hits.length > 0 ? hits : body.verdict_reasons;
  const text = `JIL PSA ${body.psa_id} verdict ${body.verdict}: ${why.join('; ')}`;
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}
