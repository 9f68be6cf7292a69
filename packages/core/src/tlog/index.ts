/**
 * @jil/core tlog — transparency-log primitives: RFC 9162 Merkle tree hashing and proofs (generation from stored
 * hashes or tiles, verification), c2sp.org/tlog-tiles coordinates, paths and entry bundles, c2sp.org/signed-note
 * keys, signing and verification (Ed25519 and timestamped cosignature/v1), c2sp.org/tlog-checkpoint and
 * c2sp.org/tlog-proof. Pure, offline and browser-safe: no Node built-ins, only @noble/hashes and the core Ed25519.
 */
// RFC 9162 §2.1 Merkle trees
export { leafHash } from './leafHash.js';
export { nodeHash } from './nodeHash.js';
export { emptyTreeHash } from './emptyTreeHash.js';
export { merkleTreeHash } from './merkleTreeHash.js';
export type { HashReader } from './HashReader.js';
export { storedHashIndex } from './storedHashIndex.js';
export { splitStoredHashIndex } from './splitStoredHashIndex.js';
export { storedHashCount } from './storedHashCount.js';
export { storedHashes } from './storedHashes.js';
export { treeHash } from './treeHash.js';
export { proveInclusion } from './proveInclusion.js';
export { proveConsistency } from './proveConsistency.js';
export { verifyInclusion, type VerifyInclusionParameters, type VerifyInclusionResult } from './verifyInclusion.js';
export { verifyConsistency, type VerifyConsistencyParameters, type VerifyConsistencyResult } from './verifyConsistency.js';
export { TLOG_CHECKS, type TlogCheck, type TlogFailure } from './TlogFailure.js';
// c2sp.org/tlog-tiles
export { TILE_HEIGHT, TILE_WIDTH, type Tile } from './Tile.js';
export { formatTilePath } from './formatTilePath.js';
export { parseTilePath } from './parseTilePath.js';
export { tilesForTreeSize } from './tilesForTreeSize.js';
export { tileData } from './tileData.js';
export { tileHashReader, type TileReader } from './tileHashReader.js';
export { encodeEntryBundle } from './encodeEntryBundle.js';
export { parseEntryBundle } from './parseEntryBundle.js';
// c2sp.org/signed-note, c2sp.org/tlog-cosignature
export type { NoteSignatureType, NoteVerifierKey, NoteSignerKey } from './NoteKey.js';
export type { NoteSignature, SignedNote } from './NoteSignature.js';
export { noteKeyId } from './noteKeyId.js';
export { formatVerifierKey } from './formatVerifierKey.js';
export { parseVerifierKey } from './parseVerifierKey.js';
export { formatSignerKey } from './formatSignerKey.js';
export { parseSignerKey } from './parseSignerKey.js';
export { parseSignedNote } from './parseSignedNote.js';
export { formatSignedNote } from './formatSignedNote.js';
export { cosignatureV1Message } from './cosignatureV1Message.js';
export { createNoteSignature } from './createNoteSignature.js';
export { signNote } from './signNote.js';
export { verifyNote, type VerifiedNoteSignature, type VerifyNoteResult } from './verifyNote.js';
// c2sp.org/tlog-checkpoint
export type { Checkpoint } from './Checkpoint.js';
export { formatCheckpoint } from './formatCheckpoint.js';
export { parseCheckpoint } from './parseCheckpoint.js';
export { signCheckpoint } from './signCheckpoint.js';
export { openCheckpoint, type OpenCheckpointOptions, type OpenCheckpointResult } from './openCheckpoint.js';
// c2sp.org/tlog-proof
export { TLOG_PROOF_HEADER, type TlogProof } from './TlogProof.js';
export { formatTlogProof } from './formatTlogProof.js';
export { parseTlogProof } from './parseTlogProof.js';
export { verifyTlogProof, type VerifyTlogProofOptions, type VerifyTlogProofResult } from './verifyTlogProof.js';
