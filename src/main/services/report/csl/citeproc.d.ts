/** citeproc-js as citeproc-plus bundles it (ES build; the package ships no types). */
declare module 'citeproc-plus/dist/citeproc_commonjs-2c93c43e.js' {
  export const c: { default: unknown };
}
