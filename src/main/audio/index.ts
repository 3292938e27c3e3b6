// Audio I/O for the main process, the worker and the CLI: WAV read/write, resampling, channel
// tools and level measurement. Plain Node, no Electron.
export { AudioFileError, InvalidAudioError } from './errors';
export type { AudioFileErrorCode } from './errors';
export { assertValidAudio, durationSeconds, frameCount } from './pcm-audio';
export type { PcmAudio } from './pcm-audio';
export type { WavCodec, WavFormat, WavSampleFormat } from './wav-format';
export { decodeWav } from './wav-decode';
export type { DecodedWav } from './wav-decode';
export { readWav } from './wav-read';
export type { ReadWavOptions } from './wav-read';
export { encodeWav, encodeWavChunks } from './wav-encode';
export type { EncodeReport, EncodeWavOptions } from './wav-encode';
export { writeWav } from './wav-write';
export type { WriteWavOptions } from './wav-write';
export { resample, resampleAudio, resampledLength } from './resample';
export type { ResampleOptions, ResampleQuality } from './resample';
export { fromMidSide, mixdown, splitChannels, toMidSide } from './channels';
export { integratedLoudness, samplePeakDb } from './loudness';
export { aboveFullScaleWarning } from './full-scale';
export type { LoudnessOptions } from './loudness';
export { channelSpeakers, defaultChannelMask } from './speaker-layout';
export type { Speaker } from './speaker-layout';
export { FileWriteError } from '../fs/errors';
export type { FileWriteErrorCode } from '../fs/errors';
export { toIntegerSamples } from './integer-samples';
export { encodeFlac } from './flac-encode';
export type { FlacOptions } from './flac-encode';
export { encodeMp3, mp3Problem, MP3_SAMPLE_RATES } from './mp3-encode';
