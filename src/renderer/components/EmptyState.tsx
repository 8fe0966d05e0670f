import { NonIdealState, NonIdealStateIconSize, type IconName } from '@blueprintjs/core';
import type { JSX, ReactNode } from 'react';

export interface EmptyStateProps {
  /** Blueprint icon shown above the title. */
  icon: IconName;
  /** One short sentence saying what is missing, e.g. "No events yet". */
  title: string;
  /** What the analyst can do about it. */
  description?: ReactNode;
  /** An optional button that fixes it. */
  action?: JSX.Element;
}

/** The clear "nothing here yet" state every view shows for a case without records. */
export function EmptyState({ icon, title, description, action }: EmptyStateProps) {
  return (
    <div className="cf-empty">
      <NonIdealState icon={icon} iconSize={NonIdealStateIconSize.STANDARD} title={title} description={description} action={action} />
    </div>
  );
}
