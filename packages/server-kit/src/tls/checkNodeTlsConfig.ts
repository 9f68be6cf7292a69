import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { JilError } from '@jil/core';

/** The `tls` block of a shell's configuration file (docs/operations.md §Mutual TLS). Paths are absolute after checking. */
export interface NodeTlsConfig {
  /** The fleet CA certificate (PEM file). */
  caCertificateFile: string;
  /** This node's certificate (PEM file), issued by HQ's CA. */
  certificateFile: string;
  /** This node's private key (PKCS#8 PEM file, mode 0600). */
  privateKeyFile: string;
  /** HQ base URL; its `GET /v1/fleet/ca` serves the CRL. */
  hqUrl: string;
  /** CRL refresh interval, seconds (default 60): the revocation bound. */
  crlRefreshSeconds: number;
  /** Node ids allowed to call this node (certificate `CN`); default any node of the CA. */
  allowedNodeIds?: string[];
}

const FIELDS = ['caCertificateFile', 'certificateFile', 'privateKeyFile', 'hqUrl', 'crlRefreshSeconds', 'allowedNodeIds'];

/**
 * Checks a `tls` configuration block; relative paths resolve against `base`. Lists every bad field.
 *
 * @param raw - the parsed JSON value of the block.
 * @param base - folder of the configuration file.
 * @param field - the block's name in messages (default `tls`).
 * @returns the {@link NodeTlsConfig}.
 * @throws JilError `CONFIG_INVALID` with `details.fields` (each `{ field, message }`).
 * @example
 * import { checkNodeTlsConfig } from '@jil/server-kit/tls';
 * const tls = checkNodeTlsConfig(raw.tls, dirname(configFile));
 */
export function checkNodeTlsConfig(raw: unknown, base: string, field = 'tls'): NodeTlsConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new JilError('CONFIG_INVALID', `${field} must be an object`, { details: { fields: [{ field, message: 'must be an object' }] } });
  const t = raw as Record<string, unknown>;
  const fields: { field: string; message: string }[] = [];
  const file = (name: string): string => {
    const v = t[name];
    if (typeof v !== 'string' || v.length === 0 || !existsSync(resolve(base, v))) {
      fields.push({ field: `${field}.${name}`, message: 'must be an existing file' });
      return '';
    }
    return resolve(base, v);
  };
  const caCertificateFile = file('caCertificateFile');
  const certificateFile = file('certificateFile');
  const privateKeyFile = file('privateKeyFile');
  const hqUrl = t['hqUrl'];
  if (typeof hqUrl !== 'string' || !/^https?:\/\/[^\s/]+\/?$/.test(hqUrl))
    fields.push({ field: `${field}.hqUrl`, message: 'must be an http(s) base URL' });
  const seconds = t['crlRefreshSeconds'] ?? 60;
  if (!Number.isInteger(seconds) || (seconds as number) < 1 || (seconds as number) > 86_400)
    fields.push({ field: `${field}.crlRefreshSeconds`, message: 'must be an integer 1–86400' });
  const allowed = t['allowedNodeIds'];
  if (allowed !== undefined && !(Array.isArray(allowed) && allowed.every((x) => typeof x === 'string' && x.length > 0)))
    fields.push({ field: `${field}.allowedNodeIds`, message: 'must be a list of node ids' });
  for (const k of Object.keys(t)) if (!FIELDS.includes(k)) fields.push({ field: `${field}.${k}`, message: 'is not a known field' });
  if (fields.length > 0) throw new JilError('CONFIG_INVALID', `invalid ${field} configuration`, { details: { fields } });
  return {
    caCertificateFile,
    certificateFile,
    privateKeyFile,
    hqUrl: hqUrl as string,
    crlRefreshSeconds: seconds as number,
    ...(allowed === undefined ? {} : { allowedNodeIds: allowed as string[] }),
  };
}
