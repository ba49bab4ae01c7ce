// Mark each output folder of the shared package with its module kind so Node never has to guess.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
writeFileSync(join('dist/cjs', 'package.json'), '{ "type": "commonjs" }\n');
writeFileSync(join('dist/esm', 'package.json'), '{ "type": "module" }\n');
