// The two numbers of a transfer result (QUALITY.md): how far its timbre moved toward the style,
// and how well it kept the content's envelope. The content's and the styles' side is taken once
// and reused for every result of the same pair. Signals are mono, at the content's rate.
import {
  assertAudible,
  assertDistinctProfiles,
  contentCorrelation,
  envelope,
  logSpectrogram,
  meanProfile,
  styleGain,
  timbreProfile,
  type Envelope,
  type TimbreProfile,
} from './quality-metrics';

/** A mono signal and the name its errors use (a file name). */
export interface LabelledSignal {
  label: string;
  samples: Float32Array;
}

/** What every result of one content and style(s) is measured against. */
export interface QualityReference {
  contentLabel: string;
  contentProfile: TimbreProfile;
  /** The mean of the style clips' profiles. */
  styleProfile: TimbreProfile;
  contentEnvelope: Envelope;
}

export interface ResultQuality {
  /** 1 = the style's timbre, 0 = the content's, below 0 = further from the style. */
  styleGain: number;
  /** Pearson correlation of the content's and the result's envelopes; 1 = same dynamics. */
  contentCorrelation: number;
}

/** The profiles and envelope every result is compared with; throws when none could be. */
export function qualityReference(
  content: LabelledSignal,
  styles: readonly LabelledSignal[],
): QualityReference {
  if (styles.length === 0) throw new RangeError('A quality reference needs at least one style.');
  const contentSpec = logSpectrogram(content.samples, content.label);
  assertAudible(contentSpec, content.label);
  const styleProfile = meanProfile(
    styles.map(({ label, samples }) => {
      const spec = logSpectrogram(samples, label);
      assertAudible(spec, label);
      return timbreProfile(spec);
    }),
  );
  const contentProfile = timbreProfile(contentSpec);
  assertDistinctProfiles(contentProfile, styleProfile);
  const contentEnvelope = envelope(contentSpec);
  // Correlating the envelope with itself checks, before any result, that it can be correlated
  // at all (two frames or more, a level that changes).
  const labels = { content: content.label, result: content.label };
  contentCorrelation(contentEnvelope, contentEnvelope, labels);
  return { contentLabel: content.label, contentProfile, styleProfile, contentEnvelope };
}

/** Style gain and content correlation of one result. */
export function measureResult(reference: QualityReference, result: LabelledSignal): ResultQuality {
  const spec = logSpectrogram(result.samples, result.label);
  assertAudible(spec, result.label);
  return {
    styleGain: styleGain(reference.contentProfile, reference.styleProfile, timbreProfile(spec)),
    contentCorrelation: contentCorrelation(reference.contentEnvelope, envelope(spec), {
      content: reference.contentLabel,
      result: result.label,
    }),
  };
}
