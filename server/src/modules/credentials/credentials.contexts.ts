import fs from 'node:fs';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import type { DocumentLoader } from '@digitalbazaar/vc';
import didContext from 'did-context';

/**
 * The JSON-LD contexts a credential of ours needs, all from packages or this repository — never the network:
 * VC 2.0 (and 1.1), Data Integrity v1/v2, Multikey, Bitstring Status List, DID v1, and skillcert's own context
 * (`contexts/skillcert-v1.jsonld`, also served at `GET /contexts/skillcert/v1`).
 */
export const SKILLCERT_CONTEXT_PATH = '/contexts/skillcert/v1';
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';

/** Our context document, read once from the file shipped beside this module. */
export const skillcertContext: object = JSON.parse(fs.readFileSync(new URL('./contexts/skillcert-v1.jsonld', import.meta.url), 'utf8')) as object;

/** The URL of our context for a platform origin (e.g. `https://cert.example.cn/contexts/skillcert/v1`). */
export function skillcertContextUrl(origin: string): string {
  return new URL(SKILLCERT_CONTEXT_PATH, origin).toString();
}

/** Every context URL the packages ship, mapped to its document (read once per process; the documents never change). */
let packaged: ReadonlyMap<string, object> | undefined;
export function packagedContexts(): ReadonlyMap<string, object> {
  if (!packaged) {
    const all = new Map<string, object>();
    for (const m of [credentialsContexts, dataIntegrityContexts, multikeyContexts, statusListContexts, didContext.contexts]) {
      for (const [url, doc] of m) all.set(url, doc);
    }
    packaged = all;
  }
  return packaged;
}

/** A document could not be loaded: it is not a context we ship nor a document we were given. Nothing was fetched. */
export class DocumentNotAvailableError extends Error {
  override readonly name = 'DocumentNotAvailableError';
}

/**
 * An offline document loader: the packaged contexts, our context at `contextUrls`, and any extra documents
 * (DID documents, verification methods, status list credentials) by exact URL. Any other URL is refused.
 * The contexts are answered with `tag: 'static'`, so jsonld resolves each once per process and keeps it in its shared
 * cache (without a tag it re-resolves every context of every credential, serialising each to key its per-call cache);
 * the extra documents never are (a DID document changes when its issuer rotates a key).
 */
export function offlineDocumentLoader(opts: { contextUrls: string[]; documents?: (url: string) => object | undefined }): DocumentLoader {
  const known = packagedContexts();
  const ours = new Set(opts.contextUrls);
  return async (url: string) => {
    const context = ours.has(url) ? skillcertContext : known.get(url);
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context, tag: 'static' };
    const document = opts.documents?.(url);
    if (document === undefined) throw new DocumentNotAvailableError(`document not available offline: ${url.slice(0, 200)}`);
    return { contextUrl: null, documentUrl: url, document };
  };
}
