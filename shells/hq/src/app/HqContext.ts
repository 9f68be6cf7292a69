import type { Ed25519Signer } from '@jil/core';
import type { CertificateAuthority, TrustKeyring } from '@jil/fleet';
import type { HqStore } from '../storage/HqStore.js';

/** Tunables of HQ; every one has a default. */
export interface HqSettings {
  /** Validity of release metadata, ms (default 7 days). */
  releaseTtlMs: number;
  /** Validity of a command, ms (default and maximum 300 000). */
  commandTtlMs: number;
  /** Deadline of one agent call, ms (default 120 000: a pull may be slow). */
  agentTimeoutMs: number;
  /** Agents contacted at once by one job (default 8). */
  distributionConcurrency: number;
  /** Validity of node certificates, days (default 90). */
  certificateValidityDays: number;
  /** Re-issue a node certificate at registration when it expires within this, ms (default 30 days). */
  certificateRenewBeforeMs: number;
  /** Registry URL scheme per registry host (default http for loopback, https otherwise). */
  registryScheme: (registry: string) => 'http' | 'https';
}

/** What every HQ service shares. */
export interface HqContext {
  store: HqStore;
  /** HQ's Ed25519 signing key (image signatures, releases, commands, audit rows). */
  signer: Ed25519Signer;
  /** The pinned fleet trust policy (the same document agents pin). */
  trust: TrustKeyring;
  /** The node certificate authority. */
  ca: CertificateAuthority;
  clock: () => Date;
  settings: HqSettings;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
  /** The `fetch` HQ calls agents with: mutual TLS with HQ's certificate when HQ serves TLS, else the global one. */
  agentFetch?: (input: string | URL, init?: RequestInit) => Promise<Response>;
}
