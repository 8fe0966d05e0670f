import { createContext, useContext } from 'react';
import type { OpenCase } from '../../shared/ipc/contract';

/** The open case as the views see it. */
export interface CaseContextValue {
  /** Summary of the open case (name, counts, autosave, undo). */
  open: OpenCase;
  /** Grows whenever the case's records may have changed; views reload when it does. */
  version: number;
}

export const CaseContext = createContext<CaseContextValue | null>(null);

/** The open case; only used below the point where App knows a case is open. */
export function useOpenCase(): CaseContextValue {
  const value = useContext(CaseContext);
  if (!value) throw new Error('useOpenCase() is only available while a case is open.');
  return value;
}
