import { Menu, MenuItem } from '@blueprintjs/core';
import type { SuggestionProps } from '@tiptap/suggestion';
import type { CiteCandidate } from '../../../../shared/ipc/channels/written-reports';
import { recordNoun } from '../../../../shared/text/format';

export type CiteSuggestion = SuggestionProps<CiteCandidate, CiteCandidate>;

interface CitationMenuProps {
  suggestion: CiteSuggestion;
  active: number;
}

/** The "@" search's results under the cursor; arrows move, Enter cites, Escape closes (keys handled in the editor). */
export function CitationMenu({ suggestion, active }: CitationMenuProps) {
  const rect = suggestion.clientRect?.();
  const style = rect ? { top: rect.bottom + 4, left: rect.left } : { top: 80, left: 80 };
  return (
    <div className="cf-cite-menu" style={style} role="dialog" aria-label="Cite a record">
      <Menu role="listbox" aria-label={suggestion.query.trim() ? `Records matching ${suggestion.query}` : 'Type to search the case'}>
        {suggestion.items.length === 0 && <MenuItem disabled text={suggestion.query.trim() ? `Nothing in the case matches “${suggestion.query}”.` : 'Type a name or title: sources, events and actors, in any script.'} />}
        {suggestion.items.map((item, i) => (
          <MenuItem
            key={`${item.kind}:${item.id}`}
            role="option"
            aria-selected={i === active}
            active={i === active}
            text={item.label}
            label={recordNoun(item.kind)}
            title={item.detail}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => suggestion.command(item)}
          />
        ))}
      </Menu>
    </div>
  );
}
