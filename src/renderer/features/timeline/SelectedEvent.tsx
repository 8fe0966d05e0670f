import { Button } from '@blueprintjs/core';
import { LoadState } from '../../components/LoadState';
import { useCaseCall } from '../filters/useCaseCall';
import { CitedSources } from './CitedSources';
import { EventDetails } from './EventDetails';

export interface SelectedEventProps {
  /** The selected event's id; its full record is fetched. */
  id: string;
  /** Opens the editor on it. */
  onEdit(): void;
  /** Opens a cited source in the sources panel. */
  onOpenSource(id: string): void;
}

/** The selected event's full record (and the actors it names), with an Edit button. */
export function SelectedEvent({ id, onEdit, onOpenSource }: SelectedEventProps) {
  const loaded = useCaseCall('timeline:event', { id }, id);
  return (
    <LoadState loadable={loaded} what="the event">
      {({ event, actors }) => (
        <>
          <Button className="cf-edit-button" icon="edit" text="Edit" onClick={onEdit} />
          <EventDetails event={event} actors={new Map(actors.map((a) => [a.id, a]))} />
          <CitedSources event={event} onOpen={onOpenSource} />
        </>
      )}
    </LoadState>
  );
}
