// HTTP/1.1 over a bare TCP socket: the request's bytes are written as they are (no client cleans the URL, encodes a
// header or refuses a character), and the answer is parsed by hand. What a fuzzer, a broken proxy or an attacker
// sends, and what the mock must still answer.
import { connect } from "node:net";

export interface RawAnswer {
  status: number;
  /** Lower-case names; a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  /** The status line and headers as received, in bytes. */
  headBytes: number;
  body: Buffer;
  /** False when the connection closed before the body's Content-Length was received. */
  complete: boolean;
}

/** Nothing parseable came back: the connection closed (`closed`) or nothing came in time (`timeout`). */
export interface NoAnswer {
  failure: "closed" | "timeout" | "refused";
  received: Buffer;
}

const HEAD_END = Buffer.from("\r\n\r\n");

/** Parses the first final (non-1xx) answer in `data`; undefined while it is incomplete. */
function parseAnswer(data: Buffer, bodyless: boolean, closed: boolean): RawAnswer | undefined {
  let start = 0;
  for (;;) {
    const end = data.indexOf(HEAD_END, start);
    if (end < 0) return undefined;
    const lines = data.subarray(start, end).toString("latin1").split("\r\n");
    const status = Number(/^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(lines[0] ?? "")?.[1] ?? Number.NaN);
    if (Number.isNaN(status)) throw new Error(`not an HTTP status line: ${JSON.stringify(lines[0])}`);
    if (status >= 100 && status < 200) {
      start = end + 4; // an interim answer (100 Continue): the final one follows
      continue;
    }
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      if (colon <= 0) throw new Error(`not a header line: ${JSON.stringify(line)}`);
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    }
    const bodyStart = end + 4;
    const headBytes = bodyStart - start;
    const noBody = bodyless || status === 204 || status === 304;
    const length = noBody ? 0 : headers["content-length"] === undefined ? undefined : Number(headers["content-length"]);
    if (length === undefined) {
      // No length: the body runs to the end of the connection.
      return closed ? { status, headers, headBytes, body: data.subarray(bodyStart), complete: true } : undefined;
    }
    if (data.length - bodyStart >= length) {
      return { status, headers, headBytes, body: data.subarray(bodyStart, bodyStart + length), complete: true };
    }
    return closed ? { status, headers, headBytes, body: data.subarray(bodyStart), complete: false } : undefined;
  }
}

/**
 * Writes `request` to 127.0.0.1:`port` and resolves with the first answer, as soon as it is complete (the socket is
 * then closed: a hostile request may leave bytes the server reads as a second one). `bodyless`: a HEAD request.
 */
export function exchange(
  port: number,
  request: Buffer | string,
  { bodyless = false, timeoutMs = 15_000 } = {},
): Promise<RawAnswer | NoAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let data = Buffer.alloc(0);
    let settled = false;
    const settle = (result: RawAnswer | NoAnswer | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const timer = setTimeout(() => settle({ failure: "timeout", received: data }), timeoutMs);
    const attempt = (closed: boolean) => {
      try {
        const answer = parseAnswer(data, bodyless, closed);
        if (answer) settle(answer);
        else if (closed) settle({ failure: "closed", received: data });
      } catch (error) {
        settle(new Error(`${(error as Error).message} in ${JSON.stringify(data.toString("latin1").slice(0, 300))}`));
      }
    };
    socket.on("data", (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      attempt(false);
    });
    // A reset after the answer is fine (the server closes while bytes of ours are unread); before it, nothing came.
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED") settle({ failure: "refused", received: data });
    });
    socket.on("close", () => attempt(true));
    socket.write(request);
  });
}

export const isAnswer = (result: RawAnswer | NoAnswer): result is RawAnswer => "status" in result;
