import { z } from 'zod';
import { Empty } from './common';

export const appChannels = {
  'app:info': {
    request: Empty,
    response: z.object({
      name: z.string(),
      version: z.string(),
      host: z.enum(['electron', 'browser']),
      /** Native open/save dialogs (Electron); the browser host takes typed paths instead. */
      nativeDialogs: z.boolean(),
      /** OS keychain unlock is possible (Electron with a real secret-store backend). */
      keychain: z.boolean(),
    }),
  },
} as const;
