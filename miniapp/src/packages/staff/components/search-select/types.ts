export interface SelectOption<V extends string | number> {
  value: V;
  label: string;
  /** A second line, e.g. the street above a community. */
  hint?: string;
}

export interface SearchSelectProps<V extends string | number> {
  options: Array<SelectOption<V>>;
  value: V | null;
  onChange: (value: V | null) => void;
  /** Names the field for screen readers and shows as the placeholder. */
  label: string;
  placeholder?: string;
  /** Offers a first option that clears the choice, with this text (e.g. 全部类别). */
  clearLabel?: string;
  disabled?: boolean;
  testId?: string;
}

/** At most this many matches are listed; typing narrows them. */
export const SEARCH_SELECT_MAX_SHOWN = 50;

/** Options whose label or hint contains every space-separated word typed (case-insensitive). */
export function matchOptions<V extends string | number>(options: Array<SelectOption<V>>, query: string): Array<SelectOption<V>> {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return options;
  return options.filter((o) => {
    const text = `${o.label} ${o.hint ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
