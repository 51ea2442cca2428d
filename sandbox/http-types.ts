export interface ApiRequest {
  method: string;
  host: string;
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  /** Raw text instead of JSON. */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Close the connection after acting, without answering. */
  drop?: boolean;
}
