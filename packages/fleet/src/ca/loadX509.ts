import type * as X509 from '@peculiar/x509';

let loading: Promise<typeof X509> | undefined;

/**
 * Loads `@peculiar/x509` on first use. The library needs a Reflect metadata polyfill (its dependency injection uses
 * `Reflect.getMetadata`), so `@abraham/reflection` is imported first; that adds the `Reflect` metadata functions to
 * the global `Reflect` object, once, and only in processes that use the CA functions. Internal.
 */
export function loadX509(): Promise<typeof X509> {
  loading ??= (async () => {
    await import('@abraham/reflection');
    return import('@peculiar/x509');
  })();
  return loading;
}

/** ECDSA P-256 with SHA-256: the key and signature algorithm of the CA and of node certificates (TLS 1.3 everywhere). */
export const NODE_KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** A 16-byte positive serial number as lower-case hex (RFC 5280 §4.1.2.2: at most 20 octets, positive). */
export function randomSerial(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x3f) | 0x40;
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** PEM → DER bytes for one block of `label` (`PRIVATE KEY`, `PUBLIC KEY`). */
export function pemToDer(pem: string, label: string): Uint8Array<ArrayBuffer> {
  const m = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  if (m === null) throw new Error(`not a ${label} PEM block`);
  const bin = atob(m[1]!.replace(/\s+/g, ''));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** DER bytes → PEM block of `label`, 64-character lines. */
export function derToPem(der: ArrayBuffer | Uint8Array, label: string): string {
  const bytes = der instanceof Uint8Array ? der : new Uint8Array(der);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  const lines = btoa(bin).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
