import { FormGroup, H6, HTMLSelect } from '@blueprintjs/core';
import type { EventFilter } from '../../../shared/domain/filters';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { interactionLabel } from '../../components/format';
import { withValue } from './chips';
import { Pick } from './Pick';

export interface AcledFilterFieldsProps {
  filter: EventFilter;
  setFilter(next: EventFilter): void;
  /** Values present in the case; the section shows only when some event carries ACLED's coding. */
  facets: ResponseOf<'timeline:facets'> | null;
}

type TextKey = 'acledEventTypes' | 'subEventTypes' | 'disorderTypes' | 'sourceScales' | 'admin2s' | 'admin3s';

const TEXT_FIELDS: ReadonlyArray<[TextKey, string]> = [
  ['acledEventTypes', 'ACLED event type'],
  ['subEventTypes', 'Sub-event type'],
  ['disorderTypes', 'Disorder type'],
  ['sourceScales', 'Source scale'],
  ['admin2s', 'Admin 2'],
  ['admin3s', 'Admin 3'],
];

/** Filters on ACLED's own coding (docs/import.md), offered with the values the case holds. */
export function AcledFilterFields({ filter, setFilter, facets }: AcledFilterFieldsProps) {
  if (!facets) return null;
  const anyAcled = facets.acledEventTypes.length > 0 || facets.interactions.length > 0 || facets.civilianTargeting;
  const anyPlace = facets.admin2s.length > 0 || facets.admin3s.length > 0;
  if (!anyAcled && !anyPlace) return null;
  const targeting = filter.civilianTargeting === undefined ? '' : filter.civilianTargeting ? 'yes' : 'no';
  return (
    <section aria-label="ACLED coding">
      <H6>ACLED coding and districts</H6>
      {TEXT_FIELDS.filter(([key]) => facets[key].length > 0).map(([key, label]) => (
        <Pick key={key} label={label} options={facets[key].map((v) => ({ value: v, label: v }))} onPick={(v) => setFilter(withValue(filter, key, v))} />
      ))}
      {facets.interactions.length > 0 && (
        <Pick label="Interaction" options={facets.interactions.map((code) => ({ value: String(code), label: `${interactionLabel(code)} (${code})` }))} onPick={(v) => setFilter(withValue(filter, 'interactions', Number(v)))} />
      )}
      {facets.civilianTargeting && (
        <FormGroup label="Civilian targeting" inline>
          <HTMLSelect
            aria-label="Civilian targeting"
            value={targeting}
            onChange={(e) => setFilter({ ...filter, civilianTargeting: e.currentTarget.value === '' ? undefined : e.currentTarget.value === 'yes' })}
            options={[
              { value: '', label: 'Any' },
              { value: 'yes', label: 'Civilians targeted' },
              { value: 'no', label: 'Civilians not targeted' },
            ]}
          />
        </FormGroup>
      )}
    </section>
  );
}
