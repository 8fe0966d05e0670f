import { join } from 'node:path';
import { PAGE_LIMIT } from '../../../shared/ipc/bounds';
import { err, ok } from '../../../shared/ipc/result';
import { ImportService } from '../../services/import/import-service';
import { mappingsFile, MappingStore } from '../../services/import/mapping-store';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';

type ImportChannels =
  | 'import:pick-file'
  | 'import:open-path'
  | 'import:upload-begin'
  | 'import:upload-chunk'
  | 'import:upload-end'
  | 'import:inspect'
  | 'import:preview'
  | 'import:cancel'
  | 'import:commit'
  | 'import:mappings'
  | 'import:save-mapping';

const IMPORT_FILTERS = [
  { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'json'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * Import channels. The renderer refers to files by an opaque id: one it picked in a dialog,
 * uploaded, or (browser host only) typed. One ImportService per app holds the pending preview.
 */
export function importHandlers(ctx: HandlerContext): Pick<Handlers, ImportChannels> {
  const imports = new ImportService(ctx.cases, {
    uploadDir: join(ctx.paths.home, 'import-uploads'),
    onProgress: (progress) => ctx.emit?.('import:progress', progress),
  });
  const mappings = new MappingStore(mappingsFile(ctx.paths.home));
  return {
    'import:pick-file': async () => {
      const path = ctx.host.pickFile ? await ctx.host.pickFile(IMPORT_FILTERS) : null;
      if (!path) return ok({ file: null });
      const registered = await imports.register(path);
      return registered.ok ? ok({ file: registered.value }) : registered;
    },
    'import:open-path': async ({ path }) => {
      if (!ctx.host.allowsTypedPaths) return err('FORBIDDEN', 'Typed paths are not accepted here. Use "Choose file…" to pick the file.');
      const registered = await imports.register(path);
      return registered.ok ? ok({ file: registered.value }) : registered;
    },
    'import:upload-begin': ({ name, size }) => imports.beginUpload(name, size),
    'import:upload-chunk': ({ uploadId, offset, base64 }) => imports.uploadChunk(uploadId, offset, base64),
    'import:upload-end': async ({ uploadId }) => {
      const ended = await imports.endUpload(uploadId);
      return ended.ok ? ok({ file: ended.value }) : ended;
    },
    'import:inspect': ({ fileId }) => imports.inspect(fileId),
    'import:preview': ({ fileId, format, mapping, filter, choices }) => imports.preview(fileId, format, mapping, filter, choices ?? {}),
    'import:cancel': async () => {
      imports.cancel();
      return ok({});
    },
    'import:commit': ({ previewId, removeMissing, marking, accepted }) => imports.commit(previewId, removeMissing, { marking, accepted }),
    'import:mappings': async () => ok({ mappings: (await mappings.list()).slice(0, PAGE_LIMIT) }),
    'import:save-mapping': async ({ mapping }) => {
      if (!mapping.name) return err('VALIDATION', 'Give the mapping a name to save it.');
      await mappings.save({ ...mapping, name: mapping.name });
      return ok({});
    },
  };
}
