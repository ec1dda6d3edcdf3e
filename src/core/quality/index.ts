export { compilePack, expandVariables } from './compile.js';
export type { CompiledPack } from './compile.js';
export { inspectTranscript } from './inspect.js';
export type { InspectOptions } from './inspect.js';
export { renderReport } from './report.js';
export type { Check, Evidence, Lang, QualityResult } from './types.js';
export { validatePack, parsePackText } from '../standard/validate.js';
export { parseTranscript, transcriptSchema } from '../interactions/transcript.js';
export type { Transcript, TranscriptInput } from '../interactions/transcript.js';
