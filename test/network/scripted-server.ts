import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateCertificates } from '../emulator/tls/certificates';

/** What the scripted server received: the path and whether a token came with it. */
export interface ScriptedRequest {
  readonly path: string;
  readonly bearer: boolean;
}

export interface ScriptedServer {
  /** `https://127.0.0.1:{port}`. */
  readonly url: string;
  readonly caPem: string;
  readonly requests: ScriptedRequest[];
  close(): Promise<void>;
}

/**
 * An HTTPS server (its own CA) that answers as the test scripts it: a stand-in for a hostile or
 * broken host. Every request is recorded with whether it carried an Authorization header.
 */
export async function startScriptedServer(
  answer: (request: IncomingMessage, response: ServerResponse, url: string) => void,
): Promise<ScriptedServer> {
  const certificates = await generateCertificates();
  const requests: ScriptedRequest[] = [];
  let url = '';
  const server = https.createServer(
    { cert: certificates.serverCertPem, key: certificates.serverKeyPem },
    (request, response) => {
      requests.push({
        path: request.url ?? '/',
        bearer: request.headers.authorization !== undefined,
      });
      answer(request, response, url);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    caPem: certificates.caPem,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers JSON. */
export function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
