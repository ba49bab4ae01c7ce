import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import DataTable from './index';
import type { DataColumn } from './types';

interface Row {
  id: number;
  name: string;
  due: number | null;
}
const COLUMNS: Array<DataColumn<Row>> = [
  { key: 'name', title: '名称', render: (r) => r.name, sortValue: (r) => r.name },
  { key: 'due', title: '截止', render: (r) => (r.due === null ? '无' : `D${r.due}`), sortValue: (r) => r.due },
];
const ROWS: Row[] = [
  { id: 1, name: '丙', due: 30 },
  { id: 2, name: '甲', due: null },
  { id: 3, name: '乙', due: 10 },
  { id: 4, name: '丁', due: 20 },
];
const shownNames = () => screen.getAllByTestId('data-row').map((tr) => within(tr).getAllByRole('cell')[0].textContent);
const shownDue = () => screen.getAllByTestId('data-row').map((tr) => within(tr).getAllByRole('cell')[1].textContent);

describe('DataTable', () => {
  it('starts in the given order, with rows without a value last, and flips direction on a second click', () => {
    render(<DataTable caption='表' columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} initialSort={{ key: 'due', direction: 'asc' }} />);
    expect(shownDue()).toEqual(['D10', 'D20', 'D30', '无']);
    expect(screen.getByTestId('sort-due')).toHaveAttribute('aria-sort', 'ascending');
    fireEvent.click(screen.getByTestId('sort-due'));
    expect(shownDue()).toEqual(['D30', 'D20', 'D10', '无']);
    expect(screen.getByTestId('sort-due')).toHaveAttribute('aria-sort', 'descending');
  });

  it('sorts by a header chosen with the keyboard (Enter) and the header is in the Tab order', () => {
    render(<DataTable caption='表' columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} />);
    const header = screen.getByTestId('sort-due');
    expect(header).toHaveAttribute('tabindex', '0');
    fireEvent.keyDown(header, { key: 'Enter' });
    expect(shownDue()).toEqual(['D10', 'D20', 'D30', '无']);
  });

  it('pages through rows and says where the user is', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, name: `站${i + 1}`, due: i }));
    render(<DataTable caption='表' columns={COLUMNS} rows={many} rowKey={(r) => r.id} pageSize={2} initialSort={{ key: 'due', direction: 'asc' }} />);
    expect(shownNames()).toEqual(['站1', '站2']);
    expect(screen.getByTestId('data-count')).toHaveTextContent('共 5 条 · 第 1/3 页');
    fireEvent.click(screen.getByText('下一页'));
    fireEvent.click(screen.getByText('下一页'));
    expect(shownNames()).toEqual(['站5']);
    expect(screen.getByText('下一页').closest('taro-button-core')).toHaveAttribute('disabled');
    fireEvent.click(screen.getByText('下一页'));
    expect(shownNames()).toEqual(['站5']);
    fireEvent.click(screen.getByText('上一页'));
    expect(shownNames()).toEqual(['站3', '站4']);
  });

  it('filters by the quick filter box and goes back to the first page', () => {
    render(<DataTable caption='表' columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} pageSize={2} filterText={(r) => r.name} filterPlaceholder='按名称筛选' />);
    fireEvent.click(screen.getByText('下一页'));
    fireEvent.change(screen.getByLabelText('按名称筛选'), { target: { value: '丁' } });
    expect(shownNames()).toEqual(['丁']);
    expect(screen.getByTestId('data-count')).toHaveTextContent('共 1 条 · 第 1/1 页');
    fireEvent.change(screen.getByLabelText('按名称筛选'), { target: { value: '没有' } });
    expect(screen.getByText('没有数据')).toBeInTheDocument();
  });

  it('opens a row with Enter and moves between rows with the arrow keys', () => {
    const onOpen = jest.fn();
    render(<DataTable caption='表' columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} onOpen={onOpen} initialSort={{ key: 'name', direction: 'asc' }} />);
    const rows = screen.getAllByTestId('data-row');
    rows[0].focus();
    fireEvent.keyDown(rows[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[1]);
    fireEvent.keyDown(rows[1], { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ name: within(rows[1]).getAllByRole('cell')[0].textContent }));
  });

  it('selects only selectable rows, one by one or the whole page', () => {
    function Selecting() {
      const [selected, setSelected] = useState<Set<string | number>>(new Set());
      return (
        <>
          <DataTable caption='表' columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} selectable={(r) => r.due !== null} selected={selected} onSelectedChange={setSelected} />
          <span data-testid='picked'>{[...selected].sort().join(',')}</span>
        </>
      );
    }
    render(<Selecting />);
    expect(screen.queryByLabelText('选择第 2 项')).toBeNull();
    fireEvent.click(screen.getByLabelText('选择第 3 项'));
    expect(screen.getByTestId('picked')).toHaveTextContent('3');
    fireEvent.click(screen.getByLabelText('选择本页全部可选项'));
    expect(screen.getByTestId('picked')).toHaveTextContent('1,3,4');
    fireEvent.click(screen.getByLabelText('选择本页全部可选项'));
    expect(screen.getByTestId('picked')).toHaveTextContent('');
  });
});
