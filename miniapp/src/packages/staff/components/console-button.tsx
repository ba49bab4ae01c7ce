import type { ButtonProps } from '@tarojs/components';
import Button from '../../../components/button';
import { keyboardActivatable } from './focusable';

type Props = Omit<ButtonProps, 'onClick' | 'className'> & {
  kind?: 'primary' | 'secondary' | 'plain';
  onClick: () => void;
  testId?: string;
};

/** The shared Button sized for the console and reachable with Tab (Enter or Space presses it). */
export default function ConsoleButton({ kind = 'primary', onClick, disabled, testId, ...rest }: Props) {
  return (
    <Button
      {...rest}
      className={`btn btn--${kind} console__btn`}
      disabled={disabled}
      onClick={onClick}
      data-testid={testId}
      {...keyboardActivatable(() => {
        if (!disabled) onClick();
      })}
    />
  );
}
