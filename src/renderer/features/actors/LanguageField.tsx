import { InputGroup } from '@blueprintjs/core';
import { useEffect, useId, useMemo, useState } from 'react';
import { languageName, resolveLanguage, searchLanguages } from '../../../shared/domain/language-names';

export interface LanguageFieldProps {
  /** The stored BCP 47 tag. */
  value: string;
  /** Called with the text to store: a registered tag when one was recognised, else what was typed (the schema refuses it with a reason on save). */
  onChange(tag: string): void;
  /** Accessible name of the input. */
  label: string;
}

/**
 * A searchable language picker: type a name ("Somali") or any BCP 47 tag ("so", "ps-Arab-AF");
 * the browser's suggestion list (a datalist of the best registry matches) offers languages as
 * you type, the registry's English name shows beside the field, and a name typed in full turns
 * into its tag when the field is left.
 */
export function LanguageField({ value, onChange, label }: LanguageFieldProps) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const listId = useId();
  const nameId = useId();
  const matches = useMemo(() => searchLanguages(text), [text]);
  const name = languageName(text.trim());
  const unknown = text.trim() !== '' && name === null && resolveLanguage(text) === null;
  const commit = (typed: string) => {
    const tag = resolveLanguage(typed);
    const next = tag ?? typed.trim();
    setText(next);
    if (next !== value) onChange(next);
  };
  return (
    <span className="cf-language-field">
      <InputGroup
        aria-label={label}
        aria-invalid={unknown || undefined}
        aria-describedby={nameId}
        intent={unknown ? 'danger' : 'none'}
        list={listId}
        placeholder="Language: name or code"
        value={text}
        onValueChange={(typed) => {
          setText(typed);
          // A picked suggestion or a complete tag is kept at once; anything else waits for blur.
          if (matches.some((m) => m.tag === typed) || resolveLanguage(typed) === typed) onChange(typed);
        }}
        onBlur={(e) => commit(e.currentTarget.value)}
        title={unknown ? `“${text}” is not a registered language: type a name such as Somali, or a code such as so or uz-Latn` : (name ?? undefined)}
      />
      <datalist id={listId}>
        {matches.map((m) => (
          <option key={m.tag} value={m.tag}>
            {m.name}
          </option>
        ))}
      </datalist>
      <span id={nameId} className={unknown ? 'cf-language-name cf-danger-text' : 'cf-language-name cf-muted'} aria-live="polite">
        {unknown ? 'not a registered language' : (name ?? '')}
      </span>
    </span>
  );
}
