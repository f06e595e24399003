// The Date header line textops adds (append_time, append_time_to_request):
// `Date: Wed, 02 Dec 2026 16:37:14 GMT`, the time in GMT with English day
// and month names, as Kamailio writes it with strftime in the C locale.

/** The Date line for a moment (now by default), with its line end. */
export function dateLine(at: number = Date.now()): string {
  return `Date: ${new Date(at).toUTCString()}\r\n`;
}
