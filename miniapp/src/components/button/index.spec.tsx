import { fireEvent, render, screen } from '@testing-library/react';
import Button from './index';

describe('Button', () => {
  it('leaves the disabled attribute out when the button is enabled, so no [disabled] style greys it', () => {
    const onClick = jest.fn();
    render(
      <Button className='btn btn--primary' disabled={false} onClick={onClick} data-testid='b'>
        发送
      </Button>,
    );
    expect(screen.getByTestId('b')).not.toHaveAttribute('disabled');
    fireEvent.click(screen.getByTestId('b'));
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('marks a disabled button disabled and never calls its handler', () => {
    const onClick = jest.fn();
    render(
      <Button className='btn btn--primary' disabled onClick={onClick} data-testid='b'>
        全部导入
      </Button>,
    );
    expect(screen.getByTestId('b')).toHaveAttribute('disabled');
    fireEvent.click(screen.getByTestId('b'));
    expect(onClick).not.toHaveBeenCalled();
  });
});
