/** The mini-program sizes in rpx; there is no root font size to set. */
export function fitRootFontSize(): void {}
