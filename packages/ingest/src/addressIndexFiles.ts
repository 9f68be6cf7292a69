import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { JilError } from '@jil/core';
import { addressIndexBodyOffset, CompactAddressIndex, decodeAddressIndex, encodeAddressIndex } from '@jil/psa';
import { datasetParseError } from './datasetParseError.js';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The binary address-index file that belongs to a snapshot file: `snapshot.json` → `snapshot.addresses.bin`.
 *
 * @param snapshotPath - path of the JSON snapshot.
 * @returns the sibling path.
 * @example
 * import { addressIndexPathFor } from '@jil/ingest';
 * addressIndexPathFor('.jil/snapshot.json'); // '.jil/snapshot.addresses.bin'
 */
export function addressIndexPathFor(snapshotPath: string): string {
  return snapshotPath.replace(/(\.json)?$/, '.addresses.bin');
}

/**
 * Write a compact address index as a binary file (see `encodeAddressIndex`), with the body's SHA-256 in its header;
 * written to a temporary file and renamed.
 *
 * @param path - target file.
 * @param index - the index.
 * @param snapshotSha256 - `Snapshot.sha256` it belongs to (checked by {@link readAddressIndexFile}).
 * @returns the number of bytes written.
 * @example
 * import { writeAddressIndexFile } from '@jil/ingest';
 * await writeAddressIndexFile('.jil/snapshot.addresses.bin', index, snapshot.sha256);
 */
export async function writeAddressIndexFile(path: string, index: CompactAddressIndex, snapshotSha256?: string): Promise<number> {
  const target = resolve(path);
  await mkdir(dirname(target), { recursive: true });
  const bytes = encodeAddressIndex(index.columns, { sha256, ...(snapshotSha256 === undefined ? {} : { snapshotSha256 }) });
  const tmp = `${target}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, target);
  return bytes.length;
}

/**
 * Read a binary address index written by {@link writeAddressIndexFile}: checks the body SHA-256 and, when
 * `expectedSnapshotSha256` is given, that the index belongs to that snapshot. The columns are views on the file
 * bytes (one read, no per-address objects).
 *
 * @param path - the file.
 * @param expectedSnapshotSha256 - the snapshot it must belong to, optional.
 * @returns the index.
 * @throws JilError `DATASET_NOT_FOUND` when the file is missing; `DATASET_PARSE_ERROR` for a bad file, a hash
 *   mismatch or another snapshot.
 * @example
 * import { readAddressIndexFile } from '@jil/ingest';
 * const index = await readAddressIndexFile('.jil/snapshot.addresses.bin');
 */
export async function readAddressIndexFile(path: string, expectedSnapshotSha256?: string): Promise<CompactAddressIndex> {
  const file = resolve(path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    throw new JilError('DATASET_NOT_FOUND', `address index file ${file} not found`, { details: { file }, cause });
  }
  const { header, columns } = decodeAddressIndex(bytes);
  if (header.body_sha256 !== undefined && sha256(bytes.subarray(addressIndexBodyOffset(bytes))) !== header.body_sha256) {
    throw datasetParseError('snapshot', file, undefined, 'address index body does not match its sha256');
  }
  if (expectedSnapshotSha256 !== undefined && header.snapshot_sha256 !== expectedSnapshotSha256) {
    throw datasetParseError('snapshot', file, undefined, 'address index belongs to another snapshot');
  }
  return new CompactAddressIndex(columns);
}
