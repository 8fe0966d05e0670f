import { caseSectionCompiler } from './case-section';
import { compileFact, compileFigure, compileFigureRef } from './figures-facts';
import type { LiveNodeCompiler } from './live-nodes';

/**
 * Every live node type and its compiler (the contract is in live-nodes.ts). Listed here rather
 * than registered by each module on import, so a compiler cannot go missing because nothing
 * happened to import its module.
 */
export const LIVE_NODE_COMPILERS: Readonly<Partial<Record<string, LiveNodeCompiler>>> = {
  figure: { block: compileFigure },
  figureRef: { inline: compileFigureRef },
  fact: { inline: compileFact },
  caseSection: caseSectionCompiler,
};
