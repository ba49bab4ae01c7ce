import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ACTIVITY_TYPES } from '@xjy/shared/enums';
import { areaFactory, fail, loginFactory, ok, userFactory } from '../../../../../test/factories';
import { callsTo, serve, typeInto } from '../../../../../test/helpers';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import ActivityEditPage from './index';

describe('ActivityEditPage (三会一课 kind and hours threshold)', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'admin', trade: null }) })));
    serve((url, method) => {
      if (url === '/api/organizations') return ok({ items: [{ id: 3, name: '新华社区党委', areaId: 1, areaName: '新华社区', areaLevel: 'community', memberCount: 2 }] });
      if (url === '/api/areas/1') return ok(areaFactory({ id: 1, name: '新华社区', centerLat: 38.34, centerLng: 114.68 }));
      if (url === '/api/activities' && method === 'POST') return ok({ id: 9 }, 201);
      return fail(404, 'not_found', '');
    });
  });

  const choose = (shown: string, index: number) => {
    // The picker's own options render the same text once it has opened: take the field, not an option.
    const field = screen.getAllByText(shown).find((el) => el.classList.contains('activity-edit__picker'))!;
    const picker = field.closest('taro-picker-core')!;
    fireEvent(picker, new CustomEvent('change', { detail: { value: index }, bubbles: true }));
  };

  it('sends the meeting kind for a meeting and no threshold', async () => {
    render(<ActivityEditPage />);
    expect(await screen.findByTestId('meeting-kind')).toHaveTextContent('党小组会');
    expect(screen.queryByTestId('hours-threshold')).not.toBeInTheDocument();
    typeInto('activity-title', '11月党小组会');
    fireEvent.click(screen.getByTestId('activity-submit'));
    await waitFor(() => expect(callsTo('/api/activities', 'POST')).toHaveLength(1));
    const body = callsTo('/api/activities', 'POST')[0].data as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'meeting', meetingKind: 'group_meeting' });
    expect(body).not.toHaveProperty('hoursThresholdPct');
  });

  it('asks volunteer service for the share a session must cover, and sends it', async () => {
    render(<ActivityEditPage />);
    await screen.findByTestId('activity-title');
    choose('组织生活会', ACTIVITY_TYPES.indexOf('volunteer'));
    typeInto('hours-threshold', '75');
    typeInto('activity-title', '敬老院志愿服务');
    fireEvent.click(screen.getByTestId('activity-submit'));
    await waitFor(() => expect(callsTo('/api/activities', 'POST')).toHaveLength(1));
    const body = callsTo('/api/activities', 'POST')[0].data as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'volunteer', hoursThresholdPct: 75 });
    expect(body).not.toHaveProperty('meetingKind');
  });

  it('offers the organizations of every scope, picked by typing, and sends the chosen one', async () => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null, scopes: [{ id: 1, name: '长寿街道', level: 'street' }, { id: 2, name: '磐石街道', level: 'street' }] as never }) })));
    serve((url, method, data) => {
      const areaId = (data as { areaId?: number } | undefined)?.areaId ?? Number(/areaId=(\d+)/.exec(url)?.[1]);
      if (url.startsWith('/api/organizations')) {
        return ok({ items: areaId === 2 ? [{ id: 8, name: '和平社区党委', areaId: 5, areaName: '和平社区', areaLevel: 'community', memberCount: 1 }] : [{ id: 3, name: '新华社区党委', areaId: 1, areaName: '新华社区', areaLevel: 'community', memberCount: 2 }] });
      }
      if (url.startsWith('/api/areas/')) return ok(areaFactory({ id: 5, name: '和平社区', centerLat: 38.34, centerLng: 114.68 }));
      if (url === '/api/activities' && method === 'POST') return ok({ id: 9 }, 201);
      return fail(404, 'not_found', '');
    });
    render(<ActivityEditPage />);
    const input = await screen.findByRole('combobox', { name: '组织' });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '和平' } });
    fireEvent.click(await screen.findByText('和平社区党委'));
    typeInto('activity-title', '磐石街道主题党日');
    fireEvent.click(screen.getByTestId('activity-submit'));
    await waitFor(() => expect(callsTo('/api/activities', 'POST')).toHaveLength(1));
    expect(callsTo('/api/activities', 'POST')[0].data).toMatchObject({ organizationId: 8 });
  });
});
