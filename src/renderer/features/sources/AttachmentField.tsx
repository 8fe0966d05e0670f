import { Button, FileInput, FormGroup, ProgressBar } from '@blueprintjs/core';
import { useRef, useState } from 'react';
import { MAX_ATTACHMENT_LABEL } from '../../../shared/domain/attachment';
import type { Attachment } from '../../../shared/domain/source';
import { showSuccess } from '../../app/toaster';
import { formatBytes } from '../../components/format';
import { attachmentUrl, call } from '../../ipc/client';
import { uploadAttachment, type UploadProgress } from './attachmentUpload';
import { AttachmentViewer, VIEWABLE_IMAGE, VIEWABLE_PDF } from './AttachmentViewer';

export interface AttachmentFieldProps {
  /** The source's file, if it has one. */
  attachment: Attachment | null;
  /** Called with the stored file (or null when removed from the source). */
  onChange(attachment: Attachment | null): void;
  /** Called with a message when an upload or a save fails. */
  onError(message: string): void;
  /** Called when an upload starts and ends, so the form waits for it. */
  onBusy(busy: boolean): void;
}

/**
 * A source's file: uploaded a piece at a time with progress and Cancel, shown with its size, opened
 * in the app when it is an image or a PDF, and saved or downloaded whole otherwise (streamed by the host,
 * never loaded whole into this window).
 */
export function AttachmentField({ attachment, onChange, onError, onBusy }: AttachmentFieldProps) {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [viewing, setViewing] = useState<{ name: string; mediaType: string; url: string } | null>(null);
  const abort = useRef<AbortController | null>(null);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ sent: 0, total: file.size });
    onBusy(true);
    const result = await uploadAttachment(file, { onProgress: setProgress, signal: controller.signal });
    onBusy(false);
    setProgress(null);
    abort.current = null;
    if (result.ok) onChange(result.value);
    else if (result.error.code !== 'CANCELLED') onError(result.error.message);
  };

  const locate = async (): Promise<string | null> => {
    if (!attachment) return null;
    const found = await call('attachments:get', { sha256: attachment.sha256 });
    if (!found.ok) {
      onError(found.error.message);
      return null;
    }
    return found.value.path;
  };

  const open = async () => {
    const path = await locate();
    if (!path || !attachment) return;
    if (VIEWABLE_IMAGE.test(attachment.mediaType) || VIEWABLE_PDF.test(attachment.mediaType)) setViewing({ name: attachment.name, mediaType: attachment.mediaType, url: attachmentUrl(path) });
    else window.open(attachmentUrl(path, { download: true }), '_self');
  };

  const save = async () => {
    if (!attachment) return;
    const info = await call('app:info', {});
    if (info.ok && info.value.nativeDialogs) {
      const saved = await call('attachments:save-as', { sha256: attachment.sha256 });
      if (!saved.ok) onError(saved.error.message);
      else if (saved.value.path) showSuccess(`Saved “${attachment.name}” to ${saved.value.path}`);
      return;
    }
    const path = await locate();
    if (path) window.open(attachmentUrl(path, { download: true }), '_self');
  };

  const helper = attachment ? `${formatBytes(attachment.size)} · SHA-256 ${attachment.sha256}` : `Optional; stored encrypted beside the case, up to ${MAX_ATTACHMENT_LABEL}`;
  return (
    <FormGroup label="Attachment" helperText={progress ? undefined : helper}>
      <div className="cf-editor-row">
        <FileInput
          text={attachment ? `${attachment.name} (${formatBytes(attachment.size)})` : 'Choose a file…'}
          disabled={progress !== null}
          inputProps={{ 'aria-label': 'Attachment file' }}
          onInputChange={(e) => void upload(e.currentTarget.files?.[0])}
        />
        {attachment && !progress && (
          <>
            <Button variant="minimal" icon="eye-open" text="Open" onClick={() => void open()} />
            <Button variant="minimal" icon="download" text="Save…" onClick={() => void save()} />
            <Button variant="minimal" icon="cross" text="Remove" onClick={() => onChange(null)} />
          </>
        )}
      </div>
      {progress && (
        <div className="cf-upload-progress" role="status" aria-label="Upload progress">
          <ProgressBar value={progress.total > 0 ? progress.sent / progress.total : 1} intent="primary" />
          <span>
            {formatBytes(progress.sent)} of {formatBytes(progress.total)}
          </span>
          <Button variant="minimal" small text="Cancel" onClick={() => abort.current?.abort()} />
        </div>
      )}
      <AttachmentViewer viewing={viewing} onClose={() => setViewing(null)} onSave={() => void save()} />
    </FormGroup>
  );
}
