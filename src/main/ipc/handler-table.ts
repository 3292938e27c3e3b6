// One handler per request channel: checks the arguments, calls the editor, and answers with a
// reply envelope. Transport-free: Electron's ipcMain and the test host's socket serve this table.
import type { IpcCalls, IpcChannel, IpcErrorData, IpcReply } from '../../shared/ipc-channels';
import { isUserFacingError } from '../../shared/user-error';
import type { Editor } from './editor';
import { parseArguments } from './schemas';

export type HandlerTable = {
  [C in IpcChannel]: (args: unknown) => Promise<IpcReply<IpcCalls[C]['result']>>;
};

type Implementations = {
  [C in IpcChannel]: (
    ...args: IpcCalls[C]['args']
  ) => IpcCalls[C]['result'] | Promise<IpcCalls[C]['result']>;
};

/** How a failure crosses to the page: user errors as they are, bugs as one plain sentence. */
export function replyError(channel: IpcChannel, error: unknown): IpcErrorData {
  if (isUserFacingError(error))
    return { name: error.name, message: error.message, userFacing: true };
  const detail = error instanceof Error ? error.message : String(error);
  return {
    name: error instanceof Error ? error.name : 'Error',
    message: `Something went wrong (${channel}): ${detail}`,
    userFacing: false,
  };
}

export function createHandlerTable(
  editor: Editor,
  log: (channel: IpcChannel, error: unknown) => void = () => undefined,
): HandlerTable {
  const implementations: Implementations = {
    'app:info': () => editor.appInfo(),
    'project:get': () => editor.getProject(),
    'project:new': () => editor.newProject(),
    'project:open': (folder) => editor.openProject(folder),
    'project:save': () => editor.saveProject(),
    'project:save-as': () => editor.saveProjectAs(),
    'project:recent': () => editor.recentProjects(),
    'project:edit': (edit) => editor.edit(edit),
    'project:undo': () => editor.undo(),
    'project:redo': () => editor.redo(),
    'audio:import': (request) => editor.importAudio(request),
    'audio:import-pcm': (pcm) => editor.importPcm(pcm),
    'audio:import-wav-bytes': (wav) => editor.importWavBytes(wav),
    'track:lanes': (trackId) => editor.lanes(trackId),
    'track:drag-out': (trackId) => editor.dragOut(trackId),
    'transfer:options': () => editor.transferOptions(),
    'transfer:start': (request) => editor.startTransfer(request),
    'transfer:start-batch': (request, contentTrackIds) =>
      editor.startTransferBatch(request, contentTrackIds),
    'transfer:cancel': (jobId) => editor.cancelTransfer(jobId),
    'transfer:jobs': () => editor.listJobs(),
    'transfer:iterate-audio': (jobId) => editor.iterateAudio(jobId),
    'transfer:style-advice': (trackId) => editor.styleAdvice(trackId),
    'export:stems': (request) => editor.exportStems(request),
    'export:show-in-folder': (file) => editor.showInFolder(file),
    'models:list': () => editor.models.list(),
    'models:delete': (name) => editor.models.delete(name),
    'models:import': (request) => editor.models.import(request),
    'models:export': (request) => editor.models.export(request),
    'models:choose-data': () => editor.models.chooseTrainingData(),
    'models:train': (request) => editor.models.train(request),
    'models:cancel-training': (id) => editor.models.cancelTraining(id),
    'models:resume-training': (id) => editor.models.resumeTraining(id),
    'models:trainings': () => editor.models.trainings(),
    'models:choose-content': () => editor.models.chooseContentFolder(),
    'models:train-generator': (request) => editor.trainGenerator(request),
    'models:cyclegan-options': () => editor.models.cycleGanOptions(),
    'models:choose-class-pair': () => editor.models.chooseClassPair(),
    'models:train-cyclegan': (request) => editor.models.trainCycleGan(request),
    'evaluation:start': (request) => editor.evaluation.start(request),
    'evaluation:cancel': (id) => editor.evaluation.cancel(id),
    'evaluation:curves': (trackId) => editor.evaluation.curves(trackId),
    'evaluation:list': () => editor.evaluation.list(),
    'evaluation:cluster-options': (model) => editor.evaluation.clusterOptions(model),
    'evaluation:ratings': () => editor.evaluation.ratings(),
    'evaluation:export-ratings': (request) => editor.evaluation.exportRatings(request),
  };
  const table = {} as Record<IpcChannel, (args: unknown) => Promise<IpcReply<unknown>>>;
  for (const channel of Object.keys(implementations) as IpcChannel[]) {
    const implementation = implementations[channel] as (...args: unknown[]) => unknown;
    table[channel] = async (args) => {
      try {
        const parsed = parseArguments(channel, args) as unknown[];
        return { ok: true, value: await implementation(...parsed) };
      } catch (error) {
        if (!isUserFacingError(error)) log(channel, error);
        return { ok: false, error: replyError(channel, error) };
      }
    };
  }
  return table as HandlerTable;
}
