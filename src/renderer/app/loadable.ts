import type { AppError } from '../../shared/ipc/errors';

/** A value that is loading, failed with an error value, or is ready. */
export type Loadable<T> = { state: 'loading' } | { state: 'error'; error: AppError } | { state: 'ready'; value: T };

/** Combines several loadables: the first error wins, then loading, else all values. */
export function all<T extends unknown[]>(...items: { [K in keyof T]: Loadable<T[K]> }): Loadable<T> {
  const list = items as ReadonlyArray<Loadable<unknown>>;
  for (const item of list) if (item.state === 'error') return item;
  if (list.some((item) => item.state === 'loading')) return { state: 'loading' };
  return { state: 'ready', value: list.map((item) => (item.state === 'ready' ? item.value : undefined)) as T };
}
