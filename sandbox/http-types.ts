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
  /** Close the connection without answering. */
  drop?: boolean;
  /** Send the status line and part of the body, then close the connection. */
  cutAfterHeaders?: boolean;
  /** Send the status line and part of the body, then nothing more. */
  stallAfterHeaders?: boolean;
}
