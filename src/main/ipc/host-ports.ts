import type { SecretSealer } from '../services/secrets/secret-sealer';

/** What differs between hosts, behind one interface: dialogs and the OS keychain. */
export interface KeychainPort {
  /** Why the keychain cannot be used here, or null when it can. */
  unavailableReason(): string | null;
  /** Wraps the case's data key with the OS keychain and stores it beside the app's settings. */
  remember(storePath: string, dataKey: Buffer): Promise<void>;
  /** The data key unwrapped by the OS keychain, or null when none was stored. */
  recall(storePath: string): Promise<Buffer | null>;
}

export interface HostPorts {
  kind: 'electron' | 'browser';
  /**
   * Whether the renderer may name a case file by a typed path. The browser host's user is at
   * the terminal that started it; in Electron the renderer may only use paths the user picked in
   * a native dialog or opened before, so a compromised renderer cannot reach other files.
   */
  allowsTypedPaths: boolean;
  /** A native open dialog; null when the host has none or the user cancelled. */
  pickCaseFile(): Promise<string | null>;
  /** A native save dialog for a new case: 'no-dialog' when the host has none (use the cases folder). */
  chooseNewCasePath(suggestedName: string): Promise<string | 'no-dialog' | null>;
  keychain: KeychainPort | null;
  /** The OS keychain for saved server secrets (TAXII passwords, tokens); absent: the case's encrypted keyring keeps them. */
  secretSealer?: SecretSealer | null;
  /** Prints a self-contained HTML page to PDF with the host's own engine (Electron's printToPDF); absent: headless Chromium. */
  printToPdf?: (html: string) => Promise<Buffer>;
  /** A native open dialog for a file to import; absent or null when the host has none or the user cancelled. */
  pickFile?: (filters: ReadonlyArray<{ name: string; extensions: string[] }>) => Promise<string | null>;
  /**
   * A query (`key=…`) that lets a link or an <img> read this one file of the case from the host,
   * where a link cannot carry the launch token in a header (the browser host). Absent: none needed.
   */
  attachmentQuery?: (sha256: string) => string;
  /** A native save dialog for a file the app writes (an exported case file); absent or null when none or cancelled. */
  chooseSavePath?: (suggestedName: string, filters: ReadonlyArray<{ name: string; extensions: string[] }>) => Promise<string | null>;
}
