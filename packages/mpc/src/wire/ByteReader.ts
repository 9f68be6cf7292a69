import { frostError } from '../frostError.js';

/** Reads what {@link ByteWriter} wrote; any short read or trailing byte is `FROST_INVALID_ENCODING`. */
export class ByteReader {
  readonly #bytes: Uint8Array;
  #off = 0;

  constructor(bytes: Uint8Array) {
    if (!(bytes instanceof Uint8Array)) throw frostError('FROST_INVALID_ENCODING', 'package must be a Uint8Array', { field: 'bytes' });
    this.#bytes = bytes;
  }

  take(n: number, field: string): Uint8Array {
    if (this.#off + n > this.#bytes.length) throw frostError('FROST_INVALID_ENCODING', `package too short at ${field}`, { field });
    const out = this.#bytes.slice(this.#off, this.#off + n);
    this.#off += n;
    return out;
  }

  u8(field: string): number {
    return this.take(1, field)[0]!;
  }

  u16(field: string): number {
    const b = this.take(2, field);
    return (b[0]! << 8) | b[1]!;
  }

  u32(field: string): number {
    const b = this.take(4, field);
    return ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
  }

  varBytes(field: string, max = 1 << 20): Uint8Array {
    const n = this.u32(field);
    if (n > max) throw frostError('FROST_INVALID_ENCODING', `${field} longer than ${max} bytes`, { field });
    return this.take(n, field);
  }

  /** Throws unless every byte was read. */
  end(): void {
    if (this.#off !== this.#bytes.length) throw frostError('FROST_INVALID_ENCODING', 'trailing bytes after package', { field: 'bytes' });
  }
}
