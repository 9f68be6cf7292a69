import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { JilError } from '@jil/core';
import type { DatasetDescriptor } from './datasetDescriptors.js';

/** One file of a dataset as read from disk. */
export interface DatasetFileBytes {
  file: string;
  bytes: Uint8Array;
}

/** Where the data is expected, said in every `DATASET_NOT_FOUND` message. */
export const DATA_DIR_HINT =
  'the datasets live in ../shared/data beside the repository, or pass --data-dir / set JIL_DATA_DIR to the folder holding them';

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Check that a data directory exists.
 *
 * @param dataDir - the data directory.
 * @throws JilError `DATASET_NOT_FOUND` naming the absolute folder and where the data is expected.
 * @example
 * import { assertDataDir } from './readDatasetFiles.js';
 * await assertDataDir('../shared/data');
 */
export async function assertDataDir(dataDir: string): Promise<void> {
  const dir = resolve(dataDir);
  if (!(await isDirectory(dir))) {
    throw new JilError('DATASET_NOT_FOUND', `data folder ${dir} not found: ${DATA_DIR_HINT}`, { details: { folder: dir } });
  }
}

/**
 * Read the files of one dataset folder, in file-name order.
 *
 * @param dataDir - the data directory.
 * @param descriptor - which folder and files.
 * @returns the files' bytes.
 * @throws JilError `DATASET_NOT_FOUND` naming the missing folder or file (and where the data is expected).
 * @example
 * import { readDatasetFiles } from './readDatasetFiles.js';
 * import { DATASET_DESCRIPTORS } from './datasetDescriptors.js';
 * await readDatasetFiles('../shared/data', DATASET_DESCRIPTORS[0]!);
 */
export async function readDatasetFiles(dataDir: string, descriptor: DatasetDescriptor): Promise<DatasetFileBytes[]> {
  const folder = resolve(dataDir, descriptor.name);
  if (!(await isDirectory(folder))) {
    throw new JilError('DATASET_NOT_FOUND', `dataset folder ${folder} (${descriptor.name}) not found: ${DATA_DIR_HINT}`, {
      details: { dataset: descriptor.name, folder },
    });
  }
  const present = (await readdir(folder)).sort();
  const wanted = Array.isArray(descriptor.files)
    ? [...(descriptor.files as readonly string[])].sort()
    : present.filter((f) => (descriptor.files as RegExp).test(f));
  const missing = Array.isArray(descriptor.files)
    ? wanted.filter((f) => !present.includes(f))
    : wanted.length
      ? []
      : [String(descriptor.files)];
  if (missing.length) {
    throw new JilError('DATASET_NOT_FOUND', `dataset ${descriptor.name}: ${missing.join(', ')} not found in ${folder}: ${DATA_DIR_HINT}`, {
      details: { dataset: descriptor.name, folder, files: missing },
    });
  }
  return Promise.all(wanted.map(async (file) => ({ file, bytes: new Uint8Array(await readFile(join(folder, file))) })));
}
