import { HTMLTable, Section, SectionCard } from '@blueprintjs/core';
import type { ReactNode } from 'react';
import type { Bar } from './aggregate';

export interface CountCardProps {
  /** Heading of the card, e.g. "Events by year". */
  title: string;
  /** A line under the heading: what is counted and in which unit. */
  subtitle?: string;
  /** Header of the label column, e.g. "Year". */
  labelHeader: string;
  /** Header of the value column, e.g. "Events". */
  valueHeader: string;
  /** The counts, top to bottom. */
  bars: readonly Bar[];
  /** A note under the table saying what was done with imprecise items. */
  note?: ReactNode;
}

/**
 * A table of counts with a bar drawn in each row, scaled to the largest value. The numbers are
 * the table's text; the bars only repeat them (hidden from screen readers).
 */
export function CountCard({ title, subtitle, labelHeader, valueHeader, bars, note }: CountCardProps) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <Section title={title} subtitle={subtitle} compact className="cf-card">
      <SectionCard padded={false}>
        <HTMLTable compact className="cf-table cf-count-table" aria-label={title}>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col" className="cf-num">
                {valueHeader}
              </th>
              <th scope="col" className="cf-bar-cell">
                <span className="cf-visually-hidden">Bar</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar, i) => (
              <tr key={`${bar.label}-${i}`}>
                <td className="cf-bar-label">{bar.label}</td>
                <td className="cf-num">{bar.value.toLocaleString('en')}</td>
                <td className="cf-bar-cell" aria-hidden="true">
                  <svg className="cf-bar-svg" width="100%" height="12" preserveAspectRatio="none">
                    <rect x="0" y="0" height="12" rx="2" width={`${(bar.value / max) * 100}%`} className="cf-bar" />
                  </svg>
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      </SectionCard>
      {note && (
        <SectionCard>
          <p className="cf-muted cf-note">{note}</p>
        </SectionCard>
      )}
    </Section>
  );
}
