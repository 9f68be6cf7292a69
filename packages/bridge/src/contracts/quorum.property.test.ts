import fc from 'fast-check';
import { type Contract, parseEther, ZeroAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseMessage } from '../eip712/typedData.js';
import {
  type BridgeFixture,
  GUARDIAN_COUNT,
  latestTimestamp,
  randomId,
  revertOf,
  signAll,
  startBridgeFixture,
  THRESHOLD,
} from './testing/bridgeFixture.js';

// Property: over random subsets and orderings (duplicates allowed) of guardian signatures, `release` succeeds iff the
// submitted signers are strictly ascending (hence distinct) and at least the threshold; otherwise it is refused and
// named. Each run executes on an evm_snapshot of the private node and is rewound with evm_revert, so one signed
// withdrawal serves every run.
describe('JilBridge.release quorum rule (fast-check)', () => {
  let f: BridgeFixture;
  let bridge: Contract;
  let m: ReleaseMessage;
  let sigs: string[];

  beforeAll(async () => {
    f = await startBridgeFixture();
    bridge = f.bridge;
    await (await bridge.getFunction('deposit')('jil:treasury', { value: parseEther('1') })).wait();
    m = {
      withdrawalId: randomId(),
      token: ZeroAddress,
      recipient: '0x000000000000000000000000000000000000dEaD',
      amount: 12_345n,
      expiry: (await latestTimestamp(f.provider)) + 86_400n,
      guardianSetVersion: 1,
    };
    // f.guardians is sorted by address, so sigs[i] is the i-th smallest signer.
    sigs = await signAll(f.guardians, f.domain, m);
  });
  afterAll(async () => {
    await f?.stop();
  });

  const index = fc.integer({ min: 0, max: GUARDIAN_COUNT - 1 });
  const selection = fc.oneof(
    // Distinct signers, sorted or in generated order.
    fc.record({ picks: fc.uniqueArray(index, { minLength: THRESHOLD - 2, maxLength: GUARDIAN_COUNT }), sort: fc.boolean() }),
    // Any multiset (duplicates likely), sorted or not.
    fc.record({ picks: fc.array(index, { minLength: THRESHOLD - 2, maxLength: GUARDIAN_COUNT + 2 }), sort: fc.boolean() }),
  );

  it('release succeeds iff signers are strictly ascending and >= threshold', async () => {
    await fc.assert(
      fc.asyncProperty(selection, async ({ picks, sort }) => {
        const order = sort ? [...picks].sort((a, b) => a - b) : picks;
        const submitted = order.map((i) => sigs[i] as string);
        const strictlyAscending = order.every((v, i) => i === 0 || (order[i - 1] as number) < v);
        const snapshot = (await f.provider.send('evm_snapshot', [])) as string;
        try {
          const call = bridge
            .getFunction('release')(m.withdrawalId, m.token, m.recipient, m.amount, m.expiry, submitted)
            .then((tx: { wait(): Promise<unknown> }) => tx.wait());
          if (strictlyAscending && order.length >= THRESHOLD) {
            await call;
            expect(await f.provider.getBalance(m.recipient)).toBe(m.amount);
          } else {
            const expected = order.length < THRESHOLD ? 'InsufficientSignatures' : 'SignersNotAscending';
            expect((await revertOf(call)).details['error']).toBe(expected);
            expect(await bridge.getFunction('released')(m.withdrawalId)).toBe(false);
          }
        } finally {
          expect(await f.provider.send('evm_revert', [snapshot])).toBe(true);
        }
      }),
      {
        numRuns: 15,
        examples: [
          [{ picks: Array.from({ length: THRESHOLD }, (_, i) => i), sort: false }],
          [{ picks: Array.from({ length: THRESHOLD }, (_, i) => GUARDIAN_COUNT - 1 - i), sort: false }],
          [{ picks: Array.from({ length: THRESHOLD - 1 }, (_, i) => i), sort: true }],
          [{ picks: [0, ...Array.from({ length: THRESHOLD }, (_, i) => i)], sort: true }],
        ],
      },
    );
    expect(await bridge.getFunction('released')(m.withdrawalId)).toBe(false);
  });
});
