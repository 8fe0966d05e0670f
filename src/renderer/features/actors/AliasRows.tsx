import { Button, HTMLSelect, InputGroup } from '@blueprintjs/core';
import type { Alias } from '../../../shared/domain/actor';
import { CitationsField } from './CitationsField';
import { newAlias, scriptOf } from './actorDraft';

export interface AliasRowsProps {
  /** The aliases being edited. */
  aliases: readonly Alias[];
  /** Called with the new list on every change. */
  onChange(next: Alias[]): void;
}

/** The languages analysts record names in, with the script each is usually written in. */
export const ALIAS_LANGUAGES: ReadonlyArray<{ tag: string; label: string }> = [
  { tag: 'en', label: 'English' },
  { tag: 'ps', label: 'Pashto' },
  { tag: 'fa-AF', label: 'Dari' },
  { tag: 'ar', label: 'Arabic' },
  { tag: 'tg', label: 'Tajik' },
  { tag: 'ru', label: 'Russian' },
  { tag: 'uz-Latn', label: 'Uzbek (Latin)' },
  { tag: 'ur', label: 'Urdu' },
  { tag: 'tr', label: 'Turkish' },
];

/**
 * One row per alias: the name (typed in any script; `dir="auto"` so Arabic script runs right to
 * left while typing), its language, script and transliteration, and its citations.
 */
export function AliasRows({ aliases, onChange }: AliasRowsProps) {
  const update = (i: number, patch: Partial<Alias>) => onChange(aliases.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <div className="cf-alias-rows">
      {aliases.map((alias, i) => {
        const n = i + 1;
        const known = ALIAS_LANGUAGES.some((l) => l.tag === alias.language);
        return (
          <fieldset key={i} className="cf-alias-row" aria-label={`Alias ${n}`}>
            <div className="cf-alias-fields">
              <InputGroup
                aria-label={`Alias ${n} name`}
                placeholder="Name in its own script"
                dir="auto"
                lang={alias.language}
                className={alias.script === 'Arab' ? 'cf-arabic' : undefined}
                value={alias.name}
                onValueChange={(name) => update(i, { name, script: scriptOf(name) })}
              />
              <HTMLSelect aria-label={`Alias ${n} language`} value={alias.language} onChange={(e) => update(i, { language: e.currentTarget.value })}>
                {!known && <option value={alias.language}>{alias.language}</option>}
                {ALIAS_LANGUAGES.map((l) => (
                  <option key={l.tag} value={l.tag}>
                    {l.label}
                  </option>
                ))}
              </HTMLSelect>
              <HTMLSelect aria-label={`Alias ${n} script`} value={alias.script} onChange={(e) => update(i, { script: e.currentTarget.value as Alias['script'] })}>
                <option value="Latn">Latin</option>
                <option value="Arab">Arabic script</option>
                <option value="Cyrl">Cyrillic</option>
              </HTMLSelect>
              <InputGroup aria-label={`Alias ${n} transliteration`} placeholder="Transliteration" dir="ltr" lang="en" value={alias.transliteration ?? ''} onValueChange={(transliteration) => update(i, { transliteration })} />
              <Button variant="minimal" icon="trash" aria-label={`Remove alias ${n}`} onClick={() => onChange(aliases.filter((_, j) => j !== i))} />
            </div>
            {alias.provenance && <div className="cf-muted cf-small">Provenance: {alias.provenance}</div>}
            <CitationsField label={`alias ${n}`} citations={alias.citations} onChange={(citations) => update(i, { citations })} />
          </fieldset>
        );
      })}
      <Button icon="add" text="Add alias" onClick={() => onChange([...aliases, newAlias()])} />
    </div>
  );
}
