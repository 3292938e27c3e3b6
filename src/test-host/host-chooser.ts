// The browser host's file dialog, drawn by the page bridge: in Electron the operating system shows
// one; in a browser the files live on the host, so the page lists the host's folders (the host
// answers each listing) and sends back what the user chose. Plain DOM, outside the editor's React
// tree, like a native dialog; keyboard: arrows move, Enter opens or chooses, Escape cancels.
import type {
  HostDialogAnswer,
  HostDialogRequest,
  HostFolderEntry,
  HostFolderListing,
} from '../shared/host-dialogs';

export interface ChooserIo {
  /** Lists a host folder; a string is why it could not be listed. */
  list(path: string): Promise<HostFolderListing | string>;
}

const BUTTON_LABEL: Record<HostDialogRequest['mode'], string> = {
  files: 'Choose',
  file: 'Choose',
  folder: 'Use this folder',
  'new-name': 'Save here',
};

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  style: Partial<CSSStyleDeclaration> = {},
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  Object.assign(node.style, style);
  return node;
}

/** Shows the chooser and resolves with the user's answer. */
export function showHostChooser(
  request: HostDialogRequest,
  start: HostFolderListing,
  io: ChooserIo,
): Promise<HostDialogAnswer> {
  const previousFocus = document.activeElement as HTMLElement | null;
  const backdrop = element(
    'div',
    { className: 'host-chooser-backdrop' },
    {
      position: 'fixed',
      inset: '0',
      background: 'rgba(0,0,0,0.55)',
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'center',
      zIndex: '10000',
      font: '13px system-ui, sans-serif',
    },
  );
  const dialog = element(
    'div',
    { className: 'host-chooser' },
    {
      background: '#1e2026',
      color: '#e6e6e6',
      border: '1px solid #444',
      borderRadius: '6px',
      width: 'min(640px, 92vw)',
      maxHeight: '80vh',
      display: 'flex',
      flexDirection: 'column',
      gap: '8px',
      padding: '14px',
    },
  );
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  const title = element(
    'h2',
    { textContent: request.title, id: 'host-chooser-title' },
    {
      margin: '0',
      fontSize: '15px',
    },
  );
  dialog.setAttribute('aria-labelledby', title.id);
  const where = element('div', { className: 'host-chooser-path' }, { display: 'flex', gap: '6px' });
  const up = element('button', { type: 'button', textContent: 'Up', title: 'The folder above' });
  const pathField = element(
    'input',
    { type: 'text', className: 'host-chooser-location', spellcheck: false },
    { flex: '1', font: 'inherit' },
  );
  pathField.setAttribute('aria-label', 'Folder on the host');
  where.append(up, pathField);
  const list = element(
    'ul',
    { className: 'host-chooser-list', tabIndex: 0 },
    {
      listStyle: 'none',
      margin: '0',
      padding: '0',
      overflow: 'auto',
      minHeight: '200px',
      maxHeight: '45vh',
      border: '1px solid #333',
      background: '#16181c',
    },
  );
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Folders and files');
  if (request.mode === 'files') list.setAttribute('aria-multiselectable', 'true');
  const nameRow = element('label', {}, { display: 'flex', gap: '6px', alignItems: 'center' });
  const nameField = element(
    'input',
    { type: 'text', className: 'host-chooser-name', value: request.suggestedName ?? '' },
    { flex: '1', font: 'inherit' },
  );
  nameRow.append(request.kind === 'save-folder' ? 'Folder name' : 'File name', nameField);
  const message = element('div', { className: 'host-chooser-message' }, { minHeight: '1.2em' });
  message.setAttribute('role', 'status');
  const buttons = element('div', {}, { display: 'flex', justifyContent: 'flex-end', gap: '8px' });
  const cancel = element('button', { type: 'button', textContent: 'Cancel' });
  const choose = element('button', { type: 'button', textContent: BUTTON_LABEL[request.mode] });
  buttons.append(cancel, choose);
  dialog.append(title, where, list);
  if (request.mode === 'new-name') dialog.append(nameRow);
  dialog.append(message, buttons);
  backdrop.append(dialog);

  let listing = start;
  let active = 0;
  const selected = new Set<string>();
  /** A new name that already exists: choosing again replaces it. */
  let confirmReplace: string | null = null;

  const entryOf = (index: number): HostFolderEntry | undefined => listing.entries[index];

  function render(): void {
    pathField.value = listing.path;
    up.disabled = listing.parent === null;
    list.replaceChildren(
      ...listing.entries.map((entry, index) => {
        const item = element(
          'li',
          {
            id: `host-chooser-item-${index}`,
            textContent: `${entry.folder ? '▸ ' : '  '}${entry.name}${entry.folder ? '/' : ''}`,
          },
          {
            padding: '3px 8px',
            cursor: 'default',
            whiteSpace: 'pre',
            background: selected.has(entry.path)
              ? '#2f4f7f'
              : index === active
                ? '#262a31'
                : 'transparent',
          },
        );
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', String(selected.has(entry.path)));
        item.addEventListener('click', (event) => pick(index, event.ctrlKey || event.metaKey));
        item.addEventListener('dblclick', () => void open(index));
        return item;
      }),
    );
    if (listing.entries.length === 0)
      list.append(
        element('li', { textContent: '(empty)' }, { padding: '3px 8px', opacity: '0.6' }),
      );
    list.setAttribute('aria-activedescendant', `host-chooser-item-${active}`);
    list.querySelector(`#host-chooser-item-${active}`)?.scrollIntoView({ block: 'nearest' });
  }

  function pick(index: number, add: boolean): void {
    active = index;
    const entry = entryOf(index);
    if (!entry) return;
    if (entry.folder || request.mode === 'folder' || request.mode === 'new-name') {
      selected.clear();
    } else {
      if (!(add && request.mode === 'files')) selected.clear();
      selected.add(entry.path);
    }
    render();
  }

  async function go(path: string): Promise<void> {
    const result = await io.list(path);
    if (typeof result === 'string') {
      message.textContent = result;
      pathField.value = listing.path;
      return;
    }
    listing = result;
    active = 0;
    selected.clear();
    confirmReplace = null;
    message.textContent = '';
    render();
  }

  async function open(index: number): Promise<void> {
    const entry = entryOf(index);
    if (!entry) return;
    if (entry.folder) await go(entry.path);
    else {
      pick(index, false);
      finish(choice());
    }
  }

  /** The answer the Choose button would give now, or null with the reason shown. */
  function choice(): HostDialogAnswer | null {
    if (request.mode === 'folder') return { paths: [listing.path] };
    if (request.mode === 'new-name') {
      const name = nameField.value.trim();
      if (name === '' || /[\\/]/.test(name) || name.startsWith('.')) {
        message.textContent = 'Type a name (no slashes, not starting with a dot).';
        return null;
      }
      if (listing.entries.some((e) => e.name === name) && confirmReplace !== name) {
        confirmReplace = name;
        message.textContent = `“${name}” already exists here. Choose again to replace it.`;
        return null;
      }
      return { folder: listing.path, name };
    }
    if (selected.size === 0) {
      message.textContent =
        request.mode === 'files' ? 'Select one or more files.' : 'Select a file.';
      return null;
    }
    return { paths: [...selected] };
  }

  let finish: (answer: HostDialogAnswer | null) => void = () => undefined;
  const done = new Promise<HostDialogAnswer>((resolveAnswer) => {
    finish = (answer) => {
      if (answer === null) return;
      backdrop.remove();
      previousFocus?.focus();
      resolveAnswer(answer);
    };
  });

  up.addEventListener('click', () => {
    if (listing.parent !== null) void go(listing.parent);
  });
  pathField.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void go(pathField.value);
    }
  });
  cancel.addEventListener('click', () => finish({ cancelled: true }));
  choose.addEventListener('click', () => finish(choice()));
  nameField.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      finish(choice());
    }
  });
  list.addEventListener('keydown', (event) => {
    const count = listing.entries.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (count === 0) return;
      active = Math.max(0, Math.min(count - 1, active + (event.key === 'ArrowDown' ? 1 : -1)));
      if (request.mode === 'files' || request.mode === 'file') pick(active, false);
      else render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void open(active);
    } else if (event.key === 'Backspace' && listing.parent !== null) {
      event.preventDefault();
      void go(listing.parent);
    }
  });
  backdrop.addEventListener('keydown', (event) => {
    // The editor's shortcuts (Space plays ...) must not fire under a dialog.
    event.stopPropagation();
    if (event.key === 'Escape') finish({ cancelled: true });
  });

  render();
  document.body.append(backdrop);
  (request.mode === 'new-name' ? nameField : list).focus();
  if (request.mode === 'new-name') nameField.select();
  return done;
}
