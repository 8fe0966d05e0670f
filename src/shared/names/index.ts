export { detectScript, isRightToLeft, scriptOfLetter, type NameScript } from './script';
export { normaliseName, nameTokens } from './normalise';
export { toLatin } from './transliterate';
export { foldLatin, nameKeys, nameWords, tokenKeys, wholeNameKeys, type TokenKeys } from './keys';
export { NameIndex, type NameHit, type NamedEntry } from './name-index';
export { actorNames, actorNameIndex } from './actor-names';
