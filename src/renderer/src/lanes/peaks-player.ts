// peaks.js's external-player adapter over the editor's transport: every lane's playhead follows
// the one transport, and a click on a lane seeks it.
import type { PlayerAdapter } from 'peaks.js';
import type { Transport } from '../state/transport';

export function peaksPlayer(transport: Transport): PlayerAdapter & { setSource(): Promise<void> } {
  let stop: (() => void) | undefined;
  return {
    init(emitter) {
      const unsubscribeTime = transport.time.subscribe((time) =>
        emitter.emit('player.timeupdate', time),
      );
      const unsubscribePlaying = transport.playing.subscribe((playing) =>
        playing
          ? emitter.emit('player.playing', transport.currentTime())
          : emitter.emit('player.pause', transport.currentTime()),
      );
      stop = () => {
        unsubscribeTime();
        unsubscribePlaying();
      };
      emitter.emit('player.canplay');
      return Promise.resolve();
    },
    destroy: () => stop?.(),
    play: () => transport.play(),
    pause: () => transport.pause(),
    isPlaying: () => transport.playing.get(),
    isSeeking: () => false,
    getCurrentTime: () => transport.currentTime(),
    getDuration: () => transport.sessionEnd,
    seek: (time) => transport.seek(time),
    setSource: () => Promise.resolve(),
  };
}
