/** Joins class names, skipping false, null and undefined (conditions, and CSS module lookups). */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
