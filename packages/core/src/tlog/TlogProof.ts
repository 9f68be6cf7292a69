/**
 * A decoded c2sp.org/tlog-proof@v1: the entry's index, its inclusion proof, the signed checkpoint the proof leads
 * to, and optional unauthenticated extra data.
 * @example
 * import { parseTlogProof, type TlogProof } from '@jil/core/tlog';
 * const proof: TlogProof = parseTlogProof(fileText);
 */
export interface TlogProof {
  /** Opaque application data from the `extra` line; NOT authenticated. Absent when the line is absent. */
  extra?: Uint8Array;
  /** The zero-based index of the entry in the log. */
  index: number;
  /** The RFC 9162 inclusion proof: 32-byte hashes, leaf's sibling first (0…63 of them). */
  inclusionProof: Uint8Array[];
  /** The signed checkpoint, verbatim (signed note text with its signature lines). */
  checkpoint: string;
}

/** The first line of every tlog proof. */
export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';
