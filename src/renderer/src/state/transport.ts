// Playback of the session with Web Audio: every audible track is a buffer source started at the
// same playhead, so switching A/B (a gain change) keeps the position to the sample. Clips are
// fetched from the media route and decoded by the page's audio stack.
import type { Seconds } from '../../../shared/units';
import { Store } from './store';

export interface PlayableTrack {
  trackId: string;
  url: string;
  /** Clip start on the session timeline. */
  start: Seconds;
  /** Linear gain after mute, solo, track gain and A/B. */
  gain: number;
}

export interface LoopRegion {
  start: Seconds;
  end: Seconds;
}

interface Voice {
  source: AudioBufferSourceNode;
  gain: GainNode;
  url: string;
}

const RAMP_SECONDS = 0.005;

export class Transport {
  /** The playhead (session seconds), updated every frame while playing. */
  readonly time = new Store<Seconds>(0);
  readonly playing = new Store<boolean>(false);
  readonly loop = new Store<boolean>(false);
  /** Set when a clip cannot be decoded. */
  onError: (message: string) => void = () => undefined;
  private context: AudioContext | null = null;
  private readonly buffers = new Map<string, Promise<AudioBuffer>>();
  private tracks: PlayableTrack[] = [];
  private voices = new Map<string, Voice>();
  private anchorContextTime = 0;
  private anchorPosition = 0;
  private frame = 0;
  private loopRegion: LoopRegion | null = null;
  sessionEnd: Seconds = 0;

  private audio(): AudioContext {
    this.context ??= new AudioContext({ latencyHint: 'interactive' });
    return this.context;
  }

  /** Decodes (once) the clip behind a URL. */
  buffer(url: string): Promise<AudioBuffer> {
    let buffer = this.buffers.get(url);
    if (!buffer) {
      buffer = fetch(url)
        .then((response) => {
          if (!response.ok)
            throw new Error(`The clip could not be loaded (HTTP ${response.status}).`);
          return response.arrayBuffer();
        })
        .then((bytes) => this.audio().decodeAudioData(bytes));
      buffer.catch(() => this.buffers.delete(url));
      this.buffers.set(url, buffer);
    }
    return buffer;
  }

  setTracks(tracks: PlayableTrack[]): void {
    const restart =
      this.playing.get() &&
      (tracks.length !== this.tracks.length ||
        tracks.some((t, i) => t.url !== this.tracks[i]?.url || t.start !== this.tracks[i]?.start));
    this.tracks = tracks;
    if (restart) {
      void this.startVoices(this.currentTime());
      return;
    }
    const context = this.context;
    if (!context) return;
    for (const track of tracks) {
      const voice = this.voices.get(track.trackId);
      voice?.gain.gain.setTargetAtTime(track.gain, context.currentTime, RAMP_SECONDS);
    }
  }

  setLoopRegion(region: LoopRegion | null): void {
    this.loopRegion = region;
  }

  currentTime(): Seconds {
    if (!this.playing.get() || !this.context) return this.time.get();
    return this.anchorPosition + (this.context.currentTime - this.anchorContextTime);
  }

  /** A sound played outside the session (a job's current iterate); any transport key ends it. */
  private aside: HTMLAudioElement | null = null;
  /** Whether a sound outside the session is playing (the current iterate). */
  readonly asidePlaying = new Store<boolean>(false);

  /** Plays a sound outside the session's mix, stopping the session and any other such sound. */
  async playAside(url: string): Promise<void> {
    this.endAside();
    this.pause();
    const sound = new Audio(url);
    this.aside = sound;
    sound.addEventListener('ended', () => {
      if (this.aside === sound) this.endAside();
    });
    this.asidePlaying.set(true);
    await sound.play();
  }

  private endAside(): void {
    this.aside?.pause();
    this.aside = null;
    this.asidePlaying.set(false);
  }

  async play(): Promise<void> {
    this.endAside();
    if (this.playing.get()) return;
    const context = this.audio();
    await context.resume();
    let from = this.time.get();
    const region = this.loop.get() ? this.loopRegion : null;
    if (region && (from < region.start || from >= region.end)) from = region.start;
    if (!region && from >= this.sessionEnd) from = 0;
    this.playing.set(true);
    await this.startVoices(from);
    this.tick();
  }

  pause(): void {
    this.endAside();
    if (!this.playing.get()) return;
    const position = this.currentTime();
    this.stopVoices();
    this.playing.set(false);
    cancelAnimationFrame(this.frame);
    this.time.set(position);
  }

  toggle(): void {
    if (this.asidePlaying.get()) this.endAside();
    else if (this.playing.get()) this.pause();
    else void this.play();
  }

  /** Stops and goes back to the start (of the loop, when looping). */
  stop(): void {
    this.pause();
    this.time.set(this.loop.get() && this.loopRegion ? this.loopRegion.start : 0);
  }

  seek(time: Seconds): void {
    const position = Math.max(0, time);
    if (this.playing.get()) void this.startVoices(position);
    else this.time.set(position);
  }

  dispose(): void {
    this.pause();
    void this.context?.close();
  }

  private async startVoices(position: Seconds): Promise<void> {
    const context = this.audio();
    const tracks = this.tracks;
    const decoded = await Promise.all(
      tracks.map((t) =>
        this.buffer(t.url).catch((error: unknown) => {
          this.onError(error instanceof Error ? error.message : String(error));
          return null;
        }),
      ),
    );
    if (!this.playing.get()) return;
    this.stopVoices();
    const now = context.currentTime + 0.03;
    this.anchorContextTime = now;
    this.anchorPosition = position;
    tracks.forEach((track, i) => {
      const buffer = decoded[i];
      if (!buffer) return;
      const offset = position - track.start;
      if (offset >= buffer.duration) return;
      const source = context.createBufferSource();
      source.buffer = buffer;
      const gain = context.createGain();
      gain.gain.value = track.gain;
      source.connect(gain).connect(context.destination);
      if (offset >= 0) source.start(now, offset);
      else source.start(now - offset, 0);
      this.voices.set(track.trackId, { source, gain, url: track.url });
    });
  }

  private stopVoices(): void {
    for (const voice of this.voices.values()) {
      try {
        voice.source.stop();
      } catch {
        // never started
      }
      voice.source.disconnect();
      voice.gain.disconnect();
    }
    this.voices.clear();
  }

  private tick = (): void => {
    if (!this.playing.get()) return;
    const position = this.currentTime();
    const region = this.loop.get() ? this.loopRegion : null;
    if (region && position >= region.end) {
      void this.startVoices(region.start);
      this.time.set(region.start);
    } else if (!region && position >= this.sessionEnd) {
      this.pause();
      this.time.set(this.sessionEnd);
      return;
    } else {
      this.time.set(position);
    }
    this.frame = requestAnimationFrame(this.tick);
  };
}
