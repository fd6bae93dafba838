// `npm run cost -w @styleclip/infra`: the expected-cost tables of infra/README.md, from the stage settings.
import { costTable, gpuHourCost, PRICES } from './cost';
import { GPU_INSTANCE_TYPES, STAGES, stageSettings } from './settings';

for (const stage of STAGES) console.log(`${costTable(stageSettings(stage, () => undefined))}\n`);
console.log('| worker GPU hour | USD/hour (instance + 100 GB root volume) |');
console.log('| --- | ---: |');
for (const t of GPU_INSTANCE_TYPES) console.log(`| ${t} | ${gpuHourCost(t).toFixed(3)} |`);
console.log(`\nPrices: on-demand, ${PRICES.region}, ${PRICES.asOf}.`);
