import { describe, expect, it } from 'vitest';
import { sourceExportNames as exportNamesOf } from '@jil/testkit';

const sourceExportNames = () => exportNamesOf(new URL('./index.ts', import.meta.url));
import * as core from './index.js';


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
