import { Button, Callout, Dialog, DialogBody, DialogFooter } from '@blueprintjs/core';

/** Files the app shows itself; anything else is saved or downloaded. */
export const VIEWABLE_IMAGE = /^image\/(png|jpeg|gif|webp|avif|bmp)$/;
export const VIEWABLE_PDF = /^application\/pdf$/;

export interface AttachmentViewerProps {
  /** What is shown: the file's name, media type and the host's link to it; null when closed. */
  viewing: { name: string; mediaType: string; url: string } | null;
  onClose(): void;
  /** Saves the file where the analyst picks (the fallback when this window cannot show a PDF). */
  onSave(): void;
}

/**
 * An image or PDF of the case shown in the app. The bytes come straight from the host's per-file
 * link into an <img> or the browser's PDF viewer, never through IPC or this window's JS heap.
 *
 * The PDF frame has no `sandbox` attribute: Chromium refuses to show a PDF in a sandboxed frame.
 * The host sandboxes the document instead (attachment-http.ts: `Content-Security-Policy: sandbox`,
 * `frame-ancestors 'self'`, nosniff), and the viewer runs in its own process, so the PDF cannot
 * reach this page.
 */
export function AttachmentViewer({ viewing, onClose, onSave }: AttachmentViewerProps) {
  const pdf = viewing !== null && VIEWABLE_PDF.test(viewing.mediaType);
  // False in browsers without a PDF viewer (some headless or locked-down builds); undefined in old ones.
  const canShowPdf = typeof navigator === 'undefined' || navigator.pdfViewerEnabled !== false;
  return (
    <Dialog isOpen={viewing !== null} onClose={onClose} title={viewing?.name ?? 'Attachment'} style={pdf ? { width: '90vw', maxWidth: '90vw' } : { width: 'auto', maxWidth: '90vw' }}>
      <DialogBody>
        {viewing && !pdf && <img className="cf-attachment-image" src={viewing.url} alt={viewing.name} />}
        {viewing && pdf && canShowPdf && <iframe className="cf-attachment-pdf" src={viewing.url} title={`PDF: ${viewing.name}`} referrerPolicy="no-referrer" />}
        {viewing && pdf && !canShowPdf && (
          <Callout intent="warning" title="This window cannot display PDFs">
            Its browser has no PDF viewer. Save the file and open it in a PDF reader.
          </Callout>
        )}
      </DialogBody>
      {pdf && (
        <DialogFooter
          actions={<Button icon="download" text="Save as…" onClick={onSave} />}
        >
          <span className="cf-muted">Blank or not showing? Save it and open it in a PDF reader.</span>
        </DialogFooter>
      )}
    </Dialog>
  );
}
