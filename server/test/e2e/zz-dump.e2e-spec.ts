import { writeFileSync } from 'node:fs';
import { startTestApp } from '../support/test-app';
it('dump', async () => {
  const t = await startTestApp('embedded');
  const doc = await t.http('GET', '/api/docs-json');
  writeFileSync('/tmp/fuzz-doc.json', JSON.stringify(doc.body, null, 2));
  await t.close();
}, 60000);
