import { Button, InputGroup, Menu, MenuItem } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import type { Result } from '../../shared/ipc/result';
import { call } from '../ipc/client';

/** One choice a search offers. */
export interface PickerHit {
  id: string;
  /** What the menu shows. */
  text: string;
  /** Shown on the right, e.g. the spelling that matched. */
  hint?: string;
}

export interface SearchPickerProps {
  /** Accessible name of the search box (and of its menu, with ": matches"). */
  label: string;
  /** Placeholder of the search box. */
  placeholder: string;
  /** Asks main for the best matches of the text typed. */
  search(text: string): Promise<PickerHit[]>;
  /** The chosen id, or null. */
  value: string | null;
  /** How the chosen record reads (its name or title); the id while it loads. */
  chosenText: string;
  /** Called with the chosen id (null when cleared). */
  onChange(id: string | null): void;
  /**
   * Offers "Create <noun> “text”" below the matches: `make` saves a new record named by the text
   * typed (its own undo step) and answers its id, or what went wrong.
   */
  create?: { noun: string; make(text: string): Promise<Result<string>> };
}

const TYPING_DELAY_MS = 150;

/**
 * Picks a record by typing: main searches the case (a case may hold more actors or sources than
 * any list could show) and the best matches are offered. Once chosen, the record's name and a
 * button to clear it.
 */
export function SearchPicker({ label, placeholder, search, value, chosenText, onChange, create }: SearchPickerProps) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<PickerHit[]>([]);
  /** The text the hits answer: "Create" is offered only once the search has answered what was typed. */
  const [answered, setAnswered] = useState('');
  const [createError, setCreateError] = useState<string | null>(null);
  const typed = text.trim();
  const offerCreate = create !== undefined && typed !== '' && answered === text && !hits.some((h) => h.text.toLocaleLowerCase() === typed.toLocaleLowerCase());
  const createFromText = async (): Promise<void> => {
    if (!create) return;
    const made = await create.make(typed);
    if (!made.ok) {
      setCreateError(made.error.message);
      return;
    }
    setCreateError(null);
    onChange(made.value);
    setText('');
  };
  useEffect(() => {
    if (!text.trim()) {
      setHits([]);
      return;
    }
    let current = true;
    const timer = setTimeout(
      () =>
        void search(text).then((found) => {
          if (!current) return;
          setHits(found);
          setAnswered(text);
        }),
      TYPING_DELAY_MS,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `search` is rebuilt by callers on every render; the text is what matters.
  }, [text]);
  if (value) {
    return (
      <div className="cf-picked">
        <bdi dir="auto" className="cf-strong">
          {chosenText}
        </bdi>
        <Button variant="minimal" size="small" icon="cross" aria-label={`Clear ${label}`} onClick={() => onChange(null)} />
      </div>
    );
  }
  return (
    <div className="cf-picker">
      <InputGroup leftIcon="search" dir="auto" aria-label={label} placeholder={placeholder} value={text} onValueChange={setText} />
      {(hits.length > 0 || offerCreate) && (
        <Menu aria-label={`${label}: matches`} className="cf-picker-menu">
          {hits.map((hit) => (
            <MenuItem
              key={hit.id}
              text={<bdi dir="auto">{hit.text}</bdi>}
              label={hit.hint}
              onClick={() => {
                onChange(hit.id);
                setText('');
              }}
            />
          ))}
          {offerCreate && <MenuItem icon="add" text={<bdi dir="auto">{`Create ${create?.noun ?? ""} “${typed}”`}</bdi>} onClick={() => void createFromText()} />}
        </Menu>
      )}
      {createError && <p className="cf-field-error" role="alert">{createError}</p>}
    </div>
  );
}

/** Actor matches for a picker (any name, alias or transliteration, in any script). */
export async function searchActorHits(text: string, exclude: readonly string[] = []): Promise<PickerHit[]> {
  const result = await call('actors:search', { text, limit: 12 });
  if (!result.ok) return [];
  return result.value.hits
    .filter((h) => !exclude.includes(h.id))
    .slice(0, 8)
    .map((h) => ({ id: h.id, text: h.name, ...(h.matchedName !== h.name ? { hint: h.matchedName } : {}) }));
}

/** Source matches for a picker (words of the title, publisher or authors). */
export async function searchSourceHits(text: string): Promise<PickerHit[]> {
  const result = await call('sources:list', { text, limit: 8 });
  if (!result.ok) return [];
  return result.value.sources.map((s) => ({ id: s.id, text: `${s.title} (${s.reliability})` }));
}
