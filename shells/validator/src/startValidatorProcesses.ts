import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { JilError } from '@jil/core';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const MAIN = resolve(import.meta.dirname, 'main.ts');

/** One process to start. */
export interface ValidatorProcessSpec {
  validatorId: string;
  configFile: string;
  /** Another entry script (tests: `__fixtures__/faultyValidator.ts`). */
  entry?: string;
  /** Extra environment (tests: `JIL_VALIDATOR_TEST_FAULT`). */
  env?: Readonly<Record<string, string>>;
}

/** One running validator process. */
export interface ValidatorProcess {
  validatorId: string;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  pid: number;
}

/** The running processes. */
export interface ValidatorProcesses {
  validators: ValidatorProcess[];
  /** Validator id → base URL (what the coordinator fans out to). */
  endpoints: Record<string, string>;
  /** Stop one validator (SIGTERM, then SIGKILL after 5 s) and wait for its exit. */
  stop(validatorId: string): Promise<void>;
  /** Stop every validator still running. */
  stopAll(): Promise<void>;
}

/**
 * Start one OS process per validator — `process.execPath --conditions=jil-source --import tsx main.ts <config>` — all at
 * once, wait for each to print its listening line and answer `GET /health`, and keep a pipe on each stdin so they exit
 * with this process. On any failure every started process is killed.
 *
 * @param specs - one per validator.
 * @param o - `timeoutMs` for the whole start (default 120 000: each loads its snapshot and builds its name index).
 * @throws JilError `INTERNAL` naming the validator that exited or did not start in time (with its last stderr line).
 */
export async function startValidatorProcesses(
  specs: readonly ValidatorProcessSpec[],
  o: { timeoutMs?: number } = {},
): Promise<ValidatorProcesses> {
  const children = new Map<string, ChildProcess>();
  const started: ValidatorProcess[] = [];
  const deadline = AbortSignal.timeout(o.timeoutMs ?? 120_000);
  try {
    const ports = await Promise.all(
      specs.map((s) => {
        const child = spawn(process.execPath, ['--conditions=jil-source', '--import', 'tsx', s.entry ?? MAIN, s.configFile], {
          cwd: REPO_ROOT,
          stdio: ['pipe', 'pipe', 'pipe'],
          env: { ...process.env, ...s.env, JIL_VALIDATOR_EXIT_WITH_PARENT: '1' },
        });
        children.set(s.validatorId, child);
        return listeningPort(s.validatorId, child, deadline);
      }),
    );
    for (const [i, s] of specs.entries()) {
      const url = `http://127.0.0.1:${ports[i]}`;
      const health = await fetch(`${url}/health`, { signal: deadline });
      if (!health.ok)
        throw new JilError('INTERNAL', `validator ${s.validatorId} is not healthy (HTTP ${health.status})`, {
          details: { validator_id: s.validatorId },
        });
      started.push({ validatorId: s.validatorId, url, pid: children.get(s.validatorId)!.pid! });
    }
  } catch (error) {
    for (const c of children.values()) c.kill('SIGKILL');
    throw error;
  }
  const stop = async (id: string) => {
    const c = children.get(id);
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((res) => c.once('exit', () => res()));
    c.kill('SIGTERM');
    const force = setTimeout(() => c.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(force);
  };
  return {
    validators: started,
    endpoints: Object.fromEntries(started.map((v) => [v.validatorId, v.url])),
    stop,
    stopAll: async () => void (await Promise.all([...children.keys()].map(stop))),
  };
}

function listeningPort(id: string, child: ChildProcess, deadline: AbortSignal): Promise<number> {
  return new Promise((res, rej) => {
    let out = '';
    let err = '';
    let done = false;
    child.stdout!.on('data', (d: Buffer) => {
      if (done) return;
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line !== undefined) {
        done = true;
        res((JSON.parse(line) as { port: number }).port);
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-2000);
    });
    child.once('exit', (code) => {
      if (!done)
        rej(
          new JilError('INTERNAL', `validator ${id} exited with ${code} before listening: ${err.trim().split('\n').at(-1) ?? ''}`, {
            details: { validator_id: id },
          }),
        );
    });
    deadline.addEventListener(
      'abort',
      () => {
        if (!done) rej(new JilError('INTERNAL', `validator ${id} did not start in time`, { details: { validator_id: id } }));
      },
      { once: true },
    );
  });
}
