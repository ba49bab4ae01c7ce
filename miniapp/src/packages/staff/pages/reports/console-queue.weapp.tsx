/** The console table is an H5 desktop layout; the mini-program always shows the phone list. */
export default function ConsoleQueue() {
  return null;
}
