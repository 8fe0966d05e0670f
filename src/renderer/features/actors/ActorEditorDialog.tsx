import { Button, Callout, Dialog, DialogBody, DialogFooter, FormGroup, HTMLSelect, InputGroup, Intent, TextArea } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { ActorKind, ActorStatus, type Actor } from '../../../shared/domain/actor';
import { TLP_LEVELS } from '../../../shared/domain/marking';
import { showError, showSuccess } from '../../app/toaster';
import { humanize } from '../../components/format';
import { call } from '../../ipc/client';
import { actorFromDraft, draftOf, emptyDraft, type ActorDraft } from './actorDraft';
import { AliasRows } from './AliasRows';
import { CitationsField } from './CitationsField';

export interface ActorEditorDialogProps {
  /** Open or closed. */
  isOpen: boolean;
  /** The actor to edit; null creates a new one. */
  actor: Actor | null;
  /** Closes the dialog. */
  onClose(): void;
  /** Called with the saved actor's id. */
  onSaved(id: string): void;
}

const FACT_FIELDS = ['name', 'kind', 'roles', 'nationality', 'description', 'tags'] as const;

/** Creates or edits an actor: kind, names in every script, status, roles and sources for each fact. */
export function ActorEditorDialog({ isOpen, actor, onClose, onSaved }: ActorEditorDialogProps) {
  const [draft, setDraft] = useState<ActorDraft>(() => (actor ? draftOf(actor) : emptyDraft('TLP:AMBER')));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (isOpen) {
      setDraft(actor ? draftOf(actor) : emptyDraft('TLP:AMBER'));
      setProblem(null);
    }
  }, [isOpen, actor]);
  const set = (patch: Partial<ActorDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const save = async () => {
    const built = actorFromDraft(draft);
    if (!built.ok) {
      setProblem(built.message);
      return;
    }
    setSaving(true);
    const result = await call('records:put', { collection: 'actors', record: built.actor });
    setSaving(false);
    if (!result.ok) {
      showError('Saving the actor', result.error);
      return;
    }
    showSuccess(result.value.summary);
    onSaved(built.actor.id);
  };

  const remove = async () => {
    if (!actor) return;
    const result = await call('records:delete', { collection: 'actors', id: actor.id });
    if (!result.ok) return showError('Deleting the actor', result.error);
    showSuccess(`${result.value.summary}. Ctrl+Z brings it back.`);
    onClose();
  };

  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={actor ? `Edit ${actor.name}` : 'New actor'} className="cf-actor-dialog" canOutsideClickClose={false}>
      <DialogBody>
        <div className="cf-form-grid">
          <FormGroup label="Kind" labelFor="actor-kind">
            <HTMLSelect id="actor-kind" value={draft.kind} onChange={(e) => set({ kind: e.currentTarget.value as Actor['kind'] })}>
              {ActorKind.options.map((k) => (
                <option key={k} value={k}>
                  {humanize(k)}
                </option>
              ))}
            </HTMLSelect>
          </FormGroup>
          <FormGroup label="Primary name" labelFor="actor-name">
            <InputGroup id="actor-name" dir="auto" value={draft.name} onValueChange={(name) => set({ name })} autoFocus />
          </FormGroup>
          <FormGroup label="Marking" labelFor="actor-marking">
            <HTMLSelect id="actor-marking" value={draft.marking} onChange={(e) => set({ marking: e.currentTarget.value as ActorDraft['marking'] })}>
              {TLP_LEVELS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </HTMLSelect>
          </FormGroup>
        </div>
        <FormGroup label="Aliases" helperText="Names in other languages and scripts; each with its transliteration and sources.">
          <AliasRows aliases={draft.aliases} onChange={(aliases) => set({ aliases })} />
        </FormGroup>
        <div className="cf-form-grid">
          <FormGroup label="Status" labelFor="actor-status">
            <HTMLSelect id="actor-status" value={draft.statusValue} onChange={(e) => set({ statusValue: e.currentTarget.value as ActorDraft['statusValue'] })}>
              <option value="">not recorded</option>
              {ActorStatus.shape.value.options.map((s) => (
                <option key={s} value={s}>
                  {humanize(s)}
                </option>
              ))}
            </HTMLSelect>
          </FormGroup>
          <FormGroup label="Status as of" labelFor="actor-status-from" helperText="when a source gave this status (not when the group began): 2024, 2024-03 or 2024-03-22">
            <InputGroup id="actor-status-from" value={draft.statusFrom} onValueChange={(statusFrom) => set({ statusFrom })} disabled={!draft.statusValue} />
          </FormGroup>
          <FormGroup label="Nationality" labelFor="actor-nationality" helperText="Two-letter ISO 3166-1 country codes, separated by commas">
            <InputGroup id="actor-nationality" value={draft.nationality} onValueChange={(nationality) => set({ nationality })} />
          </FormGroup>
        </div>
        {draft.statusValue && <CitationsField label="status" citations={draft.statusCitations} onChange={(statusCitations) => set({ statusCitations })} />}
        <FormGroup label="Roles" labelFor="actor-roles" helperText="One per line">
          <TextArea id="actor-roles" fill rows={2} dir="auto" value={draft.roles} onChange={(e) => set({ roles: e.currentTarget.value })} />
        </FormGroup>
        <FormGroup label="Description" labelFor="actor-description">
          <TextArea id="actor-description" fill rows={3} dir="auto" value={draft.description} onChange={(e) => set({ description: e.currentTarget.value })} />
        </FormGroup>
        <FormGroup label="Tags" labelFor="actor-tags" helperText="Comma separated">
          <InputGroup id="actor-tags" value={draft.tags} onValueChange={(tags) => set({ tags })} />
        </FormGroup>
        <FormGroup label="Sources for the actor" helperText="Pin a citation to the fact it supports (name, roles, …) or to the whole record.">
          <CitationsField label="the actor" citations={draft.citations} fields={FACT_FIELDS} onChange={(citations) => set({ citations })} />
        </FormGroup>
        {problem && (
          <Callout intent={Intent.DANGER} role="alert">
            {problem}
          </Callout>
        )}
      </DialogBody>
      <DialogFooter
        actions={
          <>
            {actor && <Button intent={Intent.DANGER} variant="minimal" icon="trash" text="Delete actor" onClick={() => void remove()} />}
            <Button text="Cancel" onClick={onClose} />
            <Button intent={Intent.PRIMARY} text={actor ? 'Save actor' : 'Create actor'} loading={saving} onClick={() => void save()} />
          </>
        }
      />
    </Dialog>
  );
}
