import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ContractFactory, JsonRpcProvider, type Contract, type Signer } from 'ethers';
import { generateKeyPair, JilError, keyId, type DsseEnvelope } from '@jil/core';
import {
  deployBridge,
  depositAttestationMessage,
  guardianKeyFromSeed,
  guardianSetOf,
  loadBridgeArtifacts,
  verifyDepositQuorum,
  type BridgeDomain,
  type DeployedBridge,
  type GuardianSet,
} from '@jil/bridge';
import { createProposalReviewer, createSanctionsStage, signValidatorSet, validatorSetFor, verifyValidatorSet } from '@jil/psa';
import { openPglite, type Db } from '@jil/server-kit';
import { JilClient } from '@jil/sdk/client';
import { BridgeRelayer, type BridgeRelayerOptions, type GuardianEndpoint } from '@jil/shell-bridge-relayer';
import { AssetRegistry, Ledger, migrateLedger, ZERO_ADDRESS, type BridgeDeposit, type DepositScreenRequest } from '@jil/shell-ledger';
import { startService, type RunningService } from '@jil/shell-preclearance';
import { createValidatorServer, SignedBodyJournal, type WithdrawalTerms } from '@jil/shell-validator';

/** Options of {@link startBridgeNode}. */
export interface BridgeNodeOptions {
  /** JSON-RPC URL of the chain (the relayer's RPC, and each validator's unless overridden). */
  rpcUrl: string;
  /** The screening data (`../shared/data`). */
  dataDir: string;
  /** A fresh folder for this node's state (keys, PGlite databases, journals). */
  stateDir: string;
  /** Blocks a deposit needs, its own included (default 1). */
  confirmations?: number;
  /** A validator's own RPC, by validator id (default `rpcUrl`): tests give one validator a lying RPC. */
  validatorRpcUrls?: Readonly<Record<string, string>>;
  /** What a `flag` deposit verdict does (default `hold`). */
  flagPolicy?: 'hold' | 'credit';
  /** USD per whole unit of each bridged asset for the `amount_usd` of `deposit_credit` PSAs (default ETH 3500, TUSDC 1). */
  usdPerUnit?: Readonly<Record<string, number>>;
}

/** A running bridge node: chain contracts, validators, pre-clearance, ledger and relayer, all on loopback. */
export interface BridgeNode {
  provider: JsonRpcProvider;
  /** Hardhat account 0: deploys, and pays the relayer's gas. */
  deployer: Signer;
  bridge: DeployedBridge;
  /** The test ERC-20 bridged as TUSDC / jUSDC. */
  token: Contract;
  domain: BridgeDomain;
  guardianSet: GuardianSet;
  /** The validator set listing the guardian keys (signed by the validators themselves). */
  signedValidatorSet: DsseEnvelope;
  validators: (GuardianEndpoint & { close(): Promise<void> })[];
  service: RunningService;
  ledger: Ledger;
  relayer: BridgeRelayer;
  /**
   * Another relayer with the same options (and `overrides`), as after a crash and restart: it knows nothing of what
   * the first one relayed (from block 0 by default). The caller closes it.
   */
  newRelayer(overrides?: Partial<BridgeRelayerOptions>): BridgeRelayer;
  close(): Promise<void>;
}

/**
 * Start a whole bridge on one machine (the composition root of docs/bridge.md §Flow): the pre-clearance service
 * (embedded, its 20 validators), a validator set listing each validator's guardian key (`guardianKeyFromSeed`), the
 * bridge contract and a test ERC-20 deployed on the chain at `rpcUrl`, the 20 validators' HTTP servers with their
 * bridge routes (each with its own RPC provider), the ledger on PGlite with the `deposit_credit` compliance gate, and
 * the relayer. For the demo, the bridge tests and the benchmarks.
 * @throws JilError from any part that fails to start; what was started is stopped first.
 */
