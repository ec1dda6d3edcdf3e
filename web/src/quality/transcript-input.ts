export interface InputLineError {
  /** 1-based line of the pasted text or file. */
  line: number;
  message: string;
}

export interface ParsedInput {
  transcripts: unknown[];
  errors: InputLineError[];
}

/**
 * Reads what a user pastes or uploads into the 试检 tool: one Transcript (JSON, possibly
 * pretty-printed over many lines), a JSON array or `{"transcripts": […]}`, or JSON Lines with one
 * transcript per line. A bad JSONL line is reported with its number; the other lines still count.
 */
export function parseTranscriptInput(text: string): ParsedInput {
  const trimmed = text.trim();
  if (trimmed === '') return { transcripts: [], errors: [] };
  try {
    const whole: unknown = JSON.parse(trimmed);
    if (Array.isArray(whole)) return { transcripts: whole, errors: [] };
    if (typeof whole === 'object' && whole !== null && Array.isArray((whole as { transcripts?: unknown }).transcripts)) {
      return { transcripts: (whole as { transcripts: unknown[] }).transcripts, errors: [] };
    }
    return { transcripts: [whole], errors: [] };
  } catch (wholeError) {
    const lines = text.split(/\r?\n/);
    const nonEmpty = lines.filter((line) => line.trim() !== '');
    // One object spread over several lines that does not parse is a broken JSON document, not JSONL.
    if (nonEmpty.length > 0 && !nonEmpty.every((line) => line.trim().startsWith('{'))) {
      return { transcripts: [], errors: [{ line: lineOfJsonError(text, wholeError), message: messageOf(wholeError) }] };
    }
    const transcripts: unknown[] = [];
    const errors: InputLineError[] = [];
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        transcripts.push(JSON.parse(line));
      } catch (error) {
        errors.push({ line: index + 1, message: messageOf(error) });
      }
    });
    return { transcripts, errors };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** V8 says "… at position 123" (and newer versions "(line 4 column 2)"); turn that into a line. */
function lineOfJsonError(text: string, error: unknown): number {
  const message = messageOf(error);
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  if (!position) return 1;
  return text.slice(0, Number(position[1])).split('\n').length;
}
