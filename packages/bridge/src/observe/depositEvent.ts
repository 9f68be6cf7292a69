import { Interface, type LogDescription } from 'ethers';

/** The bridge contract's `Deposit` event (contracts/JilBridge.sol). */
export const DEPOSIT_EVENT_ABI =
  'event Deposit(bytes32 indexed depositId, address indexed depositor, address indexed token, uint256 amount, string jilAccount)';

const DEPOSIT_INTERFACE = new Interface([DEPOSIT_EVENT_ABI]);

/** topic0 of `Deposit` (keccak256 of its signature). */
export const DEPOSIT_TOPIC = DEPOSIT_INTERFACE.getEvent('Deposit')?.topicHash ?? '';

/** The fields of a `Deposit` log. */
export interface DepositFields {
  depositId: string;
  depositor: string;
  token: string;
  amount: bigint;
  jilAccount: string;
}

/** Decode a log as a `Deposit` event; `undefined` when it is not one (other topic0, bad ABI data). */
export function parseDepositLog(log: { topics: readonly string[]; data: string }): DepositFields | undefined {
  if (log.topics.length !== 4 || log.topics[0]?.toLowerCase() !== DEPOSIT_TOPIC) return undefined;
  let parsed: LogDescription | null;
  try {
    parsed = DEPOSIT_INTERFACE.parseLog({ topics: [...log.topics], data: log.data });
  } catch {
    return undefined;
  }
  if (parsed === null) return undefined;
  const [depositId, depositor, token, amount, jilAccount] = parsed.args as unknown as [string, string, string, bigint, string];
  return { depositId: depositId.toLowerCase(), depositor, token, amount, jilAccount };
}
