import { Button, ButtonGroup, Divider, HTMLSelect, Menu, MenuItem, Popover } from '@blueprintjs/core';
import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { TLP_LEVELS } from '../../../../shared/domain/marking';
import { CASE_SECTION_KINDS, CASE_SECTION_LABELS, caseSectionSettingsText, type CaseSectionKind } from '../../../../shared/report/authoring/case-section';
import { showToast } from '../../../app/toaster';
import { useEventFilter } from '../../filters/useEventFilter';
import { LiveInsertMenu } from './LiveInsertMenu';

interface EditorToolbarProps {
  editor: Editor;
  disabled: boolean;
}

/** The writer's toolbar: every button names itself and its shortcut, and shows whether it is on. */
export function EditorToolbar({ editor, disabled }: EditorToolbarProps) {
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      h1: e.isActive('heading', { level: 1 }),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullets: e.isActive('bulletList'),
      numbers: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      dir: (e.getAttributes('paragraph')['dir'] ?? e.getAttributes('heading')['dir'] ?? 'auto') as string,
      marking: (e.getAttributes('paragraph')['marking'] ?? e.getAttributes('heading')['marking'] ?? '') as string,
    }),
  });
  const chain = () => editor.chain().focus();
  const { filter } = useEventFilter();
  // A section takes the views' current filter with it, so "the events of this filter" is one click.
  const insertSection = (kind: CaseSectionKind) => {
    const settings = caseSectionSettingsText(Object.keys(filter).length ? { filter } : {});
    if (!settings.ok) return showToast({ intent: 'danger', icon: 'error', message: `The section was not inserted: ${settings.reason}.`, timeout: 8_000 });
    chain().insertCaseSection({ kind, settings: settings.text }).run();
  };
  const button = (label: string, icon: Parameters<typeof Button>[0]['icon'], active: boolean, run: () => void) => (
    <Button variant="minimal" icon={icon} aria-label={label} title={label} active={active} aria-pressed={active} disabled={disabled} onClick={run} />
  );
  return (
    <div className="cf-writer-toolbar" role="toolbar" aria-label="Formatting">
      <ButtonGroup>
        {button('Bold (Ctrl+B)', 'bold', s.bold, () => chain().toggleBold().run())}
        {button('Italic (Ctrl+I)', 'italic', s.italic, () => chain().toggleItalic().run())}
        {button('Underline (Ctrl+U)', 'underline', s.underline, () => chain().toggleUnderline().run())}
      </ButtonGroup>
      <Divider />
      <ButtonGroup>
        {button('Heading 1 (Ctrl+Alt+1)', 'header-one', s.h1, () => chain().toggleHeading({ level: 1 }).run())}
        {button('Heading 2 (Ctrl+Alt+2)', 'header-two', s.h2, () => chain().toggleHeading({ level: 2 }).run())}
        {button('Heading 3 (Ctrl+Alt+3)', 'header-three', s.h3, () => chain().toggleHeading({ level: 3 }).run())}
      </ButtonGroup>
      <Divider />
      <ButtonGroup>
        {button('Bulleted list (Ctrl+Shift+8)', 'properties', s.bullets, () => chain().toggleBulletList().run())}
        {button('Numbered list (Ctrl+Shift+7)', 'numbered-list', s.numbers, () => chain().toggleOrderedList().run())}
        {button('Block quotation (Ctrl+Shift+B)', 'citation', s.quote, () => chain().toggleBlockquote().run())}
        {button('Insert table', 'th', false, () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run())}
        {button('Page break (Ctrl+Enter)', 'page-layout', false, () => chain().setPageBreak().run())}
      </ButtonGroup>
      <Divider />
      <Popover
        disabled={disabled}
        placement="bottom-start"
        content={
          <Menu aria-label="Case sections">
            {CASE_SECTION_KINDS.map((kind) => (
              <MenuItem key={kind} text={CASE_SECTION_LABELS[kind]} onClick={() => insertSection(kind)} />
            ))}
          </Menu>
        }
      >
        <Button variant="minimal" icon="th-list" text="Section" endIcon="caret-down" title="Insert a section made from the case (uses the current filter)" aria-label="Insert a section made from the case" disabled={disabled} />
      </Popover>
      <Button variant="minimal" icon="bookmark" text="Cite" title="Cite a source, event or actor (@ or Ctrl+Shift+K)" aria-label="Cite a source, event or actor (@ or Ctrl+Shift+K)" disabled={disabled} onClick={() => chain().openCitationSearch().run()} />
      <LiveInsertMenu editor={editor} disabled={disabled} />
      <Divider />
      <HTMLSelect
        aria-label="Paragraph direction (Ctrl+Shift+X toggles right to left)"
        title="Paragraph direction (Ctrl+Shift+X toggles right to left)"
        minimal
        disabled={disabled}
        value={s.dir}
        onChange={(e) => chain().setTextDirection(e.currentTarget.value as 'auto' | 'ltr' | 'rtl').run()}
        options={[
          { value: 'auto', label: 'Direction: auto' },
          { value: 'ltr', label: 'Left to right' },
          { value: 'rtl', label: 'Right to left' },
        ]}
      />
      <HTMLSelect
        aria-label="Portion marking of this block"
        title="Portion marking of this block (an export at a lower maximum leaves the block out)"
        minimal
        disabled={disabled}
        value={s.marking}
        onChange={(e) => chain().setPortionMarking(e.currentTarget.value || null).run()}
        options={[{ value: '', label: 'Marking: the report’s' }, ...TLP_LEVELS.map((m) => ({ value: m, label: m }))]}
      />
      <Divider />
      <ButtonGroup>
        {button('Undo typing (Ctrl+Z)', 'undo', false, () => chain().undo().run())}
        {button('Redo typing (Ctrl+Shift+Z)', 'redo', false, () => chain().redo().run())}
      </ButtonGroup>
    </div>
  );
}
