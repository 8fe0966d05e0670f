import { Checkbox, FormGroup, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import { CHART_IDS, type ChartId } from '../../../shared/analytics/chart-data';
import { MAP_SCOPE_LABELS, MAP_SCOPES, type MapScope } from '../../../shared/analytics/map-model';
import { TLP_LEVELS, type Marking } from '../../../shared/domain/marking';
import type { ReportTemplate } from '../../../shared/report/template';
import { PolicySelect } from '../analytics/ChartControls';
import { SectionList } from './SectionList';

export const CHART_LABELS: Record<ChartId, string> = {
  'events-by-year-place': 'Events per year by place',
  'fatalities-by-province': 'Fatalities by province',
  'monthly-measures': 'Two measures per month',
  'seasonal-pattern': 'Seasonal pattern',
  series: 'Sourced series',
};

export interface TemplateFormProps {
  /** The template being edited. */
  template: ReportTemplate;
  /** Called with the changed template. */
  onChange(template: ReportTemplate): void;
}

/** The report's settings: texts, maximum marking, sections and their order, charts and map. */
export function TemplateForm({ template, onChange }: TemplateFormProps) {
  const set = (patch: Partial<ReportTemplate>) => onChange({ ...template, ...patch });
  return (
    <div className="cf-template-form">
      <FormGroup label="Title" labelFor="cf-report-title">
        <InputGroup id="cf-report-title" value={template.title} onValueChange={(title) => set({ title: title || ' ' })} />
      </FormGroup>
      <FormGroup label="Subtitle" labelFor="cf-report-subtitle">
        <InputGroup id="cf-report-subtitle" value={template.subtitle ?? ''} onValueChange={(subtitle) => set({ subtitle })} />
      </FormGroup>
      <FormGroup label="Author" labelFor="cf-report-author">
        <InputGroup id="cf-report-author" value={template.author ?? ''} onValueChange={(author) => set({ author })} />
      </FormGroup>
      <FormGroup label="Summary" labelFor="cf-report-summary" helperText="Your own words; a blank line starts a new paragraph.">
        <TextArea id="cf-report-summary" fill rows={6} value={template.summary} onChange={(e) => set({ summary: e.currentTarget.value })} />
      </FormGroup>
      <FormGroup label="Maximum marking" labelFor="cf-report-max">
        <HTMLSelect id="cf-report-max" value={template.maxMarking} onChange={(e) => set({ maxMarking: e.currentTarget.value as Marking })} options={[...TLP_LEVELS]} />
      </FormGroup>
      <FormGroup label="Sections">
        <SectionList sections={template.sections} onChange={(sections) => set({ sections })} />
      </FormGroup>
      <FormGroup label="Charts">
        {CHART_IDS.map((id) => (
          <Checkbox key={id} label={CHART_LABELS[id]} checked={template.charts.includes(id)} onChange={(e) => set({ charts: e.currentTarget.checked ? CHART_IDS.filter((c) => c === id || template.charts.includes(c)) : template.charts.filter((c) => c !== id) })} />
        ))}
      </FormGroup>
      <PolicySelect value={template.chartSettings.policy} onChange={(policy) => set({ chartSettings: { ...template.chartSettings, policy } })} />
      <FormGroup label="Map" labelFor="cf-report-map">
        <HTMLSelect id="cf-report-map" value={template.mapScope} onChange={(e) => set({ mapScope: e.currentTarget.value as MapScope })} options={MAP_SCOPES.map((s) => ({ value: s, label: MAP_SCOPE_LABELS[s] }))} />
      </FormGroup>
    </div>
  );
}
