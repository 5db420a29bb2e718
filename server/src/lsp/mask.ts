/** Masks the password of any `scheme://user:password@` in a line meant for a log or a message. */
export function maskUserInfo(line: string): string {
  return line.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^@/\s?#]*):([^@/\s?#]*)@/g, (_m, s: string, u: string) => `${s}${u}:***@`);
}
