/**
 * Dataset ingest (reads files with node:fs): one parser per source format, manifests, the normalized snapshot and
 * its file, and the in-memory snapshot the screening stages read.
 */
export { SNAPSHOT_VERSION, type DatasetStats, type ListedAddress, type NormalizedSnapshot } from '@jil/psa';
export { addressIndexPathFor, readAddressIndexFile, writeAddressIndexFile } from './addressIndexFiles.js';
export { buildManifest, hashDatasetFiles, manifestSha256 } from './buildManifest.js';
export { buildSnapshot, snapshotSha256 } from './buildSnapshot.js';
export { EU_DATASET, parseEuConsolidated, type EuConsolidatedResult } from './parseEuConsolidated.js';
export { parseUkSanctionsList, UK_DATASET, type UkSanctionsListResult } from './parseUkSanctionsList.js';
export { DATASET_DESCRIPTORS, type DatasetDescriptor } from './datasetDescriptors.js';
export {
  downloadOfficialDatasets,
  NO_OFFICIAL_DOWNLOAD,
  OFFICIAL_SOURCES,
  type DownloadOfficialOptions,
  type DownloadOfficialResult,
  type OfficialSource,
} from './downloadOfficialDatasets.js';
export { ingestDatasets, type IngestDatasetsOptions, type IngestProgress } from './ingestDatasets.js';
export { loadSnapshot } from './loadSnapshot.js';
export { loadSnapshotFile } from './loadSnapshotFile.js';
export { BIC_DATASET, parseBankRegistry } from './parseBankRegistry.js';
export { ETHERSCAN_DATASET, parseEtherscanLabels, type ParseEtherscanLabelsOptions } from './parseEtherscanLabels.js';
export { FATF_DATASET, parseFatfCsv } from './parseFatfCsv.js';
export { IBAN_DATASET, parseIbanRegistry, type RegistryFile } from './parseIbanRegistry.js';
export { LAZARUS_DATASET, parseLazarusCsv, type ParseLazarusCsvOptions } from './parseLazarusCsv.js';
export { MEW_DATASET, parseMewDarklist, type ParseMewDarklistOptions } from './parseMewDarklist.js';
export { OFAC_CRYPTO_DATASET, parseOfacCryptoList, type ParseOfacCryptoListOptions } from './parseOfacCryptoList.js';
export { OFAC_SDN_DATASET, parseOfacSdn, type OfacSdnResult, type ParseOfacSdnOptions } from './parseOfacSdn.js';
export type { ParseResult } from './ParseResult.js';
export {
  parseScamSnifferAddresses,
  parseScamSnifferCombined,
  SCAMSNIFFER_DATASET,
  type ParseScamSnifferOptions,
} from './parseScamSniffer.js';
export { parseSdnRemarks, type SdnRemarks } from './parseSdnRemarks.js';
export { parseUltrasoundCsv, ULTRASOUND_DATASET, type ParseUltrasoundCsvOptions } from './parseUltrasoundCsv.js';
export { parseUnConsolidated, UN_DATASET, type UnConsolidatedResult } from './parseUnConsolidated.js';
export { readSnapshotFile } from './readSnapshotFile.js';
export { writeSnapshotFile } from './writeSnapshotFile.js';
