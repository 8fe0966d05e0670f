/** Plain-text formatting for the views; pure, so main formats the same way (shared/text/format.ts). */
export * from '../../shared/text/format';
