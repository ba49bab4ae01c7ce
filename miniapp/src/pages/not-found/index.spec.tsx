import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import NotFoundPage from './index';

describe('NotFoundPage', () => {
  it('says in Chinese that the page does not exist and takes the user home', () => {
    render(<NotFoundPage />);
    expect(screen.getByText('页面不存在')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('not-found-home'));
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/stations/index' });
  });
});
