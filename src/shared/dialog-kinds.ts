// The file dialogs the editor opens, by what they are for.
export type DialogKind =
  | 'audio-files'
  | 'project-folder'
  | 'save-folder'
  | 'export-folder'
  | 'model-file'
  | 'model-folder'
  | 'model-export'
  | 'training-folder';

export const DIALOG_KINDS: readonly DialogKind[] = [
  'audio-files',
  'project-folder',
  'save-folder',
  'export-folder',
  'model-file',
  'model-folder',
  'model-export',
  'training-folder',
];
