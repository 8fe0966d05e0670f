import { Button, Callout, Dialog, DialogBody, DialogFooter, H5, Spinner } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { newId } from '../../../../shared/domain/ids';
import type { Marking } from '../../../../shared/domain/marking';
import type { AppError } from '../../../../shared/ipc/errors';
import { showSuccess } from '../../../app/toaster';
import { call } from '../../../ipc/client';
import { below, ClaimsFields } from './ClaimsFields';
import { CitationsFields } from './CitationsFields';
import { defaultCountryRequest, draftOf, emptyDraft, recordOf, type EventDraft, type FieldErrors } from './draft';
import { EventFields } from './EventFields';
import { ParticipantsFields } from './ParticipantsFields';

export interface EventEditorProps {
  /** The event to edit; null to create one. */
  eventId: string | null;
  onClose(): void;
  /** Called with the event's id once the whole record is saved. */
  onSaved(id: string): void;
  /** The view's maximum marking: a new event's default country comes only from events within it. */
  maxMarking?: Marking;
}

/**
 * The event editor: every field of an event, its responsibility claims, targets and participants,
 * and citations. The whole record is checked here (messages under the fields) and again in main,
 * and saved in one `records:put` — one undo step — or not at all.
 */
export function EventEditor({ eventId, onClose, onSaved, maxMarking }: EventEditorProps) {
  const [draft, setDraft] = useState<EventDraft | null>(eventId ? null : emptyDraft(newId('event'), 'TLP:AMBER'));
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);

  // A new event starts in the case's most frequent country, unless the analyst already chose one.
  useEffect(() => {
    if (eventId) return;
    void call('timeline:facets', defaultCountryRequest(maxMarking)).then((result) => {
      const top = result.ok ? result.value.topCountry : null;
      if (top) setDraft((current) => (current && current.country === '' ? { ...current, country: top } : current));
    });
  }, [eventId, maxMarking]);

  useEffect(() => {
    if (!eventId) return;
    void call('timeline:event', { id: eventId }).then((result) => (result.ok ? setDraft(draftOf(result.value.event)) : setLoadError(result.error)));
  }, [eventId]);

  const change = (patch: Partial<EventDraft>) => setDraft((current) => (current ? { ...current, ...patch } : current));
  const save = async () => {
    if (!draft) return;
    const built = recordOf(draft);
    if (!built.ok) {
      setErrors(built.errors);
      setSaveError({ code: 'VALIDATION', message: `${Object.keys(built.errors).length} field(s) need attention; nothing was saved.` });
      return;
    }
    setErrors({});
    setSaving(true);
    const result = await call('records:put', { collection: 'events', record: built.event });
    setSaving(false);
    if (!result.ok) {
      setSaveError(result.error);
      return;
    }
    showSuccess(result.value.summary);
    onSaved(built.event.id);
  };

  return (
    <Dialog isOpen onClose={onClose} title={eventId ? 'Edit event' : 'New event'} icon="edit" className="cf-editor-dialog" canOutsideClickClose={false}>
      <DialogBody>
        {loadError && <Callout intent="danger" title="Could not load the event">{loadError.message}</Callout>}
        {!draft && !loadError && <Spinner aria-label="Loading the event" />}
        {draft && (
          <form aria-label="Event" onSubmit={(e) => { e.preventDefault(); void save(); }}>
            <EventFields draft={draft} onChange={change} errors={errors} />
            <section className="cf-editor-section" aria-label="Responsibility claims">
              <H5>Responsibility</H5>
              <ClaimsFields claims={draft.claims} onChange={(claims) => change({ claims })} errors={below(errors, 'responsibility.')} />
            </section>
            <section className="cf-editor-section" aria-label="Targets and participants">
              <H5>Targets and participants</H5>
              <ParticipantsFields participants={draft.participants} onChange={(participants) => change({ participants })} errors={below(errors, 'participants.')} />
            </section>
            <section className="cf-editor-section" aria-label="Citations">
              <H5>Citations</H5>
              <CitationsFields owner="event" citations={draft.citations} onChange={(citations) => change({ citations })} errors={below(errors, 'citations.')} />
            </section>
          </form>
        )}
        {saveError && (
          <Callout intent="danger" title="Not saved" role="alert" className="cf-save-error">
            {saveError.message}
          </Callout>
        )}
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text="Cancel" onClick={onClose} />
            <Button intent="primary" text="Save event" loading={saving} disabled={!draft} onClick={() => void save()} />
          </>
        }
      />
    </Dialog>
  );
}
