import qrcode from 'qrcode-generator';

/** The QR modules for a text (error correction M, smallest version that fits), row by row; true is dark. */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** An SVG of the matrix with a quiet zone, as a data URI an <Image> can show. */
export function qrSvgDataUri(text: string, quiet = 4): string {
  const m = qrMatrix(text);
  const size = m.length + quiet * 2;
  let path = '';
  m.forEach((row, r) => row.forEach((dark, c) => dark && (path += `M${c + quiet} ${r + quiet}h1v1h-1z`)));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