export async function startBridgeNode(o: BridgeNodeOptions): Promise<BridgeNode> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    const confirmations = o.confirmations ?? 1;
    mkdirSync(o.stateDir, { recursive: true });
    const service = await startService({
      stateDir: join(o.stateDir, 'preclearance'),
      dataDir: o.dataDir,
      port: 0,
      logger: false,
      listFreshness: false,
    });
    closers.push(() => service.close());

    // The guardian set: the same 20 validators that sign PSAs, each with the secp256k1 key derived from its secret.
    const validators = service.state.validators;
    const guardianKeys = new Map(validators.map((v) => [v.id, guardianKeyFromSeed(v.secretKey)]));
    const now = new Date();
    const set = validatorSetFor({
      validators,
      setId: 'jil-bridge-local',
      guardians: Object.fromEntries([...guardianKeys].map(([id, k]) => [id, k.address])),
      validFrom: new Date(now.getTime() - 60_000),
      validUntil: new Date(now.getTime() + 365 * 86_400_000),
    });
    const signedValidatorSet = signValidatorSet(set, validators);
    const verifiedSet = verifyValidatorSet(signedValidatorSet, { now });
    const guardianSet = guardianSetOf(verifiedSet);

    const provider = new JsonRpcProvider(o.rpcUrl, undefined, { pollingInterval: 100, cacheTimeout: -1 });
    closers.push(async () => provider.destroy());
    const deployer = await provider.getSigner(0);
    const bridge = await deployBridge(deployer, {
      guardians: guardianSet.guardians,
      threshold: guardianSet.threshold,
      version: guardianSet.version,
    });
    const { TestToken } = loadBridgeArtifacts();
    const tokenFactory = new ContractFactory(TestToken.abi as never, TestToken.bytecode, deployer);
    const token = (await (await tokenFactory.deploy()).waitForDeployment()) as unknown as Contract;
    const tokenAddress = await token.getAddress();
    const { chainId } = await provider.getNetwork();
    const domain: BridgeDomain = { chainId, verifyingContract: bridge.address };

    // The ledger, with its two checks before any credit: the guardian quorum and the deposit_credit PSA.
    const db: Db = await openPglite(join(o.stateDir, 'ledger'));
    closers.push(() => db.close());
    await migrateLedger(db);
    const assets = new AssetRegistry([
      { chainId, token: ZERO_ADDRESS, bridged: 'ETH', protected: 'jETH', decimals: 18 },
      { chainId, token: tokenAddress, bridged: 'TUSDC', protected: 'jUSDC', decimals: 6 },
    ]);
    const client = new JilClient({
      baseUrl: service.url,
      accessKeyId: service.state.credentials.access_key_id,
      secret: service.state.credentials.secret,
    });
    const usd = { ETH: 3500, TUSDC: 1, ...o.usdPerUnit };
    let screened = 0;
    const ledger = new Ledger({
      db,
      assets,
      flagPolicy: o.flagPolicy ?? 'hold',
      verifier: async (deposit: BridgeDeposit, attestation) => {
        verifyDepositQuorum(
          domain,
          depositAttestationMessage(deposit, attestation.guardianSetVersion),
          attestation.signatures,
          guardianSet,
        );
      },
      compliance: {
        async screenDeposit(r: DepositScreenRequest) {
          screened += 1;
          const decimals = assets.byAsset(r.asset).decimals;
          const amount = decimalOf(r.amount, decimals);
          const res = await client.validate({
            transit_id: `deposit-${r.txHash.slice(2, 18)}-${r.logIndex}-${screened}`,
            chain_id: `eip155:${r.chainId}`,
            asset: r.asset,
            amount,
            amount_usd: usdOf(r.amount, decimals, usd[r.asset] ?? 0),
            source_address: r.depositor,
            destination_address: domain.verifyingContract,
            sender: { id: `evm:${r.depositor.toLowerCase()}` },
            receiver: { id: r.jilAccount },
            custodian_id: service.state.credentials.custodian_id,
            purpose: 'deposit_credit',
          });
          // What a compliance officer reads: each hit's sentence, which names its source list and that list's date.
          const reasons = res.body.findings.flatMap((f) =>
            f.details.hits.filter((h) => h.severity !== 'info').map((h) => `${f.stage}: ${h.reason}`),
          );
          return { verdict: res.verdict, psaId: res.body.psa_id, psa: res.envelope, reasons };
        },
      },
    });

    // The validators' HTTP servers, each guarding the bridge through its own RPC.
    const relayerKey = generateKeyPair();
    const relayerPublicKey = relayerKey.publicKey;
    const sanctions = createSanctionsStage(service.engine.snapshot);
    const endpoints: BridgeNode['validators'] = [];
    for (const v of validators) {
      const journal = new SignedBodyJournal(join(o.stateDir, 'validators', v.id, 'signed-bodies.jsonl'));
      const validatorProvider = new JsonRpcProvider(o.validatorRpcUrls?.[v.id] ?? o.rpcUrl, undefined, {
        pollingInterval: 100,
        cacheTimeout: -1,
      });
      const app = createValidatorServer({
        validatorId: v.id,
        jurisdiction: v.jurisdiction,
        secretKey: v.secretKey,
        suite: v.suite ?? 'ed25519',
        keyid: v.keyid,
        reviewer: createProposalReviewer({
          snapshot: service.engine.snapshot,
          validatorSet: verifiedSet,
          validatorId: v.id,
          stages: { sanctions },
        }),
        journal,
        coordinators: { [keyId(relayerPublicKey)]: relayerPublicKey },
        health: {},
        bridge: {
          guardian: guardianKeys.get(v.id)!,
          guardianSetVersion: guardianSet.version,
          domain,
          provider: validatorProvider,
          confirmations,
          withdrawals: async (id): Promise<WithdrawalTerms | undefined> => {
            const w = await ledger.getWithdrawal(id).catch(() => undefined);
            if (w === undefined) return undefined;
            return {
              withdrawalId: w.withdrawalId,
              chainId: w.chainId,
              token: w.token,
              recipient: w.recipient,
              amount: w.amount,
              state: w.state,
            };
          },
        },
      });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const closeValidator = async () => {
        await app.close();
        journal.close();
        validatorProvider.destroy();
      };
      closers.push(closeValidator);
      endpoints.push({ id: v.id, url: `http://127.0.0.1:${port}`, close: closeValidator });
    }

    const relayerOptions: BridgeRelayerOptions = {
      provider,
      domain,
      guardianSet,
      validators: endpoints,
      peerSecretKey: relayerKey.secretKey,
      submitter: deployer,
      confirmations,
      ledger: {
        creditDeposit: (deposit, attestation) => ledger.creditDeposit(deposit, attestation),
        burnedWithdrawals: async () => (await ledger.withdrawals({ state: 'burned' })).map((w) => ({ ...w })),
        markReleased: (id, release) => ledger.markReleased(id, release),
      },
    };
    const relayer = new BridgeRelayer(relayerOptions);
    closers.push(() => relayer.close());
    const newRelayer = (overrides: Partial<BridgeRelayerOptions> = {}) =>
      new BridgeRelayer({ ...relayerOptions, fromBlock: 0, ...overrides });
    return {
      provider,
      deployer,
      bridge,
      token,
      domain,
      guardianSet,
      signedValidatorSet,
      validators: endpoints,
      service,
      ledger,
      relayer,
      newRelayer,
      close,
    };
  } catch (error) {
    await close();
    throw error instanceof JilError ? error : new JilError('INTERNAL', 'the bridge node did not start', { cause: error });
  }
}

/** `amount` smallest units as a decimal string with at most 18 fraction digits (the transfer schema's form). */
function decimalOf(amount: bigint, decimals: number): string {
  const unit = 10n ** BigInt(decimals);
  const whole = amount / unit;
  const fraction = (amount % unit).toString().padStart(decimals, '0').slice(0, 18).replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}

/** The USD value with 2 decimals, rounded down (the schema's `amount_usd`). */
function usdOf(amount: bigint, decimals: number, usdPerUnit: number): string {
  const cents = (amount * BigInt(Math.round(usdPerUnit * 100))) / 10n ** BigInt(decimals);
  const capped = cents > 10n ** 18n - 1n ? 10n ** 18n - 1n : cents;
  return `${capped / 100n}.${(capped % 100n).toString().padStart(2, '0')}`;
}
