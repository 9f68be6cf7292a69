import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isJilError, type DsseEnvelope } from '@jil/core';
import { datasetFreshness } from '@jil/psa';
import { verifyPsa } from '@jil/sdk';
import { JilClient, type ValidateResponse } from '@jil/sdk/client';
import { startService } from '@jil/shell-preclearance';
import { hitLines, stageCell } from '../demo/formatFinding.js';
import { demoScenarios } from '../demo/scenarios.js';
import { tamperChecks } from '../demo/tamperChecks.js';
import { DATA_HELP, dataDir, stateDir } from '../paths.js';

/**
 * `jil demo`: start the service in embedded mode (PGlite, 20 in-process validators), screen the demo
 * transfers through the HTTP API with the SDK, print verdicts and every hit with its source list and date,
 * verify each PSA offline against the pinned validator set, then show three tampered cases failing. List freshness
 * is not enforced here (the bundled lists are old research copies); the demo says so loudly.
 * @returns 0 when every verdict and every verification came out as expected, 1 otherwise, 2 without data.
 */
export async function runDemo(o: { dataDir: string | undefined; stateDir: string | undefined; quiet?: boolean }): Promise<number> {
  const data = dataDir(o.dataDir);
  if (!data.exists) {
    console.error(`${DATA_HELP}\n(looked in ${data.dir})`);
    return 2;
  }
  const dir = stateDir(o.stateDir);
  const log = (line = '') => console.log(line);
  log(`JIL demo — pre-clearance on the real public lists in ${data.dir}`);
  const started = performance.now();
  const service = await startService({
    stateDir: dir,
    dataDir: data.dir,
    port: 0,
    logger: false,
    // The bundled research copies are months to years old: enforcing freshness would flag every transfer.
    listFreshness: false,
    onProgress: (step, e) => {
      if (step !== 'ingest' || !e) process.stderr.write(`… ${step}\n`);
    },
  });
  let failures = 0;
  try {
    log(
      `service ${service.url} up in ${Math.round(performance.now() - started)} ms; ${service.engine.snapshot.datasets.length} datasets, ` +
        `${service.engine.snapshot.addresses.size} listed addresses, ${service.engine.snapshot.sanctions.length} sanctioned parties`,
    );
    log(`state: ${relative(process.cwd(), dir) || dir}/ (credentials.json, validator-set.json, PGlite)`);
    const stale = datasetFreshness(service.engine.snapshot.datasets, new Date()).filter((d) => d.stale);
    if (stale.length > 0) {
      log(
        `\n!!! NOTE: list freshness is NOT enforced in the demo. ${stale.length} of ${service.engine.snapshot.datasets.length} ` +
          `bundled lists are older than`,
      );
      log(
        `!!! their maximum age (e.g. ${stale
          .slice(0, 3)
          .map((d) => `${d.name} ${d.source_date}, ${d.age_days} d > ${d.max_age_days} d`)
          .join('; ')}).`,
      );
      log(
        '!!! `jil serve` enforces it: there every screening that reads a stale list is flagged (stale_list). Do not screen live ' +
          'transfers on these copies.',
      );
    }
    const { credentials } = service.state;
    const client = new JilClient({ baseUrl: service.url, accessKeyId: credentials.access_key_id, secret: credentials.secret });
    const scenarios = demoScenarios();
    const results: { title: string; expect: string; res: ValidateResponse; ms: number }[] = [];
    for (const s of scenarios) {
      const t = performance.now();
      const res = await client.validate(s.transfer);
      results.push({ title: s.title, expect: s.expect.verdict, res, ms: performance.now() - t });
    }

    log('\n#  transfer                                      verdict  endpoints kyc   sanctions risk     expected   ms');
    log('-- --------------------------------------------- -------- --------- ----- --------- -------- ---------- ----');
    results.forEach((r, i) => {
      const f = (stage: string) => stageCell(r.res.body.findings.find((x) => x.stage === stage));
      const ok = r.res.verdict === r.expect;
      if (!ok) failures++;
      log(
        `${String(i + 1).padStart(2)} ${r.title.padEnd(45)} ${r.res.verdict.toUpperCase().padEnd(8)} ${f('endpoints').padEnd(9)} ` +
          `${f('kyc').padEnd(5)} ${f('sanctions').padEnd(9)} ${f('risk').padEnd(8)} ` +
          `${(ok ? `${r.expect} ✓` : `${r.expect} ✗`).padEnd(10)} ${r.ms.toFixed(0).padStart(4)}`,
      );
      const t = scenarios[i]!.transfer as { sender?: { name?: string }; receiver?: { name?: string } };
      const sent = { names: { sender: t.sender?.name, receiver: t.receiver?.name }, salts: r.res.party_salts };
      for (const line of hitLines(r.res.body, sent)) log(`     ${line}`);
    });

    const pinned = JSON.parse(readFileSync(service.state.validatorSetPath, 'utf8')) as DsseEnvelope;
    log(
      `\nOffline verification with @jil/sdk verifyPsa against the ` +
        `pinned ${relative(process.cwd(), service.state.validatorSetPath)} (no network):`,
    );
    const demoDir = join(dir, 'demo');
    mkdirSync(demoDir, { recursive: true });
    results.forEach((r, i) => {
      const v = verifyPsa(r.res.envelope, {
        validatorSet: pinned,
        now: new Date(),
        expect: { transfer: { destination_address: String(scenarios[i]!.transfer['destination_address']) } },
      });
      if (!v.valid) failures++;
      const file = join(demoDir, `psa-${String(i + 1).padStart(2, '0')}.json`);
      writeFileSync(file, `${JSON.stringify(r.res.envelope, null, 2)}\n`);
      log(
        `  #${String(i + 1).padEnd(2)} ${
          v.valid
            ? `VALID   ${v.signers.length} signatures from ${v.jurisdictions.length} jurisdictions, ` + `verdict ${v.body.verdict}`
            : `INVALID ${v.check} ${v.code}: ${v.message}`
        }`,
      );
    });

    log('\nTampering must fail, each with the named check:');
    const first = results[0]!.res;
    for (const t of tamperChecks(first.envelope, pinned, first.expires_at)) {
      if (t.result.valid) failures++;
      log(
        `  ${t.title.padEnd(42)} → ${
          t.result.valid ? 'VALID (unexpected!)' : `INVALID check=${t.result.check} ` + `code=${t.result.code}: ${t.result.message}`
        }`,
      );
    }
    const tlog = service.log;
    if (tlog === undefined) throw new Error('jil demo runs with the transparency log');
    log(`\nTransparency log ${tlog.origin} (public at ${service.url}/log/checkpoint; docs/transparency-log.md):`);
    const logged = await inclusionCheck(client, first, pinned, tlog.verifierKey, tlog.origin, join(demoDir, 'psa-01.proof'));
    if (!logged.ok) failures++;
    log(`  ${logged.line}`);
    log(`\nPSAs saved in ${relative(process.cwd(), demoDir)}/. Verify one yourself within 60 s (exit 0 = valid; later: PSA_EXPIRED):`);
    log(
      `  pnpm jil verify ${relative(process.cwd(), join(demoDir, 'psa-01.json'))} --validator-set ` +
        `${relative(process.cwd(), service.state.validatorSetPath)}`,
    );
    log(
      `  pnpm jil log verify ${relative(process.cwd(), join(demoDir, 'psa-01.json'))} --proof ` +
        `${relative(process.cwd(), join(demoDir, 'psa-01.proof'))} --log-key ${tlog.verifierKey} --validator-set ` +
        `${relative(process.cwd(), service.state.validatorSetPath)}`,
    );
    log(
      failures === 0
        ? '\nAll verdicts and verifications came out as expected.'
        : `\n${failures} result(s) differed from what was expected.`,
    );
  } finally {
    await service.close();
  }
  return failures === 0 ? 0 : 1;
}

/**
 * Fetch the first PSA's inclusion proof (polling while the log integrates, at most 5 s) and check it offline with
 * `verifyPsa`: the entry under a checkpoint signed by the log key and cosigned by the validator-set threshold.
 */
async function inclusionCheck(
  client: JilClient,
  psa: ValidateResponse,
  pinned: DsseEnvelope,
  logKey: string,
  origin: string,
  file: string,
): Promise<{ ok: boolean; line: string }> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      const { proof } = await client.getLogProof(psa.psa_id);
      writeFileSync(file, proof);
      const v = verifyPsa(psa.envelope, { validatorSet: pinned, now: new Date(), log: { proof, origin, logKey } });
      if (!v.valid) return { ok: false, line: `#1 INVALID ${v.check} ${v.code}: ${v.message}` };
      return {
        ok: true,
        line:
          `#1 INCLUDED as entry ${v.log?.index} of ${v.log?.checkpoint.treeSize}; checkpoint signed by the log and cosigned ` +
          `by ${v.log?.witnesses} validators (at least the validator-set threshold)`,
      };
    } catch (error) {
      if (!isJilError(error, 'NOT_FOUND') || Date.now() > deadline)
        return { ok: false, line: `#1 no inclusion proof: ${(error as Error).message}` };
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
