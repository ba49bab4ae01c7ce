import type { ReactNode } from 'react';

export type SortDirection = 'asc' | 'desc';

export interface DataColumn<T> {
  key: string;
  title: string;
  /** What the cell shows; text by default. */
  render: (row: T) => ReactNode;
  /** Makes the column sortable by this value (null sorts last whichever the direction). */
  sortValue?: (row: T) => string | number | null;
  /** Narrow columns (numbers, dates) keep to one line. */
  nowrap?: boolean;
}

export interface DataTableProps<T> {
  columns: Array<DataColumn<T>>;
  rows: T[];
  rowKey: (row: T) => string | number;
  /** Accessible name of the table, e.g. 随手拍列表. */
  caption: string;
  initialSort?: { key: string; direction: SortDirection };
  /** Rows per page; the pager shows when there are more. */
  pageSize?: number;
  /** A quick filter box over this text of each row (e.g. name, code). */
  filterText?: (row: T) => string;
  filterPlaceholder?: string;
  /** Enter, Space or a click on a row. */
  onOpen?: (row: T) => void;
  /** Rows that may be selected for a bulk action; omit for a table without checkboxes. */
  selectable?: (row: T) => boolean;
  selected?: ReadonlySet<string | number>;
  onSelectedChange?: (next: Set<string | number>) => void;
  emptyText?: string;
  testId?: string;
  /** data-testid of each body row (default data-row). */
  rowTestId?: string;
}

/** Sorts a copy: nulls last in both directions, numbers numerically, strings by Chinese collation. */
export function sortRows<T>(rows: readonly T[], column: DataColumn<T> | undefined, direction: SortDirection): T[] {
  const value = column?.sortValue;
  if (!value) return [...rows];
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((a, b) => {
      if (a.v === null && b.v === null) return a.index - b.index;
      if (a.v === null) return 1;
      if (b.v === null) return -1;
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v), 'zh-CN');
      return c === 0 ? a.index - b.index : sign * c;
    })
    .map((x) => x.row);
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
