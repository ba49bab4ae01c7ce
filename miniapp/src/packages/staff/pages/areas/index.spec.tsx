import { act, fireEvent, render, screen } from '@testing-library/react';
import { areaFactory, fail, loginFactory, ok, userFactory } from '../../../../../test/factories';
import { callsTo, serve } from '../../../../../test/helpers';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import AreasPage from './index';

describe('AreasPage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it("starts a staff member at their scope roots and drills down into children", async () => {
    act(() =>
      saveLogin(loginFactory({ user: userFactory({ role: 'staff', scopes: [{ id: 4, name: '长寿街道', level: 'street', path: '/1/4/' }] }) })),
    );
    serve((url) => {
      if (url === '/api/areas/4') return ok({ ...areaFactory({ id: 4, level: 'street', name: '长寿街道', childCount: 2 }), boundary: null, ancestors: [] });
      if (url === '/api/areas?parentId=4')
        return ok({ items: [areaFactory({ id: 17, level: 'community', name: '东街社区', childCount: 0 })] });
      return fail(404, 'not_found', '');
    });
    render(<AreasPage />);
    const street = await screen.findByText('长寿街道');
    expect(screen.getByText('街道/镇')).toBeInTheDocument();
    expect(screen.getByText('2 个下级')).toBeInTheDocument();
    fireEvent.click(street);
    expect(await screen.findByText('东街社区')).toBeInTheDocument();
    expect(screen.getByText('社区/村')).toBeInTheDocument();
    expect(callsTo('/api/areas?parentId=4')).toHaveLength(1);
    expect(callsTo('/api/areas')).toHaveLength(0);
  });

  it('starts an admin at the roots and shows an error with retry', async () => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'admin' }) })));
    serve(() => fail(500, 'internal_error', '服务器开小差了'));
    render(<AreasPage />);
    expect(await screen.findByText('服务器开小差了')).toBeInTheDocument();
    serve((url) => (url === '/api/areas' ? ok({ items: [areaFactory({ name: '新乐市', childCount: 12 })] }) : fail(404, 'not_found', '')));
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('新乐市')).toBeInTheDocument();
    expect(screen.getByText('区县')).toBeInTheDocument();
  });

  it('tells a worker the workbench is for staff and loads nothing', () => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'worker' }) })));
    render(<AreasPage />);
    expect(screen.getByTestId('staff-forbidden')).toHaveTextContent('没有工作台权限');
  });
});
