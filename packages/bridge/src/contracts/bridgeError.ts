import { isJilError, JilError } from '@jil/core';
import { type ErrorDescription, Interface, isError } from 'ethers';
import { loadBridgeArtifacts } from './loadBridgeArtifacts.js';

let bridgeInterface: Interface | undefined;

/** The ethers `Interface` of `JilBridge` (its functions, events and custom errors, OpenZeppelin's included). */
export function bridgeInterfaceOf(): Interface {
  bridgeInterface ??= new Interface(loadBridgeArtifacts().JilBridge.abi as never);
  return bridgeInterface;
}

/**
 * Decode revert data (0x hex) with the bridge's ABI: `{ name, args }` of its custom error (e.g.
 * `InsufficientSignatures`, `ReentrancyGuardReentrantCall`, `ECDSAInvalidSignatureS`), or `undefined` when the data is
 * not one of them.
 */
export function decodeBridgeRevert(data: string): { name: string; args: unknown[] } | undefined {
  let parsed: ErrorDescription | null = null;
  try {
    parsed = bridgeInterfaceOf().parseError(data);
  } catch {
    parsed = null;
  }
  return parsed === null ? undefined : { name: parsed.name, args: [...parsed.args] };
}

/**
 * Turn an ethers error from a bridge call or deployment into a `JilError`. A revert with a custom error of the
 * contract becomes `BRIDGE_CONTRACT_REVERTED` with `details: { error: 'InsufficientSignatures', args: [13n, 14n] }`
 * (a revert without a known error: `details.error` is `undefined`, `details.data` the raw data); any other failure
 * (network, refused transaction) becomes `BRIDGE_RPC_FAILED`. A `JilError` is returned unchanged.
 * Never throws.
 * @example
 * import { bridgeError } from '@jil/bridge';
 * try { await bridge.getFunction('release')(...args); } catch (e) { throw bridgeError(e); }
 */
export function bridgeError(e: unknown): JilError {
  if (isJilError(e)) return e;
  const data = revertData(e);
  if (data !== undefined) {
    const decoded = decodeBridgeRevert(data);
    const name = decoded?.name ?? 'unknown';
    return new JilError('BRIDGE_CONTRACT_REVERTED', `bridge contract reverted: ${name}`, {
      details: { error: decoded?.name, args: decoded?.args ?? [], data },
      cause: e,
    });
  }
  if (isError(e, 'CALL_EXCEPTION')) {
    return new JilError('BRIDGE_CONTRACT_REVERTED', `bridge contract reverted: ${e.reason ?? e.shortMessage}`, {
      details: { error: undefined, args: [], reason: e.reason ?? undefined },
      cause: e,
    });
  }
  const message = e instanceof Error ? e.message.split('\n')[0] : typeof e === 'string' ? e : typeof e;
  return new JilError('BRIDGE_RPC_FAILED', `bridge call failed: ${message}`, { cause: e });
}

/** The revert data of an ethers error, searching its `data`, `info.error.data` and `cause` chain. */
function revertData(e: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  while (queue.length > 0) {
    const x = queue.shift();
    if (typeof x !== 'object' || x === null || seen.has(x)) continue;
    seen.add(x);
    const r = x as Record<string, unknown>;
    if (typeof r['data'] === 'string' && /^0x[0-9a-fA-F]{8,}$/.test(r['data'])) return r['data'];
    queue.push(r['info'], r['error'], r['cause'], r['data']);
  }
  return undefined;
}
