import type { EditorView } from '@tiptap/pm/view';
import { call } from '../../../ipc/client';

/**
 * Current values of the report's living numbers, by spec, as main computed them from the case.
 * The editor asks for the specs it has not seen (a fact just inserted) and for all of them again
 * when the case changes (`invalidate`), then redraws the numbers (`onChange`).
 */
export class LiveValues {
  private readonly values = new Map<string, number | null>();
  private asked = new Set<string>();
  private pending: ReturnType<typeof setTimeout> | null = null;
  onChange: () => void = () => {};

  /** The value now; undefined while it is being computed, null when the case gives none. */
  get(spec: string): number | null | undefined {
    return this.values.get(spec);
  }

  /** Asks main for the values of specs not known yet (batched). */
  ensure(specs: Iterable<string>): void {
    let missing = false;
    for (const spec of specs) {
      if (this.values.has(spec) || this.asked.has(spec)) continue;
      this.asked.add(spec);
      missing = true;
    }
    if (missing && this.pending === null) this.pending = setTimeout(() => void this.fetch(), 50);
  }

  /** The case changed: every value is asked for again. */
  invalidate(specs: Iterable<string>): void {
    this.asked = new Set();
    const all = [...specs];
    for (const spec of all) this.asked.add(spec);
    void this.fetch(all, true);
  }

  private async fetch(specs: string[] = [...this.asked].filter((s) => !this.values.has(s)), replace = false): Promise<void> {
    this.pending = null;
    if (specs.length === 0) return;
    const result = await call('reports:facts', { specs: specs.slice(0, 500) });
    if (!result.ok) return;
    if (replace) this.values.clear();
    specs.slice(0, 500).forEach((spec, i) => this.values.set(spec, result.value.values[i] ?? null));
    this.onChange();
  }
}

/** The specs of every fact in the editor's document. */
export function factSpecsIn(view: EditorView): Set<string> {
  const specs = new Set<string>();
  view.state.doc.descendants((node) => {
    if (node.type.name === 'fact') specs.add(String(node.attrs['spec']));
    return true;
  });
  return specs;
}
