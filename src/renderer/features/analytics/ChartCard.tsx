import { Section, SectionCard } from '@blueprintjs/core';
import type { ChartData } from '../../../shared/analytics/chart-data';
import { chartHeight } from '../../../shared/analytics/chart-option';
import { coverageNote } from '../../../shared/analytics/imprecision';
import { EChart } from './EChart';
import { chartSvgForExport, EXPORT_WIDTH, exportHeight } from './export-image';
import { ExportButtons } from './ExportButtons';
import { AddToReport } from './AddToReport';
import type { FigureSpec } from '../../../shared/report/authoring/figure-spec';

export interface ChartCardProps {
  /** The chart's numbers. */
  chart: ChartData;
  /** Controls shown above the chart (the chart's own choices). */
  controls?: React.ReactNode;
  /** A fixed heading (the chart's title then shows below it), for cards whose chart changes, e.g. the builder. */
  heading?: string;
  /** The chart as a written report's figure would draw it; given, the card offers "Add to report…". */
  figure?: () => FigureSpec;
}

/** A chart with its title, its own controls, the note on imprecise items, and export buttons. */
export function ChartCard({ chart, controls, heading, figure }: ChartCardProps) {
  const empty = chart.categories.length === 0 || chart.series.length === 0;
  return (
    <Section
      title={heading ?? chart.title}
      subtitle={heading ? [chart.title, chart.subtitle].filter(Boolean).join('. ') : chart.subtitle}
      compact
      className="cf-card cf-chart-card"
      data-chart={chart.id}
      rightElement={
        <>
          {figure && <AddToReport spec={figure} title={chart.title} />}
          <ExportButtons title={chart.title} svg={() => ({ svg: chartSvgForExport(chart), width: EXPORT_WIDTH, height: exportHeight(chart) })} />
        </>
      }
    >
      {controls && <SectionCard className="cf-chart-controls">{controls}</SectionCard>}
      <SectionCard padded={false}>{empty ? <p className="cf-muted cf-pad">Nothing to draw with the filters and choices in force.</p> : <EChart chart={chart} height={chartHeight(chart)} />}</SectionCard>
      <SectionCard>
        <p className="cf-muted cf-note cf-coverage">{coverageNote(chart.coverage)}</p>
      </SectionCard>
    </Section>
  );
}
