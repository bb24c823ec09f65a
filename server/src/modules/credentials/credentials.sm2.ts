import { createHash } from 'node:crypto';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { DocumentLoader } from '@digitalbazaar/vc';
import smCrypto from 'sm-crypto';
import { base58btcDecode, base58btcEncode } from './credentials.multibase.ts';

/**
 * 国密 option: an SM2 signature with SM3 over the same canonical form as eddsa-rdfc-2022 (RDFC-1.0 N-Quads), carried
 * as a second Data Integrity proof with our cryptosuite name `sm2-sm3-rdfc-2025` (no registered SM2 cryptosuite exists).
 *
 *   message   = SM3(canon(proof options)) ‖ SM3(canon(document without proof))
 *   signature = SM2-sign(message) with SM3, Z computed with the GM/T 0009-2012 default ID `1234567812345678`,
 *               proofValue = multibase base58btc of r ‖ s (64 bytes)
 *   key       = Multikey: base58btc of the multicodec sm2-pub header (0x1206, varint 0x86 0x24) + the uncompressed point
 *
 * Signing and verification use `sm-crypto`; node's OpenSSL (3.0) also does SM2 but offers no way to set the
 * distinguishing ID (it signs with an empty one), so the tests cross-check the two with the empty ID.
 */
export const SM2_CRYPTOSUITE = 'sm2-sm3-rdfc-2025';
export const SM2_USER_ID = '1234567812345678';
const SM2_PUB_HEADER = [0x86, 0x24];

const { sm2 } = smCrypto;

export interface Sm2KeyPair {
  publicKeyMultibase: string;
  /** The private scalar, hex (sealed before it is stored). */
  secretHex: string;
}

export function generateSm2Key(): Sm2KeyPair {
  const { publicKey, privateKey } = sm2.generateKeyPairHex();
  return { publicKeyMultibase: sm2PublicKeyMultibase(publicKey), secretHex: privateKey };
}

/** `04‖x‖y` hex → Multikey. */
export function sm2PublicKeyMultibase(publicHex: string): string {
  return base58btcEncode(Uint8Array.from([...SM2_PUB_HEADER, ...Buffer.from(publicHex, 'hex')]));
}

/** Multikey → `04‖x‖y` hex, or null when it is not an uncompressed SM2 public key. */
export function sm2PublicKeyHex(multibase: string): string | null {
  const bytes = base58btcDecode(multibase);
  if (bytes?.length !== 67 || bytes[0] !== SM2_PUB_HEADER[0] || bytes[1] !== SM2_PUB_HEADER[1] || bytes[2] !== 0x04) return null;
  return Buffer.from(bytes.subarray(2)).toString('hex');
}

/** RDFC-1.0 canonical N-Quads, the same function (and options) the eddsa-rdfc-2022 suite uses. */
export async function canonicalNQuads(doc: object, documentLoader: DocumentLoader): Promise<string> {
  return eddsaRdfc2022.canonize(doc, { documentLoader, safe: true, base: null });
}

const sm3 = (text: string) => createHash('sm3').update(text, 'utf8').digest();

/** The bytes an SM2 proof signs: SM3 of the canonical proof options, then SM3 of the canonical document. */
export async function sm2Message(document: Record<string, unknown>, proofOptions: Record<string, unknown>, documentLoader: DocumentLoader): Promise<Buffer> {
  const { proof: _proof, ...unsigned } = document;
  const { proofValue: _value, ...options } = proofOptions;
  const config = { '@context': unsigned['@context'], ...options };
  return Buffer.concat([sm3(await canonicalNQuads(config, documentLoader)), sm3(await canonicalNQuads(unsigned, documentLoader))]);
}

export function sm2Sign(message: Uint8Array, secretHex: string, userId = SM2_USER_ID): string {
  const rs = sm2.doSignature(Array.from(message), secretHex, { hash: true, der: false, userId });
  return base58btcEncode(Buffer.from(rs, 'hex'));
}

export function sm2Verify(message: Uint8Array, proofValue: string, publicHex: string, userId = SM2_USER_ID): boolean {
  const rs = base58btcDecode(proofValue);
  if (rs?.length !== 64) return false;
  try {
    return sm2.doVerifySignature(Array.from(message), Buffer.from(rs).toString('hex'), publicHex, { hash: true, der: false, userId });
  } catch {
    return false;
  }
}
