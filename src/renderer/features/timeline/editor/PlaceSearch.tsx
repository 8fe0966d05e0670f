import { InputGroup, Menu, MenuItem } from '@blueprintjs/core';
import { useEffect, useRef, useState } from 'react';
import type { PlaceHit } from '../../../../shared/places/place';
import { call } from '../../../ipc/client';
import type { EventDraft } from './draft';

const TYPING_DELAY_MS = 150;

/** What choosing a place sets: its name, country, admin-1 and coordinates (a populated place's centre: "near"). */
export function placePatch(hit: PlaceHit): Partial<EventDraft> {
  return { place: hit.name, country: hit.country, admin1: hit.admin1 ?? '', lat: String(hit.lat), lon: String(hit.lon), geoPrecision: 'near' };
}

/**
 * Looks a place up by name in the offline gazetteer (in main) while typing; choosing one fills the
 * location fields, which stay editable.
 */
export function PlaceSearch({ onPick }: { onPick(patch: Partial<EventDraft>): void }) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<PlaceHit[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  // Main reads the place list on its first search: start that when the box is entered, not on the first letter.
  const warmUp = useRef(false);
  const onFocus = () => {
    if (warmUp.current) return;
    warmUp.current = true;
    void call('places:search', { text: '' });
  };
  useEffect(() => {
    if (!text.trim()) {
      setHits([]);
      setMessage(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void call('places:search', { text, limit: 8 }).then((result) => {
        if (!current) return;
        setHits(result.ok ? result.value.hits : []);
        setMessage(result.ok ? (result.value.hits.length === 0 ? `No place called “${text.trim()}” in the place list; type the location below.` : null) : result.error.message);
      });
    }, TYPING_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);
  return (
    <div className="cf-picker cf-place-search">
      <InputGroup leftIcon="geosearch" dir="auto" aria-label="Find a place" placeholder="Find a place by name (fills country, province and coordinates)" value={text} onValueChange={setText} onFocus={onFocus} />
      {hits.length > 0 && (
        <Menu aria-label="Find a place: matches" className="cf-picker-menu">
          {hits.map((hit) => (
            <MenuItem
              key={`${hit.name}|${hit.country}|${hit.lat}|${hit.lon}`}
              text={<bdi dir="auto">{[hit.name, hit.admin1, hit.country].filter(Boolean).join(', ')}</bdi>}
              label={hit.population > 0 ? `pop. ${hit.population.toLocaleString()}` : undefined}
              onClick={() => {
                onPick(placePatch(hit));
                setText('');
              }}
            />
          ))}
        </Menu>
      )}
      {message && <p className="cf-field-help" role="status">{message}</p>}
    </div>
  );
}
