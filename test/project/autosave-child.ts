// Helper process for the crash test: edits a project as fast as it can with autosave on, until it
// is killed. Prints "editing" once the first save is on disk.
import { ProjectSession } from '../../src/main/project/session';
import { MediaRegistry } from '../../src/main/media/media-registry';
import { RecentProjects } from '../../src/main/project/recent-projects';
import type { TrackState } from '../../src/shared/ipc-project';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: autosave-child DATA_DIR');
const session = new ProjectSession({
  dataDir,
  media: new MediaRegistry(),
  mediaUrl: (p) => p,
  recent: new RecentProjects(dataDir),
  onChange: () => undefined,
  onSaveError: (error) => {
    console.error(error);
    process.exit(3);
  },
  autosaveDelayMs: 1,
});
await session.createUntitled();
const tracks: TrackState[] = Array.from({ length: 40 }, (_, i) => ({
  id: `t${i}`,
  name: `Track ${i} ${'with a long name '.repeat(8)}`,
  role: i === 0 ? 'content' : 'style',
  clip: {
    id: `c${i}`,
    file: `audio/t${i}.wav`,
    sourceName: `t${i}.wav`,
    sampleRate: 44100,
    channels: 2,
    frames: 44100,
    duration: 1,
    start: 0,
    loudnessLufs: -20,
    peakDb: -1,
  },
  mute: false,
  solo: false,
  gainDb: 0,
  recipe: null,
}));
session.addTracks(tracks, 'add');
await session.save();
console.log(session.folder);
for (let n = 0; ; n++) {
  session.edit({ type: 'set-track-gain', trackId: `t${n % 40}`, gainDb: -(n % 60) });
  if (n % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
}
