import { cp, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { JilError } from '@jil/core';

/** One file of a list at its official (or maintainer-published) URL, stored as `<dataset>/<file>`. */
export interface OfficialSource {
  dataset: string;
  file: string;
  url: string;
}

const OFAC_CRYPTO_TICKERS = [
  'ARB',
  'BCH',
  'BSC',
  'BSV',
  'BTG',
  'DASH',
  'ETC',
  'ETH',
  'LTC',
  'TRX',
  'USDC',
  'USDT',
  'XBT',
  'XMR',
  'XRP',
  'XVG',
  'ZEC',
];

/**
 * Where `jil ingest --from-official` downloads each list: the publishers' own URLs for the sanctions lists (OFAC
 * Sanctions List Service, UN Security Council, EU Financial Sanctions Files, UK FCDO) and the maintainers' published
 * files for the address lists. The file names are those `DATASET_DESCRIPTORS` reads.
 */
export const OFFICIAL_SOURCES: readonly OfficialSource[] = Object.freeze([
  { dataset: 'ofac-sdn', file: 'sdn.csv', url: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV' },
  { dataset: 'ofac-sdn', file: 'alt.csv', url: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV' },
  { dataset: 'un-consolidated', file: 'consolidated.xml', url: 'https://scsanctions.un.org/resources/xml/en/consolidated.xml' },
  {
    dataset: 'eu-consolidated',
    file: 'eu_consolidated.xml',
    url: 'https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw',
  },
  { dataset: 'uk-sanctions-list', file: 'UK-Sanctions-List.csv', url: 'https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv' },
  ...OFAC_CRYPTO_TICKERS.map((t) => ({
    dataset: 'ofac-crypto-0xb10c',
    file: `sanctioned_addresses_${t}.txt`,
    url: `https://raw.githubusercontent.com/0xB10C/ofac-sanctioned-digital-currency-addresses/lists/sanctioned_addresses_${t}.txt`,
  })),
  {
    dataset: 'ofac-eth-ultrasoundmoney',
    file: 'data.csv',
    url: 'https://raw.githubusercontent.com/ultrasoundmoney/ofac-ethereum-addresses/main/data.csv',
  },
  {
    dataset: 'scamsniffer',
    file: 'combined.json',
    url: 'https://raw.githubusercontent.com/scamsniffer/scam-database/main/blacklist/combined.json',
  },
  {
    dataset: 'scamsniffer',
    file: 'address.json',
    url: 'https://raw.githubusercontent.com/scamsniffer/scam-database/main/blacklist/address.json',
  },
]);

/** Datasets without a downloadable official file, and why; `--from-official` keeps their local copy. */
export const NO_OFFICIAL_DOWNLOAD: Readonly<Record<string, string>> = Object.freeze({
  'lazarus-attributed': 'compiled from incident write-ups; no published list',
  'mew-darklist': 'archived by its maintainer; the copy is final',
  'etherscan-labels': 'scraped label snapshot; Etherscan publishes no export',
  fatf: 'compiled from FATF plenary statements; FATF publishes no machine-readable list',
  'iban-registry': 'SWIFT registry as packaged by schwifty; refreshed with the library',
  'bic-bank-registry': 'national registries as packaged by schwifty; refreshed with the library',
});

/** Options of {@link downloadOfficialDatasets}. */
export interface DownloadOfficialOptions {
  /** `fetch` to use (default the global one); tests pass a stub. */
  fetch?: (url: string, init: { signal: AbortSignal }) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;
  /** Folder holding local copies of the datasets without a download (e.g. `../shared/data`), copied as they are. */
  localDir?: string;
  /** Per-file time limit in ms (default 120,000). */
  timeoutMs?: number;
  /** Called after each file. */
  onProgress?: (source: OfficialSource, done: number, total: number) => void;
}

/** What {@link downloadOfficialDatasets} put in the target folder. */
export interface DownloadOfficialResult {
  downloaded: Array<OfficialSource & { bytes: number }>;
  /** Datasets copied from `localDir` (no official download). */
  copied: string[];
}

/**
 * Download every list of {@link OFFICIAL_SOURCES} into `targetDir/<dataset>/<file>` — the layout `ingestDatasets`
 * reads — and copy the datasets of {@link NO_OFFICIAL_DOWNLOAD} from `localDir` when given. All or nothing: files go
 * to a temporary sibling folder that replaces `targetDir` only when every download succeeded.
 *
 * @param targetDir - where the data folder is written (replaced as a whole).
 * @param options - fetch, local copies, time limit, progress.
 * @returns the files downloaded and the datasets copied.
 * @throws JilError `DATASET_DOWNLOAD_FAILED` listing every file that failed (`details.failures`: dataset, file, url,
 *   reason); `targetDir` is then untouched.
 * @example
 * import { downloadOfficialDatasets, ingestDatasets } from '@jil/ingest';
 * await downloadOfficialDatasets('.jil/official-data', { localDir: '../shared/data' });
 * const normalized = await ingestDatasets('.jil/official-data');
 */
export async function downloadOfficialDatasets(targetDir: string, options: DownloadOfficialOptions = {}): Promise<DownloadOfficialResult> {
  const target = resolve(targetDir);
  const doFetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const tmp = `${target}.partial-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const failures: Array<OfficialSource & { reason: string }> = [];
  const downloaded: DownloadOfficialResult['downloaded'] = [];
  let done = 0;
  await Promise.all(
    OFFICIAL_SOURCES.map(async (source) => {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const res = await doFetch(source.url, { signal });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (bytes.length === 0) throw new Error('empty response');
        const path = join(tmp, source.dataset, source.file);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, bytes);
        downloaded.push({ ...source, bytes: bytes.length });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        failures.push({
          ...source,
          reason: [(error as Error).message, cause?.code ?? cause?.message].filter(Boolean).join(': ') || String(error),
        });
      }
      options.onProgress?.(source, ++done, OFFICIAL_SOURCES.length);
    }),
  );
  if (failures.length > 0) {
    await rm(tmp, { recursive: true, force: true });
    const datasets = [...new Set(failures.map((f) => f.dataset))];
    throw new JilError(
      'DATASET_DOWNLOAD_FAILED',
      `could not download ${failures.length} of ${OFFICIAL_SOURCES.length} official list files (${datasets.join(', ')}); first: ` +
        `${failures[0]!.url} — ${failures[0]!.reason}. Nothing was replaced.`,
      { details: { failures: failures.map(({ dataset, file, url, reason }) => ({ dataset, file, url, reason })) } },
    );
  }
  const copied: string[] = [];
  if (options.localDir !== undefined) {
    for (const dataset of Object.keys(NO_OFFICIAL_DOWNLOAD)) {
      const from = resolve(options.localDir, dataset);
      if (
        !(await stat(from).then(
          (s) => s.isDirectory(),
          () => false,
        ))
      )
        continue;
      await cp(from, join(tmp, dataset), { recursive: true });
      copied.push(dataset);
    }
  }
  await rm(target, { recursive: true, force: true });
  await mkdir(dirname(target), { recursive: true });
  await rename(tmp, target);
  return { downloaded: downloaded.sort((a, b) => a.url.localeCompare(b.url)), copied };
}
