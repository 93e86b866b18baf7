import type { Connection, Stream, WindowSide } from 'spdy-transport';

const BIG_WINDOW = 2 ** 30;
const WINDOW_LIMIT = 2 ** 31 - 1;

/** Makes one send window effectively unlimited, refilling it whenever it runs half empty. */
function unlimit(side: WindowSide): void {
  side.limit = WINDOW_LIMIT;
  side.max = BIG_WINDOW;
  side.current = BIG_WINDOW;
  side.lowWaterMark = BIG_WINDOW / 2;
  side.on('drain', () => side.update(side.getDelta()));
}

/**
 * Adapts a server-side spdy-transport connection to Go's spdystream (kubectl):
 * - SYN_STREAMs carry no `:method`/`:path`, which spdy-transport's parser insists on (it assumes HTTP over SPDY);
 * - spdystream never sends WINDOW_UPDATE, so without this every stream stalls after 64 KiB.
 * Patches this connection's instances only, never the shared prototypes.
 */
export function adaptToGoSpdystream(conn: Connection): void {
  const state = conn._spdyState;
  const parser = state.parser;
  const parseKVs = parser.parseKVs.bind(parser);
  parser.parseKVs = (buffer, callback) =>
    parseKVs(buffer, (err, headers) => {
      if (!err && headers) {
        headers[':method'] ??= 'POST';
        headers[':path'] ??= '/';
      }
      callback(err, headers);
    });
  unlimit(state.window.send);
  unlimit(state.streamWindow.send);
  conn.on('stream', (stream: Stream) => unlimit(stream._spdyState.window.send));
}
