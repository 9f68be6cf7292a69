import { base64Decode, base64Encode, type DsseEnvelope } from '@jil/core';
import fc from 'fast-check';

/** One way of altering a signed envelope; every one must make verification fail. */
export type Tamper =
  | { kind: 'payload_byte'; index: number; xor: number }
  | { kind: 'payload_type' }
  | { kind: 'sig_byte'; which: number; index: number; xor: number }
  | { kind: 'drop_hq' }
  | { kind: 'keyid'; which: number }
  | { kind: 'duplicate'; which: number };

/** Arbitrary tampering (the caller decides which kinds apply). */
export const tamperArb = (
  kinds: readonly Tamper['kind'][] = ['payload_byte', 'payload_type', 'sig_byte', 'drop_hq', 'keyid', 'duplicate'],
): fc.Arbitrary<Tamper> =>
  fc.oneof(
    ...kinds.map((kind): fc.Arbitrary<Tamper> => {
      switch (kind) {
        case 'payload_byte':
          return fc.record({ kind: fc.constant('payload_byte' as const), index: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) });
        case 'sig_byte':
          return fc.record({
            kind: fc.constant('sig_byte' as const),
            which: fc.nat(),
            index: fc.nat(63),
            xor: fc.integer({ min: 1, max: 255 }),
          });
        case 'keyid':
          return fc.record({ kind: fc.constant('keyid' as const), which: fc.nat() });
        case 'duplicate':
          return fc.record({ kind: fc.constant('duplicate' as const), which: fc.nat() });
        default:
          return fc.constant({ kind } as Tamper);
      }
    }),
  );

/** Applies `t` to a copy of `envelope` (the first signature is HQ's). */
export function tamper(envelope: DsseEnvelope, t: Tamper): DsseEnvelope {
  const sigs = envelope.signatures.map((s) => ({ ...s }));
  switch (t.kind) {
    case 'payload_byte': {
      const bytes = base64Decode(envelope.payload).slice();
      const i = t.index % bytes.length;
      bytes[i] = bytes[i]! ^ t.xor;
      return { ...envelope, payload: base64Encode(bytes), signatures: sigs };
    }
    case 'payload_type':
      return { ...envelope, payloadType: `${envelope.payloadType}x`, signatures: sigs };
    case 'sig_byte': {
      const s = sigs[t.which % sigs.length]!;
      const bytes = base64Decode(s.sig).slice();
      bytes[t.index] = bytes[t.index]! ^ t.xor;
      s.sig = base64Encode(bytes);
      return { ...envelope, signatures: sigs };
    }
    case 'drop_hq':
      return { ...envelope, signatures: sigs.slice(1).length > 0 ? sigs.slice(1) : [{ keyid: 'ff'.repeat(32), sig: sigs[0]!.sig }] };
    case 'keyid': {
      const s = sigs[t.which % sigs.length]!;
      s.keyid = s.keyid.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      return { ...envelope, signatures: sigs };
    }
    case 'duplicate':
      return { ...envelope, signatures: [...sigs, { ...sigs[t.which % sigs.length]! }] };
  }
}
