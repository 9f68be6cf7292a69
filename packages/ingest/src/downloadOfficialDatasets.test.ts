import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATASET_DESCRIPTORS } from './datasetDescriptors.js';
import { downloadOfficialDatasets, NO_OFFICIAL_DOWNLOAD, OFFICIAL_SOURCES } from './downloadOfficialDatasets.js';

const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(join(tmpdir(), 'jil-official-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('OFFICIAL_SOURCES', () => {
  it('covers every dataset exactly once: a download or a stated reason why there is none', () => {
    const downloaded = new Set(OFFICIAL_SOURCES.map((s) => s.dataset));
    for (const d of DATASET_DESCRIPTORS)
      expect([d.name, downloaded.has(d.name) !== d.name in NO_OFFICIAL_DOWNLOAD]).toEqual([d.name, true]);
    expect(Object.keys(NO_OFFICIAL_DOWNLOAD).every((n) => DATASET_DESCRIPTORS.some((d) => d.name === n))).toBe(true);
  });

  it('uses HTTPS on the publishers’ hosts and file names the ingest reads', () => {
    const hosts = new Set(OFFICIAL_SOURCES.map((s) => new URL(s.url).host));
    expect([...hosts].sort()).toEqual([
      'raw.githubusercontent.com',
      'sanctionslist.fcdo.gov.uk',
      'sanctionslistservice.ofac.treas.gov',
      'scsanctions.un.org',
      'webgate.ec.europa.eu',
    ]);
    for (const s of OFFICIAL_SOURCES) {
      expect(new URL(s.url).protocol).toBe('https:');
      const d = DATASET_DESCRIPTORS.find((x) => x.name === s.dataset)!;
      expect([s.file, Array.isArray(d.files) ? (d.files as readonly string[]).includes(s.file) : (d.files as RegExp).test(s.file)]).toEqual(
        [s.file, true],
      );
    }
    expect(new Set(OFFICIAL_SOURCES.map((s) => `${s.dataset}/${s.file}`)).size).toBe(OFFICIAL_SOURCES.length);
  });
});

describe('downloadOfficialDatasets', () => {
  it('without a network: fails naming every file, and leaves the target folder as it was', async () => {
    const target = join(await tmp(), 'official-data');
    await mkdir(join(target, 'ofac-sdn'), { recursive: true });
    await writeFile(join(target, 'ofac-sdn', 'sdn.csv'), 'previous');
    const offline = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    };
    const error = await downloadOfficialDatasets(target, { fetch: offline }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'DATASET_DOWNLOAD_FAILED' });
    const { message, details } = error as {
      message: string;
      details: { failures: Array<{ dataset: string; url: string; reason: string }> };
    };
    expect(message).toMatch(
      new RegExp(
        '^could not download 25 of 25 official list files \\(.*ofac-sdn.*un-consolidated.*eu-consolidated.*uk-sanctions-list.*\\); ' +
          'first: https://.* — fetch failed: ENOTFOUND\\. Nothing was replaced\\.$',
      ),
    );
    expect(details.failures).toHaveLength(OFFICIAL_SOURCES.length);
    expect(await readFile(join(target, 'ofac-sdn', 'sdn.csv'), 'utf8')).toBe('previous');
    expect((await readdir(join(target, '..'))).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('one HTTP error is enough to replace nothing', async () => {
    const target = join(await tmp(), 'official-data');
    const error = await downloadOfficialDatasets(target, {
      fetch: async (url) => ({
        ok: !url.includes('fcdo'),
        status: url.includes('fcdo') ? 503 : 200,
        arrayBuffer: async () => new TextEncoder().encode('x').buffer as ArrayBuffer,
      }),
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as { details: { failures: unknown[] } }).details.failures).toEqual([
      {
        dataset: 'uk-sanctions-list',
        file: 'UK-Sanctions-List.csv',
        url: 'https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv',
        reason: 'HTTP 503',
      },
    ]);
    await expect(readdir(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes every file in the ingest layout and copies the datasets without a download', async () => {
    const root = await tmp();
    const local = join(root, 'local');
    await mkdir(join(local, 'fatf'), { recursive: true });
    await writeFile(join(local, 'fatf', 'fatf_lists_2026-06.csv'), 'iso2\n');
    const target = join(root, 'official-data');
    const result = await downloadOfficialDatasets(target, {
      localDir: local,
      fetch: async (url) => ({ ok: true, status: 200, arrayBuffer: async () => new TextEncoder().encode(url).buffer as ArrayBuffer }),
    });
    expect(result.downloaded).toHaveLength(OFFICIAL_SOURCES.length);
    expect(result.copied).toEqual(['fatf']);
    expect(await readFile(join(target, 'un-consolidated', 'consolidated.xml'), 'utf8')).toBe(
      'https://scsanctions.un.org/resources/xml/en/consolidated.xml',
    );
    expect(await readdir(join(target, 'fatf'))).toEqual(['fatf_lists_2026-06.csv']);
  });
});
