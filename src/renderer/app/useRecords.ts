import { useEffect, useState } from 'react';
import type { RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { AppError } from '../../shared/ipc/errors';
import { call } from '../ipc/client';
import { useOpenCase } from './caseContext';

export type RecordChannel = 'records:events' | 'records:actors' | 'records:relationships' | 'records:sources' | 'records:series';
export type RecordsOf<C extends RecordChannel> = ResponseOf<C>['records'];

/** A value that is loading, failed with an error value, or is ready. */
export type Loadable<T> = { state: 'loading' } | { state: 'error'; error: AppError } | { state: 'ready'; value: T };

/**
 * The records of one collection of the open case, reloaded whenever the case changes.
 * While a reload runs, the previous records stay on screen instead of a spinner.
 */
export function useRecords<C extends RecordChannel>(channel: C): Loadable<RecordsOf<C>> {
  const { version } = useOpenCase();
  const [loaded, setLoaded] = useState<Loadable<RecordsOf<C>>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    // Every records:* channel takes the empty request.
    void call(channel, {} as RequestOf<C>).then((result) => {
      if (!current) return;
      setLoaded(result.ok ? { state: 'ready', value: result.value.records as RecordsOf<C> } : { state: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [channel, version]);
  return loaded;
}

/** Combines several loadables: the first error wins, then loading, else all values. */
export function all<T extends unknown[]>(...items: { [K in keyof T]: Loadable<T[K]> }): Loadable<T> {
  const list = items as ReadonlyArray<Loadable<unknown>>;
  for (const item of list) if (item.state === 'error') return item;
  if (list.some((item) => item.state === 'loading')) return { state: 'loading' };
  return { state: 'ready', value: list.map((item) => (item.state === 'ready' ? item.value : undefined)) as T };
}
