// `npm start`: runs the product on the embedded default. Until the API exists it reports what is built and
// what is not yet.
import { capabilities, formatStatus } from './status';

const missing = capabilities.filter((c) => !c.ready);
console.log('StyleCLIP service: text-driven StyleGAN2 editing\n');
console.log(formatStatus());
if (missing.length > 0) {
  console.log(
    `\nThe service cannot start yet: ${missing.map((c) => c.name).join('; ')} ${missing.length === 1 ? 'is' : 'are'} not built.` +
      '\nRun `npm test` to exercise what exists.',
  );
}
