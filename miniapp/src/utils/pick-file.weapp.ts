import Taro from '@tarojs/taro';

export interface PickedFile {
  path: string;
  name: string;
}

/** WeChat can only pick files from a chat: staff forward the spreadsheet to themselves first. */
export async function pickSpreadsheet(): Promise<PickedFile | null> {
  try {
    const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] });
    const f = r.tempFiles[0];
    return f ? { path: f.path, name: f.name } : null;
  } catch {
    return null;
  }
}
