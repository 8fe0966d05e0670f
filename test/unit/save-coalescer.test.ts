import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaveCoalescer } from '../../src/shared/report/authoring/save-coalescer';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function recorder(fail: () => boolean = () => false) {
  const saved: string[] = [];
  const save = vi.fn(async (text: string) => {
    if (fail()) return false;
    saved.push(text);
    return true;
  });
  return { saved, save };
}

describe('typing is saved in a few coalesced saves, and nothing typed is dropped', () => {
  it('a burst of keystrokes becomes one save of the last text, after the pause', async () => {
    const { saved, save } = recorder();
    const c = new SaveCoalescer(save, { idleMs: 800, maxWaitMs: 5_000 });
    let text = '';
    for (const ch of 'hello world') {
      text += ch;
      const now = text;
      c.touch(() => now);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(800);
    expect(saved).toEqual(['hello world']);
    expect(c.dirty).toBe(false);
  });

  it('reads the value only when it saves (a keystroke costs no serialisation)', async () => {
    const { save } = recorder();
    const read = vi.fn(() => 'text');
    const c = new SaveCoalescer(save, { idleMs: 800, maxWaitMs: 5_000 });
    for (let i = 0; i < 50; i++) c.touch(read);
    expect(read).not.toHaveBeenCalled();
    await c.flush();
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('non-stop typing is still saved every maxWait', async () => {
    const { saved, save } = recorder();
    const c = new SaveCoalescer(save, { idleMs: 800, maxWaitMs: 3_000 });
    for (let i = 1; i <= 70; i++) {
      c.touch(() => `v${i}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    // 7 s of typing, never a pause of 800 ms: two saves forced by maxWait.
    expect(saved.length).toBe(2);
    await vi.advanceTimersByTimeAsync(800);
    expect(saved.at(-1)).toBe('v70');
  });

  it('flush (blur, close, undo) saves at once and waits for a save in flight', async () => {
    const { saved, save } = recorder();
    const c = new SaveCoalescer(save, { idleMs: 800, maxWaitMs: 5_000 });
    c.touch(() => 'a');
    const first = c.flush();
    c.touch(() => 'ab');
    const second = c.flush();
    expect(await first).toBe(false); // 'ab' came meanwhile
    expect(await second).toBe(true);
    expect(saved).toEqual(['a', 'ab']);
  });

  it('a failed save keeps the text and tries again; a newer edit wins over the failed one', async () => {
    let failing = true;
    const errors: unknown[] = [];
    const { saved, save } = recorder(() => failing);
    const c = new SaveCoalescer(save, { idleMs: 800, maxWaitMs: 5_000, retryMs: 1_000, onError: (e) => errors.push(e) });
    c.touch(() => 'kept');
    expect(await c.flush()).toBe(false);
    expect(c.dirty).toBe(true);
    failing = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(saved).toEqual(['kept']);
    // A thrown error is reported and the change kept.
    const throwing = new SaveCoalescer(async () => {
      throw new Error('disk full');
    }, { idleMs: 800, maxWaitMs: 5_000, onError: (e) => errors.push(e) });
    throwing.touch(() => 'x');
    expect(await throwing.flush()).toBe(false);
    expect(throwing.dirty).toBe(true);
    expect(String(errors.at(-1))).toMatch(/disk full/);
    throwing.discard();
  });

  it('dispose saves what is left, then ignores later touches; discard drops unsaved text on purpose', async () => {
    const { saved, save } = recorder();
    const c = new SaveCoalescer(save, { idleMs: 800, maxWaitMs: 5_000 });
    c.touch(() => 'last words');
    expect(await c.dispose()).toBe(true);
    c.touch(() => 'after close');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saved).toEqual(['last words']);
    const d = new SaveCoalescer(save, { idleMs: 800, maxWaitMs: 5_000 });
    d.touch(() => 'undone underneath');
    d.discard();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saved).toEqual(['last words']);
  });
});
