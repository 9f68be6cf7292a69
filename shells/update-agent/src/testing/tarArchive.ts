/** One entry of {@link tarArchive}. */
export interface TarEntry {
  /** Path inside the archive, without leading `/`, e.g. `bin/busybox`. */
  path: string;
  /** File content; omitted for directories. */
  content?: Uint8Array;
  /** Octal permission bits, e.g. `0o755`. */
  mode: number;
  /** `file` (default) or `dir`. */
  type?: 'file' | 'dir';
}

function header(entry: TarEntry, size: number): Uint8Array {
  const h = new Uint8Array(512);
  const put = (offset: number, length: number, text: string): void => {
    for (let i = 0; i < Math.min(length, text.length); i++) h[offset + i] = text.charCodeAt(i);
  };
  const octal = (offset: number, length: number, value: number): void =>
    put(offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
  const name = entry.type === 'dir' ? `${entry.path.replace(/\/$/, '')}/` : entry.path;
  if (name.length > 100) throw new Error(`tar path too long: ${name}`);
  put(0, 100, name);
  octal(100, 8, entry.mode);
  octal(108, 8, 0); // uid
  octal(116, 8, 0); // gid
  octal(124, 12, size);
  octal(136, 12, 0); // mtime: fixed, so the same input gives the same digest
  put(148, 8, '        ');
  h[156] = (entry.type === 'dir' ? '5' : '0').charCodeAt(0);
  put(257, 6, 'ustar\0');
  put(263, 2, '00');
  let sum = 0;
  for (const b of h) sum += b;
  put(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/**
 * A POSIX ustar archive (IEEE Std 1003.1-2001 §pax, ustar format) of `entries`, byte-reproducible: owner 0:0,
 * mtime 0. Test tooling for building image layers without a daemon.
 * @example
 * import { tarArchive } from '@jil/shell-update-agent/testing';
 * const tar = tarArchive([{ path: 'bin', mode: 0o755, type: 'dir' }, { path: 'bin/x', mode: 0o755, content }]);
 */
export function tarArchive(entries: readonly TarEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    const content = entry.type === 'dir' ? new Uint8Array() : (entry.content ?? new Uint8Array());
    parts.push(header(entry, content.length), content, new Uint8Array((512 - (content.length % 512)) % 512));
  }
  parts.push(new Uint8Array(1024));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
