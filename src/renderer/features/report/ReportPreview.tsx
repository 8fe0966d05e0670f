import { Classes, H1, H2, H3, HTMLTable } from '@blueprintjs/core';
import { coverageNote } from '../../../shared/analytics/imprecision';
import type { Block, Omitted, Run } from '../../../shared/report/document';
import type { ReportPreview as Preview } from '../../../shared/report/schemas';
import { MarkingTag } from '../../components/MarkingTag';
import { EChart } from '../analytics/EChart';
import { MapDrawing } from '../map/MapView';
import { followsNote } from '../../../shared/report/footnotes';

export interface ReportPreviewProps {
  /** The report tree as the writers will write it, its long sections cut to their first items. */
  doc: Preview;
}

function Runs({ runs }: { runs: readonly Run[] }) {
  return (
    <>
      {runs.map((r, i) =>
        'text' in r ? (
          r.strong ? <strong key={i}>{r.text}</strong> : <span key={i}>{r.text}</span>
        ) : (
          <sup key={i} className="cf-footnote-ref">
            {followsNote(runs, i) ? `,${r.footnote}` : r.footnote}
          </sup>
        ),
      )}
    </>
  );
}

/** "… and 12,345 more in the written report", under a cut list or table. */
function More({ more, what }: { more: Omitted | undefined; what: string }) {
  return more ? <p className={`${Classes.TEXT_MUTED} cf-report-more`}>{`… and ${more.count} more ${what} in the written report.`}</p> : null;
}

function PreviewBlock({ block }: { block: Block }) {
  switch (block.type) {
    case 'banner':
      return (
        <div className="cf-report-banner">
          <MarkingTag marking={block.marking} />
        </div>
      );
    case 'title':
      return (
        <div className="cf-report-title">
          <H1>{block.title}</H1>
          {block.subtitle && <p className={Classes.TEXT_LARGE}>{block.subtitle}</p>}
          {block.lines.map((l) => (
            <p key={l} className={Classes.TEXT_MUTED}>
              {l}
            </p>
          ))}
        </div>
      );
    case 'heading':
      return block.level === 1 ? <H2>{block.text}</H2> : <H3>{block.text}</H3>;
    case 'paragraph':
      return (
        <p>
          <Runs runs={block.runs} />
        </p>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          <Runs runs={item} />
        </li>
      ));
      return (
        <>
          {block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>}
          <More more={block.more} what="items" />
        </>
      );
    }
    case 'table':
      return (
        <>
        <HTMLTable compact bordered className="cf-report-table" aria-label={block.caption}>
          <thead>
            <tr>
              {block.header.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>
                    <Runs runs={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </HTMLTable>
        <More more={block.more} what="rows" />
        </>
      );
    case 'omitted':
      return <p className={`${Classes.TEXT_MUTED} cf-report-more`}>{block.text}</p>;
    case 'chart':
      return (
        <figure className="cf-report-figure" data-chart={block.chart.id}>
          <figcaption className="cf-strong">{block.chart.title}</figcaption>
          <EChart chart={block.chart} height={280} />
          <figcaption className={Classes.TEXT_MUTED}>{coverageNote(block.chart.coverage)}</figcaption>
        </figure>
      );
    case 'map':
      return (
        <figure className="cf-report-figure">
          <figcaption className="cf-strong">{block.map.title}</figcaption>
          <MapDrawing map={block.map} />
          <figcaption className={Classes.TEXT_MUTED}>{coverageNote(block.map.coverage)}</figcaption>
        </figure>
      );
    case 'page-break':
      return <hr className="cf-report-page-break" aria-label="Page break" />;
  }
}

/** The live preview: the same tree the writers walk, drawn in the app. */
export function ReportPreview({ doc }: ReportPreviewProps) {
  return (
    <article className="cf-report-preview" aria-label="Report preview">
      {doc.blocks.map((b, i) => (
        <PreviewBlock key={i} block={b} />
      ))}
      {doc.footnotes.length > 0 && (
        <section aria-label="Notes">
          <H2>Notes</H2>
          <ol className="cf-report-notes">
            {doc.footnotes.map((f) => (
              <li key={f.n}>{f.text}</li>
            ))}
          </ol>
          {doc.footnotesTotal > doc.footnotes.length && <p className={Classes.TEXT_MUTED}>{`… and ${doc.footnotesTotal - doc.footnotes.length} more notes in the written report.`}</p>}
        </section>
      )}
      <div className="cf-report-banner">
        <MarkingTag marking={doc.marking} />
      </div>
    </article>
  );
}
