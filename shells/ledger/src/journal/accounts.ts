import type { ProtectedAsset } from '../assets/AssetRegistry.js';

/**
 * The ledger account of a JIL account: `user:<jilAccount>`. Never negative.
 * @example
 * import { userAccount } from '@jil/shell-ledger';
 * await ledger.balance(userAccount('alice'), 'jETH');
 */
export const userAccount = (jilAccount: string): string => `user:${jilAccount}`;

/** The fee account of a protected asset: `fees:<asset>`, credited the wrapping fee. Never negative. */
export const feeAccount = (asset: ProtectedAsset): string => `fees:${asset}`;

/**
 * The issuance contra account of a bridged token: `system:bridge:<chainId>:<token>`. Its balance is minus what the
 * bridge has issued on the ledger and not burned (it goes negative).
 */
export const bridgeAccount = (chainId: bigint, token: string): string => `system:bridge:${chainId}:${token}`;

/**
 * The wrap contra account of a family: `system:wrap:<protected asset>`. It holds +x of the bridged asset and −x of
 * the protected asset, x being the protected supply outstanding.
 */
export const wrapAccount = (asset: ProtectedAsset): string => `system:wrap:${asset}`;
