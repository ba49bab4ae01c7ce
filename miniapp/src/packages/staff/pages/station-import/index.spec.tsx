import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { loginFactory, userFactory } from '../../../../../test/factories';
import * as Taro from '../../../../../test/taro-mock';
import { saveLogin } from '../../../../utils/session';
import StationImportPage from './index';

jest.mock('../../../../utils/pick-file', () => ({ pickSpreadsheet: () => Promise.resolve({ path: 'blob:stations', name: 'stations.csv' }) }));

const answer = (statusCode: number, data: unknown) =>
  Taro.uploadFile.mockImplementation((option) => {
    option.success?.({ statusCode, data: JSON.stringify(data) });
    return { onProgressUpdate: jest.fn(), abort: jest.fn() };
  });

describe('StationImportPage', () => {
  beforeEach(() => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null, scopes: [{ id: 4, name: '长寿街道', level: 'street', path: '/1/4/' }] }) })));
  });

  it('checks the file first and lists every bad row, with the real import kept off', async () => {
    answer(200, { dryRun: true, ok: false, rows: 3, created: 0, updated: 0, errors: [{ row: 3, field: 'kind', message: 'kind must be one of rest_station' }, { row: 4, field: 'code', message: 'duplicate code, first on row 2' }] });
    render(<StationImportPage />);
    fireEvent.click(screen.getByTestId('import-pick'));
    await waitFor(() => expect(screen.getByTestId('import-pick')).toHaveTextContent('stations.csv'));
    fireEvent.click(screen.getByTestId('import-wgs84'));
    fireEvent.click(screen.getByTestId('import-dry-run'));
    expect(await screen.findAllByTestId('import-error')).toHaveLength(2);
    expect(screen.getAllByTestId('import-error')[0]).toHaveTextContent('第 3 行');
    expect(screen.getByTestId('import-report')).toHaveTextContent('没有导入任何数据');
    expect(Taro.uploadFile.mock.calls[0][0].url).toContain('dryRun=true&coordSystem=wgs84');
    expect(screen.getByTestId('import-run')).toBeDisabled();
  });

  it('imports after a clean check, and shows the refused real run as a row report', async () => {
    answer(200, { dryRun: true, ok: true, rows: 2, created: 2, updated: 0, errors: [] });
    render(<StationImportPage />);
    fireEvent.click(screen.getByTestId('import-pick'));
    await waitFor(() => expect(screen.getByTestId('import-pick')).toHaveTextContent('stations.csv'));
    fireEvent.click(screen.getByTestId('import-dry-run'));
    expect(await screen.findByTestId('import-ok')).toHaveTextContent('将新增 2 个');
    answer(400, { code: 'station_import_invalid', message: '1 problem', details: { rows: 2, errors: [{ row: 2, field: 'code', message: 'this code belongs to a station outside your areas' }] } });
    fireEvent.click(screen.getByTestId('import-run'));
    expect(await screen.findByTestId('import-error')).toHaveTextContent('outside your areas');
    expect(Taro.uploadFile.mock.calls[1][0].url).toContain('dryRun=false');
  });
});
