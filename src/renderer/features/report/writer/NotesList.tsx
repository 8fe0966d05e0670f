import { H5 } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import type { BodyNode, CitationStyle } from '../../../../shared/domain/written-report';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { call } from '../../../ipc/client';

interface NotesListProps {
  reportId: string;
  /** The body as saved: the notes follow each save. */
  body: BodyNode;
  style: CitationStyle;
}

/** The report's notes as they will print: numbered in reading order, formatted by the CSL processor in main. */
export function NotesList({ reportId, body, style }: NotesListProps) {
  const [notes, setNotes] = useState<ResponseOf<'reports:notes'> | null>(null);
  useEffect(() => {
    let current = true;
    void call('reports:notes', { id: reportId }).then((r) => {
      if (current && r.ok) setNotes(r.value);
    });
    return () => {
      current = false;
    };
  }, [reportId, body, style]);
  if (!notes || notes.total === 0) return null;
  return (
    <section className="cf-writer-notes" aria-label="Notes">
      <H5>Notes</H5>
      <ol>
        {notes.notes.map((note) => (
          <li key={note.n} value={note.n} className={note.missing ? 'cf-note-missing' : undefined}>
            {note.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
