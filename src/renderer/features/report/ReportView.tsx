import { Button, Classes, FormGroup, H4, Intent, TextArea } from '@blueprintjs/core';
import { useId, useMemo, useState } from 'react';
import { useOpenCase } from '../../app/caseContext';
import { showError, showSuccess } from '../../app/toaster';
import { all, useRecords } from '../../app/useRecords';
import { EmptyState } from '../../components/EmptyState';
import { LoadState } from '../../components/LoadState';
import { Bibliography } from './Bibliography';
import { bibliographyOrder, buildMarkdownSummary, citationCounts, type ReportData } from './summary';

/** The Report view: the bibliography, and the case summary as Markdown for the clipboard. */
export function ReportView() {
  const { open } = useOpenCase();
  const loaded = all(
    useRecords('records:events'),
    useRecords('records:actors'),
    useRecords('records:relationships'),
    useRecords('records:sources'),
    useRecords('records:series'),
  );
  return (
    <LoadState loadable={loaded} what="the report data">
      {([events, actors, relationships, sources, series]) => (
        <ReportBody
          data={{
            caseName: open.name,
            counts: open.counts,
            events,
            sources,
            citing: [
              { collection: 'events', records: events },
              { collection: 'actors', records: actors },
              { collection: 'relationships', records: relationships },
              { collection: 'series', records: series },
            ],
          }}
        />
      )}
    </LoadState>
  );
}

interface ReportBodyProps {
  /** The loaded case data. */
  data: ReportData;
}

function ReportBody({ data }: ReportBodyProps) {
  const [markdown, setMarkdown] = useState<string | null>(null);
  const fieldId = useId();
  const ordered = useMemo(() => bibliographyOrder(data.sources), [data.sources]);
  const citedBy = useMemo(() => citationCounts(data.citing), [data.citing]);

  async function copy(): Promise<void> {
    const text = buildMarkdownSummary(data, new Date());
    setMarkdown(text);
    try {
      await navigator.clipboard.writeText(text);
      showSuccess('The case summary is on the clipboard as Markdown.');
    } catch (error) {
      showError('Copying to the clipboard', { code: 'UNAVAILABLE', message: `${(error as Error).message}. The summary is shown below; select it and copy it by hand.` });
    }
  }

  return (
    <div className="cf-report">
      <section className="cf-report-section" aria-label="Summary">
        <div className="cf-toolbar">
          <H4 className="cf-toolbar-title">Case summary</H4>
          <span className={Classes.TEXT_MUTED}>
            {data.counts.events} events · {data.counts.actors} actors · {data.counts.relationships} relationships · {data.counts.sources} sources · {data.counts.series} series
          </span>
          <span className="cf-spacer" />
          <Button intent={Intent.PRIMARY} icon="clipboard" text="Copy summary as Markdown" onClick={() => void copy()} />
        </div>
        {markdown !== null && (
          <FormGroup label="Markdown summary" labelFor={fieldId}>
            <TextArea id={fieldId} value={markdown} readOnly fill rows={14} className="cf-markdown" spellCheck={false} />
          </FormGroup>
        )}
      </section>
      <section className="cf-report-section" aria-label="Bibliography">
        <H4>Sources</H4>
        {ordered.length === 0 ? (
          <EmptyState icon="book" title="No sources yet" description="This case cites no sources. Sources you add appear here as a numbered bibliography." />
        ) : (
          <Bibliography sources={ordered} citedBy={citedBy} />
        )}
      </section>
    </div>
  );
}
