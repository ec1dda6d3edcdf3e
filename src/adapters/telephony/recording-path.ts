/**
 * A PBX names its recording by the file it writes (MixMonitor's MIXMONITOR_FILENAME, FreeSWITCH's
 * Record-File-Path): a path on the PBX's disk. Kefu keeps it relative to the directory that
 * KEFU_RECORDINGS_URL serves, so the browser loads it from there.
 */

/** Where Asterisk's MixMonitor writes by default (asterisk.conf astspooldir + /monitor). */
export const asteriskMonitorDir = '/var/spool/asterisk/monitor/';
/** Where a packaged FreeSWITCH records by default ($${recordings_dir}). */
export const freeswitchRecordingsDir = '/var/lib/freeswitch/recordings/';

/**
 * The reference to store for a file the PBX names: an http(s) URL as it is, a path inside
 * `recordingsDir` relative to it, a relative name as it is (MixMonitor puts those in its monitor
 * directory). A path elsewhere on the PBX cannot be served from the recordings base: undefined.
 */
export function recordingReferenceOfPath(file: string, recordingsDir: string): string | undefined {
  const name = file.trim();
  if (name === '') return undefined;
  if (/^https?:\/\//i.test(name)) return name;
  const dir = recordingsDir.endsWith('/') ? recordingsDir : `${recordingsDir}/`;
  if (name.startsWith(dir)) return name.slice(dir.length) || undefined;
  if (!name.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(name)) return name;
  return undefined;
}
