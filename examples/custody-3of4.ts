/**
 * 3-of-4 custody signing across four cosigner processes on loopback.
 *   1. start four cosigners (one FROST participant each, keys encrypted at rest),
 *   2. run a distributed key generation — no process ever holds the group secret,
 *   3. sign a withdrawal with any three: it is a plain Ed25519 signature under the group key,
 *   4. stop one cosigner and sign again: 3-of-4 keeps working.
 * Run: pnpm --filter @jil/examples custody-3of4
 */
import { bytesToHex, utf8ToBytes, verify } from '@jil/core';
import { coordinateDkg, coordinateSigning } from '@jil/mpc';
import { startCosignerProcesses } from '@jil/shell-mpc-cosigner';

const cluster = await startCosignerProcesses({ n: 4 });
try {
  console.log(`started 4 cosigners: pids ${cluster.pids.join(', ')}`);
  const publicKeyPackage = await coordinateDkg({ participants: cluster.participants, minSigners: 3 });
  const groupKey = publicKeyPackage.commitments[0]!;
  console.log(`DKG done: 3-of-4, group public key ${bytesToHex(groupKey)}`);

  const withdrawal = utf8ToBytes(
    JSON.stringify({ chain: 'solana:mainnet', to: '7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV', lamports: '1500000000' }),
  );
  const first = await coordinateSigning({ participants: cluster.participants, publicKeyPackage, message: withdrawal });
  console.log(
    `signed by ${first.signers.length} cosigners: ${bytesToHex(first.signature)}; Ed25519 verify: ` +
      `${verify(first.signature, withdrawal, groupKey)}`,
  );

  await cluster.stop(0);
  const second = await coordinateSigning({ participants: cluster.participants, publicKeyPackage, message: withdrawal });
  console.log(
    `cosigner 1 stopped; unresponsive ${second.unresponsive.length}, signed by the other three; Ed25519 verify: ` +
      `${verify(second.signature, withdrawal, groupKey)}`,
  );
} finally {
  await cluster.stopAll();
}
