import { chromium, type Browser } from 'playwright-core';
import { FakeEngine } from '@jil/shell-update-agent/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeRegistry, startFleetHarness, type FleetHarness } from '../testing/index.js';

const executablePath = process.env['JIL_TEST_CHROMIUM'];

// Skipped without JIL_TEST_CHROMIUM: needs a headless Chromium (Debian `chromium`); .ci/run installs it
// (.ci/start-fleet-deps.sh).
describe.skipIf(!executablePath)('fleet dashboard in headless Chromium', () => {
  let registry: FakeRegistry;
  let fleet: FleetHarness;
  let browser: Browser;
  let reader: { access_key_id: string; secret_b64: string };

  beforeAll(async () => {
    registry = await FakeRegistry.start();
    fleet = await startFleetHarness({
      registry: { address: registry.address, publish: async (path, tag, content) => registry.push(path, tag, content) },
      engineFor: () => new FakeEngine(registry.source),
    });
    await fleet.addNode('ch-1', 'CH/FINMA', 'devnet');
    await fleet.addNode('sg-1', 'SG/MAS', 'devnet');
    const release = await fleet.release({
      name: 'validator',
      path: 'jil/validator',
      tag: '1.0.0',
      content: 'v1',
      track: 'devnet',
      approvers: [],
    });
    await fleet.distribute(release.releaseId);
    await fleet.admin('POST', '/v1/registry/images', { name: 'relay', reference: `${registry.push('jil/relay', '1', 'r1').repository}:1` });
    await fleet.admin('DELETE', '/v1/fleet/nodes/sg-1');
    fleet.advance(6 * 60_000);
    await fleet.hq.services.alerts.tick();
    fleet.advance(-6 * 60_000);
    reader = (await fleet.admin<{ access_key_id: string; secret_b64: string }>('POST', '/v1/fleet/access-keys', { label: 'dashboard' }))
      .body;
    browser = await chromium.launch({
      executablePath: executablePath!,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await fleet?.close();
    await registry?.close();
  });

  it('signs its reads with HMAC in the browser and shows overview, nodes, images, alerts and audit', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${fleet.hq.url}/dashboard`);
    await page.fill('#key-id', reader.access_key_id);
    await page.fill('#secret', reader.secret_b64);
    await page.click('#connect');
    await page.waitForSelector('#status.ok');
    expect(await page.textContent('#card-nodes .value')).toBe('1');
    expect(await page.textContent('#card-nodes')).toContain('active nodes of 2');
    expect(await page.textContent('#card-images')).toContain('signed images of 2');
    expect(await page.textContent('#card-audit .value')).toBe('intact');
    const nodes = await page.$$eval('#nodes-body tr', (rows) =>
      rows.map((r) =>
        Array.from(r.querySelectorAll('td'))
          .slice(0, 4)
          .map((td) => td.textContent),
      ),
    );
    expect(nodes).toEqual([
      ['ch-1', 'CH/FINMA', 'devnet', 'active'],
      ['sg-1', 'SG/MAS', 'devnet', 'revoked'],
    ]);
    expect(await page.$$eval('#images-body tr td:nth-child(4)', (tds) => tds.map((td) => td.textContent).sort())).toEqual([
      'signed',
      'unsigned',
    ]);
    expect(await page.textContent('#releases-body')).toContain('devnet');
    expect(await page.textContent('#alerts-body')).toContain('heartbeat_stale');
    expect(await page.textContent('#audit-body')).toContain('node.revoke');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a tampered audit chain, and a wrong secret', async () => {
    const db = fleet.hq.store.db;
    await db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await db.query("UPDATE audit_log SET actor = 'nobody' WHERE seq = 2");
    await db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    const page = await browser.newPage();
    await page.goto(`${fleet.hq.url}/dashboard`);
    await page.fill('#key-id', reader.access_key_id);
    await page.fill('#secret', reader.secret_b64);
    await page.click('#connect');
    await page.waitForSelector('#status.ok');
    expect(await page.textContent('#card-audit .value')).toBe('TAMPERED');
    expect(await page.textContent('#audit-chain')).toBe('Hash chain broken at row 2 (hash).');
    await page.fill('#secret', Buffer.from('x'.repeat(32)).toString('base64'));
    await page.click('#connect');
    await page.waitForSelector('#status.bad');
    expect(await page.textContent('#status')).toContain('AUTH_BAD_SIGNATURE');
    await page.close();
  });
});
