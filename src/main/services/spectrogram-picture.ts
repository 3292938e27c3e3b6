// `timbrefold spectrogram`: a WAV file in, a PNG picture with axes out (written atomically).
import { basename } from 'node:path';
import type { Decibels } from '../../shared/units';
import { ParameterError } from '../../shared/user-error';
import { mixdown, readWav } from '../audio';
import { magnitude, stft, type ColormapName, type FrequencyScale } from '../dsp';
import { writeFileAtomic } from '../fs/atomic-write';
import { assertNotProtected } from '../fs/protected-paths';
import { minimumPlotSize, renderSpectrogramPlot } from '../plot/spectrogram-plot';

export interface SpectrogramPictureOptions {
  nFft: number;
  hop: number;
  dbRange: Decibels;
  scale: FrequencyScale;
  colormap: ColormapName;
  width: number;
  height: number;
}

export async function writeSpectrogramPicture(
  inputPath: string,
  outputPath: string,
  options: SpectrogramPictureOptions,
): Promise<void> {
  if (options.width < minimumPlotSize.width || options.height < minimumPlotSize.height) {
    throw new ParameterError(
      'size',
      `The picture must be at least ${minimumPlotSize.width} x ${minimumPlotSize.height} pixels to fit its axes.`,
    );
  }
  await assertNotProtected(outputPath, [inputPath]);
  const { audio } = await readWav(inputPath);
  const mono = audio.channels.length === 1 ? audio.channels[0]! : mixdown(audio);
  const spectrum = stft(mono, { nFft: options.nFft, hop: options.hop });
  const seconds = mono.length / audio.sampleRate;
  const png = renderSpectrogramPlot(
    { ...spectrum, magnitude: magnitude(spectrum) },
    {
      title: basename(inputPath),
      subtitle: `${audio.sampleRate} Hz, ${audio.channels.length === 1 ? 'mono' : `${audio.channels.length} channels mixed to mono`}, ${seconds.toFixed(2)} s · n_fft ${options.nFft}, hop ${options.hop}, Hann · ${options.scale} frequency · ${options.dbRange} dB range`,
      sampleRate: audio.sampleRate,
      width: options.width,
      height: options.height,
      scale: options.scale,
      dbRange: options.dbRange,
      colormap: options.colormap,
    },
  );
  await writeFileAtomic(outputPath, png, { protect: [inputPath] });
}
