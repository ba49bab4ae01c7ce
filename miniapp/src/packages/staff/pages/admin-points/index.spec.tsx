import { act, fireEvent, render, screen } from '@testing-library/react';
import { fail, ok } from '../../../../../test/factories';
import { callsTo, serve } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { holdRequests, signedInForEachTest } from '../../../../../test/signed-in';
import AdminPointsPage from './index';

describe('AdminPointsPage', () => {
  signedInForEachTest({ role: 'admin' });

  it('runs the reconcile only when asked, shows progress, then says every balance matches', async () => {
    const answer = holdRequests();
    render(<AdminPointsPage />);
    expect(Taro.request).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('run-reconcile'));
    expect(screen.getByTestId('run-reconcile')).toHaveTextContent('正在核对…');
    expect(screen.getByTestId('run-reconcile')).toHaveAttribute('disabled');
    await act(async () => answer(ok({ checkedUsers: 12, mismatches: [] })));
    expect(await screen.findByTestId('reconcile-result')).toHaveTextContent('核对了 12 个账户，余额与流水全部一致');
    expect(callsTo('/api/admin/points/reconcile', 'POST')).toHaveLength(1);
  });

  it('lists mismatched accounts with the difference', async () => {
    serve(() => ok({ checkedUsers: 3, mismatches: [{ userId: 7, balance: 15, ledgerSum: 10 }] }));
    render(<AdminPointsPage />);
    fireEvent.click(screen.getByTestId('run-reconcile'));
    const result = await screen.findByTestId('reconcile-result');
    expect(result).toHaveTextContent('发现 1 个余额与流水不一致');
    expect(result).toHaveTextContent('+5 分');
  });

  it('shows a refusal in Chinese', async () => {
    serve(() => fail(429, 'rate_limited', 'Too many requests'));
    render(<AdminPointsPage />);
    fireEvent.click(screen.getByTestId('run-reconcile'));
    const message = await screen.findByTestId('admin-message');
    expect(message.textContent).toMatch(/[\u4e00-\u9fff]/);
    expect(message.textContent).not.toMatch(/Too many/);
  });
});
