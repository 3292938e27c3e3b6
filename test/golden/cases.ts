// The golden cases: short fixed inputs, fixed seeds, the wasm backend, small networks and few
// iterations, so that each render takes a few seconds on a 2-core machine. Inputs are corpus clips
// (../shared/corpus) or made from them here with wavefile (exact copies of their samples), so a
// golden depends on nothing the product computes except the render under test.
import { join } from 'node:path';
import { corpusFile } from '../fixtures/paths';
import { corpusExcerpt, writeFloatWav, type GoldenCase } from './golden';

const SPEECH = 'speech_espeak_en-us.wav';
const DRUMS = 'drums_groove_120bpm.wav';
const VIOLIN = 'string_acoustic_040-062-100.wav';
const FLUTE = 'flute_acoustic_073-072-100.wav';
const PIANO = 'keyboard_acoustic_000-069-127.wav';
const GUITAR = 'guitar_acoustic_024-052-127.wav';
const BASS_GUITAR = 'guitar_acoustic_024-040-112.wav';

/** What every shallow case shares: few iterations, few phase iterations, wasm. */
const SHORT = ['--iterations', '6', '--phase-iterations', '16', '--backend', 'wasm', '--json'];

/**
 * The finite network with a small bank at 22,050 Hz, not following the content's dynamics (the
 * default preset before issue 14; these references predate the kernel default and still pin the
 * finite network's output).
 */
const SHALLOW = [
  '--preset',
  'default',
  '--network',
  'finite',
  '--analysis-rate',
  '22050',
  '--filters',
  '256',
  '--follow-dynamics',
  '0',
  ...SHORT,
];

/**
 * The default preset as it is: the kernel form at the content's rate, channel by channel,
 * following the content's dynamics.
 */
const DEFAULT = ['--preset', 'default', ...SHORT];

/**
 * A stereo content that is really stereo: piano A4 on the left, guitar E3 on the right, their
 * first 1.5 s at 16 kHz (32-bit float copies of the 16-bit samples).
 */
function stereoContent(dir: string): string {
  const path = join(dir, 'stereo-piano-guitar.wav');
  const left = corpusExcerpt(PIANO, 0, 1.5);
  const right = corpusExcerpt(GUITAR, 0, 1.5);
  writeFloatWav(path, {
    sampleRate: left.sampleRate,
    channels: [left.channels[0]!, right.channels[0]!],
  });
  return path;
}

/** The drum groove's first 2 s as a 32-bit float WAV, so that resynth writes float too. */
function drumsExcerpt(dir: string): string {
  const path = join(dir, 'drums-2s.wav');
  writeFloatWav(path, corpusExcerpt(DRUMS, 0, 2));
  return path;
}

export function shallowCases(dir: string): GoldenCase[] {
  const stereo = stereoContent(dir);
  return [
    {
      name: 'shallow-speech-violin',
      args: (out) => [
        'transfer',
        '--content',
        corpusFile(SPEECH),
        '--style',
        corpusFile(VIOLIN),
        '--region',
        '0.5:2.5',
        '--seed',
        '11',
        ...SHALLOW,
        '--out',
        out,
      ],
      expect: { sampleRate: 16000, channels: 1, frames: 32000 },
    },
    {
      name: 'shallow-stereo-per-channel',
      args: (out) => [
        'transfer',
        '--content',
        stereo,
        '--style',
        corpusFile(FLUTE),
        '--channels',
        'per-channel',
        '--seed',
        '12',
        ...SHALLOW,
        '--out',
        out,
      ],
      expect: { sampleRate: 16000, channels: 2, frames: 24000 },
    },
    {
      name: 'shallow-stereo-mid-side',
      args: (out) => [
        'transfer',
        '--content',
        stereo,
        '--style',
        corpusFile(FLUTE),
        '--channels',
        'mid-side',
        '--seed',
        '13',
        ...SHALLOW,
        '--out',
        out,
      ],
      expect: { sampleRate: 16000, channels: 2, frames: 24000 },
    },
    {
      name: 'shallow-noise-start-gl',
      args: (out) => [
        'transfer',
        '--content',
        corpusFile(DRUMS),
        '--style',
        corpusFile(BASS_GUITAR),
        '--region',
        '0:2',
        '--start',
        'noise',
        '--phase-method',
        'gl',
        '--seed',
        '14',
        ...SHALLOW,
        '--out',
        out,
      ],
      expect: { sampleRate: 16000, channels: 1, frames: 32000 },
    },
    {
      name: 'shallow-default-speech-violin',
      args: (out) => [
        'transfer',
        '--content',
        corpusFile(SPEECH),
        '--style',
        corpusFile(VIOLIN),
        '--region',
        '0.5:2.5',
        ...DEFAULT,
        '--out',
        out,
      ],
      expect: { sampleRate: 16000, channels: 1, frames: 32000 },
    },
    {
      // No --channels: the default keeps a stereo content stereo.
      name: 'shallow-default-stereo',
      args: (out) => [
        'transfer',
        '--content',
        stereo,
        '--style',
        corpusFile(FLUTE),
        ...DEFAULT,
        '--out',
        out,
      ],
      expect: { sampleRate: 16000, channels: 2, frames: 24000 },
    },
  ];
}

export function cnnCases(): GoldenCase[] {
  return [
    {
      name: 'cnn-verma-smith-speech-flute',
      args: (out) => [
        'transfer',
        '--method',
        'cnn',
        '--preset',
        'verma-smith',
        '--model',
        'demo-verma-smith',
        '--content',
        corpusFile(SPEECH),
        '--style',
        corpusFile(FLUTE),
        '--region',
        '0.5:2.5',
        '--seed',
        '21',
        '--iterations',
        '5',
        '--phase-iterations',
        '16',
        '--backend',
        'wasm',
        '--json',
        '--out',
        out,
      ],
      expect: { sampleRate: 16000, channels: 1, frames: 32000 },
    },
  ];
}

export function resynthCases(dir: string): GoldenCase[] {
  const drums = drumsExcerpt(dir);
  return [
    {
      name: 'resynth-drums-fgla-zero',
      args: (out) => [
        'resynth',
        drums,
        out,
        '--method',
        'fgla',
        '--phase',
        'zero',
        '--iters',
        '16',
        '--json',
      ],
      expect: { sampleRate: 16000, channels: 1, frames: 32000 },
    },
    {
      name: 'resynth-drums-gl-zero',
      args: (out) => [
        'resynth',
        drums,
        out,
        '--method',
        'gl',
        '--phase',
        'zero',
        '--iters',
        '16',
        '--n-fft',
        '1024',
        '--json',
      ],
      expect: { sampleRate: 16000, channels: 1, frames: 32000 },
    },
  ];
}
