import { datasetParseError } from './datasetParseError.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('windows-1252');

/**
 * Decode a source file: UTF-8 (BOM removed) when valid, otherwise Windows-1252 — older OFAC legacy CSV files were
 * published in a single-byte code page. NUL bytes are refused (a binary or UTF-16 file was given).
 *
 * @param bytes - file content.
 * @param dataset - dataset name (for errors).
 * @param file - file name (for errors).
 * @returns the text.
 * @throws JilError `DATASET_PARSE_ERROR` when the bytes contain NUL.
 * @example
 * import { decodeText } from './decodeText.js';
 * decodeText(new TextEncoder().encode('a,b'), 'x', 'x.csv'); // 'a,b'
 */
export function decodeText(bytes: Uint8Array, dataset: string, file: string): string {
  if (bytes.includes(0)) throw datasetParseError(dataset, file, undefined, 'file contains NUL bytes (binary or UTF-16?)');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = latin1.decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
