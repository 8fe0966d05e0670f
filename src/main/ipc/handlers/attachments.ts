import { err, ok } from '../../../shared/ipc/result';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';

type AttachmentChannels =
  | 'attachments:begin-upload'
  | 'attachments:upload-chunk'
  | 'attachments:end-upload'
  | 'attachments:cancel-upload'
  | 'attachments:pick'
  | 'attachments:get'
  | 'attachments:save-as';

/** A source's files: uploads in pieces, dialog picks, and where to read a file from. */
export function attachmentHandlers(ctx: HandlerContext): Pick<Handlers, AttachmentChannels> {
  const service = ctx.attachments;
  return {
    'attachments:begin-upload': async ({ name, mediaType, size }) => service.begin(name, mediaType, size),
    'attachments:upload-chunk': ({ uploadId, offset, base64 }) => service.chunk(uploadId, offset, Buffer.from(base64, 'base64')),
    'attachments:end-upload': ({ uploadId }) => service.end(uploadId),
    'attachments:cancel-upload': async ({ uploadId }) => {
      service.cancel(uploadId);
      return ok({});
    },
    'attachments:pick': async () => {
      if (!ctx.host.pickFile) return err('UNAVAILABLE', 'This host has no file dialog; choose the file in the form instead.');
      // The file goes into the case open when the analyst asked, not one another window opened meanwhile.
      const generation = ctx.cases.generation;
      const path = await ctx.host.pickFile([{ name: 'All files', extensions: ['*'] }]);
      if (!path) return ok({ attachment: null });
      if (ctx.cases.generation !== generation) return caseSwitched();
      const added = await service.addFile(path, { generation });
      return added.ok ? ok({ attachment: added.value.attachment }) : added;
    },
    'attachments:get': async ({ sha256 }) => {
      const found = service.find(sha256);
      if (!found) return err('NOT_FOUND', 'That file is not in the open case.');
      const { name, mediaType, size } = found.attachment;
      const query = ctx.host.attachmentQuery?.(sha256);
      return ok({ attachment: { name, mediaType, size, sha256 }, path: `/attachments/${sha256}${query ? `?${query}` : ''}` });
    },
    'attachments:save-as': async ({ sha256 }) => {
      const found = service.find(sha256);
      if (!found) return err('NOT_FOUND', 'That file is not in the open case.');
      if (!ctx.host.chooseSavePath) return err('UNAVAILABLE', 'This host has no save dialog; use the download link instead.');
      const generation = ctx.cases.generation;
      const path = await ctx.host.chooseSavePath(found.attachment.name, [{ name: 'All files', extensions: ['*'] }]);
      if (!path) return ok({ path: null });
      if (ctx.cases.generation !== generation) return caseSwitched();
      const saved = await service.saveTo(sha256, path);
      return saved.ok ? ok({ path: saved.value.path }) : saved;
    },
  };
}

function caseSwitched() {
  return err('CONFLICT', 'Another case was opened while the file dialog was open; nothing was attached or saved. Try again in the case now open.');
}
