// Decoded audio as the app holds it: planar Float32 channels, full scale = 1.0.
import type { Hertz, Samples, Seconds } from '../../shared/units';
import { InvalidAudioError } from './errors';

export interface PcmAudio {
  sampleRate: Hertz;
  /** One array per channel, all the same length; samples in [-1, 1) at full scale. */
  channels: Float32Array[];
}

export function frameCount(audio: PcmAudio): Samples {
  return audio.channels[0]?.length ?? 0;
}

export function durationSeconds(audio: PcmAudio): Seconds {
  return frameCount(audio) / audio.sampleRate;
}

/** Throws InvalidAudioError unless the audio has a usable rate and equal-length channels. */
export function assertValidAudio(audio: PcmAudio): void {
  const { sampleRate, channels } = audio;
  if (!Number.isFinite(sampleRate) || sampleRate <= 0) {
    throw new InvalidAudioError(`Audio has an unusable sample rate (${sampleRate} Hz).`);
  }
  if (channels.length === 0) throw new InvalidAudioError('Audio has no channels.');
  const frames = frameCount(audio);
  channels.forEach((channel, index) => {
    if (channel.length !== frames) {
      throw new InvalidAudioError(
        `Audio channel ${index + 1} has ${channel.length} samples but channel 1 has ${frames}.`,
      );
    }
  });
}
