export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status: 'pending' | 'done';
  response_status: number | null;
  response_body: string | null;
  created_at: number;
}
