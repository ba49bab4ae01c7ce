/**
 * A browser has no WeChat scanner: the code is typed from the staff screen first, and where the browser allows the
 * camera (getUserMedia in a secure context) the QR can also be scanned, decoded with jsQR. The decoder loads only
 * when someone scans.
 */
export const canScan = typeof window !== 'undefined' && window.isSecureContext === true && typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);

/** Typing comes first on H5: messages say 输入, not 扫描. */
export const typesCode = true;

const SCAN_TIMEOUT_MS = 60_000;

/** Camera scan of the check-in QR in an overlay; null when the camera is refused or the member closes it. */
export async function scanCheckInCode(): Promise<string | null> {
  if (!canScan) return null;
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch {
    return null;
  }
  const { default: jsQR } = await import('jsqr');
  return new Promise((resolve) => {
    const overlay = document.createElement('div');
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-label', '扫描签到二维码');
    overlay.style.cssText = 'position:fixed;inset:0;z-index:1000;background:#000;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:16px';
    const video = document.createElement('video');
    video.setAttribute('playsinline', 'true');
    video.muted = true;
    video.srcObject = stream;
    video.style.cssText = 'max-width:100%;max-height:75vh';
    const hint = document.createElement('p');
    hint.textContent = '将现场大屏上的二维码放入画面中';
    hint.style.cssText = 'color:#fff;font-size:16px;margin:0';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = '取消扫码';
    close.style.cssText = 'min-height:44px;padding:0 24px;font-size:16px;border-radius:8px;border:0;background:#fff;color:#1f1f1f';
    overlay.append(video, hint, close);
    document.body.appendChild(overlay);
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    let done = false;
    const finish = (value: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stream.getTracks().forEach((t) => t.stop());
      overlay.remove();
      resolve(value);
    };
    const timer = setTimeout(() => finish(null), SCAN_TIMEOUT_MS);
    close.addEventListener('click', () => finish(null));
    void video.play().catch(() => finish(null));
    const tick = () => {
      if (done) return;
      if (ctx && video.readyState >= 2 && video.videoWidth > 0) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
        const frame = ctx.getImageData(0, 0, canvas.width, canvas.height);
        const hit = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
        if (hit?.data) {
          finish(hit.data);
          return;
        }
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}
