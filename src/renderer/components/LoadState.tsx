import { Spinner, SpinnerSize } from '@blueprintjs/core';
import type { ReactNode } from 'react';
import type { Loadable } from '../app/loadable';
import { ErrorCallout } from './ErrorCallout';

export interface LoadStateProps<T> {
  /** The data being waited for. */
  loadable: Loadable<T>;
  /** What is being loaded, for the error title: "the events". */
  what: string;
  /** Renders the data once it is ready. */
  children: (value: T) => ReactNode;
}

/** A spinner while loading, the error in words on failure, the view once ready. */
export function LoadState<T>({ loadable, what, children }: LoadStateProps<T>) {
  if (loadable.state === 'loading') {
    return (
      <div className="cf-center" aria-busy="true">
        <Spinner size={SpinnerSize.STANDARD} aria-label={`Loading ${what}`} />
      </div>
    );
  }
  if (loadable.state === 'error') {
    return (
      <div className="cf-pad">
        <ErrorCallout title={`Could not load ${what}`} error={loadable.error} />
      </div>
    );
  }
  return <>{children(loadable.value)}</>;
}
