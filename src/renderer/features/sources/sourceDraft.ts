import { PartialDate, partialDate } from '../../../shared/domain/partial-date';
import { Source, tidyAuthorName, type Attachment, type Reliability, type SourceKind } from '../../../shared/domain/source';
import type { Marking } from '../../../shared/domain/marking';

/** A source as the form holds it. */
export interface SourceDraft {
  id: string;
  title: string;
  publisher: string;
  outlet: string;
  volume: string;
  issue: string;
  pages: string;
  authors: string;
  date: string;
  accessed: string;
  kind: SourceKind;
  language: string;
  reliability: Reliability;
  url: string;
  marking: Marking;
  attachment: Attachment | null;
}

export function sourceDraftOf(s: Source): SourceDraft {
  return {
    id: s.id, title: s.title, publisher: s.publisher ?? '', outlet: s.outlet ?? '', volume: s.volume ?? '', issue: s.issue ?? '', pages: s.pages ?? '',
    authors: s.authors.join('; '), date: s.date?.value ?? '', accessed: s.accessed?.value ?? '', kind: s.kind, language: s.language,
    reliability: s.reliability, url: s.url ?? '', marking: s.marking, attachment: s.attachment ?? null,
  };
}

export function emptySourceDraft(id: string): SourceDraft {
  return { id, title: '', publisher: '', outlet: '', volume: '', issue: '', pages: '', authors: '', date: '', accessed: '', kind: 'news-report', language: 'en', reliability: 'F', url: '', marking: 'TLP:AMBER', attachment: null };
}

/** The source record, or messages by field. */
export function sourceOf(d: SourceDraft): { ok: true; source: Source } | { ok: false; errors: Record<string, string> } {
  const date = d.date.trim() ? partialDate(d.date.trim()) : undefined;
  const accessed = d.accessed.trim() ? partialDate(d.accessed.trim()) : undefined;
  const text = (key: 'publisher' | 'outlet' | 'volume' | 'issue' | 'pages') => (d[key].trim() ? { [key]: d[key].trim() } : {});
  const candidate = {
    id: d.id,
    title: d.title.trim(),
    ...text('publisher'),
    ...text('outlet'),
    ...text('volume'),
    ...text('issue'),
    ...text('pages'),
    authors: [...new Set(d.authors.split(';').map(tidyAuthorName).filter(Boolean))],
    ...(date ? { date } : {}),
    ...(accessed ? { accessed } : {}),
    kind: d.kind,
    language: d.language.trim(),
    reliability: d.reliability,
    ...(d.url.trim() ? { url: d.url.trim() } : {}),
    ...(d.attachment ? { attachment: d.attachment } : {}),
    marking: d.marking,
  };
  if (date && !PartialDate.safeParse(date).success) return { ok: false, errors: { date: `“${d.date}” is not a date: use 2024, 2024-03 or 2024-03-22` } };
  if (accessed && !PartialDate.safeParse(accessed).success) return { ok: false, errors: { accessed: `“${d.accessed}” is not a date: use 2024-03-22 (or 2024-03, 2024)` } };
  const parsed = Source.safeParse(candidate);
  if (parsed.success) return { ok: true, source: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[issue.path[0] === undefined ? '' : String(issue.path[0])] ??= issue.message;
  return { ok: false, errors };
}
