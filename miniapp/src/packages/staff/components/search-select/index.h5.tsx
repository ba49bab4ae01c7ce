import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { matchOptions, SEARCH_SELECT_MAX_SHOWN, type SearchSelectProps, type SelectOption } from './types';
import './index.scss';

/**
 * A combobox instead of a scroll wheel: type to narrow a long list (95 organizations for an admin), pick with a
 * click or with ↑ ↓ Enter; Escape closes. Nothing changes until an option is picked.
 */
export default function SearchSelect<V extends string | number>(props: SearchSelectProps<V>) {
  const { options, value, onChange, label, clearLabel, disabled } = props;
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const closing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chosen = options.find((o) => o.value === value) ?? null;
  const clearOption: SelectOption<V> | null = clearLabel ? ({ value: '' as V, label: clearLabel } as SelectOption<V>) : null;
  const matches = matchOptions(options, query);
  const shown = [...(clearOption && !query ? [clearOption] : []), ...matches.slice(0, SEARCH_SELECT_MAX_SHOWN)];

  const pick = (o: SelectOption<V>) => {
    onChange(o === clearOption ? null : o.value);
    setQuery('');
    setOpen(false);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => Math.max(0, Math.min(shown.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter' && open && shown[active]) {
      e.preventDefault();
      pick(shown[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
      setQuery('');
    }
  };

  return (
    <div className='search-select' data-testid={props.testId}>
      <input
        className='search-select__input'
        role='combobox'
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete='list'
        aria-activedescendant={open && shown[active] ? `${listId}-${active}` : undefined}
        disabled={disabled}
        placeholder={chosen ? chosen.label : (props.placeholder ?? clearLabel ?? label)}
        value={open ? query : (chosen?.label ?? '')}
        onFocus={() => {
          if (closing.current) clearTimeout(closing.current);
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => {
          // Let a click on an option land before the list goes away.
          closing.current = setTimeout(() => {
            setOpen(false);
            setQuery('');
          }, 150);
        }}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKey}
      />
      {open ? (
        <ul className='search-select__list' id={listId} role='listbox' aria-label={label}>
          {shown.map((o, i) => (
            <li
              key={`${String(o.value)}-${i}`}
              id={`${listId}-${i}`}
              role='option'
              aria-selected={o.value === value}
              className={`search-select__option ${i === active ? 'search-select__option--active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(o)}
            >
              <span>{o.label}</span>
              {o.hint ? <span className='search-select__hint'>{o.hint}</span> : null}
            </li>
          ))}
          {!shown.length ? <li className='search-select__none'>没有匹配的选项</li> : null}
          {matches.length > SEARCH_SELECT_MAX_SHOWN ? <li className='search-select__none'>还有 {matches.length - SEARCH_SELECT_MAX_SHOWN} 项，请输入关键字缩小范围</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
