#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { isJilError } from '@jil/core';
import { runDemo } from './commands/demo.js';
import { runIngest } from './commands/ingest.js';
import { runServe } from './commands/serve.js';
import { runFleet } from './commands/fleet.js';
import { runVerify } from './commands/verify.js';
import { runLog } from './commands/log.js';
import { runValidators } from './commands/validators.js';
import { runKeys } from './commands/keys.js';
import { runBridge } from './commands/bridge.js';
import { commandHelp, describeFailure, versionLine } from './help.js';

const USAGE =
  `jil — JIL pre-clearance command line

Usage:
  jil demo   [--data-dir <dir>] [--state-dir <dir>]       screen sample transfers on real data, verify the PSAs offline
  jil serve  [--port N] [--data-dir <dir>] [--state-dir <dir>] [--snapshot <snapshot.json>] [--allow-stale-lists]` +
  `   run the HTTP API (PGlite, or PostgreSQL via DATABASE_URL)
             [--rate-limit <per_second>/<burst>|off]       per access key (default 100/200; JIL_RATE_LIMIT), in each worker
             [--workers N]                                HTTP worker processes behind one port (node:cluster; default: CPU count
                                                          with DATABASE_URL, else 1: PGlite is single-process); the primary runs
                                                          migrations, the transparency-log integrator and the event mesh, once
             [--event-bus host:port[,host:port…]] [--node-id ID]   join the Kafka event mesh (JIL_EVENT_BUS; needs DATABASE_URL);
                                                          node id default: made once in <state>/node-id; /health says
                                                          catching_up until the node has applied what the topics held
             [--validators embedded|distributed] [--validator-deadline-ms N] [--validator-wave N|all] [--suite ed25519|hybrid]
                                                          distributed: one OS process per validator (keys under .jil/distributed/,
                                                          made at first run), the coordinator asks a first wave (threshold + 2,
                                                          widened when short) with a deadline (250 ms); --suite hybrid: composite
                                                          ML-DSA-65 + Ed25519 validator keys (chosen when the state folder is made)
  jil ingest [--data-dir <dir>] [--out <file>] [--from-official]   ingest the screening lists, print the manifests, write a snapshot
                                                          (--from-official: download every list from its official URL first)
  jil verify <psa.json> --validator-set <file> [--validator-set-chain <file>]… [--now <RFC 3339>]` +
  ` [--proof <file> --log-key <vkey> [--log-key-only]]
                                                          verify a PSA offline (exit 0 = valid); with --proof also its log inclusion;
                                                          --validator-set-chain: versions published after the pinned one (oldest first)
  jil validators keygen|genesis|rotate|revoke|threshold|add|verify …   the validator-set lifecycle (jil validators for details)
  jil log checkpoint|key|proof|verify|monitor …            the transparency log (jil log for details)
  jil fleet demo [--agents N] [--fake] [--keep]            registry, dockerd, HQ and agents on loopback: sign, promote,
                                                            distribute, and a refused tampered release (scripts/fleet-demo.ts)
  jil bridge demo [--rpc <url>] [--data-dir <dir>] [--keep]   the Ethereum bridge end to end on a local EVM (Hardhat, or --rpc):
                                                            deposits, quorum attestations, compliance gate, wrap, withdraw, reconcile
  jil keys create|list|rotate|revoke|events …              custodian access keys (jil help keys; docs/api.md §Access keys)
  jil help [<command>]   jil <command> --help   jil --version

List freshness: serve flags every screening whose list is older than its maximum age (stale_list): with the bundled lists
every verdict is at least flag until \`jil ingest --from-official\` refreshes them (then serve --snapshot <state>/snapshot.json);
--allow-stale-lists screens without flagging (evaluation only). The demo does not flag.
Data: --data-dir, JIL_DATA_DIR, or ../shared/data beside the repository. State (keys, database): .jil/ (git-ignored).`;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-V') {
    console.log(versionLine());
    return 0;
  }
  if (argv[0] === 'help') return commandHelp(argv[1], USAGE);
  if (argv[0] === 'keys') return runKeys(argv.slice(1));
  // `jil fleet …` passes its own flags through to the fleet demo script.
  if (argv[0] === 'fleet') return runFleet(argv.slice(1));
  // `jil validators …` has its own flags (docs/operations.md).
  if (argv[0] === 'validators') return runValidators(argv.slice(1));
  // `jil bridge demo …` has its own flags (docs/bridge.md).
  if (argv[0] === 'bridge') return runBridge(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'state-dir': { type: 'string' },
      port: { type: 'string' },
      out: { type: 'string' },
      snapshot: { type: 'string' },
      'allow-stale-lists': { type: 'boolean' },
      validators: { type: 'string' },
      'validator-deadline-ms': { type: 'string' },
      'rate-limit': { type: 'string' },
      'validator-wave': { type: 'string' },
      suite: { type: 'string' },
      'event-bus': { type: 'string' },
      'node-id': { type: 'string' },
      workers: { type: 'string' },
      'from-official': { type: 'boolean' },
      'validator-set': { type: 'string' },
      'validator-set-chain': { type: 'string', multiple: true },
      now: { type: 'string' },
      url: { type: 'string' },
      'log-key': { type: 'string' },
      proof: { type: 'string' },
      state: { type: 'string' },
      'log-key-only': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help) return commandHelp(command, USAGE);
  if (!command) {
    console.log(USAGE);
    return 2;
  }
  switch (command) {
    case 'demo':
      return runDemo({ dataDir: values['data-dir'], stateDir: values['state-dir'] });
    case 'serve':
      return runServe({
        dataDir: values['data-dir'],
        stateDir: values['state-dir'],
        port: values.port,
        snapshot: values.snapshot,
        allowStaleLists: values['allow-stale-lists'],
        validators: values.validators,
        validatorDeadlineMs: values['validator-deadline-ms'],
        rateLimit: values['rate-limit'],
        validatorWave: values['validator-wave'],
        suite: values.suite,
        eventBus: values['event-bus'],
        nodeId: values['node-id'],
        workers: values.workers,
      });
    case 'ingest':
      return runIngest({
        dataDir: values['data-dir'],
        out: values.out,
        stateDir: values['state-dir'],
        fromOfficial: values['from-official'],
      });
    case 'verify':
      return runVerify({
        file: rest[0],
        validatorSet: values['validator-set'],
        validatorSetChain: values['validator-set-chain'],
        now: values.now,
        proof: values.proof,
        logKey: values['log-key'],
        logKeyOnly: values['log-key-only'],
      });
    case 'log':
      return runLog({
        sub: rest[0],
        args: rest.slice(1),
        url: values.url,
        stateDir: values['state-dir'] ?? '.jil',
        logKey: values['log-key'],
        validatorSet: values['validator-set'],
        proof: values.proof,
        out: values.out,
        state: values.state,
        logKeyOnly: values['log-key-only'],
      });
    default:
      console.error(`unknown command: ${command} (jil --help lists them)`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // One line, never a stack trace (JIL_DEBUG=1 shows it): usage errors and missing files exit 2, the rest 1.
    if (isJilError(error)) {
      console.error(`error ${error.code}: ${error.message}`);
      process.exitCode = 1;
    } else {
      const { line, exitCode } = describeFailure(error);
      console.error(line);
      process.exitCode = exitCode;
    }
    if (process.env['JIL_DEBUG'] === '1') console.error(error);
  },
);
