// A DigitalTwinsClient from Microsoft's @azure/digital-twins-core, pointed at MockAdt.
// The 1.1.0 SDK refuses bearer tokens over http, so the client is given https://host:port and an httpClient that
// sends each request to MockAdt's http address instead, and turns MockAdt's http nextLinks back into https ones.
import { DigitalTwinsClient } from "@azure/digital-twins-core";
import { DefaultHttpClient } from "@azure/core-http";

export const httpUrl = process.env.MOCKADT_URL.replace(/\/$/, "");
export const httpsUrl = httpUrl.replace(/^http:/, "https:");

export class LoopbackHttpClient {
  #inner = new DefaultHttpClient();
  requests = [];

  async sendRequest(request) {
    request.url = request.url.replace(httpsUrl, httpUrl);
    this.requests.push({ method: request.method, url: request.url, headers: request.headers.rawHeaders(), body: request.body });
    const response = await this.#inner.sendRequest(request);
    if (typeof response.bodyAsText === "string") {
      response.bodyAsText = response.bodyAsText.replaceAll(httpUrl, httpsUrl);
    }
    return response;
  }
}

export function createClient(token = process.env.MOCKADT_TOKEN) {
  const httpClient = new LoopbackHttpClient();
  const credential = { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3600_000 }) };
  const client = new DigitalTwinsClient(httpsUrl, credential, { httpClient, retryOptions: { maxRetries: 0 } });
  return { client, httpClient };
}

export const unique = (prefix) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
