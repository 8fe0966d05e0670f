import { Button, Callout, Intent } from '@blueprintjs/core';
import type { Editor } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import { useState } from 'react';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { call } from '../../../ipc/client';

interface CheckPanelProps {
  reportId: string;
  editor: Editor;
  /** Saves the text first: the check reads the report as main holds it. */
  flush: () => Promise<boolean>;
}

type Item = ResponseOf<'reports:check'>['items'][number];

/** Selects the `ordinal`-th node of `type` in reading order and brings it into view. */
function jumpTo(editor: Editor, item: Item): void {
  let seen = 0;
  let at: number | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (at !== null) return false;
    if (node.type.name === item.node && seen++ === item.ordinal) at = pos;
    return true;
  });
  if (at === null) return;
  const { view } = editor;
  view.dispatch(view.state.tr.setSelection(NodeSelection.create(view.state.doc, at)).scrollIntoView());
  view.focus();
  (view.nodeDOM(at) as HTMLElement | null)?.scrollIntoView?.({ block: 'center' });
}

/** "Check the draft": what needs fixing before the report is issued, each item a button that jumps to it. */
export function CheckPanel({ reportId, editor, flush }: CheckPanelProps) {
  const [result, setResult] = useState<ResponseOf<'reports:check'> | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function check(): Promise<void> {
    setBusy(true);
    await flush();
    const r = await call('reports:check', { id: reportId });
    setBusy(false);
    setResult(r.ok ? r.value : { error: r.error.message });
  }
  return (
    <>
      <Button icon="endorsed" text="Check the draft" loading={busy} onClick={() => void check()} title="List numbers that changed since they were confirmed, citations of deleted or merged records, and empty figures" />
      {result && (
        <section className="cf-writer-check" aria-label="Check the draft">
          {'error' in result ? (
            <Callout intent={Intent.DANGER} title="The draft could not be checked">{result.error}</Callout>
          ) : result.total === 0 ? (
            <Callout intent={Intent.SUCCESS} icon="tick" title="Nothing to fix">Every number matches what was confirmed, every cited record is in the case, and every figure has data.</Callout>
          ) : (
            <Callout intent={Intent.WARNING} title={`${result.total} item(s) to fix before issuing`}>
              <ul>
                {result.items.map((item, i) => (
                  <li key={i} data-check-kind={item.kind}>
                    <Button variant="minimal" small alignText="left" text={item.message} onClick={() => jumpTo(editor, item)} />
                  </li>
                ))}
              </ul>
            </Callout>
          )}
          <Button variant="minimal" small icon="cross" aria-label="Close the check" onClick={() => setResult(null)} />
        </section>
      )}
    </>
  );
}
