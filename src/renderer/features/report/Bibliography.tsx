import { Classes, Tag } from '@blueprintjs/core';
import type { Source } from '../../../shared/domain/source';
import { formatPartialDate, humanize } from '../../components/format';
import { MarkingTag } from '../../components/MarkingTag';

export interface BibliographyProps {
  /** The sources, in bibliography order. */
  sources: readonly Source[];
  /** How many records cite each source, by source id. */
  citedBy: ReadonlyMap<string, number>;
}

/** The numbered list of the case's sources with how many records cite each one. */
export function Bibliography({ sources, citedBy }: BibliographyProps) {
  return (
    <ol className="cf-bibliography" aria-label="Sources">
      {sources.map((source) => {
        const n = citedBy.get(source.id) ?? 0;
        return (
          <li key={source.id}>
            <div>
              {source.authors.length > 0 && <span>{source.authors.join(', ')}. </span>}
              <cite className="cf-strong">{source.title}</cite>
              {source.publisher && <span>. {source.publisher}</span>}
              {source.date && <span>, {formatPartialDate(source.date)}</span>}.
            </div>
            <div className="cf-tags">
              <Tag minimal>{humanize(source.kind)}</Tag>
              <Tag minimal title="Admiralty source reliability, A (completely reliable) to F (cannot be judged)">
                Reliability {source.reliability}
              </Tag>
              <Tag minimal>{source.language}</Tag>
              <MarkingTag marking={source.marking} />
              <span className={n === 0 ? Classes.TEXT_MUTED : undefined}>
                cited by {n} record{n === 1 ? '' : 's'}
              </span>
            </div>
            {source.url && (
              <div className={`${Classes.TEXT_MUTED} cf-url`} title="Kept as text; the workbench never opens links">
                {source.url}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
