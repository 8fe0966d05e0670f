import { Tag } from '@blueprintjs/core';
import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BodyNode, CitedKind, WrittenReport } from '../../../../shared/domain/written-report';
import { useOpenCase } from '../../../app/caseContext';
import { call } from '../../../ipc/client';
import { showToast } from '../../../app/toaster';
import { renumberCitations, type CitationAttrs, type CitationHooks } from './citation';
import { CitationMenu, type CiteSuggestion } from './CitationMenu';
import { CheckPanel } from './CheckPanel';
import { CitedRecordDialog } from './CitedRecordDialog';
import { EditorToolbar } from './EditorToolbar';
import { writerExtensions } from './extensions';
import { renumberLive } from './liveNodes';
import { factSpecsIn, LiveValues } from './liveValues';
import { NotesList } from './NotesList';
import { ReportMetaForm } from './ReportMetaForm';
import { useBodySaver } from './useBodySaver';

interface ReportEditorProps {
  report: WrittenReport;
  onChanged: () => void;
  onOpenReport: (id: string) => void;
}

const SAVE_LABELS = { saved: 'All changes saved', unsaved: 'Unsaved changes', saving: 'Saving…' } as const;

/** Collects the citations of a body, in reading order. */
function citationsOf(node: BodyNode, out: Array<{ kind: CitedKind; id: string }> = []): Array<{ kind: CitedKind; id: string }> {
  if (node.type === 'citation' && typeof node.attrs?.['recordId'] === 'string') out.push({ kind: node.attrs['kind'] as CitedKind, id: node.attrs['recordId'] });
  for (const child of node.content ?? []) citationsOf(child, out);
  return out;
}

/** One written report open for writing: its fields, the toolbar, the text, and the citation search. */
export function ReportEditor({ report, onChanged, onOpenReport }: ReportEditorProps) {
  const frozen = report.status === 'issued';
  const [suggestion, setSuggestion] = useState<CiteSuggestion | null>(null);
  const [active, setActive] = useState(0);
  const [cited, setCited] = useState<CitationAttrs | null>(null);
  const titles = useRef(new Map<string, string>());
  const suggestionRef = useRef<{ s: CiteSuggestion | null; active: number }>({ s: null, active: 0 });
  suggestionRef.current = { s: suggestion, active };

  const hooks = useMemo<CitationHooks>(
    () => ({
      search: async (query) => {
        const result = await call('reports:cite-search', { query, limit: 12 });
        return result.ok ? result.value.hits : [];
      },
      onSuggest: (s) => {
        setSuggestion(s);
        setActive(0);
      },
      onSuggestKey: ({ event }) => {
        const { s, active: at } = suggestionRef.current;
        if (!s) return false;
        const count = s.items.length;
        if (event.key === 'ArrowDown' && count > 0) return setActive((at + 1) % count), true;
        if (event.key === 'ArrowUp' && count > 0) return setActive((at - 1 + count) % count), true;
        if (event.key === 'Enter') {
          const item = s.items[at];
          if (item) s.command(item);
          return true;
        }
        return false;
      },
      onActivate: (attrs) => setCited(attrs),
      titleOf: (kind, id) => titles.current.get(`${kind}:${id}`),
    }),
    [],
  );
  const values = useMemo(() => new LiveValues(), []);
  const editor = useEditor({ extensions: writerExtensions(hooks, values, showPasteNotice), content: report.body, editable: !frozen, shouldRerenderOnTransaction: false, editorProps: { attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': `Text of ${report.title}`, class: 'cf-writer-body', spellcheck: 'true' } } }, [report.id]);
  const { state, lastSaved, saver } = useBodySaver(report.id, editor);
  const { version } = useOpenCase();

  // The body main holds changed without the editor (an undo, a redo): show it, unless the analyst has unsaved text.
  useEffect(() => {
    if (!editor) return;
    const stored = JSON.stringify(report.body);
    if (lastSaved.current === '') lastSaved.current = stored;
    if (stored !== lastSaved.current && !saver.current?.dirty) {
      lastSaved.current = stored;
      editor.commands.setContent(report.body, { emitUpdate: false });
    }
    editor.setEditable(!frozen);
  }, [editor, report, frozen, lastSaved, saver]);

  // The case changed (an edit, an import, an undo): living numbers are computed again.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    values.invalidate(factSpecsIn(editor.view));
    renumberLive(editor.view, values);
  }, [editor, values, version]);

  // Today's titles of the cited records, for the hover text.
  useEffect(() => {
    if (!editor) return;
    const refs = citationsOf(report.body).slice(0, 500);
    if (refs.length === 0) return;
    let current = true;
    void call('reports:cited', { refs }).then((r) => {
      if (!current || !r.ok) return;
      for (const record of r.value.records) titles.current.set(`${record.kind}:${record.id}`, record.label);
      if (!editor.isDestroyed) renumberCitations(editor.view, hooks.titleOf);
    });
    return () => {
      current = false;
    };
  }, [editor, report.body, version, hooks]);

  return (
    <section className="cf-writer" aria-label={`Written report ${report.title}`}>
      <ReportMetaForm report={report} frozen={frozen} onChanged={onChanged} onOpenReport={onOpenReport} flush={() => saver.current?.flush() ?? Promise.resolve(true)} />
      {editor && <EditorToolbar editor={editor} disabled={frozen} />}
      <div className="cf-writer-status">
        {frozen ? (
          <Tag intent="warning" icon="lock">
            Issued {report.issuedAt?.slice(0, 10)}: frozen. Use “New draft from this” to change it.
          </Tag>
        ) : (
          <span role="status" className="cf-muted" data-save-state={state}>
            {SAVE_LABELS[state]}
          </span>
        )}
        {editor && <CheckPanel reportId={report.id} editor={editor} flush={() => saver.current?.flush() ?? Promise.resolve(true)} />}
      </div>
      <EditorContent editor={editor} className="cf-writer-page" />
      <NotesList reportId={report.id} body={report.body} style={report.citationStyle} />
      {suggestion && <CitationMenu suggestion={suggestion} active={active} />}
      <CitedRecordDialog cited={cited} editable={!frozen} onClose={() => setCited(null)} onLocator={(locator) => saveLocator(editor, locator, () => setCited(null))} />
    </section>
  );
}

function showPasteNotice(message: string): void {
  showToast({ intent: 'warning', icon: 'media', message, timeout: 12_000 });
}

function saveLocator(editor: Editor | null, locator: string | null, done: () => void): void {
  editor?.chain().focus().updateAttributes('citation', { locator }).run();
  done();
}
