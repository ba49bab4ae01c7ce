import { fail, ok, userFactory } from '../../../../test/factories';
import { callsTo, serve } from '../../../../test/helpers';
import { configureHttp } from '../../../services/http';
import { loadScopeOrganizations } from './use-scope-organizations';

const org = (id: number, areaId: number) => ({ id, name: `组织${id}`, areaId, areaName: `区域${areaId}`, areaLevel: 'community', memberCount: 0 });

describe('loadScopeOrganizations', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it("lists every scope's organizations once, not only the first scope's", async () => {
    serve((url) => {
      if (url === '/api/organizations?areaId=4') return ok({ items: [org(1, 17), org(2, 18)] });
      if (url === '/api/organizations?areaId=9') return ok({ items: [org(3, 30), org(2, 18)] });
      return fail(404, 'not_found', '');
    });
    const user = userFactory({ role: 'staff', scopes: [{ id: 4, name: '长寿街道', level: 'street', path: '/1/4/' }, { id: 9, name: '磐石街道', level: 'street', path: '/2/9/' }] });
    expect((await loadScopeOrganizations(user)).map((o) => o.id)).toEqual([1, 2, 3]);
  });

  it('asks once for everything for an admin', async () => {
    serve((url) => (url === '/api/organizations' ? ok({ items: [org(1, 17)] }) : fail(404, 'not_found', '')));
    expect(await loadScopeOrganizations(userFactory({ role: 'admin' }))).toHaveLength(1);
    expect(callsTo('/api/organizations')).toHaveLength(1);
  });
});
