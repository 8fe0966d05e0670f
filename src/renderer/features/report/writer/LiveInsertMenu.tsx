import { Button, Menu, MenuDivider, MenuItem, Popover } from '@blueprintjs/core';
import type { Editor } from '@tiptap/core';
import { useState } from 'react';
import { DEFAULT_CHART_SETTINGS } from '../../../../shared/analytics/dashboard';
import { MAP_SCOPE_LABELS, MAP_SCOPES } from '../../../../shared/analytics/map-model';
import { FIGURE_CHART_LABELS, FIGURE_CHARTS, figureSpec, type FigureChart } from '../../../../shared/report/authoring/figure-spec';
import { useEventFilter } from '../../filters/useEventFilter';
import { FactDialog } from './FactDialog';

interface LiveInsertMenuProps {
  editor: Editor;
  disabled: boolean;
}

/** The figures of the document, in reading order, for the cross-reference menu. */
function figuresIn(editor: Editor): Array<{ id: string; caption: string }> {
  const out: Array<{ id: string; caption: string }> = [];
  editor.state.doc.descendants((node) => {
    if (node.type.name === 'figure') out.push({ id: String(node.attrs['id']), caption: String(node.attrs['caption'] ?? '') });
    return node.type.name !== 'figure';
  });
  return out;
}

/**
 * The toolbar's live insertions: a figure of any Analytics chart (or the map) drawn under the
 * filters in force, a cross-reference to a figure of the report, and a living number.
 */
export function LiveInsertMenu({ editor, disabled }: LiveInsertMenuProps) {
  const { filter } = useEventFilter();
  const [factOpen, setFactOpen] = useState(false);
  const [figures, setFigures] = useState<Array<{ id: string; caption: string }>>([]);
  const insert = (chart: FigureChart, scope?: (typeof MAP_SCOPES)[number]) =>
    editor.chain().focus().insertFigure({ id: `figure--${crypto.randomUUID()}`, spec: JSON.stringify(figureSpec(chart, DEFAULT_CHART_SETTINGS, filter, scope)) }).run();
  const filtered = Object.keys(filter).length > 0;
  return (
    <>
      <Popover
        placement="bottom-start"
        content={
          <Menu aria-label="Insert a figure">
            {FIGURE_CHARTS.filter((c) => c !== 'map').map((chart) => (
              <MenuItem key={chart} icon="timeline-bar-chart" text={FIGURE_CHART_LABELS[chart]} onClick={() => insert(chart)} />
            ))}
            {MAP_SCOPES.map((scope) => (
              <MenuItem key={scope} icon="map" text={`Map: ${MAP_SCOPE_LABELS[scope]}`} onClick={() => insert('map', scope)} />
            ))}
            <MenuDivider title={filtered ? 'Drawn under the filters in force' : 'Drawn from the whole case (no filter in force)'} />
          </Menu>
        }
      >
        <Button variant="minimal" icon="chart" text="Figure" endIcon="caret-down" title="Insert a figure drawn from the case" aria-label="Insert a figure" disabled={disabled} />
      </Popover>
      <Popover
        placement="bottom-start"
        onOpening={() => setFigures(figuresIn(editor))}
        content={
          <Menu aria-label="Refer to a figure">
            {figures.length === 0 && <MenuItem disabled text="The report has no figures yet" />}
            {figures.map((f, i) => (
              <MenuItem key={`${f.id}-${i}`} text={`Figure ${i + 1}${f.caption ? `: ${f.caption.slice(0, 60)}` : ''}`} onClick={() => editor.chain().focus().insertFigureRef(f.id).run()} />
            ))}
          </Menu>
        }
      >
        <Button variant="minimal" icon="link" text="See figure" endIcon="caret-down" title="Insert a cross-reference (“Figure 2”) that follows its figure" aria-label="Insert a cross-reference to a figure" disabled={disabled} />
      </Popover>
      <Button variant="minimal" icon="numerical" text="Number" title="Insert a living number computed from the case" aria-label="Insert a living number" disabled={disabled} onClick={() => setFactOpen(true)} />
      <FactDialog
        isOpen={factOpen}
        onClose={() => setFactOpen(false)}
        onInsert={(spec) => {
          setFactOpen(false);
          editor.chain().focus().insertFact(spec).run();
        }}
      />
    </>
  );
}
