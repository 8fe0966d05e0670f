import { Button } from '@blueprintjs/core';
import { useMemo } from 'react';
import { useRecords } from '../../app/useRecords';
import { LoadState } from '../../components/LoadState';
import { useCaseCall } from '../filters/useCaseCall';
import { EventDetails } from './EventDetails';

export interface SelectedEventProps {
  /** The selected event's id; its full record is fetched. */
  id: string;
  /** Opens the editor on it. */
  onEdit(): void;
}

/** The selected event's full record, with an Edit button. */
export function SelectedEvent({ id, onEdit }: SelectedEventProps) {
  const loaded = useCaseCall('timeline:event', { id }, id);
  const actors = useRecords('records:actors');
  const byId = useMemo(() => new Map((actors.state === 'ready' ? actors.value : []).map((a) => [a.id, a])), [actors]);
  return (
    <LoadState loadable={loaded} what="the event">
      {({ event }) => (
        <>
          <Button className="cf-edit-button" icon="edit" text="Edit" onClick={onEdit} />
          <EventDetails event={event} actors={byId} />
        </>
      )}
    </LoadState>
  );
}
