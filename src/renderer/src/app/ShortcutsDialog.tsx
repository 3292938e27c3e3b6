// The list of keyboard shortcuts (`?`), generated from the keymap the editor binds.
import { useEffect, useRef } from 'react';
import { isMac } from './commands';
import { shortcutSections } from './keymap';

export function ShortcutsDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="modal-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="modal shortcuts"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
      >
        <h2>Keyboard shortcuts</h2>
        {shortcutSections(isMac).map((section) => (
          <table key={section.title} className="shortcut-table">
            <caption>{section.title}</caption>
            <tbody>
              {section.rows.map((row) => (
                <tr key={`${row.keys} ${row.label}`}>
                  <td>
                    <kbd>{row.keys}</kbd>
                  </td>
                  <td>{row.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <div className="actions">
          <button ref={closeRef} onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
