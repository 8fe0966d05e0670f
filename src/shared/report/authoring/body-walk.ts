import type { BodyNode } from '../../domain/written-report';

/** A node met walking a body, with its place among the nodes of its type (the editor finds it again by that). */
export interface Visited {
  node: BodyNode;
  /** 0-based, in reading order, among nodes of the same type. */
  ordinal: number;
}

/** Every node of the given types, in reading order. */
export function nodesOfTypes(body: BodyNode, types: readonly string[]): Map<string, Visited[]> {
  const out = new Map<string, Visited[]>(types.map((t) => [t, []]));
  const walk = (node: BodyNode) => {
    const list = out.get(node.type);
    if (list) list.push({ node, ordinal: list.length });
    for (const child of node.content ?? []) walk(child);
  };
  walk(body);
  return out;
}

/** Figure numbers by figure id, in reading order ("Figure 1" is the first figure); `keep` drops figures (an export's marking cut). */
export function figureNumbers(body: BodyNode, keep: (figure: BodyNode) => boolean = () => true): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const { node } of nodesOfTypes(body, ['figure']).get('figure') ?? []) {
    const id = node.attrs?.['id'];
    if (typeof id !== 'string' || !keep(node)) continue;
    if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
  }
  return numbers;
}

export function stringAttr(node: BodyNode, name: string): string {
  const value = node.attrs?.[name];
  return typeof value === 'string' ? value : '';
}
