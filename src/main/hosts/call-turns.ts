/**
 * IPC calls take turns: at most `perTurn` of them start in one turn of the event loop; the rest
 * wait, first come first served, for the next turns. With a thousand calls in flight, a turn
 * that started every call whose request had arrived would run for hundreds of milliseconds, and
 * each disk step of a group commit (write, fsync, the lock check: each completes in a later
 * turn, store/group-commit.ts) would wait that long again, so edits waited seconds while reads
 * were answered at once. In turns of bounded work those steps come round quickly, and the calls
 * that wait are answered in the order they came.
 */
export type TakeTurn = <T>(call: () => Promise<T>) => Promise<T>;

export function turnTaker(perTurn: number): TakeTurn {
  // A queue with a moving head: shift() on a thousand waiting calls would copy them every time.
  let waiting: Array<() => void> = [];
  let head = 0;
  let startedThisTurn = 0;
  let turnQueued = false;

  const nextTurn = () => {
    turnQueued = false;
    startedThisTurn = 0;
    while (startedThisTurn < perTurn && head < waiting.length) {
      const start = waiting[head]!;
      waiting[head++] = noop;
      startedThisTurn += 1;
      start();
    }
    if (head === waiting.length) {
      waiting = [];
      head = 0;
    } else queueTurn();
  };
  // The check phase (setImmediate) comes after the poll phase that delivered the requests and the disk completions.
  const queueTurn = () => {
    if (turnQueued) return;
    turnQueued = true;
    setImmediate(nextTurn);
  };

  return <T>(call: () => Promise<T>): Promise<T> => {
    queueTurn();
    if (head === waiting.length && startedThisTurn < perTurn) {
      startedThisTurn += 1;
      return call();
    }
    return new Promise<T>((resolve, reject) => {
      waiting.push(() => {
        try {
          call().then(resolve, reject);
        } catch (error) {
          reject(error);
        }
      });
    });
  };
}

function noop(): void {}
