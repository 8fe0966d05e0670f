import { Button, InputGroup } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import type { Marking } from '../../../shared/domain/marking';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { call } from '../../ipc/client';

type Hit = ResponseOf<'actors:search'>['hits'][number];

/** Finds an actor by any of its spellings to start the chart from: it and its neighbours. */
/** `maxMarking`: the chart's marking; actors above it are not offered (the chart would not show them). */
export function FocusPicker({ onFocus, maxMarking }: { onFocus(id: string, name: string): void; maxMarking?: Marking | undefined }) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<Hit[]>([]);
  useEffect(() => {
    if (!text.trim()) return setHits([]);
    let current = true;
    void call('actors:search', { text, limit: 6, ...(maxMarking ? { maxMarking } : {}) }).then((r) => {
      if (current) setHits(r.ok ? r.value.hits : []);
    });
    return () => {
      current = false;
    };
  }, [text, maxMarking]);
  const choose = (hit: Hit) => {
    onFocus(hit.id, hit.name);
    setText('');
  };
  return (
    <div className="cf-focus-picker">
      <InputGroup
        leftIcon="locate"
        placeholder="Focus on an actor…"
        aria-label="Focus on an actor"
        value={text}
        onValueChange={setText}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && hits[0]) choose(hits[0]);
        }}
      />
      {hits.length > 0 && (
        <ul className="cf-focus-hits" aria-label="Actors to focus on">
          {hits.map((hit) => (
            <li key={hit.id}>
              <Button variant="minimal" size="small" onClick={() => choose(hit)} text={<bdi dir="auto">{hit.name}</bdi>} title={hit.matchedName !== hit.name ? `found as ${hit.matchedName}` : undefined} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
