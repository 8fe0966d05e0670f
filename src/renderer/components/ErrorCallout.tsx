import { Callout, Intent } from '@blueprintjs/core';
import type { AppError } from '../../shared/ipc/errors';

export interface ErrorCalloutProps {
  /** What was being attempted, e.g. "Could not load the events". */
  title: string;
  /** The error value returned by main; its message is shown as written. */
  error: AppError;
}

/** An error in words, never swallowed: the title says what failed, the message what to do. */
export function ErrorCallout({ title, error }: ErrorCalloutProps) {
  return (
    <Callout intent={Intent.DANGER} title={title} icon="error" role="alert">
      {error.message} <span className="cf-muted">({error.code})</span>
    </Callout>
  );
}
