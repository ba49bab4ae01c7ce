import { makePagesFocusable } from './page-focus.h5';

describe('makePagesFocusable (H5)', () => {
  it('gives every page container, present or added later, tabindex 0 and leaves other elements alone', async () => {
    document.body.innerHTML = '<div id="app"><div class="taro_page" id="a"></div><div class="other" id="b"></div></div>';
    const stop = makePagesFocusable(document);
    expect(document.getElementById('a')).toHaveAttribute('tabindex', '0');
    const later = document.createElement('div');
    later.className = 'taro_page';
    document.getElementById('app')!.appendChild(later);
    await Promise.resolve();
    expect(later).toHaveAttribute('tabindex', '0');
    expect(document.getElementById('b')).not.toHaveAttribute('tabindex');
    stop();
  });
});
