import { Button, ButtonGroup } from '@blueprintjs/core';
import { useEffect, useState, type ReactNode } from 'react';
import { TAXII_PAGE, type TaxiiList } from '../../../shared/ipc/channels/taxii';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { showError } from '../../app/toaster';
import { call } from '../../ipc/client';

type Page = ResponseOf<'taxii:review-page'>;

/** The entries of a page answer for one list (only that list is set). */
export function entriesOf<K extends keyof Omit<Page, 'total'>>(page: Page, key: K): NonNullable<Page[K]> {
  return (page[key] ?? []) as NonNullable<Page[K]>;
}

/**
 * One list of a pull review or push report, a page at a time: the first page comes with the
 * review, the others from `taxii:review-page`, so every entry can be seen however many there are.
 */
export function useTaxiiPage<T>(token: string, list: TaxiiList, first: readonly T[], pick: (page: Page) => readonly T[]) {
  const [page, setPage] = useState<{ offset: number; items: readonly T[] }>({ offset: 0, items: first });
  useEffect(() => setPage({ offset: 0, items: first }), [token, first]);
  const turn = async (offset: number) => {
    const result = await call('taxii:review-page', { token, list, offset });
    if (!result.ok) return showError('The list could not be shown', result.error);
    setPage({ offset, items: pick(result.value) });
  };
  return { ...page, turn };
}

/** Previous / Next over a list of `total` entries, and which ones are shown. */
export function PageButtons({ what, offset, total, onTurn }: { what: string; offset: number; total: number; onTurn: (offset: number) => void }) {
  if (total <= TAXII_PAGE) return null;
  return (
    <ButtonGroup aria-label={`${what} pages`}>
      <Button small icon="chevron-left" text="Previous" aria-label={`Previous ${what}`} disabled={offset === 0} onClick={() => onTurn(Math.max(0, offset - TAXII_PAGE))} />
      <Button small rightIcon="chevron-right" text="Next" aria-label={`Next ${what}`} disabled={offset + TAXII_PAGE >= total} onClick={() => onTurn(offset + TAXII_PAGE)} />
      <span className="cf-exchange-page">
        {what} {offset + 1}–{Math.min(offset + TAXII_PAGE, total)} of {total}
      </span>
    </ButtonGroup>
  );
}

/** A paged list with a title, folded by default unless `open`. */
export function TaxiiPagedList<T>({ token, list, title, total, first, pick, render, itemKey, open }: { token: string; list: TaxiiList; title: string; total: number; first: readonly T[]; pick: (page: Page) => readonly T[]; render: (item: T) => ReactNode; itemKey: (item: T) => string; open?: boolean }) {
  const { offset, items, turn } = useTaxiiPage(token, list, first, pick);
  if (total === 0) return null;
  return (
    <details open={open} data-testid={`taxii-list-${list}`}>
      <summary>
        {title}: {total}
      </summary>
      <PageButtons what={title} offset={offset} total={total} onTurn={(o) => void turn(o)} />
      <ul className="cf-exchange-leftout" aria-label={title} tabIndex={0}>
        {items.map((item) => (
          <li key={itemKey(item)}>{render(item)}</li>
        ))}
      </ul>
    </details>
  );
}
