import { caseLookup, type CitableRecords } from '../../../shared/ach/lookup';
import { searchCitable } from '../../../shared/ach/cite-search';
import type { CitableCollection } from '../../../shared/domain/ach';
import { ACH_MATRIX_LIMIT, ACH_ROW_LIMIT } from '../../../shared/ipc/channels/ach';
import { ACH_MEDIA_TYPES, matrixFileName, writeMatrix } from '../../services/ach-export';
import { AchService } from '../../services/ach-service';
import { StoreError } from '../../store/store-error';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';
import { openDocument, reading } from './reading';

type AchChannels =
  | 'ach:list'
  | 'ach:get'
  | 'ach:put-matrix'
  | 'ach:delete-matrix'
  | 'ach:put-row'
  | 'ach:delete-row'
  | 'ach:cell'
  | 'ach:resolve'
  | 'ach:review'
  | 'ach:cite-search'
  | 'ach:export';

/** ACH matrices: reads with what each row rests on, edits as journaled steps, exports cut at a marking. */
export function achHandlers(ctx: HandlerContext): Pick<Handlers, AchChannels> {
  const ach = new AchService(ctx.cases);
  const doc = () => openDocument(ctx.cases);
  return {
    'ach:list': () => reading(() => ({ matrices: ach.list().slice(0, ACH_MATRIX_LIMIT) })),
    'ach:get': ({ id }) => reading(() => {
      const view = ach.view(id);
      return { matrix: view.matrix, rows: view.rows.slice(0, ACH_ROW_LIMIT) };
    }),
    'ach:put-matrix': ({ matrix }) => ach.putMatrix(matrix),
    'ach:delete-matrix': ({ id }) => ach.deleteMatrix(id),
    'ach:put-row': ({ row }) => ach.putRow(row),
    'ach:delete-row': ({ id }) => ach.deleteRow(id),
    'ach:cell': ({ rowId, hypothesisId, value, note }) => ach.setCell(rowId, hypothesisId, { ...(value !== undefined ? { value } : {}), ...(note !== undefined ? { note } : {}) }),
    'ach:resolve': ({ rowId, hypothesisId, choice }) => ach.resolveCell(rowId, hypothesisId, choice),
    'ach:review': ({ rowId }) => ach.review(rowId),
    'ach:cite-search': ({ query, limit }) => reading(() => {
      const d = doc();
      const records = ctx.cases.records;
      const get = <C extends CitableCollection>(c: C, id: string) => records?.get(c, id) as CitableRecords[C] | undefined;
      return { hits: searchCitable(d, caseLookup(get, d.history), query, limit ?? 30) };
    }),
    'ach:export': ({ id, format, maxMarking }) => reading(async () => {
      const view = ach.product(id, maxMarking);
      if (!view) throw new StoreError('VALIDATION', `This matrix is marked above ${maxMarking}, so nothing of it can leave at that marking. Choose a higher marking, or lower the matrix's own.`);
      const { bytes, width, height } = await writeMatrix(view, format);
      return { fileName: matrixFileName(view.matrix.title, format), mediaType: ACH_MEDIA_TYPES[format], base64: bytes.toString('base64'), width, height, marking: view.marking, withheld: view.withheld };
    }),
  };
}
