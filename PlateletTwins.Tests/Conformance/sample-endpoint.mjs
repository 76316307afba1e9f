// What the sample suites change in Microsoft's samples: the endpoint. The samples' own line
// `new DigitalTwinsClient(url, credential)` stands; this DigitalTwinsClient is the SDK's, given the loopback
// httpClient that lets SDK 1.1.0 (which sends bearer tokens only to https) talk to MockAdt's http address, and no
// retries, so that an error is seen, not retried away. The credential is the samples' own DefaultAzureCredential
// (@azure/identity), which finds MockAdt's managed identity endpoint through IDENTITY_ENDPOINT and IDENTITY_HEADER.
import { DigitalTwinsClient as SdkClient } from "@azure/digital-twins-core";
import { LoopbackHttpClient, httpsUrl } from "./adt-client.mjs";

export class DigitalTwinsClient extends SdkClient {
  constructor(url, credential) {
    super(url.replace(/^http:/, "https:").replace(/\/$/, "") === httpsUrl ? httpsUrl : url, credential, {
      httpClient: new LoopbackHttpClient(),
      retryOptions: { maxRetries: 0 },
    });
  }
}
