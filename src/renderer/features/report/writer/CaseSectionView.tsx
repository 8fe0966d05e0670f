import { Button, Classes, InputGroup, NumericInput } from '@blueprintjs/core';
import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useContext, useEffect, useState } from 'react';
import { CASE_SECTION_LABELS, caseSectionSettingsText, parseCaseSection, type CaseSectionSettings } from '../../../../shared/report/authoring/case-section';
import { CaseContext } from '../../../app/caseContext';
import { call } from '../../../ipc/client';

type Preview = { items: number; lines: string[] } | { error: string };

/** The block's node view: what it is, its limit and heading, and its first rows as the case holds them now. */
export function CaseSectionView({ node, updateAttributes, editor, selected }: ReactNodeViewProps) {
  const kind = String(node.attrs['kind']);
  const settingsText = String(node.attrs['settings'] ?? '');
  const parsed = parseCaseSection({ kind, settings: settingsText });
  const version = useContext(CaseContext)?.version ?? 0;
  const [preview, setPreview] = useState<Preview | null>(null);

  useEffect(() => {
    let current = true;
    if (!parsed.ok) {
      setPreview({ error: `This case section cannot be shown: ${parsed.reason}. Remove it and insert it again.` });
      return;
    }
    void call('reports:case-section', { kind: parsed.kind, settings: settingsText }).then((r) => {
      if (current) setPreview(r.ok ? r.value : { error: r.error.message });
    });
    return () => {
      current = false;
    };
    // parsed follows from kind and settingsText.
  }, [kind, settingsText, version]);

  const settings: CaseSectionSettings = parsed.ok ? parsed.settings : {};
  const change = (patch: Partial<CaseSectionSettings>) => {
    const next = { ...settings, ...patch };
    for (const key of Object.keys(patch) as Array<keyof CaseSectionSettings>) if (patch[key] === undefined) delete next[key];
    const text = caseSectionSettingsText(next);
    if (text.ok) updateAttributes({ settings: text.text });
  };
  const label = parsed.ok ? CASE_SECTION_LABELS[parsed.kind] : 'Case section';
  const filtered = Object.keys(settings.filter ?? {}).length;
  const editable = editor.isEditable;
  return (
    <NodeViewWrapper className={`cf-case-section${selected ? ' is-selected' : ''}`} data-case-section-view="" aria-label={`Case section: ${label}`} role="group" contentEditable={false}>
      <div className="cf-case-section-head">
        <strong>{label}</strong>
        <span className={Classes.TEXT_MUTED}>
          {' '}
          · from the case{filtered ? `, filtered (${filtered} condition${filtered > 1 ? 's' : ''})` : ''}
          {preview && 'items' in preview ? ` · ${preview.items} ${parsed.ok && parsed.kind === 'actors' ? 'profiles' : parsed.ok && parsed.kind === 'sources' ? 'sources' : 'events'}` : ''}
        </span>
      </div>
      {editable && parsed.ok && (
        <div className="cf-case-section-settings">
          <NumericInput aria-label={`${label}: most rows`} placeholder={parsed.kind === 'timeline' ? '25' : 'all'} min={1} max={10_000} value={settings.limit ?? ''} onValueChange={(n) => change({ limit: Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : undefined })} buttonPosition="none" size="small" />
          <InputGroup aria-label={`${label}: heading`} placeholder="Heading (default)" value={settings.heading ?? ''} onValueChange={(v) => change({ heading: v === '' ? undefined : v.slice(0, 200) })} size="small" />
          {settings.heading !== '' && <Button size="small" variant="minimal" text="No heading" title="Write this section without its heading" onClick={() => change({ heading: '' })} />}
        </div>
      )}
      {preview === null ? (
        <p className={Classes.TEXT_MUTED}>Loading…</p>
      ) : 'error' in preview ? (
        <p role="alert">{preview.error}</p>
      ) : preview.lines.length === 0 ? (
        <p className={Classes.TEXT_MUTED}>Nothing in the case matches this section yet.</p>
      ) : (
        <ul className="cf-case-section-rows">
          {preview.lines.map((line, i) => (
            <li key={i}>
              <bdi dir="auto">{line}</bdi>
            </li>
          ))}
          {preview.items > preview.lines.length && <li className={Classes.TEXT_MUTED}>… and {preview.items - preview.lines.length} more when exported.</li>}
        </ul>
      )}
    </NodeViewWrapper>
  );
}
