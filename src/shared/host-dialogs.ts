// The browser host's file dialogs: what the host asks the page and what the page answers, over
// the host's socket. In Electron the operating system draws these; in a browser the page bridge
// draws an in-page chooser of the host's folders (the files live on the host, not in the browser).
import type { DialogKind } from './dialog-kinds';

/** One entry of a host folder, as the chooser lists it. */
export interface HostFolderEntry {
  name: string;
  path: string;
  folder: boolean;
}

export interface HostFolderListing {
  path: string;
  /** Null at a root. */
  parent: string | null;
  /** Folders first, then the files this dialog can choose; hidden entries left out. */
  entries: HostFolderEntry[];
}

/** What a dialog lets the user pick. */
export type ChooserMode =
  /** Existing files, several at once. */
  | 'files'
  /** One existing file. */
  | 'file'
  /** One existing folder. */
  | 'folder'
  /** A new name inside a folder (a new project folder, an export file). */
  | 'new-name';

export interface HostDialogRequest {
  kind: DialogKind;
  mode: ChooserMode;
  title: string;
  /** The new name's first value, for new-name dialogs. */
  suggestedName?: string;
  /** File name endings the dialog lists (lower case, with the dot); empty lists no files. */
  extensions: string[];
}

export type HostDialogAnswer =
  { paths: string[] } | { folder: string; name: string } | { cancelled: true };

export type HostDialogMessage =
  | { type: 'dialog'; id: number; request: HostDialogRequest; start: HostFolderListing }
  | { type: 'dialog-list'; id: number; path: string }
  | {
      type: 'dialog-listing';
      id: number;
      listing?: HostFolderListing;
      /** Why the folder could not be listed. */
      problem?: string;
    }
  | { type: 'dialog-answer'; id: number; answer: HostDialogAnswer };
