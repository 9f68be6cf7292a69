import { isJilError } from '@jil/core';
import { expect, it } from 'vitest';
import { int8ToBigInt, int8ToNumber } from '../int8ToNumber.js';
import { sqlstateOf } from '../storageError.js';
import { unique, type ConformanceContext } from './conformanceHelpers.js';

const countRows = async (ctx: ConformanceContext, sender: string): Promise<number> =>
  int8ToNumber(
    (await ctx.db.query<{ n: unknown }>('SELECT count(*) AS n FROM conformance_rows WHERE sender_id = $1', [sender])).rows[0]?.n,
  );

const insertRow = 'INSERT INTO conformance_rows (sender_id, destination, amount_usd_cents, at_ms) VALUES ($1, $2, $3, $4)';

/** Db-level behaviour both engines must share: int8 and jsonb handling, transactions. */
export function describeDbConformance(ctx: ConformanceContext): void {
  it('normalizes int8 from either engine (number, bigint or string) without losing precision', async () => {
    const { rows } = await ctx.db.query<{ big: unknown; small: unknown; n: unknown }>(
      'SELECT 9007199254740993::bigint AS big, $1::bigint AS small, count(*) AS n FROM (VALUES (1), (2)) v(x)',
      ['1700000000123'],
    );
    const row = rows[0];
    expect(int8ToBigInt(row?.big)).toBe(9007199254740993n);
    expect(int8ToNumber(row?.small)).toBe(1700000000123);
    expect(int8ToNumber(row?.n)).toBe(2);
    expect(() => int8ToNumber(row?.big)).toThrow(expect.objectContaining({ code: 'STORAGE_ERROR' }));
  });

  it('passes JSON as a string to $n::text::jsonb and reads it back parsed, identically', async () => {
    const value = { a: [1, 'two', { three: null }], é: 'ünïcode ✓', big: '123456789012345678901' };
    const { rows } = await ctx.db.query<{ j: unknown; arr: unknown }>('SELECT $1::text::jsonb AS j, $2::text::jsonb AS arr', [
      JSON.stringify(value),
      JSON.stringify(['x', 1]),
    ]);
    expect(rows[0]).toEqual({ j: value, arr: ['x', 1] });
  });

  it('commits a transaction that resolves', async () => {
    const sender = `tx-ok-${unique()}`;
    const result = await ctx.db.transaction(async (tx) => {
      await tx.query(insertRow, [sender, 'd1', '1', 1]);
      await tx.query(insertRow, [sender, 'd2', '2', 2]);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await countRows(ctx, sender)).toBe(2);
  });

  it('a transaction whose callback throws leaves no row and rethrows the same error', async () => {
    const sender = `tx-throw-${unique()}`;
    const boom = new Error('boom');
    await expect(
      ctx.db.transaction(async (tx) => {
        await tx.query(insertRow, [sender, 'd1', '1', 1]);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await countRows(ctx, sender)).toBe(0);
  });

  it('a failed statement rolls the whole transaction back and surfaces as STORAGE_ERROR with its SQLSTATE', async () => {
    const sender = `tx-fail-${unique()}`;
    const error: unknown = await ctx.db
      .transaction(async (tx) => {
        await tx.query(insertRow, [sender, 'd1', '1', 1]);
        await tx.query(insertRow, [sender, 'd2', '-5', 2]); // violates CHECK (amount_usd_cents >= 0)
      })
      .catch((e: unknown) => e);
    expect(isJilError(error, 'STORAGE_ERROR')).toBe(true);
    expect(sqlstateOf(error)).toBe('23514');
    expect(JSON.stringify(error)).not.toContain(sender); // no row values in the error
    expect(await countRows(ctx, sender)).toBe(0);
  });

  it('a nested transaction is a savepoint: its failure is undone, the outer work commits', async () => {
    const sender = `tx-nested-${unique()}`;
    await ctx.db.transaction(async (tx) => {
      await tx.query(insertRow, [sender, 'outer', '1', 1]);
      await expect(
        tx.transaction(async (inner) => {
          await inner.query(insertRow, [sender, 'inner', '1', 2]);
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      await tx.transaction(async (inner) => {
        await inner.query(insertRow, [sender, 'inner-ok', '1', 3]);
      });
    });
    const { rows } = await ctx.db.query<{ destination: string }>(
      'SELECT destination FROM conformance_rows WHERE sender_id = $1 ORDER BY at_ms',
      [sender],
    );
    expect(rows.map((r) => r.destination)).toEqual(['outer', 'inner-ok']);
  });

  it('refuses a transaction handle once its transaction ended, and closing it', async () => {
    let leaked: typeof ctx.db | undefined;
    await ctx.db.transaction(async (tx) => {
      leaked = tx;
      await expect(tx.close()).rejects.toMatchObject({ code: 'INTERNAL' });
    });
    await expect(leaked?.query('SELECT 1')).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('a bad statement outside a transaction is STORAGE_ERROR with its SQLSTATE', async () => {
    const error: unknown = await ctx.db.query('SELECT * FROM no_such_table').catch((e: unknown) => e);
    expect(sqlstateOf(error)).toBe('42P01');
    await expect(ctx.db.exec('SELEC 1')).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
  });
}
