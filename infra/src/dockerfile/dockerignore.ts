// .dockerignore matching as Docker does it: patterns are globs (`*`, `?`, `**`) relative to the context root,
// a trailing `/` is dropped, `!` re-includes, the last matching pattern wins, and a path is excluded when it or
// one of its parent directories matches.

interface Rule {
  exclude: boolean;
  regex: RegExp;
}

function globToRegex(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

export function parseDockerignore(text: string): Rule[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const exclude = !l.startsWith('!');
      const pattern = (exclude ? l : l.slice(1)).replace(/^\/+/, '').replace(/\/+$/, '');
      return { exclude, regex: globToRegex(pattern) };
    });
}

/** Whether `path` (relative to the context root, `/`-separated) is left out of the build context. */
export function isIgnored(rules: readonly Rule[], path: string): boolean {
  const parts = path.replace(/^\.\//, '').replace(/\/+$/, '').split('/');
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) if (candidates.some((c) => rule.regex.test(c))) ignored = rule.exclude;
  return ignored;
}
