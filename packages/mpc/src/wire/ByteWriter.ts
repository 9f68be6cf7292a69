/** Appends big-endian integers and raw bytes; used by every `encode*` of `@jil/mpc`. */
export class ByteWriter {
  readonly #parts: Uint8Array[] = [];

  u8(n: number): this {
    this.#parts.push(Uint8Array.of(n & 0xff));
    return this;
  }

  u16(n: number): this {
    this.#parts.push(Uint8Array.of((n >>> 8) & 0xff, n & 0xff));
    return this;
  }

  u32(n: number): this {
    this.#parts.push(Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff));
    return this;
  }

  bytes(b: Uint8Array): this {
    this.#parts.push(Uint8Array.from(b));
    return this;
  }

  /** `u32` length, then the bytes. */
  varBytes(b: Uint8Array): this {
    return this.u32(b.length).bytes(b);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.#parts.reduce((n, p) => n + p.length, 0));
    let off = 0;
    for (const p of this.#parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  }
}
