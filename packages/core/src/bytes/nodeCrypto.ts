import type * as NodeCrypto from 'node:crypto';

/**
 * `node:crypto`, reached without a static import through `process.getBuiltinModule` (Node ≥ 20.16), so bundles for
 * browsers never reference it: the native (OpenSSL) fast path of the Ed25519, ML-DSA-65 and hash code, where present.
 */
export type NodeCryptoModule = typeof NodeCrypto;
interface NodeProcess {
  versions?: { node?: string };
  getBuiltinModule?: (id: string) => unknown;
}

let nodeCrypto: NodeCryptoModule | null | undefined;

/** `node:crypto`, or `undefined` outside Node. Detected once. */
export function loadNodeCrypto(): NodeCryptoModule | undefined {
  if (nodeCrypto === undefined) {
    nodeCrypto = null;
    const proc = (globalThis as { process?: NodeProcess }).process;
    if (typeof proc?.versions?.node === 'string' && typeof proc.getBuiltinModule === 'function') {
      try {
        nodeCrypto = (proc.getBuiltinModule('node:crypto') as NodeCryptoModule | undefined) ?? null;
      } catch {
        nodeCrypto = null;
      }
    }
  }
  return nodeCrypto ?? undefined;
}
