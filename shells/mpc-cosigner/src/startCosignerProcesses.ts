import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bytesToHex, generateKeyPair } from '@jil/core';
import { encryptKeyPackage, identifierFromNumber, type CiphersuiteId, type Identifier, type KeyPackage } from '@jil/mpc';
import { HttpParticipant } from './HttpParticipant.js';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const MAIN = resolve(import.meta.dirname, 'main.ts');

/** Options of {@link startCosignerProcesses}. */
export interface StartCosignerProcessesOptions {
  /** Number of cosigners (identifiers 1…n). */
  n: number;
  suite?: CiphersuiteId;
  /** Key packages by identifier (dealer-made); omitted: the cosigners start without keys, ready for a DKG. */
  keyPackages?: Readonly<Record<Identifier, KeyPackage>>;
  /** scrypt log2 N for the key files (default 14 here: a local cluster for tests, examples and benchmarks). */
  scryptLogN?: number;
  /** Another entry script for some cosigners (tests: a cheating cosigner), by identifier. */
  entries?: Readonly<Record<Identifier, string>>;
  /** Signed validator set (JSON) for the Tier 1 cosigner(s), by identifier. */
  tier1ValidatorSets?: Readonly<Record<Identifier, unknown>>;
}

/** A running local cluster of cosigner processes. */
export interface CosignerProcesses {
  identifiers: Identifier[];
  /** The coordinator's transports, one per cosigner, in identifier order. */
  participants: HttpParticipant[];
  /** Base URLs (`http://127.0.0.1:port`), in identifier order. */
  baseUrls: string[];
  /** Identity public keys of the cosigners, in identifier order. */
  publicKeys: Uint8Array[];
  /** Child process ids, in identifier order. */
  pids: number[];
  /** Stop cosigner `i` (SIGTERM, then wait for exit). */
  stop(i: number): Promise<void>;
  /** Stop every cosigner still running and delete the temporary folder. */
  stopAll(): Promise<void>;
}

/**
 * Start n cosigner processes on loopback (port 0 each), one per participant, each with its own identity key,
 * config file and (when given) encrypted key file in a fresh temporary folder; the returned {@link HttpParticipant}s
 * speak to them as an authenticated coordinator. For tests, examples and benchmarks; a deployment runs `main.ts`
 * with its own config per host.
 */
export async function startCosignerProcesses(o: StartCosignerProcessesOptions): Promise<CosignerProcesses> {
  const suite = o.suite ?? 'ed25519';
  const dir = mkdtempSync(join(tmpdir(), 'jil-cosigners-'));
  const passphrase = bytesToHex(generateKeyPair().publicKey);
  const coordinator = generateKeyPair();
  const identifiers = Array.from({ length: o.n }, (_, i) => identifierFromNumber(i + 1));
  const identities = identifiers.map(() => generateKeyPair());
  const roster = Object.fromEntries(identifiers.map((id, i) => [id, bytesToHex(identities[i]!.publicKey)]));
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  try {
    for (const [i, id] of identifiers.entries()) {
      const base = join(dir, `cosigner-${i + 1}`);
      writeFileSync(`${base}.identity`, bytesToHex(identities[i]!.secretKey), { mode: 0o600 });
      const kp = o.keyPackages?.[id];
      if (kp) writeFileSync(`${base}.key`, encryptKeyPackage(kp, passphrase, { logN: o.scryptLogN ?? 14, r: 8, p: 1 }), { mode: 0o600 });
      const tier1 = o.tier1ValidatorSets?.[id];
      if (tier1 !== undefined) writeFileSync(`${base}.validator-set.json`, JSON.stringify(tier1));
      const config = {
        suite,
        identifier: id,
        host: '127.0.0.1',
        port: 0,
        identitySecretKeyFile: `${base}.identity`,
        keyFile: `${base}.key`,
        scryptLogN: o.scryptLogN ?? 14,
        coordinatorPublicKey: bytesToHex(coordinator.publicKey),
        roster,
        ...(tier1 !== undefined ? { tier1ValidatorSetFile: `${base}.validator-set.json` } : {}),
      };
      writeFileSync(`${base}.json`, JSON.stringify(config, null, 2));
      const child = spawn(process.execPath, ['--conditions=jil-source', '--import', 'tsx', o.entries?.[id] ?? MAIN, `${base}.json`], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, JIL_COSIGNER_PASSPHRASE: passphrase },
      });
      children.push(child);
      ports.push(await listeningPort(child));
    }
  } catch (error) {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const stop = async (i: number) => {
    const c = children[i]!;
    if (c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((res) => c.once('exit', () => res()));
    c.kill('SIGTERM');
    await exited;
  };
  return {
    identifiers,
    participants: identifiers.map(
      (id, i) =>
        new HttpParticipant({
          identifier: id,
          suite,
          baseUrl: `http://127.0.0.1:${ports[i]}`,
          publicKey: identities[i]!.publicKey,
          coordinatorSecretKey: coordinator.secretKey,
        }),
    ),
    baseUrls: ports.map((p) => `http://127.0.0.1:${p}`),
    publicKeys: identities.map((k) => k.publicKey),
    pids: children.map((c) => c.pid!),
    stop,
    async stopAll() {
      await Promise.all(children.map((_, i) => stop(i)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((res, rej) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line !== undefined) res((JSON.parse(line) as { port: number }).port);
    });
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.once('exit', (code) => rej(new Error(`cosigner exited with ${code} before listening: ${err.slice(0, 500)}`)));
  });
}
