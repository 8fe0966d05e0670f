/** A span whose text is set with textContent: the only way a record's text enters the chart. */
export function textElement(text: string, className: string): HTMLElement {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}
