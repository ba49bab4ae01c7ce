export interface TextFileProps {
  /** e.g. ".geojson,.json" */
  accept: string;
  label: string;
  onText: (text: string, name: string) => void;
  onError: (message: string) => void;
  /** Larger files are refused before reading. */
  maxBytes: number;
}
