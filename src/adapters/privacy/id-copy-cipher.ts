import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../core/shared/app-error.js';
import type { IdCopyCipher, SealedBytes } from '../../core/visits/id-copy.js';

/** A key's name as stored beside what it sealed: a digest, never the key itself. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/**
 * VS-PRIVACY: ID copies sealed at rest with AES-256-GCM (a fresh 96-bit nonce per copy; the tag
 * refuses changed bytes). The key comes from the configuration (`KEFU_ID_COPY_KEY`, 32 bytes as
 * base64) and never reaches the database; each copy records which key sealed it.
 */
export function aesGcmIdCopyCipher(keyBase64: string): IdCopyCipher {
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 32) throw new Error('KEFU_ID_COPY_KEY must be 32 bytes as base64');
  const keyId = keyIdOf(key);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
      return { keyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
    },
    open(sealed: SealedBytes) {
      if (sealed.keyId !== keyId) throw AppError.conflict('该复印件由另一把密钥加密，当前密钥无法打开 / this copy was sealed with another key');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      try {
        return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]));
      } catch {
        throw AppError.conflict('复印件已损坏或被改动，无法打开 / the stored copy fails its integrity check');
      }
    },
  };
}
