/**
 * Interoperability of @jil/mpc with the Zcash Foundation's `frost-ed25519` crate (an independent RFC 9591
 * implementation), through the small harness in this folder (src/main.rs; JSON over stdin/stdout):
 *   1. Rust splits a key with its trusted dealer → TS checks every share against the VSS commitment, signs with
 *      3 of 5 → Rust verifies the group signature (and rejects a tampered one).
 *   2. TS splits a key (dealer, then DKG) → Rust checks every share (KeyPackage::try_from = vss_verify), signs with
 *      3 of 5 → TS verifies the signature on node:crypto and @noble/ed25519.
 * The harness is built once per run (`cargo build --release --locked`, `--offline` first when the crates are in the
 * local registry cache). Without `cargo` on PATH the suite is skipped and says why.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { bytesToHex, generateKeyPair, hexToBytes, utf8ToBytes, verifyWith } from '@jil/core';
import {
  coordinateDkg,
  coordinateSigning,
  Cosigner,
  identifierFromNumber,
  publicKeyPackageFromCommitment,
  trustedDealer,
  verifyGroupSignature,
  verifyKeyPackage,
  type KeyPackage,
  type PublicKeyPackage,
} from '@jil/mpc';
import { beforeAll, describe, expect, it } from 'vitest';

const DIR = import.meta.dirname;
const BIN = resolve(DIR, 'target/release/frost-interop');
const HAS_CARGO = spawnSync('cargo', ['--version'], { encoding: 'utf8' }).status === 0;
const message = utf8ToBytes('JIL interop: withdraw 12.5 ETH to 0x6861…f664');

function harness(args: string[], input?: unknown): any {
  const r = spawnSync(BIN, args, { input: input === undefined ? '' : JSON.stringify(input), encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`frost-interop ${args[0]} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Sign `msg` with the first `t` key packages, in process, through the coordinator. */
async function tsSign(kps: KeyPackage[], pub: PublicKeyPackage, t: number): Promise<Uint8Array> {
  const keys = kps.map(() => generateKeyPair());
  const roster = Object.fromEntries(kps.map((kp, i) => [kp.identifier, keys[i]!.publicKey]));
  const participants = kps
    .slice(0, t)
    .map((kp, i) => new Cosigner({ identifier: kp.identifier, identitySecretKey: keys[i]!.secretKey, roster, keyPackage: kp }));
  return (await coordinateSigning({ participants, publicKeyPackage: pub, message })).signature;
}

/** The key set as the harness reads it: VSS commitment, every share, the signers. */
function forRust(pub: PublicKeyPackage, kps: KeyPackage[], signers: string[]) {
  return {
    min: pub.minSigners,
    verifying_key: bytesToHex(pub.commitments[0]!),
    commitment: pub.commitments.map(bytesToHex),
    shares: kps.map((kp) => ({ identifier: kp.identifier, signing_share: bytesToHex(kp.signingShare) })),
    message: bytesToHex(message),
    signers,
  };
}

