// A model's name: a folder name that is safe on every system. The cache, the project file and
// the page's training forms all check it with this one rule.

export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit, not ending with a dot. */
export function isModelName(name: string): boolean {
  return MODEL_NAME_PATTERN.test(name) && !name.endsWith('.');
}
