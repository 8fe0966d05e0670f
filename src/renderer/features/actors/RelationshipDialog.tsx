import { Button, Callout, Dialog, DialogBody, DialogFooter, FormGroup, HTMLSelect, InputGroup, Intent, Radio, RadioGroup, TextArea } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import type { Actor } from '../../../shared/domain/actor';
import type { Citation } from '../../../shared/domain/citation';
import { newId } from '../../../shared/domain/ids';
import { TLP_LEVELS, type Marking } from '../../../shared/domain/marking';
import { Relationship, RELATIONSHIP_TYPES } from '../../../shared/domain/relationship';
import { showError, showSuccess } from '../../app/toaster';
import { useRecordsById } from '../../app/useRecordsById';
import { humanize } from '../../components/format';
import { call } from '../../ipc/client';
import { ActorPicker } from './ActorPicker';
import { parseDateField } from './actorDraft';
import { CitationsField } from './CitationsField';

export interface RelationshipDialogProps {
  /** Open or closed. */
  isOpen: boolean;
  /** The actor the dialog was opened from; it is one end of the relationship. */
  actor: Actor;
  /** The relationship to edit; null adds one. */
  relationship: Relationship | null;
  /** Closes the dialog. */
  onClose(): void;
}

const CUSTOM = '__custom';

/** Adds or edits a typed, directed, dated, sourced relationship between this actor and another. */
export function RelationshipDialog({ isOpen, actor, relationship, onClose }: RelationshipDialogProps) {
  const [type, setType] = useState<string>('member-of');
  const [custom, setCustom] = useState('');
  const [outgoing, setOutgoing] = useState(true);
  const [other, setOther] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [confidence, setConfidence] = useState<Relationship['confidence']>('medium');
  const [description, setDescription] = useState('');
  const [marking, setMarking] = useState<Marking>('TLP:AMBER');
  const [citations, setCitations] = useState<Citation[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!isOpen) return;
    const r = relationship;
    const builtIn = !r || (RELATIONSHIP_TYPES as readonly string[]).includes(r.type);
    setType(r ? (builtIn ? r.type : CUSTOM) : 'member-of');
    setCustom(r && !builtIn ? r.type.replace(/^custom:/, '') : '');
    setOutgoing(!r || r.sourceActorId === actor.id);
    setOther(r ? (r.sourceActorId === actor.id ? r.targetActorId : r.sourceActorId) : null);
    setFrom(r?.from?.value ?? '');
    setTo(r?.to?.value ?? '');
    setConfidence(r?.confidence ?? 'medium');
    setDescription(r?.description ?? '');
    setMarking(r?.marking ?? 'TLP:AMBER');
    setCitations(r?.citations ?? []);
    setProblem(null);
  }, [isOpen, relationship, actor.id]);

  const save = async () => {
    if (!other) return setProblem('Pick the other actor.');
    const fromDate = parseDateField(from);
    const toDate = parseDateField(to);
    if (typeof fromDate === 'string') return setProblem(`From: ${fromDate}`);
    if (typeof toDate === 'string') return setProblem(`To: ${toDate}`);
    const candidate = {
      id: relationship?.id ?? newId('relationship'),
      type: type === CUSTOM ? `custom:${custom.trim().toLowerCase()}` : type,
      sourceActorId: outgoing ? actor.id : other,
      targetActorId: outgoing ? other : actor.id,
      confidence,
      marking,
      citations,
      ...(fromDate ? { from: fromDate } : {}),
      ...(toDate ? { to: toDate } : {}),
      ...(description.trim() ? { description: description.trim() } : {}),
    };
    const parsed = Relationship.safeParse(candidate);
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? 'The relationship is not valid.');
    const result = await call('records:put', { collection: 'relationships', record: parsed.data });
    if (!result.ok) return showError('Saving the relationship', result.error);
    showSuccess(result.value.summary);
    onClose();
  };

  const remove = async () => {
    if (!relationship) return;
    const result = await call('records:delete', { collection: 'relationships', id: relationship.id });
    if (!result.ok) return showError('Deleting the relationship', result.error);
    showSuccess(`${result.value.summary}. Ctrl+Z brings it back.`);
    onClose();
  };

  const actors = useRecordsById('records:actors', other ? [other] : []);
  const otherName = other ? (actors.get(other)?.name ?? other) : 'the other actor';
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={relationship ? 'Edit relationship' : `Link ${actor.name} to another actor`} className="cf-relationship-dialog" canOutsideClickClose={false}>
      <DialogBody>
        <FormGroup label="Other actor">
          <ActorPicker label="Other actor" value={other} exclude={[actor.id]} onChange={setOther} />
        </FormGroup>
        <FormGroup label="Type" labelFor="relationship-type">
          <HTMLSelect id="relationship-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
            {RELATIONSHIP_TYPES.map((t) => (
              <option key={t} value={t}>
                {humanize(t)}
              </option>
            ))}
            <option value={CUSTOM}>Other (type it)…</option>
          </HTMLSelect>
          {type === CUSTOM && <InputGroup aria-label="Custom relationship type" placeholder="e.g. funded by" value={custom} onValueChange={setCustom} />}
        </FormGroup>
        <RadioGroup label="Direction" selectedValue={outgoing ? 'out' : 'in'} onChange={(e) => setOutgoing(e.currentTarget.value === 'out')}>
          <Radio value="out" label={`${actor.name} → ${otherName}`} />
          <Radio value="in" label={`${otherName} → ${actor.name}`} />
        </RadioGroup>
        <div className="cf-form-grid">
          <FormGroup label="From" labelFor="relationship-from" helperText="2019, 2019-06 or 2019-06-01">
            <InputGroup id="relationship-from" value={from} onValueChange={setFrom} />
          </FormGroup>
          <FormGroup label="To" labelFor="relationship-to" helperText="blank while it lasts">
            <InputGroup id="relationship-to" value={to} onValueChange={setTo} />
          </FormGroup>
          <FormGroup label="Confidence" labelFor="relationship-confidence">
            <HTMLSelect id="relationship-confidence" value={confidence} onChange={(e) => setConfidence(e.currentTarget.value as Relationship['confidence'])}>
              <option value="low">low</option>
              <option value="medium">medium</option>
              <option value="high">high</option>
            </HTMLSelect>
          </FormGroup>
          <FormGroup label="Marking" labelFor="relationship-marking">
            <HTMLSelect id="relationship-marking" value={marking} onChange={(e) => setMarking(e.currentTarget.value as Marking)}>
              {TLP_LEVELS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </HTMLSelect>
          </FormGroup>
        </div>
        <FormGroup label="Description" labelFor="relationship-description">
          <TextArea id="relationship-description" fill rows={2} dir="auto" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        </FormGroup>
        <CitationsField label="the relationship" citations={citations} onChange={setCitations} />
        {problem && (
          <Callout intent={Intent.DANGER} role="alert">
            {problem}
          </Callout>
        )}
      </DialogBody>
      <DialogFooter
        actions={
          <>
            {relationship && <Button intent={Intent.DANGER} variant="minimal" icon="trash" text="Delete relationship" onClick={() => void remove()} />}
            <Button text="Cancel" onClick={onClose} />
            <Button intent={Intent.PRIMARY} text="Save relationship" onClick={() => void save()} />
          </>
        }
      />
    </Dialog>
  );
}
