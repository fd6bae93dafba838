// The repository's config plus the React hooks rules (ESLint finds the config nearest to each linted file).
import reactHooks from 'eslint-plugin-react-hooks';
import root from '../../eslint.config.js';

export default [
  ...root,
  { ignores: ['.next/**', '.next-*/**', 'next-env.d.ts'] },
  reactHooks.configs.flat.recommended,
];
