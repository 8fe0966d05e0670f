import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { turnTaker } from '../../src/main/hosts/call-turns';

describe('IPC calls taking turns (browser host)', () => {
  it('starts at most the bound in one turn and the rest in later turns, in the order they came', async () => {
    const take = turnTaker(3);
    const started: number[] = [];
    const answers = Array.from({ length: 8 }, (_, i) =>
      take(async () => {
        started.push(i);
        return i * 10;
      }),
    );
    expect(started).toEqual([0, 1, 2]);
    await nextTurn();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await Promise.all(answers)).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('lets a call come round between turns of others: a disk step is not held up behind all of them', async () => {
    const take = turnTaker(2);
    const order: string[] = [];
    // A call that needs two turns (like a write, then an fsync) among many one-turn calls.
    const slow = take(async () => {
      order.push('edit starts');
      await nextTurn();
      order.push('edit done');
    });
    const quick = Array.from({ length: 20 }, (_, i) => take(async () => void order.push(`read ${i}`)));
    await Promise.all([slow, ...quick]);
    // Started all in one turn, the reads would all come before the edit's second step.
    expect(order.indexOf('edit done')).toBeLessThan(order.indexOf('read 10'));
  });

  it('passes on a failure, thrown or rejected, to its caller only', async () => {
    const take = turnTaker(1);
    const failing = take(async () => {
      throw new Error('handler failed');
    });
    const thrown = take((() => {
      throw new Error('thrown before a promise');
    }) as () => Promise<number>);
    const fine = take(async () => 'answer');
    await expect(failing).rejects.toThrow('handler failed');
    await expect(thrown).rejects.toThrow('thrown before a promise');
    await expect(fine).resolves.toBe('answer');
  });
});
