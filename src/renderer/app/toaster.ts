import { Intent, OverlayToaster, Position, type ToastProps, type Toaster } from '@blueprintjs/core';
import type { AppError } from '../../shared/ipc/errors';

let toaster: Promise<Toaster> | null = null;

/** Shows a Blueprint toast; the toaster is created on first use. */
export function showToast(props: ToastProps): void {
  toaster ??= OverlayToaster.createAsync({ position: Position.BOTTOM_RIGHT, maxToasts: 4 });
  toaster.then(
    (t) => t.show(props),
    // The toaster itself failed to mount: the message must still reach someone.
    (reason: unknown) => console.error('Could not show a notification:', props.message, reason),
  );
}

/** An error value in words: "<what failed>: <what main said>". */
export function showError(what: string, error: AppError): void {
  showToast({ intent: Intent.DANGER, icon: 'error', message: `${what}: ${error.message}`, timeout: 8_000 });
}

export function showSuccess(message: string): void {
  showToast({ intent: Intent.SUCCESS, icon: 'tick', message, timeout: 4_000 });
}
