/**
 * vis-timeline scrolls its rows vertically through the label panel on the left (`verticalScroll`),
 * a native scroll box that mouse wheels reach but the keyboard cannot: nothing in it takes focus.
 * Made focusable and named, arrow keys and Page Up/Down scroll it, and vis-timeline keeps the
 * items beside their labels as it does for the wheel (WCAG 2.1.1, axe "scrollable-region-focusable").
 * Attributes, not a class: vis-timeline rewrites the panel's className whenever options change.
 */
export function makeRowsKeyboardScrollable(root: HTMLElement, label: string): void {
  const panel = root.querySelector<HTMLElement>('.vis-panel.vis-left');
  if (!panel) return;
  panel.tabIndex = 0;
  panel.setAttribute('role', 'group');
  panel.setAttribute('aria-label', label);
}
