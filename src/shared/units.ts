// Unit aliases (after Tone.js): signatures at module edges say what a number means.
/** Samples per second. */
export type Hertz = number;
/** A duration or position in seconds. */
export type Seconds = number;
/** Decibels relative to full scale (0 dBFS = a sample of magnitude 1.0). */
export type Decibels = number;
/** Integrated loudness in LUFS (ITU-R BS.1770). */
export type Lufs = number;
/** A count of samples (per channel) or a sample index. */
export type Samples = number;
/** A count of STFT frames or a frame index. */
export type Frames = number;
