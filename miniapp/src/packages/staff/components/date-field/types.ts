export interface DateTimeFieldProps {
  /** 'date': "YYYY-MM-DD"; 'time': "HH:MM" (China wall clock, as the page means it). */
  mode: 'date' | 'time';
  value: string;
  onChange: (value: string) => void;
  /** Names the field for screen readers. */
  label: string;
  min?: string;
  max?: string;
  testId?: string;
}
