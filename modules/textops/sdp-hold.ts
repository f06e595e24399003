// is_audio_on_hold's reading of SDP as Kamailio 5.6's parser sees it: an o=
// line and a connection for every stream are required; an audio stream is on
// hold as 2 (sendonly/inactive, on it or the session) or 1 (0.0.0.0).

interface Stream {
  readonly media: string;
  connection: string | undefined;
  direction: boolean;
}

const HOLD_DIRECTIONS = new Set(['sendonly', 'inactive']);

/** The hold type of the first audio stream on hold (1 or 2), 0 when none is, undefined when the text is not SDP. */
export function audioHoldType(sdp: string): number | undefined {
  let sessionConnection: string | undefined;
  let sessionDirection = false;
  let hasOrigin = false;
  const streams: Stream[] = [];
  for (const line of sdp.split(/\r?\n/)) {
    const kind = line.slice(0, 2);
    const value = line.slice(2).trim();
    const stream = streams[streams.length - 1];
    if (kind === 'o=') hasOrigin = true;
    else if (kind === 'm=') streams.push({ media: value.split(/\s+/)[0]!.toLowerCase(), connection: undefined, direction: false });
    else if (kind === 'c=') {
      const address = value.split(/\s+/)[2];
      if (stream) stream.connection = address;
      else sessionConnection = address;
    } else if (kind === 'a=' && HOLD_DIRECTIONS.has(value.toLowerCase())) {
      if (stream) stream.direction = true;
      else sessionDirection = true;
    }
  }
  if (!hasOrigin || streams.some((s) => (s.connection ?? sessionConnection) === undefined)) return undefined;
  for (const s of streams) {
    if (s.media !== 'audio') continue;
    if (s.direction || sessionDirection) return 2;
    if ((s.connection ?? sessionConnection) === '0.0.0.0') return 1;
  }
  return 0;
}
