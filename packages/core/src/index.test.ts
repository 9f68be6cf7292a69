import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from './index.js';

/** Every name exported by the barrel's source, values and types (the public surface, including type-only names). */
function sourceExportNames(): { values: string[]; types: string[] } {
  const source = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
  const values: string[] = [];
  const types: string[] = [];
  for (const m of source.matchAll(/export\s+(type\s+)?\{([^}]*)\}/g)) {
    for (const raw of m[2]!.split(',').map((s) => s.trim()).filter(Boolean)) {
      const isType = m[1] !== undefined || raw.startsWith('type ');
      const name = raw.replace(/^type\s+/, '').split(/\s+as\s+/).pop()!;
      (isType ? types : values).push(name);
    }
  }
  return { values: values.sort(), types: types.sort() };
}

describe('@jil/core public surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(core).sort()).toEqual([
      'COMPOSITE_MLDSA65_ED25519',
      'ERROR_CODES',
      'HTTP_STATUS_BY_CODE',
      'JIL_AUTH_HEADERS',
      'JilError',
      'MemoryNonceStore',
      'PEER_AUTH_HEADERS',
      'assertDsseEnvelope',
      'availableCompositeBackends',
      'availableEd25519Backends',
      'availableMlDsaBackends',
      'base64Decode',
      'base64Encode',
      'bytesToHex',
      'bytesToUtf8',
      'canonicalBytes',
      'canonicalRequest',
      'canonicalize',
      'compositeCreateSigner',
      'compositeGenerateKeyPair',
      'compositeGetPublicKey',
      'compositeKeyId',
      'compositeSign',
      'compositeVerify',
      'compositeVerifyWith',
      'constantTimeEqual',
      'createSigner',
      'generateKeyPair',
      'getPublicKey',
      'hexToBytes',
      'hmacSha256',
      'isDsseEnvelope',
      'isErrorCode',
      'isJilError',
      'isUuidV7',
      'keyId',
      'mlDsa65CreateSigner',
      'mlDsa65GenerateKeyPair',
      'mlDsa65GetPublicKey',
      'mlDsa65KeyId',
      'mlDsa65Sign',
      'mlDsa65Verify',
      'mlDsa65VerifyWith',
      'pae',
      'parseJson',
      'peerRequestMessage',
      'peerResponseMessage',
      'sha256Bytes',
      'sha256Hex',
      'sign',
      'signDsse',
      'signPeerRequest',
      'signPeerResponse',
      'signRequest',
      'utf8ToBytes',
      'uuidv7',
      'verify',
      'verifyPeerRequest',
      'verifyPeerResponse',
      'verifyRequest',
      'verifyWith',
    ]);
  });

  it('exports exactly these types', () => {
    expect(sourceExportNames().types).toEqual([
      'CanonicalRequestParameters',
      'CanonicalizeOptions',
      'CompositeBackend',
      'CompositeKeyPair',
      'CompositeOptions',
      'CompositeSigner',
      'DsseEnvelope',
      'DsseSignature',
      'DsseSigner',
      'Ed25519Backend',
      'Ed25519KeyPair',
      'Ed25519Signer',
      'ErrorCode',
      'FieldIssue',
      'JilAuthHeaders',
      'JilErrorOptions',
      'MemoryNonceStoreOptions',
      'MlDsa65KeyPair',
      'MlDsa65Options',
      'MlDsa65Signer',
      'MlDsaBackend',
      'NonceStore',
      'PeerProtocol',
      'PeerRequestFields',
      'SignPeerRequestParameters',
      'SignRequestParameters',
      'VerifyPeerRequestInput',
      'VerifyPeerRequestOptions',
      'VerifyRequestInput',
      'VerifyRequestOptions',
      'VerifyRequestResult',
    ]);
  });

  it('the source lists the same values that load at runtime', () => {
    expect(sourceExportNames().values).toEqual(Object.keys(core).sort());
  });
});
