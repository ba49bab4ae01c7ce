// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): the public, read-mostly interface other city
// systems use. Field names are the spec's (snake_case); coordinates are WGS-84 as the spec expects.

/** GET requests.json: at most this many days between start_date and end_date, and this many results. */
export const OPEN311_MAX_DAYS = 90;
export const OPEN311_MAX_RESULTS = 1000;
export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];
export const OPEN311_STATUSES = ['open', 'closed'] as const;
export type Open311Status = (typeof OPEN311_STATUSES)[number];
/** An API key as issued: a fixed prefix and 43 base64url characters (32 random bytes). */
export const OPEN311_API_KEY_PATTERN = /^o311_[A-Za-z0-9_-]{43}$/;
export const OPEN311_CLIENT_NAME_MAX = 64;

export const OPEN311_ERROR_CODES = ['api_key_invalid', 'api_key_not_found'] as const;
export type Open311ErrorCode = (typeof OPEN311_ERROR_CODES)[number];

/** GET services.json: one per active report category. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

/** GET services/{code}.json: the service definition (no extra attributes here). */
export interface Open311ServiceDefinition {
  service_code: string;
  attributes: unknown[];
}

/** One service request as the spec names its fields; never the reporter's identity. */
export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
}

/** The answer to POST requests.json. */
export interface Open311CreatedRequest {
  service_request_id: string;
  service_notice: string | null;
  account_id: string | null;
}

/** The spec's error body: a list of { code, description }; code is the HTTP status. */
export interface Open311Error {
  code: number;
  description: string;
}

/** Admin: an Open311 client allowed to POST requests; the key itself is shown once, at issue. */
export interface Open311ClientResponse {
  id: number;
  name: string;
  /** The first characters of the key, to tell keys apart. */
  keyPrefix: string;
  active: boolean;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}
export interface IssuedOpen311KeyResponse extends Open311ClientResponse {
  /** The key: shown only in this answer; the server keeps only its hash. */
  apiKey: string;
}
export interface IssueOpen311KeyRequest {
  name: string;
}
