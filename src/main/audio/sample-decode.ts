// Interleaved WAV sample bytes to planar Float32 (full scale = 1.0). One tight DataView loop per
// sample type; channels are decoded one after another so each output array fills in order.
import type { SampleLayout } from './wav-fmt';

export interface NonFiniteSamples {
  count: number;
  firstFrame: number;
  firstChannel: number;
}

export interface DecodedSamples {
  channels: Float32Array[];
  /** NaN or infinite values found in a float file (or float64 values beyond float32 range). */
  nonFinite?: NonFiniteSamples;
  /** Samples sat in the low bits of wider containers, against the spec (hound and others do it). */
  lowAligned: boolean;
}

/** Fills `dst` from every `stride`-th byte from `start`; returns the first non-finite index or -1. */
type ChannelLoop = (
  view: DataView,
  u8: Uint8Array,
  dst: Float32Array,
  start: number,
  stride: number,
) => number;

const unsigned8: ChannelLoop = (view, u8, dst, start, stride) => {
  for (let i = 0, p = start; i < dst.length; i++, p += stride) dst[i] = (u8[p]! - 128) / 128;
  return -1;
};
const int16: ChannelLoop = (view, u8, dst, start, stride) => {
  for (let i = 0, p = start; i < dst.length; i++, p += stride)
    dst[i] = view.getInt16(p, true) / 32768;
  return -1;
};
const int24: ChannelLoop = (view, u8, dst, start, stride) => {
  for (let i = 0, p = start; i < dst.length; i++, p += stride) {
    const value = (u8[p]! | (u8[p + 1]! << 8) | (u8[p + 2]! << 16)) << 8;
    dst[i] = (value >> 8) / 8388608;
  }
  return -1;
};
const int32: ChannelLoop = (view, u8, dst, start, stride) => {
  for (let i = 0, p = start; i < dst.length; i++, p += stride)
    dst[i] = view.getInt32(p, true) / 2147483648;
  return -1;
};
const float32: ChannelLoop = (view, u8, dst, start, stride) => {
  let firstBad = -1;
  for (let i = 0, p = start; i < dst.length; i++, p += stride) {
    const value = view.getFloat32(p, true);
    dst[i] = value;
    if (value - value !== 0 && firstBad < 0) firstBad = i; // NaN - NaN and Inf - Inf are NaN
  }
  return firstBad;
};
const float64: ChannelLoop = (view, u8, dst, start, stride) => {
  let firstBad = -1;
  for (let i = 0, p = start; i < dst.length; i++, p += stride) {
    const value = Math.fround(view.getFloat64(p, true));
    dst[i] = value;
    if (value - value !== 0 && firstBad < 0) firstBad = i;
  }
  return firstBad;
};

function readContainer(view: DataView, p: number, bytes: number): number {
  if (bytes === 2) return view.getUint16(p, true);
  if (bytes === 3)
    return view.getUint8(p) | (view.getUint8(p + 1) << 8) | (view.getUint8(p + 2) << 16);
  return view.getInt32(p, true);
}

/** A loop for `validBits` right-aligned in the container: sign-extend the low bits. */
function lowAlignedLoop(containerBytes: number, validBits: number): ChannelLoop {
  const shift = 32 - validBits;
  const scale = 2 ** -(validBits - 1);
  return (view, u8, dst, start, stride) => {
    for (let i = 0, p = start; i < dst.length; i++, p += stride) {
      dst[i] = ((readContainer(view, p, containerBytes) << shift) >> shift) * scale;
    }
    return -1;
  };
}

/**
 * The spec puts valid bits at the top of the container with zero padding below. Any set padding
 * bit proves the writer right-aligned them instead, as some do; then the top bits are the padding.
 */
function isLowAligned(view: DataView, layout: SampleLayout, samples: number): boolean {
  const padBits = layout.containerBytes * 8 - layout.validBits;
  if (layout.codec !== 'pcm' || layout.containerBytes < 2 || padBits <= 0) return false;
  const mask = 2 ** padBits - 1;
  for (let s = 0, p = 0; s < samples; s++, p += layout.containerBytes) {
    if ((readContainer(view, p, layout.containerBytes) & mask) !== 0) return true;
  }
  return false;
}

function loopFor(layout: SampleLayout, lowAligned: boolean): ChannelLoop {
  if (layout.codec === 'float') return layout.containerBytes === 8 ? float64 : float32;
  if (lowAligned) return lowAlignedLoop(layout.containerBytes, layout.validBits);
  switch (layout.containerBytes) {
    case 1:
      return unsigned8;
    case 2:
      return int16;
    case 3:
      return int24;
    default:
      return int32;
  }
}

/** Decodes `frames` whole frames starting at `offset`; the caller has checked they are present. */
export function decodeSamples(
  bytes: Uint8Array,
  offset: number,
  frames: number,
  layout: SampleLayout,
): DecodedSamples {
  const u8 = bytes.subarray(offset, offset + frames * layout.frameBytes);
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const lowAligned = isLowAligned(view, layout, frames * layout.channels);
  const loop = loopFor(layout, lowAligned);
  const channels: Float32Array[] = [];
  let nonFinite: NonFiniteSamples | undefined;
  for (let c = 0; c < layout.channels; c++) {
    const dst = new Float32Array(frames);
    const firstBad = loop(view, u8, dst, c * layout.containerBytes, layout.frameBytes);
    channels.push(dst);
    if (firstBad >= 0) {
      let count = 0;
      for (let i = firstBad; i < frames; i++) if (dst[i]! - dst[i]! !== 0) count++;
      if (!nonFinite || firstBad < nonFinite.firstFrame) {
        nonFinite = {
          count: count + (nonFinite?.count ?? 0),
          firstFrame: firstBad,
          firstChannel: c,
        };
      } else {
        nonFinite.count += count;
      }
    }
  }
  return { channels, lowAligned, ...(nonFinite && { nonFinite }) };
}
