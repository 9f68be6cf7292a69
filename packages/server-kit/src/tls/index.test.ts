import { describe, expect, it } from 'vitest';
import { sourceExportNames } from '@jil/testkit';
import * as tls from './index.js';

describe('@jil/server-kit/tls surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(tls).sort()).toEqual([
      'CrlRefresher',
      'checkNodeTlsConfig',
      'createMutualTlsAgent',
      'createMutualTlsConnector',
      'createMutualTlsFetch',
      'createMutualTlsServerOptions',
      'fetchHqCrl',
      'installMutualTlsCheck',
      'listenMutualTls',
      'startNodeTls',
    ]);
  });

  it('exports exactly these types', () => {
    expect(sourceExportNames(new URL('./index.ts', import.meta.url)).types).toEqual([
      'CrlRefresherOptions',
      'CrlSource',
      'MutualTlsClientParameters',
      'MutualTlsFetch',
      'MutualTlsIdentity',
      'MutualTlsListener',
      'MutualTlsLogger',
      'MutualTlsServerOptions',
      'MutualTlsServerParameters',
      'NodeTls',
      'NodeTlsConfig',
      'PeerVerdict',
    ]);
  });
});
