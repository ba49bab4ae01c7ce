import { useMemo, useState, type KeyboardEvent } from 'react';
import Button from '../../../../components/button';
import { keyboardActivatable } from '../focusable';
import { pageCount, sortRows, type DataTableProps, type SortDirection } from './types';
import './index.scss';

/**
 * The console's table (H5, ≥ 1024 px): sortable headers, a quick filter, pages, optional row selection; every
 * header, row and button is reachable with Tab and works with Enter; arrow keys move between rows.
 */
export default function DataTable<T>(props: DataTableProps<T>) {
  const { columns, rows, rowKey, caption, pageSize = 20, filterText, onOpen, selectable, selected, onSelectedChange } = props;
  const [sort, setSort] = useState<{ key: string; direction: SortDirection } | null>(props.initialSort ?? null);
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);

  const visibleRows = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered = q && filterText ? rows.filter((r) => filterText(r).toLowerCase().includes(q)) : rows;
    return sortRows(filtered, columns.find((c) => c.key === sort?.key), sort?.direction ?? 'asc');
  }, [rows, query, filterText, columns, sort]);
  const pages = pageCount(visibleRows.length, pageSize);
  const current = Math.min(page, pages - 1);
  const shown = visibleRows.slice(current * pageSize, (current + 1) * pageSize);

  const toggleSort = (key: string) => {
    setSort((s) => (s?.key === key ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' }));
    setPage(0);
  };
  const selectableShown = selectable ? shown.filter(selectable) : [];
  const allShownSelected = selectableShown.length > 0 && selectableShown.every((r) => selected?.has(rowKey(r)));
  const setSelected = (keys: Array<string | number>, on: boolean) => {
    const next = new Set(selected ?? []);
    for (const k of keys) {
      if (on) next.add(k);
      else next.delete(k);
    }
    onSelectedChange?.(next);
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, row: T) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' && onOpen) {
      e.preventDefault();
      onOpen(row);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const sibling = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
      if (sibling instanceof HTMLElement) sibling.focus();
    }
  };

  return (
    <div className='data-table' data-testid={props.testId}>
      {filterText ? (
        <input
          className='data-table__filter'
          type='search'
          value={query}
          placeholder={props.filterPlaceholder ?? '筛选'}
          aria-label={props.filterPlaceholder ?? '筛选'}
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(0);
          }}
        />
      ) : null}
      <div className='data-table__scroll' tabIndex={0} role='region' aria-label={caption}>
        <table className='data-table__table'>
          <caption className='data-table__caption'>{caption}</caption>
          <thead>
            <tr>
              {selectable ? (
                <th className='data-table__check' scope='col'>
                  <input type='checkbox' aria-label='选择本页全部可选项' checked={allShownSelected} disabled={!selectableShown.length} onChange={(e) => setSelected(selectableShown.map(rowKey), e.target.checked)} />
                </th>
              ) : null}
              {columns.map((c) => {
                const dir = sort?.key === c.key ? sort.direction : null;
                return (
                  <th
                    key={c.key}
                    scope='col'
                    className={c.sortValue ? 'data-table__th data-table__th--sortable' : 'data-table__th'}
                    aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : c.sortValue ? 'none' : undefined}
                    tabIndex={c.sortValue ? 0 : undefined}
                    onClick={c.sortValue ? () => toggleSort(c.key) : undefined}
                    onKeyDown={
                      c.sortValue
                        ? (e) => {
                            if (e.key === 'Enter' || e.key === ' ') {
                              e.preventDefault();
                              toggleSort(c.key);
                            }
                          }
                        : undefined
                    }
                    data-testid={`sort-${c.key}`}
                  >
                    {c.title}
                    {c.sortValue ? <span aria-hidden='true'>{dir === 'asc' ? ' ↑' : dir === 'desc' ? ' ↓' : ' ↕'}</span> : null}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const key = rowKey(row);
              const canSelect = selectable?.(row) ?? false;
              return (
                <tr
                  key={key}
                  className={`data-table__row ${selected?.has(key) ? 'data-table__row--selected' : ''}`}
                  tabIndex={onOpen ? 0 : undefined}
                  onClick={onOpen ? () => onOpen(row) : undefined}
                  onKeyDown={(e) => onRowKey(e, row)}
                  data-testid={props.rowTestId ?? 'data-row'}
                >
                  {selectable ? (
                    <td className='data-table__check' onClick={(e) => e.stopPropagation()}>
                      {canSelect ? <input type='checkbox' aria-label={`选择第 ${String(key)} 项`} checked={selected?.has(key) ?? false} onChange={(e) => setSelected([key], e.target.checked)} /> : null}
                    </td>
                  ) : null}
                  {columns.map((c) => (
                    <td key={c.key} className={c.nowrap ? 'data-table__td data-table__td--nowrap' : 'data-table__td'}>
                      {c.render(row)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {!visibleRows.length ? <p className='data-table__empty'>{props.emptyText ?? '没有数据'}</p> : null}
      <div className='data-table__pager'>
        <span className='data-table__count' data-testid='data-count'>
          共 {visibleRows.length} 条 · 第 {current + 1}/{pages} 页
        </span>
        {pages > 1 ? (
          <>
            <Button className='btn btn--plain data-table__page-btn' disabled={current === 0} onClick={() => setPage(current - 1)} {...keyboardActivatable(() => current > 0 && setPage(current - 1))}>
              上一页
            </Button>
            <Button className='btn btn--plain data-table__page-btn' disabled={current >= pages - 1} onClick={() => setPage(current + 1)} {...keyboardActivatable(() => current < pages - 1 && setPage(current + 1))}>
              下一页
            </Button>
          </>
        ) : null}
      </div>
    </div>
  );
}
