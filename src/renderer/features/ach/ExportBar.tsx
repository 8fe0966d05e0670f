import { Button, ButtonGroup, HTMLSelect } from '@blueprintjs/core';
import { memo, useState } from 'react';
import type { AchMatrix } from '../../../shared/domain/ach';
import { isWithinMarking, TLP_LEVELS, type Marking } from '../../../shared/domain/marking';
import { showError, showToast } from '../../app/toaster';
import { call } from '../../ipc/client';
import { downloadBlob, svgToPng } from '../analytics/export-image';

type Format = 'csv' | 'xlsx' | 'svg' | 'png';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/**
 * The matrix alone as CSV, XLSX, SVG or PNG, cut in main at the chosen marking: rows above it stay
 * out and the scores are computed without them (PNG is drawn here from that SVG).
 */
export const ExportBar = memo(function ExportBar({ matrix }: { matrix: AchMatrix }) {
  const [cap, setCap] = useState<Marking>(matrix.marking);
  const run = async (format: Format) => {
    const result = await call('ach:export', { id: matrix.id, format: format === 'png' ? 'svg' : format, maxMarking: cap });
    if (!result.ok) return showError('Could not export the matrix', result.error);
    const { base64, mediaType, fileName, width, withheld } = result.value;
    const bytes = bytesOf(base64);
    try {
      if (format === 'png') downloadBlob(await svgToPng(new TextDecoder().decode(bytes), width), fileName.replace(/\.svg$/, '.png'));
      else downloadBlob(new Blob([bytes], { type: mediaType }), fileName);
    } catch (error) {
      return showError('Could not draw the PNG', { code: 'INTERNAL', message: (error as Error).message });
    }
    showToast({ icon: 'export', message: `Exported “${matrix.title}” as ${format.toUpperCase()} at ${cap}${withheld > 0 ? `; ${withheld} row(s) above it left out` : ''}.`, timeout: 5_000 });
  };
  return (
    <div className="cf-ach-export" role="group" aria-label="Export the matrix">
      <HTMLSelect aria-label="Export marking" value={cap} onChange={(e) => setCap(e.currentTarget.value as Marking)} options={TLP_LEVELS.map((l) => ({ value: l, label: `up to ${l}`, disabled: !isWithinMarking(matrix.marking, l) }))} />
      <ButtonGroup>
        {(['csv', 'xlsx', 'svg', 'png'] as const).map((f) => (
          <Button key={f} icon="export" text={f.toUpperCase()} onClick={() => void run(f)} />
        ))}
      </ButtonGroup>
    </div>
  );
});
