import { Button, HTMLSelect, InputGroup } from '@blueprintjs/core';
import type { Alias } from '../../../shared/domain/actor';
import { CitationsField } from './CitationsField';
import { newAlias, scriptOf } from './actorDraft';
import { LanguageField } from './LanguageField';
import { scriptName } from '../../../shared/domain/language-tag';

export interface AliasRowsProps {
  /** The aliases being edited. */
  aliases: readonly Alias[];
  /** Called with the new list on every change. */
  onChange(next: Alias[]): void;
}

/** Scripts the script picker always offers; a name in any other script adds its own (scriptOf). */
const COMMON_SCRIPTS = ['Latn', 'Arab', 'Cyrl', 'Ethi', 'Hebr', 'Deva', 'Grek', 'Hani', 'Thai', 'Geor', 'Armn', 'Tfng', 'Adlm', 'Nkoo'];

/**
 * One row per alias: the name (typed in any script; `dir="auto"` so Arabic and Hebrew run right to
 * left while typing), its language (any BCP 47 tag, LanguageField), script and transliteration, and its citations.
 */
export function AliasRows({ aliases, onChange }: AliasRowsProps) {
  const update = (i: number, patch: Partial<Alias>) => onChange(aliases.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <div className="cf-alias-rows">
      {aliases.map((alias, i) => {
        const n = i + 1;
        const scripts = COMMON_SCRIPTS.includes(alias.script) ? COMMON_SCRIPTS : [alias.script, ...COMMON_SCRIPTS];
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
              <LanguageField label={`Alias ${n} language`} value={alias.language} onChange={(language) => update(i, { language })} />
              <HTMLSelect aria-label={`Alias ${n} script`} value={alias.script} onChange={(e) => update(i, { script: e.currentTarget.value })}>
                {scripts.map((code) => (
                  <option key={code} value={code}>
                    {scriptName(code)}
                  </option>
                ))}
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
