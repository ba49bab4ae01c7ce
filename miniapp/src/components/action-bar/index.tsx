import { View } from '@tarojs/components';
import Button from '../button';

export interface BarAction {
  /** Offered only when true. */
  show: boolean;
  label: string;
  testId: string;
  kind?: 'primary' | 'secondary' | 'plain';
  onClick: () => void;
  /** Shows the spinner (and disables the button) while its own request runs. */
  loading?: boolean;
  disabled?: boolean;
}

/** The buttons a page offers for what may be done now; nothing at all when none is offered. */
export default function ActionBar({ actions, className, actionClassName, testId }: { actions: BarAction[]; className: string; actionClassName: string; testId?: string }) {
  const shown = actions.filter((a) => a.show);
  if (!shown.length) return null;
  return (
    <View className={className} data-testid={testId}>
      {shown.map((a) => (
        <Button key={a.testId} className={`btn btn--${a.kind ?? 'primary'} ${actionClassName}`} loading={a.loading} disabled={a.loading || a.disabled} onClick={a.onClick} data-testid={a.testId}>
          {a.label}
        </Button>
      ))}
    </View>
  );
}
