import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../src/main/services/case-service';
import { WrittenReportService } from '../../src/main/services/written-report-service';
import { WrittenReport, type BodyNode } from '../../src/shared/domain/written-report';
import type { Result } from '../../src/shared/ipc/result';
import { PASSPHRASE, removeTempDirs, smallCase, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const para = (text: string, attrs?: BodyNode['attrs']): BodyNode => ({ type: 'paragraph', ...(attrs ? { attrs } : {}), content: [{ type: 'text', text }] });
const body = (...blocks: BodyNode[]): BodyNode => ({ type: 'doc', content: blocks });

async function open(): Promise<{ cases: CaseService; reports: WrittenReportService; path: string }> {
  const path = join(tempDir('reports'), 'case.cfcase');
  const cases = new CaseService({ user: 'analyst@example', foldAfterIdleMs: 2 ** 31 - 1 });
  value(await cases.create(path, PASSPHRASE, smallCase(3, 2)));
  return { cases, reports: new WrittenReportService(cases, () => new Date('2026-03-01T10:00:00.000Z')), path };
}

const NEW = { title: 'Quarterly assessment', date: '2026-02-27', marking: 'TLP:GREEN' as const, authors: ['A. Analyst'] };

describe('written reports are case records edited as journaled, undoable steps', () => {
  it('creates, writes, and survives a reopen; each step is one audit entry', async () => {
    const { cases, reports, path } = await open();
    const { id } = value(await reports.create(NEW));
    value(await reports.update(id, { body: body(para('First paragraph.'), para('حمله در ننگرهار', { dir: 'rtl' })) }));
    value(await reports.update(id, { subtitle: 'Draft for review' }));
    expect(value(cases.history(3)).map((e) => e.summary)).toEqual(['Edited written report “Quarterly assessment”', 'Wrote in written report “Quarterly assessment”', 'Added written report “Quarterly assessment”']);
    value(await cases.close());
    value(await cases.open(path, { passphrase: PASSPHRASE }));
    const again = new WrittenReportService(cases).get(id);
    expect(again.subtitle).toBe('Draft for review');
    expect(again.body.content?.[1]).toEqual(para('حمله در ننگرهار', { dir: 'rtl' }));
    expect(WrittenReport.safeParse(again).success).toBe(true);
    await cases.close();
  });

  it('an edit that changes nothing writes no journal entry', async () => {
    const { cases, reports } = await open();
    const { id } = value(await reports.create(NEW));
    value(await reports.update(id, { body: body(para('Same text.')) }));
    const before = value(cases.history(100)).length;
    const again = value(await reports.update(id, { body: body(para('Same text.')) }));
    expect(again.saved).toBe(false);
    expect(value(cases.history(100)).length).toBe(before);
    await cases.close();
  });

  it('undo takes back the last text save, redo puts it back', async () => {
    const { cases, reports } = await open();
    const { id } = value(await reports.create(NEW));
    value(await reports.update(id, { body: body(para('One.')) }));
    value(await reports.update(id, { body: body(para('One.'), para('Two.')) }));
    value(await cases.undo());
    expect(reports.get(id).body).toEqual(body(para('One.')));
    value(await cases.redo());
    expect(reports.get(id).body).toEqual(body(para('One.'), para('Two.')));
    value(await cases.undo());
    value(await cases.undo());
    value(await cases.undo());
    expect(() => reports.get(id)).toThrow(/No written report/);
    await cases.close();
  });

  it('an issued report is frozen: edits and deletion are refused with what to do; undoing the issue thaws it', async () => {
    const { cases, reports } = await open();
    const { id } = value(await reports.create(NEW));
    value(await reports.update(id, { body: body(para('Final text.')) }));
    value(await reports.issue(id));
    const issued = reports.get(id);
    expect(issued.status).toBe('issued');
    expect(issued.issuedAt).toBe('2026-03-01T10:00:00.000Z');
    const entries = value(cases.history(100)).length;
    const refused = await reports.update(id, { body: body(para('Changed after issue.')) });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('CONFLICT');
      expect(refused.error.message).toMatch(/issued on 2026-03-01 and is frozen.*New draft from this/);
    }
    const title = await reports.update(id, { title: 'Renamed' });
    expect(title.ok).toBe(false);
    const deleted = await reports.delete(id);
    expect(deleted.ok).toBe(false);
    const twice = await reports.issue(id);
    expect(twice.ok).toBe(false);
    expect(value(cases.history(100)).length).toBe(entries);
    expect(reports.get(id).body).toEqual(body(para('Final text.')));
    value(await cases.undo());
    expect(reports.get(id).status).toBe('draft');
    value(await reports.update(id, { body: body(para('Thawed by undo.')) }));
    await cases.close();
  });

  it('“New draft from this” copies an issued report into a draft that names it, leaving the issued one as it was', async () => {
    const { cases, reports } = await open();
    const { id } = value(await reports.create(NEW));
    value(await reports.update(id, { body: body(para('Issued text.')) }));
    value(await reports.issue(id));
    const branched = value(await reports.branch(id));
    expect(branched.id).not.toBe(id);
    const draft = reports.get(branched.id);
    expect(draft).toMatchObject({ status: 'draft', branchedFrom: id, title: NEW.title, date: '2026-03-01', marking: 'TLP:GREEN' });
    expect(draft.issuedAt).toBeUndefined();
    value(await reports.update(branched.id, { body: body(para('Revised text.')) }));
    expect(reports.get(id).body).toEqual(body(para('Issued text.')));
    expect(reports.list().map((r) => r.status).sort()).toEqual(['draft', 'issued']);
    await cases.close();
  });

  it('refuses what the schema forbids: empty titles, unknown node types, bad dates, body nesting too deep', async () => {
    const { cases, reports } = await open();
    expect((await reports.create({ ...NEW, title: '   ' })).ok).toBe(false);
    expect((await reports.create({ ...NEW, date: '2026-13-01' })).ok).toBe(false);
    const { id } = value(await reports.create(NEW));
    const script = { type: 'doc', content: [{ type: 'script', content: [{ type: 'text', text: 'alert(1)' }] }] } as unknown as BodyNode;
    const bad = await reports.update(id, { body: script });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/not saved/);
    let deep: BodyNode = para('deep');
    for (let i = 0; i < 45; i++) deep = { type: 'blockquote', content: [deep] };
    expect((await reports.update(id, { body: body(deep) })).ok).toBe(false);
    expect(reports.get(id).body).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    await cases.close();
  });

  it('an edit of a report deleted meanwhile says so and saves nothing', async () => {
    const { cases, reports } = await open();
    const { id } = value(await reports.create(NEW));
    value(await reports.delete(id));
    const late = await reports.update(id, { body: body(para('Too late.')) });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.error.code).toBe('NOT_FOUND');
    await cases.close();
  });
});
