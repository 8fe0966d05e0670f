import type { ExchangeProgress } from '../services/exchange/exchange-service';
import type { OpenProgress } from '../store/case-store';

const PHASES: Record<OpenProgress['phase'], string> = { unlocking: 'unlocking', reading: 'reading', replaying: 'replaying recent edits' };

/**
 * Progress of opening a case on stderr, for anything that takes over a second: one line
 * rewritten in place on a terminal, a line per tenth otherwise (logs stay short).
 */
export function openProgressPrinter(label: string, stream: NodeJS.WriteStream = process.stderr): { onProgress: (p: OpenProgress) => void; done: () => void } {
  const started = Date.now();
  let shown = false;
  let lastTenth = -1;
  const interactive = stream.isTTY === true;
  return {
    onProgress(p) {
      if (Date.now() - started < 1_000) return;
      const percent = p.total > 0 ? Math.min(100, Math.floor((p.done / p.total) * 100)) : 0;
      // Unlocking (scrypt) has no amount to show, only that it is under way.
      const text = p.phase === 'unlocking' ? `opening ${label}: ${PHASES[p.phase]}…` : `opening ${label}: ${PHASES[p.phase]} ${percent}% (${mb(p.done)} of ${mb(p.total)})`;
      if (interactive) {
        stream.write(`\r${text}   `);
        shown = true;
      } else if (p.phase !== 'unlocking' && Math.floor(percent / 10) > lastTenth) {
        lastTenth = Math.floor(percent / 10);
        stream.write(`${text}\n`);
      }
    },
    done() {
      if (shown) stream.write('\n');
    },
  };
}

function mb(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

const EXCHANGE_PHASES: Record<ExchangeProgress['phase'], string> = { records: 'records', writing: 'writing', reading: 'reading and checking', keeping: 'keeping the files', planning: 'comparing with the case', applying: 'applying the merge' };

/** Progress of a `.casefile` export or open on stderr, in the manner of `openProgressPrinter`. */
export function exchangeProgressPrinter(label: string, stream: NodeJS.WriteStream = process.stderr): { onProgress: (p: ExchangeProgress) => void; done: () => void } {
  const started = Date.now();
  let shown = false;
  let lastTenth = -1;
  let lastPhase = '';
  const interactive = stream.isTTY === true;
  return {
    onProgress(p) {
      if (Date.now() - started < 1_000) return;
      const percent = p.total > 0 ? Math.min(100, Math.floor((p.done / p.total) * 100)) : 0;
      const amount = p.phase === 'writing' || p.phase === 'reading' ? `${mb(p.done)} of ${mb(p.total)}` : `${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')}`;
      const text = `${label}: ${EXCHANGE_PHASES[p.phase]} ${percent}% (${amount})`;
      if (interactive) {
        stream.write(`\r${text}   `);
        shown = true;
      } else if (p.phase !== lastPhase || Math.floor(percent / 10) > lastTenth) {
        lastTenth = Math.floor(percent / 10);
        lastPhase = p.phase;
        stream.write(`${text}\n`);
      }
    },
    done() {
      if (shown) stream.write('\n');
    },
  };
}
