/** Names a document is known by. */

/** A file's own name without its folders or extension ("/cards/deepseek-v3_readme.md" → "deepseek-v3_readme"). */
export function fileStem(name: string): string {
  return name.replace(/^.*[\\/]/, '').replace(/\.[a-z0-9]+$/i, '');
}
