/**
 * What is said of runs whose writer stopped without closing their journal (a crash, a power cut,
 * a kiosk pulled from the wall): the one sentence the CLI's note and the report both write, so a
 * support engineer handed the report reads what the technician read on the terminal.
 */
export function endedAbnormallyWords(names: readonly string[]): string {
  const one = names.length === 1;
  return `${names.join(', ')} ended abnormally: the app or the machine stopped without closing ${one ? 'its' : 'their'} journal (a crash, a power cut). ${one ? 'Its last entry is' : 'Their last entries are'} the last thing written.`;
}
