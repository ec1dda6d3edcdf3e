export interface StandardVersionsTable {
  /** 1, 2, 3…: the version results record as `<packId>@<version>`. */
  version: number;
  pack_id: string;
  /** The pack as validated JSON (what the engine compiles). */
  content: string;
  /** The text as the editor submitted it (YAML or JSON), kept for diffs and comments. */
  source: string;
  comment: string | null;
  created_at: number;
  created_by: string | null;
}
