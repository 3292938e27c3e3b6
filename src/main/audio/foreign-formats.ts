// Names what a file is when it is not a WAV, or what codec a WAV wraps, so an error can say
// "flute.wav is an MP3 file" instead of "bad header".

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let text = '';
  for (let i = start; i < start + length && i < bytes.length; i++) {
    text += String.fromCharCode(bytes[i]!);
  }
  return text;
}

/** "an MP3 file", "a FLAC file" ... for the common audio formats, else undefined. */
export function describeNonWavFile(bytes: Uint8Array): string | undefined {
  const head = ascii(bytes, 0, 4);
  if (head === 'fLaC') return 'a FLAC file';
  if (head.startsWith('ID3')) return 'an MP3 file';
  if (head === 'OggS') return 'an Ogg file (Vorbis or Opus)';
  if (head === 'FORM') return ascii(bytes, 8, 3) === 'AIF' ? 'an AIFF file' : 'an IFF file';
  if (head === 'caff') return 'a Core Audio (CAF) file';
  if (head === '.snd') return 'a Sun/NeXT AU file';
  if (head === 'MThd') return 'a MIDI file';
  if (head === 'wvpk') return 'a WavPack file';
  if (head === 'MAC ') return "a Monkey's Audio (APE) file";
  if (head === '#!AM') return 'an AMR file';
  if (ascii(bytes, 4, 4) === 'ftyp') return 'an MP4/M4A file';
  if (bytes[0] === 0x30 && bytes[1] === 0x26 && bytes[2] === 0xb2 && bytes[3] === 0x75) {
    return 'a WMA/ASF file';
  }
  // MPEG audio frame sync: 11 set bits; layer bits 00 mean AAC in ADTS framing.
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0) {
    return (bytes[1]! & 0x06) === 0 ? 'an AAC file' : 'an MP3 file';
  }
  return undefined;
}

const codecNames: ReadonlyMap<number, string> = new Map([
  [0x0002, 'Microsoft ADPCM'],
  [0x0006, 'A-law'],
  [0x0007, 'mu-law'],
  [0x0011, 'IMA ADPCM'],
  [0x0022, 'TrueSpeech'],
  [0x0031, 'GSM 6.10'],
  [0x0040, 'G.721 ADPCM'],
  [0x0045, 'G.726 ADPCM'],
  [0x0050, 'MPEG audio'],
  [0x0055, 'MP3'],
  [0x00ff, 'AAC'],
  [0x0160, 'WMA'],
  [0x0161, 'WMA'],
  [0x0162, 'WMA Pro'],
  [0x1610, 'AAC'],
  [0x2000, 'AC-3'],
  [0x2001, 'DTS'],
  [0x674f, 'Vorbis'],
  [0x6750, 'Vorbis'],
  [0x704f, 'Opus'],
  [0xf1ac, 'FLAC'],
]);

/** "MP3 audio (format tag 0x0055)" for a WAV format tag we do not decode. */
export function describeCodec(formatTag: number): string {
  const hex = `0x${formatTag.toString(16).padStart(4, '0')}`;
  const name = codecNames.get(formatTag);
  return name
    ? `${name} audio (format tag ${hex})`
    : `audio in an unknown codec (format tag ${hex})`;
}
