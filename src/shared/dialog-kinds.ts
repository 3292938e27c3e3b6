// The file dialogs the editor opens, by what they are for.
export type DialogKind =
  | 'audio-files'
  | 'project-folder'
  | 'save-folder'
  | 'export-folder'
  | 'model-file'
  | 'model-folder'
  | 'model-export'
  | 'ratings-export'
  | 'training-folder';

export const DIALOG_KINDS: readonly DialogKind[] = [
  'audio-files',
  'project-folder',
  'save-folder',
  'export-folder',
  'model-file',
  'model-folder',
  'model-export',
  'ratings-export',
  'training-folder',
];

/**
 * The dialogs that ask where to save a new file or folder (a save dialog, which asks before it
 * answers with one that exists); the others choose what exists.
 */
export const SAVE_DIALOG_KINDS: readonly DialogKind[] = [
  'save-folder',
  'model-export',
  'ratings-export',
];
