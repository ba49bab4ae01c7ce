import Taro from '@tarojs/taro';
import { ROUTES } from '../../utils/routes';
import StateView from '../state-view';

/** What a page shows a visitor who is not logged in: why it needs an account, and the way to the login page. */
export default function LoginPrompt({ title, description, testId }: { title: string; description: string; testId?: string }) {
  return <StateView kind='empty' testId={testId} title={title} description={description} actionText='去登录' onAction={() => void Taro.navigateTo({ url: ROUTES.login })} />;
}
