// Test helpers of the validator's bridge routes (not exported): a private Hardhat node with the bridge deployed and one
// ETH deposit, a validator server (val-01 of the psa-testkit quorum) guarding it, and peer-signed calls to it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Contract, JsonRpcProvider, parseEther, type JsonRpcSigner } from 'ethers';
import type { FastifyInstance } from 'fastify';
import { generateKeyPair, keyId, signPeerRequest } from '@jil/core';
import {
  deployBridge,
  findDeposits,
  guardianKeyFromSeed,
  withProof,
  type BridgeDomain,
  type DepositClaim,
  type GuardianKey,
} from '@jil/bridge';
import { startEvmNode, type EvmNode } from '@jil/evm-node';
import { createProposalReviewer, VALIDATOR_PEER_PROTOCOL } from '@jil/psa';
import { quorumFixture, reviewSnapshot } from '@jil/psa-testkit';
import { createValidatorServer } from '../../createValidatorServer.js';
import { SignedBodyJournal } from '../../SignedBodyJournal.js';
import type { WithdrawalTerms } from '../registerBridgeRoutes.js';

/** Largest body the fixture's server accepts (bytes). */
export const BODY_LIMIT = 64 * 1024;

/** A validator guarding a freshly deployed bridge with one 1-ETH deposit on its own private node. */
export interface BridgeRoutesFixture {
  node: EvmNode;
  provider: JsonRpcProvider;
  deployer: JsonRpcSigner;
  bridge: Contract;
  domain: BridgeDomain;
  guardian: GuardianKey;
  /** The deposit, proven (found with `findDeposits`, proof by `withProof`). */
  claim: DepositClaim;
  /**
   * Stand-in for the ledger's record of burned withdrawals (what `Ledger.getWithdrawal` answers in
   * startBridgeNode): tests put terms here by withdrawal id; the validator reads it through `withdrawals`.
   */
  ledgerWithdrawals: Map<string, WithdrawalTerms>;
  /** When set, the ledger lookup fails with this (a database that is down). */
  ledgerFailure: { error: unknown };
  /** The relayer: the one pinned peer key. */
  relayer: { publicKey: Uint8Array; secretKey: Uint8Array; keyid: string };
  app: FastifyInstance;
  base: string;
  stop(): Promise<void>;
}

/** Start the node, deploy a 1-of-1 bridge whose guardian is val-01's derived key, deposit 1 ETH, start the server. */
export async function startBridgeRoutesFixture(): Promise<BridgeRoutesFixture> {
  const node = await startEvmNode();
  const dir = mkdtempSync(join(tmpdir(), 'jil-validator-bridge-'));
  const provider = new JsonRpcProvider(node.rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50 });
  try {
    const q = quorumFixture();
    const me = q.validators[0]!;
    const guardian = guardianKeyFromSeed(me.secretKey);
    const deployer = await provider.getSigner(0);
    const deployed = await deployBridge(deployer, { guardians: [guardian.address], threshold: 1, version: 1 });
    const domain: BridgeDomain = { chainId: node.chainId, verifyingContract: deployed.address };
    await (await deployed.contract.getFunction('deposit')('user:alice', { value: parseEther('1') })).wait();
    const head = BigInt(await provider.getBlockNumber());
    const found = await findDeposits(provider, deployed.address, 0n, head);
    const claim = await withProof(provider, found[0]!);

    const relayerKeys = generateKeyPair();
    const relayer = { ...relayerKeys, keyid: keyId(relayerKeys.publicKey) };
    const ledgerWithdrawals = new Map<string, WithdrawalTerms>();
    const ledgerFailure: { error: unknown } = { error: undefined };
    const journal = new SignedBodyJournal(join(dir, 'signed-bodies.jsonl'));
    const app = createValidatorServer({
      validatorId: me.id,
      jurisdiction: me.jurisdiction,
      secretKey: me.secretKey,
      keyid: me.keyid,
      reviewer: createProposalReviewer({ snapshot: reviewSnapshot(), validatorSet: q.verifiedSet, validatorId: me.id }),
      journal,
      coordinators: { [relayer.keyid]: relayer.publicKey },
      health: {},
      bodyLimitBytes: BODY_LIMIT,
      bridge: {
        guardian,
        guardianSetVersion: 1,
        domain,
        provider,
        confirmations: 1,
        withdrawals: async (id) => {
          if (ledgerFailure.error !== undefined) throw ledgerFailure.error;
          return ledgerWithdrawals.get(id);
        },
      },
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    return {
      node,
      provider,
      deployer,
      bridge: deployed.contract,
      domain,
      guardian,
      claim,
      ledgerWithdrawals,
      ledgerFailure,
      relayer,
      app,
      base,
      stop: async () => {
        await app.close();
        journal.close();
        provider.destroy();
        await node.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    provider.destroy();
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A route's answer: the HTTP status and the parsed JSON body. */
export interface RouteAnswer {
  status: number;
  json: any;
}

/** How to sign a call: by default the relayer signs exactly what is sent. */
export interface CallOptions {
  /** `false`: no authentication headers at all. */
  sign?: boolean;
  /** Sign with this key instead of the relayer's (the sender header still names `sender`). */
  secretKey?: Uint8Array;
  /** The sender keyid named in the headers (default the relayer's). */
  sender?: string;
  /** Sign for this path instead of the one called. */
  signedPath?: string;
  /** Sign this body instead of the one sent. */
  signedBody?: string;
  /** Send exactly these headers (a replay). */
  headers?: Record<string, string>;
  contentType?: string;
}

/** Peer request headers of the relayer (or another key) for `POST path` with `body`. */
export function peerHeaders(f: BridgeRoutesFixture, path: string, body: string, o: CallOptions = {}): Record<string, string> {
  return signPeerRequest({
    protocol: VALIDATOR_PEER_PROTOCOL,
    method: 'POST',
    path: o.signedPath ?? path,
    body: o.signedBody ?? body,
    sender: o.sender ?? f.relayer.keyid,
    secretKey: o.secretKey ?? f.relayer.secretKey,
    now: new Date(),
  });
}

/** `POST path` with `body` (a string is sent as is, anything else as its JSON), signed as `o` says. */
export async function post(f: BridgeRoutesFixture, path: string, body: unknown, o: CallOptions = {}): Promise<RouteAnswer> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const auth = o.headers ?? (o.sign === false ? {} : peerHeaders(f, path, text, o));
  const res = await fetch(f.base + path, {
    method: 'POST',
    headers: { 'content-type': o.contentType ?? 'application/json', ...auth },
    body: text,
  });
  const raw = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = { notJson: raw };
  }
  return { status: res.status, json };
}
