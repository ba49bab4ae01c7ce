import { act, fireEvent, render, screen } from '@testing-library/react';
import { fail, loginFactory, ok, userFactory } from '../../../../../test/factories';
import { callsTo, serve } from '../../../../../test/helpers';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import AbsenteesPage from './index';

const rules = (congress: number, lecture: number, group: number[]) => [
  { kind: 'party_congress', per: 'quarter', min: 1, attended: [congress], met: congress >= 1 },
  { kind: 'party_lecture', per: 'quarter', min: 1, attended: [lecture], met: lecture >= 1 },
  { kind: 'group_meeting', per: 'month', min: 1, attended: group, met: group.every((n) => n >= 1) },
];

describe('AbsenteesPage (三会一课)', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => act(() => saveLogin(loginFactory({ user: userFactory({ role: 'admin', trade: null }) }))));

  it('shows each member’s quarter against the rules, naming what is missing', async () => {
    serve((url) => {
      if (url === '/api/organizations') return ok({ items: [{ id: 3, name: '新华社区党委', areaId: 1, areaName: '新华社区', areaLevel: 'community', memberCount: 2 }] });
      if (url === '/api/organizations/3/absentees') return ok({ quarter: '2026Q4', items: [] });
      if (url === '/api/organizations/3/meetings')
        return ok({
          quarter: '2026Q4',
          rules: [],
          items: [
            { member: { id: 1, nickname: '小王' }, rules: rules(1, 1, [1, 1, 1]), met: true },
            { member: { id: 2, nickname: '老李' }, rules: rules(1, 0, [1, 0, 0]), met: false },
          ],
        });
      return fail(404, 'not_found', '');
    });
    render(<AbsenteesPage />);
    fireEvent.click(await screen.findByTestId('tab-meetings'));
    const view = await screen.findByTestId('meetings-view');
    expect(view).toHaveTextContent('2026Q4 三会一课（1 人未达要求）');
    const [wang, li] = screen.getAllByTestId('meetings-member');
    expect(wang).toHaveTextContent('小王 ✓ 达标');
    expect(li).toHaveTextContent('老李 未达标');
    expect(li).toHaveTextContent('党课 0（每季 ≥1）');
    expect(li).toHaveTextContent('党小组会 1/0/0（每月 ≥1）');
    expect(callsTo('/api/organizations/3/meetings')).toHaveLength(1);
  });
});
