/**
 * Turns a stream of edits into a few saves. Typing calls `touch` on every change; nothing is
 * read or sent then. A save goes out when typing pauses for `idleMs`, at the latest `maxWaitMs`
 * after the first unsaved change (so a long burst of typing is still saved every few seconds),
 * and whenever the owner calls `flush` (blur, closing the report, hiding the window, undo).
 * The value is read only when a save goes out, so a keystroke costs a timer reset, not a
 * serialisation of the whole document. A failed save keeps the change unsaved and tries again.
 */
export interface CoalescerOptions {
  idleMs: number;
  maxWaitMs: number;
  /** How long to wait before trying a failed save again. */
  retryMs?: number;
  onError?: (error: unknown) => void;
  /** Tells the owner whether something is unsaved (an "Unsaved" / "Saved" indicator). */
  onState?: (state: 'saved' | 'unsaved' | 'saving') => void;
}

type Timer = ReturnType<typeof setTimeout>;

export class SaveCoalescer<T> {
  private read: (() => T) | null = null;
  private idleTimer: Timer | null = null;
  private maxTimer: Timer | null = null;
  private inFlight: Promise<boolean> | null = null;
  private disposed = false;

  constructor(
    private readonly save: (value: T) => Promise<boolean>,
    private readonly options: CoalescerOptions,
  ) {}

  /** Something changed; `read` returns the value to save when the save goes out. */
  touch(read: () => T): void {
    if (this.disposed) return;
    const wasClean = this.read === null;
    this.read = read;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.flush(), this.options.idleMs);
    if (!this.maxTimer) this.maxTimer = setTimeout(() => void this.flush(), this.options.maxWaitMs);
    if (wasClean) this.options.onState?.('unsaved');
  }

  get dirty(): boolean {
    return this.read !== null;
  }

  /** Drops what is unsaved (the record changed underneath, e.g. an undo, and the editor took it). */
  discard(): void {
    this.read = null;
    this.clearTimers();
  }

  /**
   * Saves what is unsaved now, after any save in flight. Resolves true when everything touched
   * before the call is saved.
   */
  async flush(): Promise<boolean> {
    this.clearTimers();
    while (this.inFlight) await this.inFlight;
    const read = this.read;
    if (!read) return true;
    this.read = null;
    this.options.onState?.('saving');
    const attempt = this.attempt(read);
    this.inFlight = attempt;
    const saved = await attempt;
    this.inFlight = null;
    if (!saved) {
      // Keep the change unless a newer one came meanwhile, and try again later.
      if (this.read === null) this.read = read;
      if (!this.disposed && !this.idleTimer) this.idleTimer = setTimeout(() => void this.flush(), this.options.retryMs ?? 2_000);
      this.options.onState?.('unsaved');
      return false;
    }
    this.options.onState?.(this.read ? 'unsaved' : 'saved');
    return this.read === null;
  }

  /** Saves what is left and stops; later touches are ignored. */
  async dispose(): Promise<boolean> {
    const saved = await this.flush();
    this.disposed = true;
    this.clearTimers();
    return saved;
  }

  private async attempt(read: () => T): Promise<boolean> {
    try {
      return await this.save(read());
    } catch (error) {
      this.options.onError?.(error);
      return false;
    }
  }

  private clearTimers(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.maxTimer) clearTimeout(this.maxTimer);
    this.idleTimer = null;
    this.maxTimer = null;
  }
}
