import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { MembershipResponse } from '@xjy/shared/activity';
import { fail, loginFactory, ok, userFactory } from '../../../../../test/factories';
import { callsTo, serve } from '../../../../../test/helpers';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import MembershipReviewPage from './index';

const pending = (id: number, nickname: string): MembershipResponse => ({
  id,
  role: 'workplace',
  status: 'pending',
  organization: { id: 3, name: '新华社区党委', areaId: 9 },
  member: { id: 100 + id, nickname, trade: 'courier', phone: '13800000000' },
  note: null,
  createdAt: new Date().toISOString(),
  verifiedAt: null,
  endedAt: null,
});

describe('MembershipReviewPage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('verifies a pending membership and reloads the queue', async () => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null }) })));
    let queue = [pending(1, '钱磊'), pending(2, '周勇')];
    serve((url, method) => {
      if (url.startsWith('/api/memberships?') || url === '/api/memberships') return ok({ items: queue });
      if (url === '/api/memberships/1/verify' && method === 'POST') {
        queue = queue.filter((m) => m.id !== 1);
        return ok({ ...pending(1, '钱磊'), status: 'verified' });
      }
      return fail(404, 'not_found', '');
    });
    render(<MembershipReviewPage />);
    await screen.findByTestId('membership-1');
    expect(screen.getByTestId('membership-1')).toHaveTextContent('钱磊 · 快递员');
    fireEvent.click(screen.getByTestId('membership-1').querySelector('.btn--primary')!);
    await waitFor(() => expect(screen.queryByTestId('membership-1')).not.toBeInTheDocument());
    expect(callsTo('/api/memberships/1/verify', 'POST')).toHaveLength(1);
    expect(screen.getByTestId('membership-2')).toBeInTheDocument();
  });

  it('asks for a reason before declining', async () => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null }) })));
    serve((url) => (url.startsWith('/api/memberships') && !url.includes('decline') ? ok({ items: [pending(1, '钱磊')] }) : ok(pending(1, '钱磊'))));
    render(<MembershipReviewPage />);
    await screen.findByTestId('membership-1');
    fireEvent.click(screen.getByText('不通过'));
    expect(screen.getByText('确认不通过').closest('taro-button-core, button')).toHaveAttribute('disabled');
    expect(callsTo('/api/memberships/1/decline')).toHaveLength(0);
  });
});
