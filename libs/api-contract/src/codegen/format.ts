import { format, resolveConfig } from 'prettier';

/** Formats generated TypeScript with the repository's Prettier settings (so `npm run format` leaves it alone). */
export async function formatTypeScript(source: string, filePath: string): Promise<string> {
  const config = (await resolveConfig(filePath)) ?? {};
  return format(source, { ...config, filepath: filePath, parser: 'typescript' });
}
