import { Text, View } from '@tarojs/components';
import Button from '../button';
import './index.scss';

export interface StateViewProps {
  kind: 'loading' | 'error' | 'empty';
  title: string;
  description?: string;
  /** Shown as a big button, e.g. 重试 on errors. */
  actionText?: string;
  onAction?: () => void;
  testId?: string;
}

/** Loading, error-with-retry and empty states look the same everywhere, so a rider learns them once. */
export default function StateView({ kind, title, description, actionText, onAction, testId }: StateViewProps) {
  return (
    <View className={`state-view state-view--${kind}`} data-testid={testId ?? `state-${kind}`}>
      <View className='state-view__icon'>{kind === 'loading' ? '…' : kind === 'error' ? '!' : '○'}</View>
      <Text className='state-view__title'>{title}</Text>
      {description ? <Text className='state-view__description'>{description}</Text> : null}
      {actionText && onAction ? (
        <Button className={`btn ${kind === 'error' ? 'btn--primary' : 'btn--secondary'} state-view__action`} onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  );
}
