import type { PartialDate } from '../domain/partial-date';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2024', 'March 2024' or '22 March 2024', with 'about ' for approximate dates. */
export function formatDate(date: PartialDate): string {
  const [y, m, d] = date.value.split('-');
  const text = date.precision === 'year' ? y! : date.precision === 'month' ? `${MONTHS[Number(m) - 1]} ${y}` : `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
  return date.approximate ? `about ${text}` : text;
}

/** 'counter-operation' → 'Counter operation'. */
export function humanizeWord(value: string): string {
  const text = value.replace(/[-_]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
