// The Recent list's words: saved projects by name, untitled autosaves by when they were saved.
import type { RecentProject } from '../../../shared/ipc-project';

function clockTime(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** "Untitled (autosaved 12:03)", with the day when it was not today. */
export function recentLabel(recent: RecentProject, now = new Date()): string {
  if (!recent.autosaved) return recent.name;
  const saved = new Date(recent.openedAt);
  const day =
    saved.toDateString() === now.toDateString()
      ? ''
      : `${saved.toLocaleDateString([], { day: 'numeric', month: 'short' })} `;
  return `${recent.name} (autosaved ${day}${clockTime(saved)})`;
}
