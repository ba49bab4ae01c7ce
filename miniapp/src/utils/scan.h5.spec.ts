export {};

const mockJsQR = jest.fn();
jest.mock('jsqr', () => ({ __esModule: true, default: (...args: unknown[]) => mockJsQR(...args) }));

type ScanModule = typeof import('./scan.h5');
const mockStop = jest.fn();
const getUserMedia = jest.fn();

/** The module reads the browser's abilities when it loads: load it fresh under the given ones. */
function loadWith({ secure, camera }: { secure: boolean; camera: boolean }): ScanModule {
  Object.defineProperty(window, 'isSecureContext', { value: secure, configurable: true });
  Object.defineProperty(navigator, 'mediaDevices', { value: camera ? { getUserMedia } : undefined, configurable: true });
  let mod: ScanModule | undefined;
  jest.isolateModules(() => {
    mod = jest.requireActual<ScanModule>('./scan.h5');
  });
  return mod!;
}

describe('H5 camera scan', () => {
  beforeEach(() => {
    mockJsQR.mockReset();
    mockStop.mockReset();
    getUserMedia.mockReset();
    getUserMedia.mockResolvedValue({ getTracks: () => [{ stop: mockStop }] });
    // jsdom draws nothing: give the canvas and the video just enough to hand frames to the decoder.
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({ drawImage: jest.fn(), getImageData: () => ({ data: new Uint8ClampedArray(16), width: 2, height: 2 }) } as never);
    jest.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    Object.defineProperty(HTMLMediaElement.prototype, 'readyState', { get: () => 4, configurable: true });
    Object.defineProperty(HTMLVideoElement.prototype, 'videoWidth', { get: () => 640, configurable: true });
    Object.defineProperty(HTMLVideoElement.prototype, 'videoHeight', { get: () => 480, configurable: true });
  });
  afterEach(() => jest.restoreAllMocks());

  it('types first, and offers the camera only in a secure page with a camera API', () => {
    expect(loadWith({ secure: false, camera: true }).canScan).toBe(false);
    expect(loadWith({ secure: true, camera: false }).canScan).toBe(false);
    const mod = loadWith({ secure: true, camera: true });
    expect(mod.canScan).toBe(true);
    expect(mod.typesCode).toBe(true);
  });

  it('decodes the QR from the camera, then stops the camera and removes the overlay', async () => {
    mockJsQR.mockReturnValueOnce(null).mockReturnValue({ data: '7.1234.AAAAAAAAAAAAAAAAAAAAAA' });
    const { scanCheckInCode } = loadWith({ secure: true, camera: true });
    await expect(scanCheckInCode()).resolves.toBe('7.1234.AAAAAAAAAAAAAAAAAAAAAA');
    expect(getUserMedia).toHaveBeenCalledWith({ video: { facingMode: 'environment' }, audio: false });
    expect(mockStop).toHaveBeenCalled();
    expect(document.querySelector('[role="dialog"]')).toBeNull();
  });

  it('gives null when the camera is refused, or when the member closes the scanner', async () => {
    getUserMedia.mockRejectedValueOnce(new Error('NotAllowedError'));
    const mod = loadWith({ secure: true, camera: true });
    await expect(mod.scanCheckInCode()).resolves.toBeNull();
    mockJsQR.mockReturnValue(null);
    const pending = mod.scanCheckInCode();
    await new Promise((r) => setTimeout(r, 20));
    const dialog = document.querySelector('[role="dialog"]')!;
    expect(dialog).toHaveTextContent('将现场大屏上的二维码放入画面中');
    (dialog.querySelector('button') as HTMLButtonElement).click();
    await expect(pending).resolves.toBeNull();
    expect(mockStop).toHaveBeenCalled();
    expect(document.querySelector('[role="dialog"]')).toBeNull();
  });
});
