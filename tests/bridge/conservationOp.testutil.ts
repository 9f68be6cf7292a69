/**
 * The ops of issue 15's conservation property (tests/bridge/conservation.property.test.ts), drawn as plain data and
 * run against one bridge on one private chain.
 */
import fc from 'fast-check';

/** The JIL accounts deposits credit. */
export const ACCOUNTS = ['cons-ana', 'cons-ben', 'cons-cyd'] as const;
/** 10^18 wei. */
export const ONE_ETH = 10n ** 18n;
/** An address on OFAC's Ethereum list (as in bridgeNode.test.ts): its deposits are quarantined, never credited silently. */
export const SANCTIONED = '0x7F367cC41522cE07553e823bf3be79A889DEbe1B';

const deposit = fc.record({
  token: fc.boolean(),
  /** Hardhat account 1 … 9, or 0: the sanctioned address. */
  signer: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 9 }) }, { weight: 1, arbitrary: fc.constant(0) }),
  amount: fc.bigInt({ min: 1n, max: 2n * ONE_ETH }),
  account: fc.integer({ min: 0, max: 2 }),
});
/** Share of the balance an op moves, in per mille (0 → 1 unit). */
const share = fc.integer({ min: 0, max: 1000 });
/**
 * One op: a deposit (ETH or TUSDC), mined blocks, a relayer poll, a relayer restart, an operator review of the
 * quarantine, a reorganisation before the confirmations, a wrap, a withdrawal (and sometimes its release).
 */
export const conservationOp = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('deposit' as const), deposit }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('mine' as const), blocks: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('poll' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('crash' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('review' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reorg' as const), deposits: fc.array(deposit, { minLength: 1, maxLength: 2 }) }) },
  // `holder`: which of the (account, asset) pairs holding a balance, modulo their number.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wrap' as const), holder: fc.nat(), share }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('withdraw' as const),
      holder: fc.nat(),
      share,
      recipient: fc.integer({ min: 1, max: 9 }),
      release: fc.constantFrom(true, true, true, false),
    }),
  },
);
/** One run that exercises every op (fast-check runs it before the random ones), so the property is never vacuous. */
export const EVERY_OP: Op[] = [
  { kind: 'deposit', deposit: { token: false, signer: 1, amount: ONE_ETH, account: 0 } },
  { kind: 'deposit', deposit: { token: true, signer: 2, amount: 5n * 10n ** 17n, account: 1 } },
  { kind: 'mine', blocks: 1 },
  { kind: 'poll' },
  { kind: 'wrap', holder: 0, share: 500 },
  { kind: 'withdraw', holder: 1, share: 250, recipient: 3, release: true },
  {
    kind: 'reorg',
    deposits: [
      { token: false, signer: 4, amount: 7n, account: 2 },
      { token: true, signer: 5, amount: 10n ** 9n, account: 2 },
    ],
  },
  { kind: 'crash' },
  { kind: 'deposit', deposit: { token: false, signer: 0, amount: 3n * 10n ** 17n, account: 2 } },
  { kind: 'mine', blocks: 2 },
  { kind: 'poll' },
  { kind: 'review', pick: 0 },
];
/** A drawn op. */
export type Op = typeof conservationOp extends fc.Arbitrary<infer O> ? O : never;
/** A drawn deposit. */
export type DepositDraw = Op & { kind: 'deposit' } extends { deposit: infer D } ? D : never;
