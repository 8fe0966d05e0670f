import { useEffect, useState } from 'react';
import type { Actor } from '../../shared/domain/actor';
import type { Source } from '../../shared/domain/source';
import { PAGE_LIMIT } from '../../shared/ipc/bounds';
import { call } from '../ipc/client';
import { useOpenCase } from './caseContext';

type ByIdChannel = 'records:actors' | 'records:sources';
type RecordOf<C extends ByIdChannel> = C extends 'records:actors' ? Actor : Source;

/**
 * The records with the given ids (those that exist), fetched a page at a time: views name the
 * actors and sources they show without ever loading a whole collection. Records already fetched
 * stay while more load; the lot reloads when the case changes.
 */
export function useRecordsById<C extends ByIdChannel>(channel: C, ids: readonly string[]): ReadonlyMap<string, RecordOf<C>> {
  const { version } = useOpenCase();
  const [found, setFound] = useState<ReadonlyMap<string, RecordOf<C>>>(new Map());
  const wanted = [...new Set(ids.filter(Boolean))].sort();
  const key = wanted.join('\n');
  useEffect(() => {
    if (wanted.length === 0) return;
    let current = true;
    void (async () => {
      const next = new Map<string, RecordOf<C>>();
      for (let at = 0; at < wanted.length; at += PAGE_LIMIT) {
        const request = { ids: wanted.slice(at, at + PAGE_LIMIT) };
        const result = channel === 'records:actors' ? await call('records:actors', request) : await call('records:sources', request);
        if (!result.ok) return;
        for (const record of result.value.records as unknown as ReadonlyArray<RecordOf<C>>) next.set(record.id, record);
      }
      if (current) setFound(next);
    })();
    return () => {
      current = false;
    };
    // `key` stands for `wanted`.
  }, [channel, key, version]);
  return found;
}
