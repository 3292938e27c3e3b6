// The list of keyboard shortcuts (`?`), generated from the keymap the editor binds.
import { useEffect, useRef } from 'react';
import { isMac } from './commands';
import { shortcutSections } from './keymap';

export function ShortcutsDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  // Focus the list itself: it opens at its top, and arrows and Page keys scroll it.
  const dialogRef = useRef<HTMLDivElement>(null);
  useEffect(() => dialogRef.current?.focus(), []);
  return (
    <div className="modal-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={dialogRef}
        tabIndex={-1}
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
          <button onClick={onClose}>Close</button>
        </div>
      </div>
    </div>
  );
}
