// Helper process for the fault-injection test: works on a real project as the app would, as fast
// as it can, until it is killed: one operation over and over (Save, an import, Export Stems, a
// short render: a real transfer into a reserved result name), each followed by an edit that
// autosaves ('autosave' alone: edits only). Prints "working" once the project is open, then the
// name of each operation as it starts it.
import type { TrackState } from '../../src/shared/ipc-project';
import { MediaRegistry } from '../../src/main/media/media-registry';
import { exportStems } from '../../src/main/media/stem-export';
import { describeProjectWav, importWavFile, newId } from '../../src/main/project/audio-import';
import { releaseAudioName, reserveAudioName } from '../../src/main/project/project-files';
import { RecentProjects } from '../../src/main/project/recent-projects';
import { ProjectSession } from '../../src/main/project/session';

const [operation, dataDir, project, exports, ...sources] = process.argv.slice(2);
if (!operation || !dataDir || !project || !exports || sources.length === 0)
  throw new Error('usage: fault-child OPERATION DATA_DIR PROJECT EXPORTS SOURCE.wav...');

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
await session.open(project);
console.log('working');

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const track = (clip: TrackState['clip'], role: TrackState['role']): TrackState => ({
  id: newId(),
  name: `${clip.sourceName} ${newId().slice(0, 4)}`,
  role,
  clip,
  mute: false,
  solo: false,
  gainDb: 0,
  recipe: null,
});

const operations: Record<string, () => Promise<unknown>> = {
  async autosave() {
    const { tracks } = session.current;
    session.edit({ type: 'set-track-gain', trackId: pick(tracks).id, gainDb: -Math.random() * 12 });
  },
  save: () => session.save(),
  async import() {
    const clip = await importWavFile(session.folder, pick(sources));
    session.addTracks([track(clip, 'style')], 'Import');
  },
  export: () =>
    exportStems({
      stems: session.current.tracks.slice(0, 3).map((t) => ({
        trackId: t.id,
        name: t.name,
        role: t.role,
        path: session.pathOf(t.clip.file),
        start: t.clip.start,
        gainDb: t.gainDb,
      })),
      folder: exports,
      sampleFormat: 'pcm16',
      sampleRate: 44100,
      padToCommonLength: true,
      namingPattern: '{n} {track}',
      projectName: 'Song',
      protect: [],
      replace: true,
    }),
  async render() {
    const { tracks } = session.current;
    const content = tracks.find((t) => t.role === 'content') ?? tracks[0]!;
    const style = pick(tracks.filter((t) => t !== content));
    // Loaded here: only the render's processes pay for the engine's start.
    const { runTransfer } = await import('../../src/main/transfer/run-transfer');
    const output = await reserveAudioName(session.folder, 'render x style (shallow)');
    try {
      await runTransfer({
        method: 'shallow',
        settings: {
          analysisRate: 8000,
          nFft: 512,
          hop: 256,
          filters: 16,
          kernelWidth: 5,
          iterations: 2,
          phaseIterations: 2,
        },
        content: session.pathOf(content.clip.file),
        styles: [{ path: session.pathOf(style.clip.file), weight: 1 }],
        output: session.pathOf(output),
        backend: 'cpu',
      });
    } catch (error) {
      await releaseAudioName(session.folder, output);
      throw error;
    }
    const clip = await describeProjectWav(session.folder, output, 'render.wav', 0);
    session.addTracks([track(clip, 'result')], 'Render');
  },
};

const run = operations[operation];
if (!run) throw new Error(`no operation ${operation}`);
for (;;) {
  console.log(operation);
  await run();
  await operations['autosave']!();
  // Lets autosave's timer fire between operations, as it does in the app.
  await new Promise((resolve) => setTimeout(resolve, 2));
}
