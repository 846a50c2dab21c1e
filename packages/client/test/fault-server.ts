// A loopback fault-injection HTTP server: real sockets on 127.0.0.1, an ephemeral port, one scripted behaviour per
// request (the last one repeats). It records what each request looked like on the wire.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Behaviour = (req: IncomingMessage, res: ServerResponse, index: number) => void;

export interface SeenRequest {
  method: string;
  url: URL;
  /** The raw path and query, exactly as sent. */
  rawUrl: string;
  headers: IncomingHttpHeaders;
}

export interface FaultServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startFaultServer(...behaviours: Behaviour[]): Promise<FaultServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const index = requests.length;
    requests.push({
      method: req.method ?? "",
      url: new URL(req.url ?? "/", "http://127.0.0.1"),
      rawUrl: req.url ?? "",
      headers: req.headers,
    });
    (behaviours[Math.min(index, behaviours.length - 1)] ?? json(200, { checkpoint_items: [] }))(req, res, index);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers JSON. */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Behaviour =>
  (_req, res) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

/** Answers text (an HTML page from a gateway). */
export const text =
  (status: number, body: string, contentType = "text/html"): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
    res.end(body);
  };

/** Never answers. */
export const hang: Behaviour = () => {};

/** Sends the status line, headers and half the body, then stalls. */
export const stallBody: Behaviour = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
  res.write('{"checkpoint_items": [');
};

/** Resets the connection without answering. */
export const reset: Behaviour = (req) => {
  req.socket.resetAndDestroy();
};

/** The seed-like body of n items with ids `${prefix}${start + i}`. */
export const items = (n: number, start = 0, prefix = "item-") => ({
  checkpoint_items: Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${start + i}`,
    checkpoint_id: `cp-${start + i}`,
    name: `backup_${start + i}`,
    status: "available",
    resource_id: "f45c477a-57e5-465f-999f-d845083962db",
    resource_type: "OS::Nova::Server",
    created_at: "2017-04-15T04:20:37.277880",
    updated_at: "2017-04-15T04:25:38.680638",
  })),
});

/** list[index], or a failed test if it is not there. */
export function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`expected an element at index ${index} of ${list.length}`);
  return value;
}
