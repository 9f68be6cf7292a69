import { JilError } from '@jil/core';
import { checkAddress, checkRecord, checkUint } from '../checks/checks.js';

/** An unprotected bridged asset: what a deposit credits. */
export type BridgedAsset = 'ETH' | 'TUSDC';
/** A JIL-protected asset: what wrapping a bridged asset gives. */
export type ProtectedAsset = 'jETH' | 'jUSDC';
/** Any asset the ledger carries. */
export type LedgerAsset = BridgedAsset | ProtectedAsset;

/** The zero address: the `token` of ETH deposits. */
export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** One bridged token and its two ledger assets (an asset family). */
export interface BridgedToken {
  /** EIP-155 chain id of the chain the bridge contract is on (31337 for the local Hardhat node). */
  chainId: bigint;
  /** ERC-20 contract address, or {@link ZERO_ADDRESS} for ETH; stored in lower case. */
  token: string;
  /** The unprotected asset a deposit credits. */
  bridged: BridgedAsset;
  /** The protected asset wrapping gives. */
  protected: ProtectedAsset;
  /** The token's decimals (display only: every amount is an integer in the smallest unit). */
  decimals: number;
}

const BRIDGED: readonly string[] = ['ETH', 'TUSDC'];
const PROTECTED: readonly string[] = ['jETH', 'jUSDC'];

/**
 * The bridged tokens the ledger carries, fixed at construction (shells/ledger/README.md §Assets). Each asset belongs
 * to exactly one family `{ chainId, token, bridged, protected }`, so the supply of an asset reconciles against one
 * bridge deposit stream.
 *
 * @example
 * import { AssetRegistry, ZERO_ADDRESS } from '@jil/shell-ledger';
 * const assets = new AssetRegistry([{ chainId: 31337n, token: ZERO_ADDRESS, bridged: 'ETH', protected: 'jETH', decimals: 18 }]);
 * assets.byToken(31337n, ZERO_ADDRESS).protected; // 'jETH'
 */
export class AssetRegistry {
  readonly #families: readonly BridgedToken[];

  /** @throws JilError `CONFIG_INVALID` for a malformed entry, or an asset or token listed twice. */
  constructor(tokens: readonly BridgedToken[]) {
    if (!Array.isArray(tokens) || tokens.length === 0) throw new JilError('CONFIG_INVALID', 'the asset registry needs at least one token');
    const seen = new Set<string>();
    this.#families = tokens.map((t, index) => {
      let family: BridgedToken;
      try {
        const r = checkRecord(t, 'token') as Partial<BridgedToken>;
        family = {
          chainId: checkUint(r.chainId, 'chainId'),
          token: checkAddress(r.token, 'token'),
          bridged: r.bridged as BridgedAsset,
          protected: r.protected as ProtectedAsset,
          decimals: r.decimals as number,
        };
      } catch (error) {
        throw new JilError('CONFIG_INVALID', 'malformed asset registry entry', { details: { index }, cause: error });
      }
      const ok = BRIDGED.includes(family.bridged) && PROTECTED.includes(family.protected) && Number.isInteger(family.decimals);
      if (!ok) throw new JilError('CONFIG_INVALID', 'malformed asset registry entry', { details: { index } });
      for (const key of [family.bridged, family.protected, `${family.chainId}:${family.token}`]) {
        if (seen.has(key)) throw new JilError('CONFIG_INVALID', 'an asset or token is listed twice', { details: { index, key } });
        seen.add(key);
      }
      return Object.freeze(family);
    });
  }

  /** Every family, in configuration order. */
  all(): readonly BridgedToken[] {
    return this.#families;
  }

  /**
   * The family of a bridged token.
   * @throws JilError `LEDGER_ASSET_UNKNOWN` when the ledger does not carry it.
   */
  byToken(chainId: bigint, token: string): BridgedToken {
    const lower = typeof token === 'string' ? token.toLowerCase() : token;
    const family = this.#families.find((f) => f.chainId === chainId && f.token === lower);
    if (family === undefined) {
      throw new JilError('LEDGER_ASSET_UNKNOWN', 'the ledger does not carry this token', {
        details: {
          chain_id: typeof chainId === 'bigint' ? chainId.toString() : typeof chainId,
          token: typeof token === 'string' ? token : typeof token,
        },
      });
    }
    return family;
  }

  /**
   * The family an asset (bridged or protected) belongs to.
   * @throws JilError `LEDGER_ASSET_UNKNOWN` when the ledger does not carry it.
   */
  byAsset(asset: string): BridgedToken {
    const family = this.#families.find((f) => f.bridged === asset || f.protected === asset);
    if (family === undefined)
      throw new JilError('LEDGER_ASSET_UNKNOWN', 'the ledger does not carry this asset', {
        details: { asset: typeof asset === 'string' ? asset : typeof asset },
      });
    return family;
  }
}
