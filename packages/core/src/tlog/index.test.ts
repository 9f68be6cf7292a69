import { describe, expect, it } from 'vitest';
import { sourceExportNames } from '@jil/testkit';
import * as tlog from './index.js';

describe('@jil/core/tlog public surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(tlog).sort()).toEqual([
      'TILE_HEIGHT',
      'TILE_WIDTH',
      'TLOG_CHECKS',
      'TLOG_PROOF_HEADER',
      'cosignatureV1Message',
      'createNoteSignature',
      'emptyTreeHash',
      'encodeEntryBundle',
      'formatCheckpoint',
      'formatSignedNote',
      'formatSignerKey',
      'formatTilePath',
      'formatTlogProof',
      'formatVerifierKey',
      'leafHash',
      'merkleTreeHash',
      'nodeHash',
      'noteKeyId',
      'openCheckpoint',
      'parseCheckpoint',
      'parseEntryBundle',
      'parseSignedNote',
      'parseSignerKey',
      'parseTilePath',
      'parseTlogProof',
      'parseVerifierKey',
      'proveConsistency',
      'proveInclusion',
      'signCheckpoint',
      'signNote',
      'splitStoredHashIndex',
      'storedHashCount',
      'storedHashIndex',
      'storedHashes',
      'tileData',
      'tileHashReader',
      'tilesForTreeSize',
      'treeHash',
      'verifyConsistency',
      'verifyInclusion',
      'verifyNote',
      'verifyTlogProof',
    ]);
  });

  it('imports no Node built-in (browser-safe)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('.', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.includes('.test.') && !n.includes('.testutil.'))) {
      const src = readFileSync(new URL(f, dir), 'utf8');
      expect([f, /from '(node:|fs|path|crypto|buffer)/.test(src) || /\bBuffer\b|\bprocess\./.test(src.replace(/^\s*\*.*$/gm, ''))]).toEqual(
        [f, false],
      );
    }
  });

  it('exports exactly these types', () => {
    expect(sourceExportNames(new URL('./index.ts', import.meta.url)).types).toEqual([
      'Checkpoint',
      'HashReader',
      'NoteSignature',
      'NoteSignatureType',
      'NoteSignerKey',
      'NoteVerifierKey',
      'OpenCheckpointOptions',
      'OpenCheckpointResult',
      'SignedNote',
      'Tile',
      'TileReader',
      'TlogCheck',
      'TlogFailure',
      'TlogProof',
      'VerifiedNoteSignature',
      'VerifyConsistencyParameters',
      'VerifyConsistencyResult',
      'VerifyInclusionParameters',
      'VerifyInclusionResult',
      'VerifyNoteResult',
      'VerifyTlogProofOptions',
      'VerifyTlogProofResult',
    ]);
  });
});
