import { JilError } from '@jil/core';

/**
 * `promise`, or a `CLIENT_TIMEOUT` rejection after `ms` (the timer is cleared either way).
 * @throws JilError `CLIENT_TIMEOUT`, or what `promise` rejects with.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new JilError('CLIENT_TIMEOUT', 'timed out')), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
