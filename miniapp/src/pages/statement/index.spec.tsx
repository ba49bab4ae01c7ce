import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { StatementResponse } from '@xjy/shared/points';
import { fail, ok } from '../../../test/factories';
import { callsTo, serve, typeInto } from '../../../test/helpers';
import * as Taro from '../../../test/taro-mock';
import { configureHttp } from '../../services/http';
import StatementPage from './index';

const CODE = 'AB12CD34EF56GH78JK90';
const statement: StatementResponse = {
  code: CODE,
  issuedAt: '2026-11-30T02:00:00.000Z',
  from: '2026-01-01',
  to: '2026-11-30',
  memberName: '李**',
  pointsTotal: 11,
  hoursTotal: 2.75,
  lines: [
    { kind: 'points', at: '2026-03-01T02:00:00.000Z', points: 6, hours: null, reason: 'report_accepted', sourceType: 'report', sourceId: 41, label: '设施损坏', recordId: 301 },
    { kind: 'points', at: '2026-05-01T02:00:00.000Z', points: 5, hours: null, reason: 'volunteer_check_in', sourceType: 'activity', sourceId: 7, label: '河道清洁志愿服务', recordId: 302 },
    { kind: 'hours', at: '2026-05-01T01:00:00.000Z', points: null, hours: 2.75, reason: null, sourceType: 'activity', sourceId: 7, label: '河道清洁志愿服务', recordId: 88 },
  ],
  digest: 'f'.repeat(64),
};

describe('StatementPage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('shows the statement for the code in the address without login, each line with what it traces to', async () => {
    Taro.routerParams.current = { code: CODE };
    serve((url) => (url === `/api/statements/${CODE}` ? ok(statement) : fail(404, 'statement_not_found', '没有找到这份证明，请核对验证码')));
    render(<StatementPage />);
    expect(await screen.findByTestId('statement-sheet')).toHaveTextContent('持有人：李**');
    expect(screen.getByTestId('statement-points')).toHaveTextContent('11');
    expect(screen.getByTestId('statement-hours')).toHaveTextContent('2.75 小时');
    expect(screen.getAllByTestId('statement-line').map((l) => l.textContent)).toEqual([
      expect.stringMatching(/2026-03-01.*随手拍被采纳 · 设施损坏 · 随手拍 #41.*\+6/),
      expect.stringMatching(/2026-05-01.*志愿服务报到 · 河道清洁志愿服务 · 活动 #7.*\+5/),
      expect.stringMatching(/河道清洁志愿服务 · 活动 #7 · 签到记录 #88.*2\.75 小时/),
    ]);
    expect(screen.getByTestId('statement-code')).toHaveTextContent('AB12-CD34-EF56-GH78-JK90');
    expect(callsTo(`/api/statements/${CODE}`)[0].header?.authorization).toBeUndefined();
  });

  it('checks a typed code (grouped, lower case) and says plainly when it is unknown or altered', async () => {
    Taro.routerParams.current = {};
    serve((url) => {
      if (url === `/api/statements/${CODE}`) return ok(statement);
      if (url === '/api/statements/AB12CD34EF56GH78JK91') return fail(409, 'statement_altered', '这份证明的内容与开具时不一致，已失效');
      return fail(404, 'statement_not_found', '没有找到这份证明，请核对验证码');
    });
    render(<StatementPage />);
    expect(screen.queryByTestId('statement-sheet')).not.toBeInTheDocument();
    typeInto('statement-code-input', 'abc');
    fireEvent.click(screen.getByTestId('statement-check'));
    expect(await screen.findByText('验证码是 20 位字母和数字，请核对后重新输入')).toBeInTheDocument();
    expect(callsTo(`/api/statements/${CODE}`)).toHaveLength(0);

    typeInto('statement-code-input', 'ab12-cd34-ef56-gh78-jk90');
    fireEvent.click(screen.getByTestId('statement-check'));
    expect(await screen.findByTestId('statement-sheet')).toHaveTextContent('河道清洁志愿服务');

    typeInto('statement-code-input', 'AB12 CD34 EF56 GH78 JK91');
    fireEvent.click(screen.getByTestId('statement-check'));
    await waitFor(() => expect(screen.getByTestId('statement-error')).toHaveTextContent('证明已失效'));
    expect(screen.getByTestId('statement-error')).toHaveTextContent('这份证明的内容与开具时不一致，已失效');
    expect(screen.queryByTestId('statement-sheet')).not.toBeInTheDocument();
  });
});
