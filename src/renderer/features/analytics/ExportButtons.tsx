import { Button, ButtonGroup } from '@blueprintjs/core';
import { showError, showSuccess } from '../../app/toaster';
import { copyImage, downloadBlob, safeName, svgToPng } from './export-image';

export interface ExportButtonsProps {
  /** The title, for file names and messages. */
  title: string;
  /** Makes the standalone SVG document and its pixel size, when a button is pressed. */
  svg: () => { svg: string; width: number; height: number };
}

/** SVG, PNG and copy-to-clipboard for a chart or map. */
export function ExportButtons({ title, svg }: ExportButtonsProps) {
  const name = safeName(title);
  async function run(what: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      showError(what, { code: 'UNAVAILABLE', message: `${(error as Error).message}. Try the SVG download instead.` });
    }
  }
  return (
    <ButtonGroup minimal>
      <Button icon="download" text="SVG" title={`Download "${title}" as SVG`} onClick={() => downloadBlob(new Blob([svg().svg], { type: 'image/svg+xml' }), `${name}.svg`)} />
      <Button
        icon="media"
        text="PNG"
        title={`Download "${title}" as PNG`}
        onClick={() =>
          void run('Making the PNG', async () => {
            const s = svg();
            downloadBlob(await svgToPng(s.svg, s.width), `${name}.png`);
          })
        }
      />
      <Button
        icon="clipboard"
        text="Copy"
        title={`Copy "${title}" to the clipboard`}
        onClick={() =>
          void run('Copying to the clipboard', async () => {
            const s = svg();
            await copyImage(s.svg, await svgToPng(s.svg, s.width));
            showSuccess(`"${title}" is on the clipboard as an image.`);
          })
        }
      />
    </ButtonGroup>
  );
}