describe.runIf(HAS_CARGO)('interop with ZF frost-ed25519 (Rust)', () => {
  beforeAll(() => {
    const build = (offline: boolean) =>
      spawnSync('cargo', ['build', '--release', '--locked', '--quiet', ...(offline ? ['--offline'] : [])], {
        cwd: DIR,
        encoding: 'utf8',
        timeout: 900_000,
      });
    let r = build(true);
    if (r.status !== 0) r = build(false);
    if (r.status !== 0 || !existsSync(BIN)) throw new Error(`cargo build failed: ${r.stderr.slice(-2000)}`);
  }, 900_000);

  it('Rust dealer → TS verifies the shares and signs 3-of-5 → Rust verifies (and rejects a tampered signature)', async () => {
    const dealt = harness(['dealer', '3', '5', bytesToHex(message)]);
    const ids: string[] = dealt.shares.map((s: { identifier: string }) => s.identifier);
    expect(ids).toEqual([1, 2, 3, 4, 5].map((n) => identifierFromNumber(n)));
    const pub = publicKeyPackageFromCommitment('ed25519', dealt.commitment.map(hexToBytes), ids);
    expect(bytesToHex(pub.commitments[0]!)).toBe(dealt.verifying_key);
    const kps: KeyPackage[] = dealt.shares.map((s: { identifier: string; signing_share: string }) => ({
      suite: 'ed25519',
      identifier: s.identifier,
      signingShare: hexToBytes(s.signing_share),
      publicKeyPackage: pub,
    }));
    for (const kp of kps) verifyKeyPackage(kp);
    const signature = await tsSign(kps.slice(2), pub, 3);
    expect(
      harness(['verify'], { verifying_key: dealt.verifying_key, message: bytesToHex(message), signature: bytesToHex(signature) }),
    ).toEqual({ valid: true });
    const tampered = Uint8Array.from(signature);
    tampered[40]! ^= 1;
    expect(
      harness(['verify'], { verifying_key: dealt.verifying_key, message: bytesToHex(message), signature: bytesToHex(tampered) }),
    ).toEqual({ valid: false });
    expect(
      harness(['verify'], {
        verifying_key: dealt.verifying_key,
        message: bytesToHex(utf8ToBytes('other')),
        signature: bytesToHex(signature),
      }),
    ).toEqual({ valid: false });
  });

  it('TS dealer → Rust verifies the shares and signs 3-of-5 → TS verifies on node:crypto and noble', () => {
    const { publicKeyPackage: pub, keyPackages } = trustedDealer({ minSigners: 3, maxSigners: 5 });
    const kps = Object.values(keyPackages);
    const { signature } = harness(
      ['sign'],
      forRust(
        pub,
        kps,
        [kps[0]!, kps[2]!, kps[4]!].map((k) => k.identifier),
      ),
    );
    const sig = hexToBytes(signature);
    expect(verifyWith('node', sig, message, pub.commitments[0]!)).toBe(true);
    expect(verifyWith('noble', sig, message, pub.commitments[0]!)).toBe(true);
    expect(verifyGroupSignature('ed25519', sig, message, pub.commitments[0]!)).toBe(true);
  });

  it('TS DKG → Rust signs with the DKG shares → TS verifies; Rust refuses a share that fails VSS', async () => {
    const ids = [1, 2, 3, 4].map((n) => identifierFromNumber(n));
    const keys = ids.map(() => generateKeyPair());
    const roster = Object.fromEntries(ids.map((id, i) => [id, keys[i]!.publicKey]));
    const kps: KeyPackage[] = [];
    const cosigners = ids.map(
      (id, i) => new Cosigner({ identifier: id, identitySecretKey: keys[i]!.secretKey, roster, onKeyPackage: (kp) => void kps.push(kp) }),
    );
    const pub = await coordinateDkg({ participants: cosigners, minSigners: 3 });
    kps.sort((a, b) => a.identifier.localeCompare(b.identifier));
    const { signature } = harness(['sign'], forRust(pub, kps, ids.slice(1)));
    expect(verifyWith('node', hexToBytes(signature), message, pub.commitments[0]!)).toBe(true);
    const bad = forRust(pub, kps, ids.slice(1));
    bad.shares[1]!.signing_share = bad.shares[0]!.signing_share;
    expect(() => harness(['sign'], bad)).toThrow(/frost-interop sign failed/);
  });
});

// Skipped only where `cargo` is missing (a laptop without Rust): the suite builds the Zcash Foundation crate with it.
// .ci/run has cargo, so this never skips in CI (and under CI=true a skip would fail the run: tools/vitest).
if (!HAS_CARGO) {
  describe.skip('interop with ZF frost-ed25519 — skipped: `cargo` is not on PATH (install Rust to run it)', () => {
    it('Rust harness', () => undefined);
  });
}
