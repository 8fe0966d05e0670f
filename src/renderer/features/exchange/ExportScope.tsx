import { Checkbox, FormGroup, HTMLSelect } from '@blueprintjs/core';
import { useState } from 'react';
import type { EventFilter } from '../../../shared/domain/filters';
import { TLP_LEVELS, type Marking } from '../../../shared/domain/marking';
import { useEventFilter } from '../filters/useEventFilter';

/**
 * What leaves the case, as every export path chooses it (.casefile, STIX bundle, TAXII push): a
 * maximum marking and optionally the filtered selection, and the left-out list shown before
 * anything is written or sent. One component, so the three paths cannot drift apart.
 */

export interface ExportScope {
  marking: Marking;
  setMarking: (m: Marking) => void;
  /** `{ filter }` when only the filtered selection leaves, else `{}`: spread into a request. */
  selection: { filter?: EventFilter };
  /** The selection as JSON, for effects (the object is new on every render). */
  selectionKey: string;
  filtered: boolean;
  onlySelection: boolean;
  setOnlySelection: (update: (v: boolean) => boolean) => void;
}

export function useExportScope(initial: Marking): ExportScope {
  const [marking, setMarking] = useState<Marking>(initial);
  const { filter } = useEventFilter();
  const filtered = Object.values(filter).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== '');
  const [onlySelection, setOnlySelection] = useState(false);
  const selection = onlySelection && filtered ? { filter } : {};
  return { marking, setMarking, selection, selectionKey: JSON.stringify(selection), filtered, onlySelection, setOnlySelection };
}

/** The maximum marking and the "only the filtered selection" choice. */
export function ExportScopeControls({ scope, markingLabel }: { scope: ExportScope; markingLabel: string }) {
  return (
    <>
      <FormGroup label="Up to marking">
        <HTMLSelect value={scope.marking} onChange={(e) => scope.setMarking(e.target.value as Marking)} options={[...TLP_LEVELS]} aria-label={markingLabel} />
      </FormGroup>
      <Checkbox
        label={scope.filtered ? 'Only the events that match the current filters (the filtered selection)' : 'Only the filtered selection (set filters in the bar above first)'}
        checked={scope.onlySelection && scope.filtered}
        disabled={!scope.filtered}
        onChange={() => scope.setOnlySelection((v) => !v)}
      />
    </>
  );
}

export interface LeftOutEntry {
  collection: string;
  id: string;
  label: string;
  reason: string;
}

/** Records above the marking or outside the selection, and pointers to them: shown before anything leaves. */
export function LeftOutList({ leftOut, total }: { leftOut: readonly LeftOutEntry[]; total?: number }) {
  const all = total ?? leftOut.length;
  return (
    <>
      <p>Left out or cut: {all}</p>
      {/* Focusable so the keyboard can scroll a long list (axe: scrollable-region-focusable). */}
      <ul className="cf-exchange-leftout" aria-label="Left out" tabIndex={0}>
        {leftOut.map((l) => (
          <li key={`${l.collection}/${l.id}`}>
            {l.label} — {l.reason}
          </li>
        ))}
        {all > leftOut.length && <li>… and {all - leftOut.length} more</li>}
      </ul>
    </>
  );
}
