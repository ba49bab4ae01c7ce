import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import SearchSelect from './index';
import { SEARCH_SELECT_MAX_SHOWN } from './types';

const ORGS = Array.from({ length: 95 }, (_, i) => ({ value: i + 1, label: `${i % 2 ? '新华' : '和平'}社区第${i + 1}支部`, hint: i < 50 ? '长寿街道' : '磐石街道' }));

function Harness({ onChange = () => {}, clearLabel }: { onChange?: (v: number | null) => void; clearLabel?: string }) {
  const [value, setValue] = useState<number | null>(null);
  return (
    <>
      <SearchSelect
        label='组织'
        options={ORGS}
        value={value}
        clearLabel={clearLabel}
        onChange={(v) => {
          setValue(v);
          onChange(v);
        }}
      />
      <span data-testid='value'>{String(value)}</span>
    </>
  );
}

describe('SearchSelect', () => {
  it('narrows 95 organizations by what is typed (label or hint, every word) and picks one with a click', () => {
    render(<Harness />);
    const input = screen.getByRole('combobox', { name: '组织' });
    fireEvent.focus(input);
    expect(screen.getAllByRole('option')).toHaveLength(SEARCH_SELECT_MAX_SHOWN);
    expect(screen.getByText(`还有 ${95 - SEARCH_SELECT_MAX_SHOWN} 项，请输入关键字缩小范围`)).toBeInTheDocument();
    fireEvent.change(input, { target: { value: '新华 磐石' } });
    const options = screen.getAllByRole('option');
    expect(options.length).toBeGreaterThan(0);
    for (const o of options) expect(o.textContent).toMatch(/新华.*磐石街道/);
    fireEvent.click(screen.getByText('新华社区第52支部'));
    expect(screen.getByTestId('value')).toHaveTextContent('52');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(input).toHaveValue('新华社区第52支部');
  });

  it('picks with the arrow keys and Enter, and Escape closes without changing the choice', () => {
    const onChange = jest.fn();
    render(<Harness onChange={onChange} />);
    const input = screen.getByRole('combobox');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '第1' } });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('value')).toHaveTextContent('10');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '第3' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('says when nothing matches and offers the clear option when given', () => {
    render(<Harness clearLabel='全部组织' />);
    const input = screen.getByRole('combobox');
    fireEvent.focus(input);
    fireEvent.click(screen.getByText('和平社区第1支部'));
    expect(screen.getByTestId('value')).toHaveTextContent('1');
    fireEvent.focus(input);
    fireEvent.click(screen.getByText('全部组织'));
    expect(screen.getByTestId('value')).toHaveTextContent('null');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '不存在' } });
    expect(screen.getByText('没有匹配的选项')).toBeInTheDocument();
  });
});
