import { Button, FormGroup, HTMLSelect, InputGroup, Radio, RadioGroup, Tag } from '@blueprintjs/core';
import { memo, useEffect, useState, type FormEvent } from 'react';
import { LEVEL_LABELS, LEVELS, type AchCite, type AchMatrix, type Level } from '../../../shared/domain/ach';
import { newId } from '../../../shared/domain/ids';
import { TLP_LEVELS, type Marking } from '../../../shared/domain/marking';
import type { CiteHitValue } from '../../../shared/ipc/channels/ach';
import { showError, showSuccess } from '../../app/toaster';
import { call } from '../../ipc/client';
import { trackEdit } from '../../app/pendingEdits';

/** Admiralty credibility of information, 1 confirmed … 6 cannot be judged. */
const CREDIBILITY = ['1 confirmed', '2 probably true', '3 possibly true', '4 doubtful', '5 improbable', '6 cannot be judged'];

interface Picked {
  cite: AchCite;
  label: string;
}

/** Adds an evidence row (citing the case's records, found by search) or an assumption. */
export const RowForm = memo(function RowForm({ matrix, nextPosition }: { matrix: AchMatrix; nextPosition: number }) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<'evidence' | 'assumption'>('evidence');
  const [relevance, setRelevance] = useState<Level>('medium');
  const [marking, setMarking] = useState<Marking>(matrix.marking);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<CiteHitValue[]>([]);
  const [picked, setPicked] = useState<Picked[]>([]);

  useEffect(() => {
    if (query.trim().length < 2) return setHits([]);
    let current = true;
    void call('ach:cite-search', { query, limit: 12 }).then((result) => {
      if (current) setHits(result.ok ? result.value.hits : []);
    });
    return () => {
      current = false;
    };
  }, [query]);

  const pick = (cite: AchCite, label: string) => setPicked((p) => (p.some((x) => x.cite.collection === cite.collection && x.cite.id === cite.id && x.cite.claimId === cite.claimId) ? p : [...p, { cite, label }]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const row = { id: newId('row'), matrixId: matrix.id, title: title.trim(), kind, cites: kind === 'evidence' ? picked.map((p) => p.cite) : [], relevance, ratings: {}, position: nextPosition, marking };
    void trackEdit(call('ach:put-row', { row })).then((result) => {
      if (!result.ok) return showError('Could not add the row', result.error);
      showSuccess(result.value.summary);
      setTitle('');
      setPicked([]);
      setQuery('');
    });
  };

  return (
    <form className="cf-ach-rowform" onSubmit={submit} aria-label="Add a row">
      <h3>Add a row</h3>
      <FormGroup label="Evidence or assumption, in your words" labelFor="ach-row-title">
        <InputGroup id="ach-row-title" value={title} onValueChange={setTitle} />
      </FormGroup>
      <RadioGroup inline label="Kind" selectedValue={kind} onChange={(e) => setKind(e.currentTarget.value as 'evidence' | 'assumption')}>
        <Radio label="Evidence" value="evidence" />
        <Radio label="Assumption (cites nothing)" value="assumption" />
      </RadioGroup>
      {kind === 'evidence' && (
        <>
          <FormGroup label="Cite records" labelFor="ach-cite-search" helperText="Search the case's events, claims, sources, actors and relationships.">
            <InputGroup id="ach-cite-search" type="search" value={query} onValueChange={setQuery} />
          </FormGroup>
          {hits.length > 0 && (
            <ul className="cf-ach-hits" aria-label="Records found">
              {hits.map((hit) => (
                <li key={`${hit.collection}/${hit.id}`}>
                  <Button small minimal icon="add" text={`${hit.label} (${hit.collection})`} onClick={() => pick(hit.collection === 'sources' ? { collection: 'sources', id: hit.id, credibility: 3 } : { collection: hit.collection, id: hit.id }, hit.label)} />
                  {hit.claims?.map((c) => <Button key={c.id} small minimal icon="add" text={`claim: ${c.label}`} onClick={() => pick({ collection: 'events', id: hit.id, claimId: c.id }, `${hit.label}: ${c.label}`)} />)}
                </li>
              ))}
            </ul>
          )}
          {picked.length > 0 && (
            <ul className="cf-ach-picked" aria-label="Cited">
              {picked.map((p, i) => (
                <li key={`${p.cite.collection}/${p.cite.id}/${p.cite.claimId ?? ''}`}>
                  <Tag onRemove={() => setPicked((all) => all.filter((_, k) => k !== i))}>{p.label}</Tag>
                  {p.cite.collection === 'sources' && (
                    <HTMLSelect
                      aria-label={`Credibility of the information from ${p.label}`}
                      value={p.cite.credibility}
                      onChange={(e) => {
                        const credibility = Number(e.currentTarget.value);
                        setPicked((all) => all.map((x, k) => (k === i ? { ...x, cite: { ...x.cite, credibility } } : x)));
                      }}
                      options={CREDIBILITY.map((label, k) => ({ value: k + 1, label }))}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <div className="cf-ach-row-fields">
        <FormGroup label="Relevance" labelFor="ach-new-relevance">
          <HTMLSelect id="ach-new-relevance" value={relevance} onChange={(e) => setRelevance(e.currentTarget.value as Level)} options={LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} />
        </FormGroup>
        <FormGroup label="Row marking" labelFor="ach-new-row-marking">
          <HTMLSelect id="ach-new-row-marking" value={marking} onChange={(e) => setMarking(e.currentTarget.value as Marking)} options={[...TLP_LEVELS]} />
        </FormGroup>
      </div>
      <Button type="submit" intent="primary" icon="add-row-bottom" text="Add row" disabled={title.trim() === '' || (kind === 'evidence' && picked.length === 0)} />
    </form>
  );
});
