// Seed 001's table 2 from the app's blind listening test: every rated result track of a project,
// grouped by its pair (content and styles) and method, summarised as mean, count and spread.
// The ratings are the project's own (project.json `ratings`, 1 to 5 by track id). The blind test
// also rates the content, its hidden reference: those ratings form a group of method
// `reference` with no styles, beside the pairs made from that content.
import { REFERENCE, type RatingGroup, type RatingsSummary } from '../../shared/ipc-evaluation';
import type { ProjectDocument } from '../../shared/ipc-project';

// The summary's shape is the page's too (the Evaluation panel shows it): declared in shared/.
export { REFERENCE, type RatingGroup, type RatingsSummary };

export function summariseRatings(document: ProjectDocument): RatingsSummary {
  const results = document.tracks.filter((t) => t.role === 'result' && t.recipe !== null);
  const rateable = document.tracks.filter(
    (t) => (t.role === 'result' && t.recipe !== null) || t.role === 'content',
  );
  const groups = new Map<string, RatingGroup>();
  let rated = 0;
  for (const track of rateable) {
    const rating = document.ratings[track.id];
    if (rating === undefined) continue;
    if (track.role === 'result') rated++;
    const pair = track.recipe
      ? {
          content: track.recipe.contentName,
          styles: track.recipe.styles.map((s) => s.name).join(' + '),
          method: track.recipe.method as string,
        }
      : { content: track.name, styles: '', method: REFERENCE };
    const key = JSON.stringify([pair.content, pair.styles, pair.method]);
    const group = groups.get(key) ?? {
      ...pair,
      count: 0,
      mean: 0,
      std: null,
      min: Infinity,
      max: -Infinity,
      tracks: [],
    };
    group.tracks.push({
      id: track.id,
      name: track.name,
      preset: track.recipe?.preset ?? null,
      rating,
    });
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    const values = group.tracks.map((t) => t.rating);
    group.count = values.length;
    group.mean = values.reduce((a, b) => a + b, 0) / values.length;
    group.std =
      values.length > 1
        ? Math.sqrt(values.reduce((a, v) => a + (v - group.mean) ** 2, 0) / (values.length - 1))
        : null;
    group.min = Math.min(...values);
    group.max = Math.max(...values);
  }
  // By content, its reference first, then by styles and method.
  const sorted = [...groups.values()].sort(
    (a, b) =>
      a.content.localeCompare(b.content) ||
      Number(b.method === REFERENCE) - Number(a.method === REFERENCE) ||
      a.styles.localeCompare(b.styles) ||
      a.method.localeCompare(b.method),
  );
  return { project: document.name, rated, results: results.length, groups: sorted };
}

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The groups as CSV, one line per pair and method, with a header line. */
export function ratingsCsv(summary: RatingsSummary): string {
  const header = ['content', 'styles', 'method', 'count', 'mean', 'std', 'min', 'max'];
  const rows = summary.groups.map((g) => [
    g.content,
    g.styles,
    g.method,
    g.count,
    g.mean,
    g.std,
    g.min,
    g.max,
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
