import { useEffect, useState } from 'react';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import { useOpenCase } from '../../app/caseContext';
import type { Loadable } from '../../app/loadable';
import { call } from '../../ipc/client';

/**
 * Calls a channel and reloads whenever the case changes or `key` (a string form of the request)
 * changes. The previous value stays on screen while a reload runs. With `enabled` false nothing
 * is fetched (yet): big answers are only asked for when something shows them.
 */
export function useCaseCall<C extends Channel>(channel: C, request: RequestOf<C>, key: string, enabled = true): Loadable<ResponseOf<C>> {
  const { version } = useOpenCase();
  const [loaded, setLoaded] = useState<Loadable<ResponseOf<C>>>({ state: 'loading' });
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    void call(channel, request).then((result) => {
      if (current) setLoaded(result.ok ? { state: 'ready', value: result.value } : { state: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
    // `key` stands for the request, which callers rebuild on every render.
  }, [channel, key, version, enabled]);
  return loaded;
}
